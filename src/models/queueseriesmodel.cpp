#include "queueseriesmodel.h"

#include "modelroles.h"
#include "monitorhub.h"
#include "valueformat.h"

#include <QLocale>

#include <algorithm>

namespace qmp {

QueueSeriesModel::QueueSeriesModel(MonitorHub *hub, QObject *parent) : QAbstractTableModel(parent), m_hub(hub)
{
    connect(hub, &MonitorHub::queueChanged, this, [this](int id) {
        if (id == m_queueId)
            sync();
    });
    connect(hub, &MonitorHub::queueRemoved, this, [this](int id) {
        if (id == m_queueId)
            setQueueId(0);
    });
}

void QueueSeriesModel::setQueueId(int queueId)
{
    if (queueId == m_queueId)
        return;
    beginResetModel();
    m_queueId = queueId;
    m_rows.clear();
    if (const QueueState *queue = m_hub->queue(queueId)) {
        const TimeSeries &series = queue->depthSeries();
        for (int i = 0; i < series.size(); ++i)
            m_rows.append({series.at(i).timeMs, series.at(i).value});
    }
    m_newestMs = m_rows.isEmpty() ? 0 : m_rows.last().timeMs;
    endResetModel();
}

void QueueSeriesModel::sync()
{
    const QueueState *queue = m_hub->queue(m_queueId);
    if (!queue)
        return;
    const TimeSeries &series = queue->depthSeries();
    // The samples newer than the newest row are new; the ring may have dropped old ones for them.
    int firstNew = series.size();
    while (firstNew > 0 && (m_rows.isEmpty() || series.at(firstNew - 1).timeMs > m_newestMs))
        --firstNew;
    const int added = series.size() - firstNew;
    if (added == 0)
        return;
    const int dropped = std::min(int(m_rows.size()), std::max(0, int(m_rows.size()) + added - series.size()));
    if (dropped > 0) {
        beginRemoveRows({}, 0, dropped - 1);
        m_rows.remove(0, dropped);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + added - 1);
    for (int i = firstNew; i < series.size(); ++i)
        m_rows.append({series.at(i).timeMs, series.at(i).value});
    endInsertRows();
    m_newestMs = m_rows.last().timeMs;
    Q_EMIT dataChanged(index(0, Age), index(int(m_rows.size()) - 1, Age)); // every age moved
}

double QueueSeriesModel::maximumDepth() const
{
    double most = 0;
    for (const Row &row : m_rows)
        most = std::max(most, row.depth);
    return most;
}

int QueueSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool age = index.column() == Age;
    const double value = age ? double(row.timeMs - m_newestMs) / 1000.0 : row.depth;
    switch (role) {
    case Qt::DisplayRole:
    case ModelRoles::Value:
        return value;
    case ModelRoles::FormattedValue:
        return age ? tr("%1 s", "seconds before the newest sample").arg(QLocale().toString(value, 'f', 0))
                   : ValueFormat::count(qint64(value));
    case ModelRoles::Unit:
        return int(age ? ValueUnit::None : ValueUnit::Count);
    case ModelRoles::ChartHint:
        return int(age ? ChartHint::Time : ChartHint::Measure);
    default:
        return {};
    }
}

QVariant QueueSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == ModelRoles::Unit)
        return int(section == Age ? ValueUnit::None : ValueUnit::Count);
    if (role != Qt::DisplayRole)
        return {};
    return section == Age ? tr("Seconds ago") : tr("Depth");
}

} // namespace qmp
