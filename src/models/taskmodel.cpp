#include "taskmodel.h"

#include "cbortext.h"
#include "monitorhub.h"
#include "reasontext.h"
#include "statetext.h"
#include "stucktext.h"
#include "valueformat.h"

#include <QDateTime>

namespace qmp {

namespace {
constexpr const char *kContext = "qmp::TaskModel";
QList<HubTableModel::Column> columns()
{
    return {
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "ID"), ValueUnit::None, ChartHint::None},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Batch"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "#"), ValueUnit::None, ChartHint::None,
         QT_TRANSLATE_NOOP("qmp::TaskModel", "Position of the task's first input in its batch, from 1")},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Task / command"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "State"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Worker"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Attempt"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Queued"), ValueUnit::EpochMilliseconds, ChartHint::Time},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Started"), ValueUnit::EpochMilliseconds, ChartHint::Time},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Duration"), ValueUnit::Nanoseconds, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Exit"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::TaskModel", "Message"), ValueUnit::None, ChartHint::None},
    };
}
} // namespace

TaskModel::TaskModel(MonitorHub *hub, QObject *parent)
    : HubTableModel(hub, kContext, columns(), parent)
{
    connect(hub, &MonitorHub::poolChanged, this, [this](int id, const PoolState::Changes &changes) {
        if (id != m_poolId)
            return;
        if (const PoolState *pool = this->hub()->pool(id))
            apply(*pool, changes);
    });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) {
        if (id == m_poolId)
            setPoolId(0);
    });
}

void TaskModel::setPoolId(int poolId)
{
    if (poolId == m_poolId)
        return;
    beginResetModel();
    m_poolId = poolId;
    m_ids.clear();
    if (const PoolState *pool = hub()->pool(poolId))
        m_ids = QList<quint64>(pool->taskOrder().begin(), pool->taskOrder().end());
    reindex(0);
    endResetModel();
}

void TaskModel::reindex(int fromRow)
{
    if (fromRow == 0)
        m_rowOf.clear();
    for (int row = fromRow; row < m_ids.size(); ++row)
        m_rowOf.insert(m_ids.at(row), row);
}

void TaskModel::apply(const PoolState &pool, const PoolState::Changes &changes)
{
    // 1. Forgotten tasks leave (any rows: finished tasks go while older running ones stay), as
    //    contiguous runs from the back so earlier row numbers stay valid.
    if (!changes.removedTasks.isEmpty()) {
        QList<int> rows;
        for (quint64 id : changes.removedTasks) {
            const int row = m_rowOf.value(id, -1);
            if (row >= 0)
                rows.append(row);
        }
        std::sort(rows.begin(), rows.end());
        int lowest = int(m_ids.size());
        for (qsizetype i = rows.size() - 1; i >= 0;) {
            qsizetype j = i;
            while (j > 0 && rows.at(j - 1) == rows.at(j) - 1)
                --j;
            beginRemoveRows({}, rows.at(j), rows.at(i));
            m_ids.remove(rows.at(j), rows.at(i) - rows.at(j) + 1);
            endRemoveRows();
            lowest = rows.at(j);
            i = j - 1;
        }
        for (quint64 id : changes.removedTasks)
            m_rowOf.remove(id);
        reindex(lowest);
    }
    // 2. What is left is a prefix of the pool's order; the rest is new, appended.
    const auto &order = pool.taskOrder();
    if (qsizetype(order.size()) < m_ids.size()
        || (!m_ids.isEmpty() && order[m_ids.size() - 1] != m_ids.last())) {
        // Out of step (should not happen): start again rather than show wrong rows.
        beginResetModel();
        m_ids = QList<quint64>(order.begin(), order.end());
        reindex(0);
        endResetModel();
        return;
    }
    if (qsizetype(order.size()) > m_ids.size()) {
        const int first = int(m_ids.size());
        beginInsertRows({}, first, int(order.size()) - 1);
        for (auto it = order.begin() + first; it != order.end(); ++it)
            m_ids.append(*it);
        reindex(first);
        endInsertRows();
    }
    // 3. Changed rows, and every running row (its duration grows).
    QList<int> rows;
    for (quint64 id : changes.changedTasks) {
        const int row = m_rowOf.value(id, -1);
        if (row >= 0)
            rows.append(row);
    }
    for (int row = 0; row < m_ids.size(); ++row) {
        const TaskState *task = pool.task(m_ids.at(row));
        if (task && task->state == TaskState::State::Running)
            rows.append(row);
    }
    rowsChanged(rows);
    for (quint64 id : changes.changedTasks) {
        if (m_rowOf.contains(id))
            Q_EMIT outputChanged(id);
    }
}

quint64 TaskModel::taskIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int TaskModel::rowOfTask(quint64 taskId) const
{
    return m_rowOf.value(taskId, -1);
}

const TaskState *TaskModel::taskAt(int row) const
{
    const PoolState *pool = hub()->pool(m_poolId);
    return pool && row >= 0 && row < m_ids.size() ? pool->task(m_ids.at(row)) : nullptr;
}

QString TaskModel::outputOf(quint64 taskId) const
{
    const PoolState *pool = hub()->pool(m_poolId);
    const TaskState *task = pool ? pool->task(taskId) : nullptr;
    return task ? task->outputText() : QString();
}

int TaskModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant TaskModel::value(int row, int column) const
{
    const TaskState *task = taskAt(row);
    if (!task)
        return {};
    switch (column) {
    case Id: return task->id;
    case Batch: return task->batchId;
    case Index: return qint64(task->index) + 1;
    case Name: return displayName(*task);
    case State: return int(task->state);
    case Worker: return task->workerPid;
    case Attempt: return task->attempt;
    case Queued: return task->queuedMs;
    case Started: return task->startedMs;
    case Duration:
        if (task->state == TaskState::State::Running && task->startedMs)
            return (QDateTime::currentMSecsSinceEpoch() - task->startedMs) * 1'000'000;
        return task->isDone() ? task->durationNs : qint64(0);
    case ExitCode: return task->exitCode;
    case Message:
        if (task->stuck.isStuck() && !task->isDone())
            return StuckText::describe(task->stuck);
        return ReasonText::describe(task->reason, task->reasonArgs, task->message);
    }
    return {};
}

QString TaskModel::displayName(const TaskState &task)
{
    if (task.isCommand || !task.arguments.isArray())
        return task.name;
    // demo.sleep(150): which of forty sleeps this is.
    QString name = task.name + CborText::arguments(task.arguments, 60);
    if (task.items > 1)
        name += QStringLiteral(" …"); // the first call of a chunk; the tool tip counts them
    return name;
}

QString TaskModel::text(int row, int column, const QVariant &value) const
{
    const TaskState *task = taskAt(row);
    if (!task)
        return QString();
    switch (column) {
    case State:
        if (task->stuck.isStuck() && !task->isDone())
            return tr("stuck", "task");
        return StateText::task(task->state);
    case Worker:
        return task->workerPid ? QString::number(task->workerPid) : QString();
    case Duration:
        if (task->state == TaskState::State::Queued)
            return QString();
        // Ended without starting (cancelled while queued): it has no duration.
        return task->isDone() && !task->startedMs ? ValueFormat::none() : HubTableModel::text(row, column, value);
    case ExitCode:
        // Commands have exit codes (none when it never started); a task that failed by dying has its worker's.
        if (!task->isCommand || !task->isDone())
            return QString();
        return task->startedMs ? QString::number(task->exitCode) : ValueFormat::none();
    case Attempt:
        return task->attempt > 1 ? HubTableModel::text(row, column, value) : QString();
    default:
        return HubTableModel::text(row, column, value);
    }
}

bool TaskModel::rowIsStuck(int row) const
{
    const TaskState *task = taskAt(row);
    return task && task->stuck.isStuck() && !task->isDone();
}

bool TaskModel::rowIsFailed(int row) const
{
    const TaskState *task = taskAt(row);
    return task && task->isFailure();
}

bool TaskModel::rowIsMuted(int row) const
{
    const TaskState *task = taskAt(row);
    return task && task->state == TaskState::State::Cancelled;
}

QString TaskModel::toolTip(int row, int column) const
{
    const TaskState *task = taskAt(row);
    if (!task)
        return QString();
    if (column == Name)
        return task->items > 1 ? tr("%1 (%n call(s) in this chunk)", nullptr, task->items).arg(displayName(*task))
                               : displayName(*task);
    if (column == Message || column == State)
        return value(row, Message).toString();
    return QString();
}

} // namespace qmp
