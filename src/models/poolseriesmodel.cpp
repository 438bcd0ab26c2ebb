#include "poolseriesmodel.h"

#include "modelroles.h"
#include "monitorhub.h"
#include "valueformat.h"

#include <QLocale>

namespace qmp {

namespace {
const TimeSeries &seriesOf(const PoolState &pool, int column)
{
    return pool.series(PoolState::Series(column - 1));
}

ValueUnit unitOf(int column)
{
    switch (column) {
    case PoolSeriesModel::Throughput: return ValueUnit::PerSecond;
    case PoolSeriesModel::QueueDepth:
    case PoolSeriesModel::BusyWorkers: return ValueUnit::Count;
    case PoolSeriesModel::P50Ms:
    case PoolSeriesModel::P95Ms: return ValueUnit::Milliseconds;
    case PoolSeriesModel::CpuPercent: return ValueUnit::Percent;
    default: return ValueUnit::None;
    }
}
} // namespace

PoolSeriesModel::PoolSeriesModel(MonitorHub *hub, QObject *parent) : QAbstractTableModel(parent), m_hub(hub)
{
    connect(hub, &MonitorHub::poolChanged, this, [this](int id, const PoolState::Changes &changes) {
        if (id == m_poolId && changes.series)
            sync();
    });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) {
        if (id == m_poolId)
            setPoolId(0);
    });
}

const PoolState *PoolSeriesModel::pool() const
{
    return m_hub->pool(m_poolId);
}

PoolSeriesModel::Row PoolSeriesModel::rowAt(const PoolState &pool, int seriesIndex) const
{
    Row row;
    row.timeMs = pool.series(PoolState::Series::Throughput).at(seriesIndex).timeMs;
    for (int column = Throughput; column < ColumnCount; ++column)
        row.values[column - 1] = seriesOf(pool, column).at(seriesIndex).value;
    return row;
}

void PoolSeriesModel::setPoolId(int poolId)
{
    if (poolId == m_poolId)
        return;
    beginResetModel();
    m_poolId = poolId;
    m_rows.clear();
    if (const PoolState *state = pool()) {
        const TimeSeries &times = state->series(PoolState::Series::Throughput);
        for (int i = 0; i < times.size(); ++i)
            m_rows.append(rowAt(*state, i));
    }
    m_newestMs = m_rows.isEmpty() ? 0 : m_rows.last().timeMs;
    endResetModel();
}

void PoolSeriesModel::sync()
{
    const PoolState *state = pool();
    if (!state)
        return;
    const TimeSeries &times = state->series(PoolState::Series::Throughput);
    // The samples newer than the newest row are new; the ring may have dropped old ones for them.
    int firstNew = times.size();
    while (firstNew > 0 && (m_rows.isEmpty() || times.at(firstNew - 1).timeMs > m_newestMs))
        --firstNew;
    const int added = times.size() - firstNew;
    if (added == 0)
        return;
    const int dropped = std::min(int(m_rows.size()), std::max(0, int(m_rows.size()) + added - times.size()));
    if (dropped > 0) {
        beginRemoveRows({}, 0, dropped - 1);
        m_rows.remove(0, dropped);
        endRemoveRows();
    }
    // Rows keep their values across the insertion (views and the model tester rely on it); only
    // then does "now" move to the newest sample, and every age changes at once.
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + added - 1);
    for (int i = firstNew; i < times.size(); ++i)
        m_rows.append(rowAt(*state, i));
    endInsertRows();
    m_newestMs = m_rows.last().timeMs;
    Q_EMIT dataChanged(index(0, Age), index(int(m_rows.size()) - 1, Age));
}

double PoolSeriesModel::maximum(int column) const
{
    if (column <= Age || column >= ColumnCount)
        return 0;
    double most = 0;
    for (const Row &row : m_rows)
        most = std::max(most, row.values[column - 1]);
    return most;
}

int PoolSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PoolSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PoolSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const double value = column == Age ? double(row.timeMs - m_newestMs) / 1000.0 : row.values[column - 1];
    switch (role) {
    case Qt::DisplayRole:
    case ModelRoles::Value:
        return value;
    case ModelRoles::FormattedValue:
        return column == Age ? tr("%1 s", "seconds before the newest sample").arg(QLocale().toString(value, 'f', 0))
                             : ValueFormat::format(value, unitOf(column));
    case ModelRoles::Unit:
        return int(unitOf(column));
    case ModelRoles::ChartHint:
        return int(column == Age ? ChartHint::Time : ChartHint::Measure);
    default:
        return {};
    }
}

QVariant PoolSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == ModelRoles::Unit)
        return int(unitOf(section));
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Age: return tr("Seconds ago");
    case Throughput: return tr("Throughput");
    case QueueDepth: return tr("Queue depth");
    case BusyWorkers: return tr("Busy workers");
    case P50Ms: return tr("p50 task time");
    case P95Ms: return tr("p95 task time");
    case CpuPercent: return tr("CPU");
    }
    return {};
}

} // namespace qmp
