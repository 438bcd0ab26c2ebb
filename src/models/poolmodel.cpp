#include "poolmodel.h"

#include "monitorhub.h"
#include "slurmtext.h"
#include "statetext.h"

namespace qmp {

namespace {
constexpr const char *kContext = "qmp::PoolModel";
QList<HubTableModel::Column> columns()
{
    return {
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Pool"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "State"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Workers"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "Live worker processes / the pool's size")},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Busy"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Queued"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "Tasks waiting for a worker")},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Running"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Done"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Failed"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Throughput"), ValueUnit::PerSecond, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "Calls finished per second, over the last tick")},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "p95"), ValueUnit::Nanoseconds, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "95% of recent tasks took at most this long")},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Stuck"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "Tasks the monitor flagged as stuck")},
        {QT_TRANSLATE_NOOP("qmp::PoolModel", "Slurm"), ValueUnit::None, ChartHint::Category,
         QT_TRANSLATE_NOOP("qmp::PoolModel", "A pool on Slurm: its job id and state, as squeue shows them")},
    };
}
} // namespace

PoolModel::PoolModel(MonitorHub *hub, QObject *parent)
    : HubTableModel(hub, kContext, columns(), parent), m_ids(hub->poolIds())
{
    connect(hub, &MonitorHub::poolAdded, this, [this](int id) { insertIdRow(m_ids, id); });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) { removeIdRow(m_ids, id); });
    connect(hub, &MonitorHub::poolChanged, this, [this](int id, const PoolState::Changes &changes) {
        const int row = rowOfPool(id);
        if (row >= 0 && !changes.isEmpty()) // every kind of change moves some counter of the row
            rowsChanged(row, row);
    });
}

int PoolModel::poolIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int PoolModel::rowOfPool(int poolId) const
{
    return int(m_ids.indexOf(poolId));
}

int PoolModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant PoolModel::value(int row, int column) const
{
    const PoolState *pool = hub()->pool(m_ids.at(row));
    if (!pool)
        return {};
    switch (column) {
    case Name: return pool->name();
    case State: return int(pool->lifecycle());
    case Workers: return pool->liveWorkers();
    case Busy: return pool->busyWorkers();
    case Queued: return pool->queuedTasks();
    case Running: return pool->runningTasks();
    case Finished: return pool->finishedTasks();
    case Failed: return pool->failedTasks();
    case Throughput: {
        const TimeSeries &series = pool->series(PoolState::Series::Throughput);
        return series.isEmpty() ? 0.0 : series.last().value;
    }
    case P95: return pool->p95Ns();
    case Stuck: return pool->stuckCount();
    case Slurm: return SlurmText::brief(pool->slurmJob());
    }
    return {};
}

QString PoolModel::text(int row, int column, const QVariant &value) const
{
    const PoolState *pool = hub()->pool(m_ids.at(row));
    if (!pool)
        return QString();
    switch (column) {
    case State:
        return pool->isJoining() ? tr("joining", "pool: a join waits for its workers") : StateText::lifecycle(pool->lifecycle());
    case Workers:
        return tr("%1 / %2", "live workers / pool size").arg(pool->liveWorkers()).arg(pool->processes());
    case P95:
        return pool->p95Ns() > 0 ? HubTableModel::text(row, column, value) : QString();
    default:
        return HubTableModel::text(row, column, value);
    }
}

bool PoolModel::rowIsStuck(int row) const
{
    const PoolState *pool = hub()->pool(m_ids.at(row));
    return pool && pool->stuckCount() > 0;
}

QString PoolModel::toolTip(int row, int column) const
{
    const PoolState *pool = hub()->pool(m_ids.at(row));
    if (pool && column == Name)
        return pool->name(); // the whole name: the list elides long ones
    if (pool && column == Slurm && pool->isOnSlurm())
        return SlurmText::describe(pool->slurmJob());
    if (!pool || column != Stuck || pool->stuckCount() == 0)
        return QString();
    return tr("%n task(s) flagged as stuck: see the workers table", nullptr, pool->stuckCount());
}

} // namespace qmp
