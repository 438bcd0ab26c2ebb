#pragma once
// QueueSeriesModel: one queue's depth series as a table for charts (QVXYModelMapper): one row per
// tick, oldest first (at most MonitorOptions::seriesCapacity); column Age is the sample's time in
// seconds relative to the newest sample (the newest is 0, older ones negative), column Depth the
// items in the queue then. As in PoolSeriesModel, Qt::DisplayRole holds the number (Qt Charts'
// mappers read it) and ModelRoles::FormattedValue the text. A gone queue keeps its last rows.
// GUI thread (the hub's).

#include "qmpmodels_export.h"
#include <QAbstractTableModel>
#include <QList>

namespace qmp {

class MonitorHub;
class QueueState;

class QMP_MODELS_EXPORT QueueSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Age, Depth, ColumnCount };
    Q_ENUM(Column)

    explicit QueueSeriesModel(MonitorHub *hub, QObject *parent = nullptr);

    void setQueueId(int queueId); // 0 or an unknown id: no rows
    int queueId() const { return m_queueId; }
    double maximumDepth() const; // over the rows kept; 0 when empty

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        qint64 timeMs = 0;
        double depth = 0;
    };
    void sync();

    MonitorHub *m_hub;
    int m_queueId = 0;
    QList<Row> m_rows; // a copy: rows change only inside begin/end calls
    qint64 m_newestMs = 0;
};

} // namespace qmp
