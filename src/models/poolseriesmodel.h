#pragma once
// PoolSeriesModel: one pool's time series as a table for charts (QVXYModelMapper): one row per
// tick, oldest first (at most MonitorOptions::seriesCapacity); column Age is the sample's time in
// seconds relative to the newest sample (so the newest is 0 and older ones are negative: a fixed
// x axis from -capacity to 0 scrolls by itself); the other columns are the values of
// PoolState::Series, column 1 + int(series).
// Unlike the table models, Qt::DisplayRole holds the number (a double), because Qt Charts' model
// mappers read DisplayRole; ModelRoles::FormattedValue has the text. GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "poolstate.h"

#include <QAbstractTableModel>

namespace qmp {

class MonitorHub;

class QMP_MODELS_EXPORT PoolSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Age, Throughput, QueueDepth, BusyWorkers, P50Ms, P95Ms, CpuPercent, ColumnCount };
    Q_ENUM(Column)
    static constexpr int columnOf(PoolState::Series series) { return 1 + int(series); }

    explicit PoolSeriesModel(MonitorHub *hub, QObject *parent = nullptr);

    void setPoolId(int poolId); // 0 or an unknown id: no rows
    int poolId() const { return m_poolId; }
    // The largest value of a column over the rows kept (0 when empty): for a chart's y range.
    double maximum(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void sync();
    const PoolState *pool() const;

    // A copy of the samples shown, so rows change only inside begin/end calls, whatever the
    // hub's ring does in between.
    struct Row
    {
        qint64 timeMs = 0;
        double values[ColumnCount - 1] = {};
    };
    Row rowAt(const PoolState &pool, int seriesIndex) const;

    MonitorHub *m_hub;
    int m_poolId = 0;
    QList<Row> m_rows;
    qint64 m_newestMs = 0; // time of the newest row
};

} // namespace qmp
