#include "poolstate.h"

#include "processinfo.h"

#include <algorithm>

namespace qmp {

PoolState::PoolState(int id, QString name, int processes, MonitorOptions options)
    : m_id(id), m_name(std::move(name)), m_processes(processes), m_options(options)
{
    for (TimeSeries &series : m_series)
        series = TimeSeries(std::max(options.seriesCapacity, 1));
}

const TaskState *PoolState::task(quint64 id) const
{
    const auto it = m_tasks.constFind(id);
    return it == m_tasks.cend() ? nullptr : &*it;
}

const WorkerState *PoolState::worker(qint64 pid) const
{
    const auto it = m_workers.constFind(pid);
    return it == m_workers.cend() ? nullptr : &*it;
}

const BatchState *PoolState::batch(quint64 id) const
{
    const auto it = m_batches.constFind(id);
    return it == m_batches.cend() ? nullptr : &*it;
}

QList<BatchState> PoolState::batches() const
{
    return m_batches.values();
}

int PoolState::busyWorkers() const
{
    return int(std::count_if(m_workers.cbegin(), m_workers.cend(), [](const WorkerState &w) { return w.state == WorkerState::State::Busy; }));
}

int PoolState::liveWorkers() const
{
    return int(std::count_if(m_workers.cbegin(), m_workers.cend(), [](const WorkerState &w) { return w.state != WorkerState::State::Exited; }));
}

void PoolState::touch(const TaskState &task)
{
    if (!m_changes.addedTasks.contains(task.id))
        m_changes.changedTasks.insert(task.id);
}

TaskState &PoolState::taskFor(const PoolEvent &event, qint64 wallMs)
{
    auto it = m_tasks.find(event.taskId);
    if (it != m_tasks.end())
        return *it;
    // First sight (normally its TaskQueued; a hub attached late sees a task mid-way).
    TaskState task;
    task.id = event.taskId;
    task.batchId = event.batchId;
    task.index = event.index;
    task.isCommand = event.isCommand;
    task.name = event.task;
    task.items = std::max(event.items, 1);
    task.queuedMs = wallMs;
    m_order.push_back(task.id);
    m_changes.addedTasks.append(task.id);
    BatchState &batch = m_batches[event.batchId];
    if (batch.id == 0) {
        batch.id = event.batchId;
        batch.title = event.task;
        batch.firstQueuedMs = wallMs;
    }
    ++batch.tasks;
    batch.items += task.items;
    ++m_queued;
    m_queuedItems += task.items;
    while (int(m_batches.size()) > std::max(m_options.keptBatches, 1) && m_batches.begin().key() != event.batchId)
        m_batches.erase(m_batches.begin());
    return *m_tasks.insert(task.id, task);
}

WorkerState &PoolState::workerFor(qint64 pid, bool isCommand, qint64 wallMs)
{
    auto it = m_workers.find(pid);
    if (it == m_workers.end()) {
        WorkerState worker;
        worker.pid = pid;
        worker.isCommand = isCommand;
        worker.startedMs = wallMs;
        worker.lastCpuActiveMs = wallMs;
        it = m_workers.insert(pid, worker);
    }
    m_changes.workers = true;
    return *it;
}

void PoolState::apply(const PoolEvent &event, qint64 wallMs)
{
    using Kind = PoolEvent::Kind;
    switch (event.kind) {
    case Kind::TaskQueued: {
        TaskState &task = taskFor(event, wallMs);
        if (task.state != TaskState::State::Queued) { // queued again: a retry of a command
            if (task.state == TaskState::State::Running)
                --m_running;
            task.state = TaskState::State::Queued;
            ++m_queued;
            m_queuedItems += task.items;
            touch(task);
        }
        task.attempt = event.attempt;
        break;
    }
    case Kind::TaskStarted: {
        TaskState &task = taskFor(event, wallMs);
        if (task.isDone()) {
            if (event.attempt <= task.attempt)
                break; // a late duplicate
            reopen(task); // a retry after a failed attempt
        }
        if (task.state == TaskState::State::Queued) {
            --m_queued;
            m_queuedItems -= task.items;
            ++m_running;
        }
        task.state = TaskState::State::Running;
        task.workerPid = event.workerPid;
        task.startedMs = wallMs;
        task.attempt = event.attempt;
        task.stuck = {};
        touch(task);
        WorkerState &worker = workerFor(event.workerPid, event.isCommand, wallMs);
        worker.state = WorkerState::State::Busy;
        worker.taskId = task.id;
        worker.taskName = task.name;
        worker.taskStartedMs = wallMs;
        worker.stuck = {};
        break;
    }
    case Kind::TaskFinished:
    case Kind::TaskFailed: {
        TaskState &task = taskFor(event, wallMs);
        // A failed attempt that is retried ends again later: its TaskStarted reopens it.
        if (!task.isDone())
            taskEnded(task, event, wallMs, event.kind == Kind::TaskFailed);
        break;
    }
    case Kind::TaskOutput: {
        auto it = m_tasks.find(event.taskId);
        if (it == m_tasks.end())
            break;
        it->output += event.message;
        if (it->output.size() > TaskState::outputLimit)
            it->output.remove(0, it->output.size() - TaskState::outputLimit);
        touch(*it);
        break;
    }
    case Kind::WorkerStarted:
        workerFor(event.workerPid, false, wallMs).state = WorkerState::State::Idle;
        break;
    case Kind::WorkerExited: {
        WorkerState &worker = workerFor(event.workerPid, false, wallMs);
        worker.state = WorkerState::State::Exited;
        worker.taskId = 0;
        worker.taskName.clear();
        worker.exitedMs = wallMs;
        worker.exitCode = event.exitCode;
        worker.exitDescription = event.message.isEmpty() ? describeExit(event.exitCode) : event.message;
        worker.cpuPercent = 0;
        worker.stuck = {};
        forgetOldWorkers();
        break;
    }
    case Kind::Paused:
        setLifecycle(Lifecycle::Paused);
        break;
    case Kind::Resumed:
        if (m_lifecycle == Lifecycle::Paused)
            setLifecycle(Lifecycle::Running);
        break;
    }
    m_changes.summary = true;
}

void PoolState::taskEnded(TaskState &task, const PoolEvent &event, qint64 wallMs, bool failed)
{
    if (task.state == TaskState::State::Queued) {
        --m_queued;
        m_queuedItems -= task.items;
    } else {
        --m_running;
    }
    if (task.stuck.isStuck())
        --m_stuck;
    task.state = failed ? TaskState::State::Failed : TaskState::State::Finished;
    task.endedMs = wallMs;
    task.durationNs = event.durationNs;
    task.exitCode = event.exitCode;
    task.message = event.message;
    task.attempt = event.attempt;
    task.stuck = {};
    if (event.workerPid)
        task.workerPid = event.workerPid;
    touch(task);
    (failed ? m_failed : m_finished) += 1;
    m_itemsDone += task.items;
    ++m_doneInMemory;
    if (!failed)
        m_durations.add(event.durationNs / std::max(task.items, 1));
    if (m_batches.contains(task.batchId)) {
        BatchState &batch = m_batches[task.batchId];
        (failed ? batch.failed : batch.finished) += 1;
        batch.itemsDone += task.items;
        batch.lastEndedMs = wallMs;
        if (batch.isDone() && !m_changes.finishedBatches.contains(batch.id))
            m_changes.finishedBatches.append(batch.id);
    }
    m_changes.ended.append(task);
    auto worker = m_workers.find(task.workerPid);
    if (worker != m_workers.end() && worker->taskId == task.id) {
        (failed ? worker->tasksFailed : worker->tasksDone) += 1;
        worker->taskId = 0;
        worker->taskName.clear();
        worker->stuck = {};
        if (worker->isCommand) {
            m_workers.erase(worker); // a command's process ends with its task
        } else if (worker->state == WorkerState::State::Busy) {
            worker->state = WorkerState::State::Idle;
        }
        m_changes.workers = true;
    }
    forgetOldTasks();
}

void PoolState::reopen(TaskState &task)
{
    const bool finished = task.state == TaskState::State::Finished;
    (finished ? m_finished : m_failed) -= 1;
    m_itemsDone -= task.items;
    --m_doneInMemory;
    if (m_batches.contains(task.batchId)) {
        BatchState &batch = m_batches[task.batchId];
        (finished ? batch.finished : batch.failed) -= 1;
        batch.itemsDone -= task.items;
    }
    task.state = TaskState::State::Queued;
    task.message.clear();
    task.exitCode = 0;
    ++m_queued;
    m_queuedItems += task.items;
}

void PoolState::forgetOldTasks()
{
    const int keep = std::max(m_options.keptFinishedTasks, 0);
    if (m_doneInMemory <= keep)
        return;
    // Oldest first; unfinished tasks stay however old they are.
    for (auto it = m_order.begin(); it != m_order.end() && m_doneInMemory > keep;) {
        const auto task = m_tasks.find(*it);
        if (task == m_tasks.end() || task->isDone()) {
            if (task != m_tasks.end()) {
                m_changes.changedTasks.remove(*it);
                if (!m_changes.addedTasks.removeOne(*it))
                    m_changes.removedTasks.append(*it); // models have its row
                m_tasks.erase(task);
                --m_doneInMemory;
            }
            it = m_order.erase(it);
        } else {
            ++it;
        }
    }
}

void PoolState::forgetOldWorkers()
{
    QList<qint64> exited;
    for (const WorkerState &worker : std::as_const(m_workers)) {
        if (worker.state == WorkerState::State::Exited)
            exited.append(worker.pid);
    }
    if (exited.size() <= m_options.keptExitedWorkers)
        return;
    std::sort(exited.begin(), exited.end(), [this](qint64 a, qint64 b) { return m_workers[a].exitedMs < m_workers[b].exitedMs; });
    for (qsizetype i = 0; i < exited.size() - m_options.keptExitedWorkers; ++i)
        m_workers.remove(exited.at(i));
}

void PoolState::applySample(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes, qint64 nowMs)
{
    auto it = m_workers.find(pid);
    if (it == m_workers.end() || it->state == WorkerState::State::Exited)
        return;
    it->cpuPercent = cpuPercent;
    it->rssBytes = rssBytes;
    it->threads = threads;
    it->processes = processes;
    if (cpuPercent >= 0.5)
        it->lastCpuActiveMs = nowMs;
    m_changes.workers = true;
}

void PoolState::setStuck(TaskState &task, const StuckReason &reason)
{
    if (task.stuck.isStuck() != reason.isStuck())
        m_stuck += reason.isStuck() ? 1 : -1;
    if (reason.isStuck() && task.stuck.kind != reason.kind)
        m_changes.newlyStuck.append(task.id);
    if (task.stuck.kind != reason.kind || reason.isStuck()) {
        task.stuck = reason;
        touch(task);
    }
    auto worker = m_workers.find(task.workerPid);
    if (worker != m_workers.end() && worker->taskId == task.id) {
        worker->stuck = reason;
        m_changes.workers = true;
    }
}

void PoolState::tick(qint64 nowMs)
{
    const double seconds = m_lastTickMs > 0 ? double(nowMs - m_lastTickMs) / 1000.0 : 0;
    const double throughput = seconds > 0 ? double(m_itemsDone - m_itemsAtLastTick) / seconds : 0;
    m_itemsAtLastTick = m_itemsDone;
    m_lastTickMs = nowMs;
    double cpu = 0;
    for (const WorkerState &worker : std::as_const(m_workers))
        cpu += std::max(worker.cpuPercent, 0.0);
    const double values[int(Series::Count)] = {throughput,
                                               double(m_queuedItems),
                                               double(busyWorkers()),
                                               double(p50Ns()) / 1e6,
                                               double(p95Ns()) / 1e6,
                                               cpu};
    for (int i = 0; i < int(Series::Count); ++i)
        m_series[i].append(nowMs, values[i]);
    m_changes.series = true;
    m_changes.summary = true;

    // Stuck work.
    const qint64 p95Ms = p95Ns() / 1000000;
    const bool haveP95 = m_durations.size() >= 20;
    for (quint64 id : m_order) {
        auto task = m_tasks.find(id);
        if (task == m_tasks.end() || task->state != TaskState::State::Running)
            continue;
        const qint64 runningMs = nowMs - task->startedMs;
        StuckReason reason;
        reason.runningMs = runningMs;
        const WorkerState *worker = this->worker(task->workerPid);
        if (m_options.stuckAfterMs > 0 && runningMs > m_options.stuckAfterMs) {
            reason.kind = StuckReason::Kind::PastLimit;
            reason.limitMs = m_options.stuckAfterMs;
        } else if (haveP95 && runningMs > std::max<qint64>(m_options.minStuckMs, qint64(m_options.stuckP95Factor * double(p95Ms)))) {
            reason.kind = StuckReason::Kind::FarBeyondP95;
            reason.limitMs = p95Ms;
            reason.factor = m_options.stuckP95Factor;
        } else if (worker && m_options.noCpuStuckMs > 0 && worker->cpuPercent >= 0) {
            const qint64 idleMs = nowMs - std::max(worker->lastCpuActiveMs, worker->taskStartedMs);
            if (idleMs > m_options.noCpuStuckMs) {
                reason.kind = StuckReason::Kind::NoCpu;
                reason.idleMs = idleMs;
            }
        }
        setStuck(*task, reason.isStuck() ? reason : StuckReason{});
    }
}

void PoolState::setLifecycle(Lifecycle lifecycle)
{
    if (m_lifecycle == lifecycle || m_lifecycle == Lifecycle::Gone)
        return;
    // Closed / terminated are final; pausing a closed pool does not reopen it.
    if ((m_lifecycle == Lifecycle::Terminated || m_lifecycle == Lifecycle::Closed)
        && (lifecycle == Lifecycle::Paused || lifecycle == Lifecycle::Running))
        return;
    m_lifecycle = lifecycle;
    m_changes.summary = true;
}

void PoolState::setBatchTitle(quint64 batchId, const QString &title)
{
    BatchState &batch = m_batches[batchId];
    batch.id = batchId;
    batch.title = title;
    m_changes.summary = true;
}

PoolState::Changes PoolState::takeChanges()
{
    return std::exchange(m_changes, {});
}

} // namespace qmp
