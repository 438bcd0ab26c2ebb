#include "queuemodel.h"

#include "monitorhub.h"

#include <algorithm>

namespace qmp {

namespace {
constexpr const char *kContext = "qmp::QueueModel";
QList<HubTableModel::Column> columns()
{
    return {
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Queue"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Kind"), ValueUnit::None, ChartHint::Category,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "The order get() takes items in; joinable queues count unfinished tasks")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Depth"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "Items in the queue now (exact, read on every tick)")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Max size"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "put() waits while the queue holds this many items; 0: unbounded")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Fill"), ValueUnit::Percent, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "Depth as a share of the max size (bounded queues)")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Unfinished"), ValueUnit::Count, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "Joinable queues: items put and not yet marked done (taskDone)")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Puts"), ValueUnit::PerSecond, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "Items put per second, over the last tick")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "Gets"), ValueUnit::PerSecond, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::QueueModel", "Items taken per second, over the last tick")},
        {QT_TRANSLATE_NOOP("qmp::QueueModel", "State"), ValueUnit::None, ChartHint::Category},
    };
}
} // namespace

QueueModel::QueueModel(MonitorHub *hub, QObject *parent)
    : HubTableModel(hub, kContext, columns(), parent), m_ids(hub->queueIds())
{
    connect(hub, &MonitorHub::queueAdded, this, [this](int id) { insertIdRow(m_ids, id); });
    connect(hub, &MonitorHub::queueRemoved, this, [this](int id) { removeIdRow(m_ids, id); });
    connect(hub, &MonitorHub::queueChanged, this, [this](int id) {
        const int row = rowOfQueue(id);
        if (row >= 0)
            rowsChanged(row, row);
    });
}

int QueueModel::queueIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int QueueModel::rowOfQueue(int queueId) const
{
    return int(m_ids.indexOf(queueId));
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QString QueueModel::kindText(QueueState::Order order, bool joinable)
{
    QString text;
    switch (order) {
    case QueueState::Order::Fifo: text = tr("FIFO", "queue order: first in, first out"); break;
    case QueueState::Order::Lifo: text = tr("LIFO", "queue order: last in, first out"); break;
    case QueueState::Order::Priority: text = tr("priority", "queue order: lowest priority first"); break;
    }
    return joinable ? tr("%1, joinable", "queue kind: order, and it counts unfinished tasks").arg(text) : text;
}

QString QueueModel::lifecycleText(QueueState::Lifecycle lifecycle)
{
    switch (lifecycle) {
    case QueueState::Lifecycle::Open: return tr("open", "queue");
    case QueueState::Lifecycle::Closed: return tr("closed", "queue: the program closed its handle");
    case QueueState::Lifecycle::Gone: return tr("gone", "queue: no process holds it any more");
    }
    return QString();
}

QVariant QueueModel::value(int row, int column) const
{
    const QueueState *queue = hub()->queue(m_ids.at(row));
    if (!queue)
        return {};
    switch (column) {
    case Name: return queue->name();
    case Kind: return int(queue->order());
    case Depth: return queue->hasReading() ? QVariant(queue->depth()) : QVariant();
    case Maxsize: return queue->maxsize();
    case Fill:
        return queue->hasReading() && queue->fillPercent() >= 0 ? QVariant(queue->fillPercent()) : QVariant();
    case Unfinished: return queue->isJoinable() && queue->hasReading() ? QVariant(queue->unfinished()) : QVariant();
    case PutRate: return queue->putRate() >= 0 ? QVariant(queue->putRate()) : QVariant();
    case GetRate: return queue->getRate() >= 0 ? QVariant(queue->getRate()) : QVariant();
    case State: return int(queue->lifecycle());
    }
    return {};
}

QString QueueModel::text(int row, int column, const QVariant &value) const
{
    const QueueState *queue = hub()->queue(m_ids.at(row));
    if (!queue)
        return QString();
    switch (column) {
    case Kind:
        return kindText(queue->order(), queue->isJoinable());
    case Maxsize:
        return queue->maxsize() > 0 ? HubTableModel::text(row, column, value) : tr("unbounded", "queue max size");
    case State:
        return lifecycleText(queue->lifecycle());
    default:
        return value.isValid() ? HubTableModel::text(row, column, value) : QString();
    }
}

bool QueueModel::rowIsFailed(int row) const
{
    // A bounded queue at its max size: its putters are waiting.
    const QueueState *queue = hub()->queue(m_ids.at(row));
    return queue && queue->lifecycle() != QueueState::Lifecycle::Gone && queue->maxsize() > 0
        && queue->hasReading() && queue->depth() >= queue->maxsize();
}

QString QueueModel::toolTip(int row, int column) const
{
    const QueueState *queue = hub()->queue(m_ids.at(row));
    if (!queue)
        return QString();
    if (column == Name)
        return queue->name() + QLatin1Char('\n') + tr("IPC key: %1").arg(queue->key());
    if (rowIsFailed(row))
        return tr("Full: put() waits until an item is taken");
    return QString();
}

} // namespace qmp
