#pragma once
// QueueModel: every queue the hub knows, one row each in the hub's order (oldest first), with its
// kind, depth, maxsize, fill, unfinished tasks (joinable queues), put / get rates and state. Rows
// come and go with MonitorHub::queueAdded / queueRemoved; a row changes at most once per
// coalescing tick (queueChanged). Cells that do not apply (the fill of an unbounded queue, the
// unfinished tasks of a queue that is not joinable, a rate not measured yet) have no Value and
// show nothing. The hub is not owned and must outlive the model. GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "hubtablemodel.h"
#include "queuestate.h"

namespace qmp {

class QMP_MODELS_EXPORT QueueModel : public HubTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Kind, Depth, Maxsize, Fill, Unfinished, PutRate, GetRate, State, ColumnCount };
    Q_ENUM(Column)

    explicit QueueModel(MonitorHub *hub, QObject *parent = nullptr);

    int queueIdAt(int row) const;      // 0 when out of range
    int rowOfQueue(int queueId) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = {}) const override;

    // "FIFO", "LIFO", "priority", with ", joinable" for a JoinableQueue; translated.
    static QString kindText(QueueState::Order order, bool joinable);
    // "open", "closed", "gone"; translated.
    static QString lifecycleText(QueueState::Lifecycle lifecycle);

protected:
    QVariant value(int row, int column) const override;
    QString text(int row, int column, const QVariant &value) const override;
    qint64 rowId(int row) const override { return queueIdAt(row); }
    bool rowIsFailed(int row) const override;
    QString toolTip(int row, int column) const override;

private:
    QList<int> m_ids;
};

} // namespace qmp
