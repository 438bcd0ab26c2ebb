#include "workermodel.h"

#include "monitorhub.h"
#include "reasontext.h"
#include "statetext.h"
#include "stucktext.h"
#include "valueformat.h"

#include <QDateTime>

namespace qmp {

namespace {
constexpr const char *kContext = "qmp::WorkerModel";
QList<HubTableModel::Column> columns()
{
    return {
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "PID"), ValueUnit::None, ChartHint::None},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "State"), ValueUnit::None, ChartHint::Category},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Current task"), ValueUnit::None, ChartHint::None},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "CPU"), ValueUnit::Percent, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::WorkerModel", "CPU of the worker and its child processes, in % of one core")},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Memory"), ValueUnit::Bytes, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::WorkerModel", "Resident memory of the worker and its child processes")},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Threads"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Task time"), ValueUnit::Nanoseconds, ChartHint::Measure,
         QT_TRANSLATE_NOOP("qmp::WorkerModel", "How long the current task has been running")},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Uptime"), ValueUnit::Nanoseconds, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Done"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Failed"), ValueUnit::Count, ChartHint::Measure},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Stuck"), ValueUnit::None, ChartHint::None},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Node"), ValueUnit::None, ChartHint::Category,
         QT_TRANSLATE_NOOP("qmp::WorkerModel", "The Slurm node the worker runs on")},
        {QT_TRANSLATE_NOOP("qmp::WorkerModel", "Slurm step"), ValueUnit::None, ChartHint::None,
         QT_TRANSLATE_NOOP("qmp::WorkerModel", "The worker's Slurm step (job.step): Terminate worker cancels it")},
    };
}
} // namespace

WorkerModel::WorkerModel(MonitorHub *hub, QObject *parent)
    : HubTableModel(hub, kContext, columns(), parent)
{
    connect(hub, &MonitorHub::poolChanged, this, [this](int id, const PoolState::Changes &changes) {
        // Every change can move a runtime column; workers: rows may come and go.
        Q_UNUSED(changes);
        if (id == m_poolId)
            sync();
    });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) {
        if (id == m_poolId)
            setPoolId(0);
    });
}

void WorkerModel::setPoolId(int poolId)
{
    if (poolId == m_poolId)
        return;
    beginResetModel();
    m_poolId = poolId;
    m_pids.clear();
    if (const PoolState *pool = hub()->pool(poolId))
        m_pids = pool->workers().keys();
    endResetModel();
}

void WorkerModel::sync()
{
    const PoolState *pool = hub()->pool(m_poolId);
    const QList<qint64> now = pool ? pool->workers().keys() : QList<qint64>();
    // Both lists are sorted: remove the rows whose pid left (from the back, so rows stay valid) ...
    for (int row = int(m_pids.size()) - 1; row >= 0; --row) {
        if (!std::binary_search(now.begin(), now.end(), m_pids.at(row))) {
            beginRemoveRows({}, row, row);
            m_pids.removeAt(row);
            endRemoveRows();
        }
    }
    // ... then insert the new pids at their sorted places.
    for (qint64 pid : now) {
        const auto at = std::lower_bound(m_pids.begin(), m_pids.end(), pid);
        if (at != m_pids.end() && *at == pid)
            continue;
        const int row = int(at - m_pids.begin());
        beginInsertRows({}, row, row);
        m_pids.insert(row, pid);
        endInsertRows();
    }
    rowsChanged(0, int(m_pids.size()) - 1);
}

qint64 WorkerModel::pidAt(int row) const
{
    return row >= 0 && row < m_pids.size() ? m_pids.at(row) : 0;
}

int WorkerModel::rowOfPid(qint64 pid) const
{
    const auto at = std::lower_bound(m_pids.begin(), m_pids.end(), pid);
    return at != m_pids.end() && *at == pid ? int(at - m_pids.begin()) : -1;
}

const WorkerState *WorkerModel::workerAt(int row) const
{
    const PoolState *pool = hub()->pool(m_poolId);
    return pool && row >= 0 && row < m_pids.size() ? pool->worker(m_pids.at(row)) : nullptr;
}

int WorkerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pids.size());
}

QVariant WorkerModel::value(int row, int column) const
{
    const WorkerState *worker = workerAt(row);
    if (!worker)
        return {};
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool running = worker->state == WorkerState::State::Busy;
    const qint64 endMs = worker->state == WorkerState::State::Exited && worker->exitedMs ? worker->exitedMs : nowMs;
    switch (column) {
    case Pid: return worker->pid;
    case State: return int(worker->state);
    case Task: return running ? worker->taskName : QString();
    case Cpu: return worker->cpuPercent;
    case Rss: return worker->rssBytes;
    case Threads: return worker->threads;
    case TaskRuntime: return running && worker->taskStartedMs ? (nowMs - worker->taskStartedMs) * 1'000'000 : qint64(0);
    case Uptime: return worker->startedMs ? (endMs - worker->startedMs) * 1'000'000 : qint64(0);
    case TasksDone: return worker->tasksDone;
    case TasksFailed: return worker->tasksFailed;
    case Stuck: return worker->stuck.isStuck() ? StuckText::describe(worker->stuck) : QString();
    case Node: return worker->host;
    case SlurmStep: return worker->slurmStep;
    }
    return {};
}

QString WorkerModel::text(int row, int column, const QVariant &value) const
{
    const WorkerState *worker = workerAt(row);
    if (!worker)
        return QString();
    const bool sampled = worker->cpuPercent >= 0 && worker->state != WorkerState::State::Exited;
    switch (column) {
    case State:
        if (worker->state == WorkerState::State::Exited) {
            if (worker->exitReason != PoolEvent::Reason::None) // its end was never seen
                return tr("lost (%1)", "worker whose program or pool went away")
                    .arg(worker->exitReason == PoolEvent::Reason::ProgramExited ? tr("the program exited")
                                                                                 : tr("the pool was destroyed"));
            return tr("exited (%1)", "worker; the reason, e.g. killed by signal 9").arg(ReasonText::exit(worker->exitCode));
        }
        return worker->isCommand ? tr("%1 (command)", "worker state of a command's process")
                                       .arg(StateText::worker(worker->state))
                                 : StateText::worker(worker->state);
    case Cpu:
    case Rss:
    case Threads:
        if (sampled)
            return HubTableModel::text(row, column, value);
        return isElsewhere(*worker) ? QString(QChar(0x2014)) : QString(); // the tool tip says why

    case TaskRuntime:
        return worker->state == WorkerState::State::Busy ? HubTableModel::text(row, column, value) : QString();
    default:
        return HubTableModel::text(row, column, value);
    }
}

bool WorkerModel::rowIsStuck(int row) const
{
    const WorkerState *worker = workerAt(row);
    return worker && worker->stuck.isStuck() && worker->state == WorkerState::State::Busy;
}

bool WorkerModel::rowIsFailed(int row) const
{
    const WorkerState *worker = workerAt(row);
    return worker && worker->state == WorkerState::State::Exited && worker->exitCode != 0
        && worker->exitReason == PoolEvent::Reason::None;
}

bool WorkerModel::rowIsMuted(int row) const
{
    const WorkerState *worker = workerAt(row);
    return worker && worker->state == WorkerState::State::Exited && !rowIsFailed(row);
}

QString WorkerModel::toolTip(int row, int column) const
{
    const WorkerState *worker = workerAt(row);
    if (!worker)
        return QString();
    if (rowIsStuck(row))
        return tr("Stuck: %1").arg(StuckText::describe(worker->stuck));
    if (column == Task)
        return worker->taskName;
    if ((column == Cpu || column == Rss || column == Threads) && isElsewhere(*worker))
        return tr("This worker runs on %1: CPU, memory and threads are measured only for processes on this machine")
            .arg(worker->host);
    if (column == Threads && worker->processes > 1)
        return tr("%n process(es) in this worker's tree", nullptr, worker->processes);
    return QString();
}

bool WorkerModel::isElsewhere(const WorkerState &worker)
{
    return !worker.host.isEmpty() && worker.state != WorkerState::State::Exited;
}

} // namespace qmp
