#pragma once
// HubTableModel: what the hub's table models (pools, workers, tasks) share — columns described
// once (header, unit, chart hint) and every role of modelroles.h answered from one raw value per
// cell. A subclass gives rowCount(), the raw value of a cell, the row's id and stuck flag; the
// base formats (ValueFormat), aligns numbers right, highlights stuck rows and translates headers.
// GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "modelroles.h"

#include <QAbstractTableModel>
#include <QList>

namespace qmp {

class MonitorHub;

class QMP_MODELS_EXPORT HubTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column
    {
        const char *header; // untranslated; translated in the subclass's context (QT_TRANSLATE_NOOP)
        ValueUnit unit;
        qmp::ChartHint hint;
        const char *toolTip = nullptr; // header tool tip, same context
    };

    MonitorHub *hub() const { return m_hub; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    // context: the subclass's translation context ("qmp::PoolModel"); columns must outlive the model.
    HubTableModel(MonitorHub *hub, const char *context, QList<Column> columns, QObject *parent);

    // The raw value of a cell (ModelRoles::Value); row and column are valid.
    virtual QVariant value(int row, int column) const = 0;
    // The formatted text; defaults to ValueFormat::format(value, the column's unit).
    virtual QString text(int row, int column, const QVariant &value) const;
    virtual qint64 rowId(int row) const = 0;
    virtual bool rowIsStuck(int row) const { Q_UNUSED(row); return false; }
    // Rows that ended badly (a failed task, a worker that died) get a warning colour.
    virtual bool rowIsFailed(int row) const { Q_UNUSED(row); return false; }
    // Rows that ended without failing and without a result (a cancelled task) are greyed.
    virtual bool rowIsMuted(int row) const { Q_UNUSED(row); return false; }
    virtual QString toolTip(int row, int column) const;

    // Row bookkeeping for models whose rows are hub ids in ascending order (pools, queues):
    // id becomes a row at its place (nothing when listed already) / its row goes (nothing when
    // not listed), with the model's insert / remove signals.
    void insertIdRow(QList<int> &ids, int id);
    void removeIdRow(QList<int> &ids, int id);

    // dataChanged for rows [first, last], every column.
    void rowsChanged(int first, int last);
    // dataChanged for the given rows (any order), grouped into contiguous runs.
    void rowsChanged(QList<int> rows);

private:
    MonitorHub *m_hub;
    const char *m_context;
    QList<Column> m_columns;
};

} // namespace qmp
