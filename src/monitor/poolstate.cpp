#include "poolstate.h"

#include "commandresult.h"
#include "processinfo.h"
#include "remotecommand.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace qmp {

namespace {
constexpr int kLooseTitleNames = 3; // the loose batch's title names this many tasks, then "…"

// Whether event is of a command a worker runs for its pool (RemoteCommand, the task
// `qmp run --slurm` and the studio's Slurm batches send their commands as): such a task is shown
// as the command it runs, as a command the pool runs itself is.
bool isRemoteCommand(const PoolEvent &event)
{
    return !event.isCommand && event.task == QLatin1String(RemoteCommand::taskName);
}

// A remote command's call as a command's TaskQueued arguments: [program, [arguments], working
// directory, timeout ms, retries]; invalid when the call is no command.
QCborValue commandArgumentsOf(const QCborValue &call)
{
    const std::optional<RemoteCommand::Call> decoded = RemoteCommand::decode(call);
    if (!decoded)
        return {};
    return QCborArray{decoded->command.program, QCborArray::fromStringList(decoded->command.arguments),
                      decoded->command.workingDirectory, qint64(decoded->timeout.count()), 0};
}

// The name a task is shown by: a remote command's line when its call is known.
QString taskNameOf(const PoolEvent &event)
{
    if (isRemoteCommand(event)) {
        if (const std::optional<RemoteCommand::Call> call = RemoteCommand::decode(event.arguments))
            return call->command.displayLine();
    }
    return event.task;
}
} // namespace

PoolState::PoolState(int id, QString name, int processes, MonitorOptions options)
    : m_id(id), m_name(std::move(name)), m_processes(processes), m_options(options),
      m_noCpuStuckMs(options.noCpuStuckMs)
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
    return int(std::count_if(m_workers.cbegin(), m_workers.cend(), [](const WorkerState &w) {
        return w.state == WorkerState::State::Busy;
    }));
}

int PoolState::liveWorkers() const
{
    return int(std::count_if(m_workers.cbegin(), m_workers.cend(), [](const WorkerState &w) {
        return !w.isCommand && w.state != WorkerState::State::Exited;
    }));
}

int PoolState::runningCommands() const
{
    return int(std::count_if(m_workers.cbegin(), m_workers.cend(), [](const WorkerState &w) {
        return w.isCommand && w.state != WorkerState::State::Exited;
    }));
}

bool PoolState::isOver() const
{
    if (m_lifecycle == Lifecycle::Gone)
        return true;
    if (m_lifecycle != Lifecycle::Closed && m_lifecycle != Lifecycle::Terminated)
        return false;
    return m_queued == 0 && m_running == 0
        && std::none_of(m_workers.cbegin(), m_workers.cend(),
                        [](const WorkerState &w) { return w.state != WorkerState::State::Exited; });
}

void PoolState::touch(const TaskState &task)
{
    if (!m_changes.addedTasks.contains(task.id))
        m_changes.changedTasks.insert(task.id);
}

BatchState &PoolState::newBatch(quint64 engineId, bool loose)
{
    const quint64 id = m_newBatchId ? m_newBatchId() : m_nextBatchId++;
    BatchState &batch = m_batches[id];
    batch.id = id;
    batch.engineId = loose ? 0 : engineId;
    batch.loose = loose;
    if (loose)
        m_looseBatch = id;
    else
        m_batchOfSubmission.insert(engineId, id);
    // Not "added" yet: a batch is announced with its first task (taskFor), so one titled before
    // its tasks came, or whose tasks never come, is never shown or recorded empty.
    m_changes.summary = true;
    // Keep the newest keptBatches (the open loose one always).
    while (int(m_batches.size()) > std::max(m_options.keptBatches, 1)) {
        auto oldest = m_batches.begin();
        if (oldest.key() == m_looseBatch || oldest.key() == id)
            oldest = std::next(oldest);
        if (oldest == m_batches.end() || oldest.key() == id)
            break;
        m_batchOfSubmission.remove(oldest->engineId);
        m_batches.erase(oldest);
    }
    return m_batches[id];
}

BatchState &PoolState::batchFor(const PoolEvent &event, const QString &name, qint64 wallMs)
{
    const quint64 known = m_batchOfSubmission.value(event.batchId);
    BatchState *batch = nullptr;
    if (known != 0 && m_batches.contains(known)) {
        batch = &m_batches[known];
    } else if (event.single) {
        if (m_looseBatch == 0 || !m_batches.contains(m_looseBatch) || m_batches[m_looseBatch].closed)
            newBatch(0, true);
        batch = &m_batches[m_looseBatch];
        // Its title names the tasks it gathers.
        const QStringList names = batch->title.isEmpty() ? QStringList() : batch->title.split(QStringLiteral(", "));
        if (!names.contains(name) && !batch->title.endsWith(QChar(0x2026))) {
            batch->title = names.size() >= kLooseTitleNames ? batch->title + QStringLiteral(", …")
                                                            : (names + QStringList{name}).join(QStringLiteral(", "));
        }
    } else {
        batch = &newBatch(event.batchId, false);
        batch->title = name;
    }
    if (batch->firstQueuedMs == 0)
        batch->firstQueuedMs = wallMs;
    return *batch;
}

TaskState &PoolState::taskFor(const PoolEvent &event, qint64 wallMs)
{
    auto it = m_tasks.find(event.taskId);
    if (it != m_tasks.end())
        return *it;
    // First sight (normally its TaskQueued; a hub attached late sees a task mid-way).
    const QString name = taskNameOf(event);
    BatchState &batch = batchFor(event, name, wallMs);
    TaskState task;
    task.id = event.taskId;
    task.batchId = batch.id;
    task.engineBatchId = event.batchId;
    // In the batch of single calls, a call's place is its order of arrival (each was the first
    // and only call of its own submission).
    task.index = batch.loose ? qsizetype(batch.tasks) : event.index;
    task.isCommand = event.isCommand || (isRemoteCommand(event) && name != event.task);
    task.single = event.single;
    task.failsTogether = event.failsTogether;
    task.name = name;
    task.items = std::max(event.items, 1);
    task.queuedMs = wallMs;
    m_order.push_back(task.id);
    m_changes.addedTasks.append(task.id);
    if (batch.tasks == 0)
        m_changes.addedBatches.append(batch.id);
    ++batch.tasks;
    batch.items += task.items;
    ++m_queued;
    m_queuedItems += task.items;
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
    if (m_lifecycle == Lifecycle::Gone)
        return; // what it did is over for us: a late event would only revive the dead
    switch (event.kind) {
    case Kind::TaskQueued: {
        TaskState &task = taskFor(event, wallMs);
        if (task.state != TaskState::State::Queued) { // queued again: a retry of a command
            if (task.state == TaskState::State::Running)
                --m_running;
            else if (task.isDone())
                reopen(task);
            task.state = TaskState::State::Queued;
            ++m_queued;
            m_queuedItems += task.items;
            touch(task);
        }
        task.attempt = event.attempt;
        if (event.arguments.isArray())
            task.arguments = task.isCommand && isRemoteCommand(event) ? commandArgumentsOf(event.arguments) : event.arguments;
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
        task.host = event.host;
        task.startedMs = wallMs;
        task.attempt = event.attempt;
        if (task.stuck.isStuck())
            --m_stuck;
        task.stuck = {};
        touch(task);
        if (BatchState *batch = m_batches.contains(task.batchId) ? &m_batches[task.batchId] : nullptr) {
            if (batch->firstStartedMs == 0)
                batch->firstStartedMs = wallMs;
        }
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
            taskEnded(task, event, wallMs);
        break;
    }
    case Kind::TaskOutput: {
        auto it = m_tasks.find(event.taskId);
        if (it == m_tasks.end())
            break;
        it->appendOutput(event.channel == 2 ? 2 : 1, event.message);
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
    case Kind::WorkerPlaced: {
        WorkerState &worker = workerFor(event.workerPid, false, wallMs);
        worker.host = event.host;
        worker.slurmStep = event.slurmStep;
        worker.cpuPercent = -1; // what was sampled was its srun here: not known from now on
        worker.rssBytes = -1;
        worker.threads = 0;
        worker.processes = 0;
        m_changes.workers = true;
        break;
    }
    case Kind::SlurmJob:
        m_slurmJob.jobId = event.slurmJobId;
        m_slurmJob.state = event.slurmState;
        m_slurmJob.reason = event.message;
        break;
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

void PoolState::taskEnded(TaskState &task, const PoolEvent &event, qint64 wallMs)
{
    task.durationNs = event.durationNs;
    task.exitCode = event.exitCode;
    task.message = event.message;
    task.reason = event.reason;
    task.reasonArgs = event.reasonArgs;
    task.attempt = event.attempt;
    if (event.workerPid)
        task.workerPid = event.workerPid;
    if (!event.host.isEmpty())
        task.host = event.host;
    TaskState::State state = event.kind == PoolEvent::Kind::TaskFinished ? TaskState::State::Finished
                                                                          : TaskState::endStateOf(event.reason);
    if (task.isCommand && isRemoteCommand(event) && event.kind == PoolEvent::Kind::TaskFinished && event.result.isMap()) {
        // What the command did, from its worker's answer: as a command of the pool's own ends.
        const CommandResult r = CborConvert<CommandResult>::fromCbor(event.result);
        task.appendOutput(1, QString::fromLocal8Bit(r.standardOutput));
        task.appendOutput(2, QString::fromLocal8Bit(r.standardError));
        task.durationNs = r.durationNs;
        task.exitCode = r.started ? r.exitCode : 127;
        if (!r.host.isEmpty())
            task.host = r.host;
        const qint64 timeoutMs = cborInteger(task.arguments.toArray().at(3));
        if (!r.started) {
            task.reason = PoolEvent::Reason::CannotStart;
            task.reasonArgs = {task.arguments.toArray().at(0).toString(), r.error};
        } else if (!r.ok()) {
            task.reason = r.timedOut ? PoolEvent::Reason::TimedOut : PoolEvent::Reason::CommandFailed;
            task.reasonArgs = {r.timedOut ? timeoutMs : qint64(r.exitCode)};
        }
        if (!r.ok()) {
            task.message = !r.error.isEmpty() ? r.error
                         : r.timedOut         ? QStringLiteral("timed out after %1 ms").arg(timeoutMs)
                                              : describeExit(r.exitCode);
            state = TaskState::endStateOf(task.reason);
        }
    } else if (!event.result.isUndefined() && !event.result.isInvalid()) {
        task.result = event.result;
    }
    if (state == TaskState::State::Finished)
        m_durations.add(event.durationNs / std::max(task.items, 1));
    endTask(task, state, wallMs);
}

void PoolState::endTask(TaskState &task, TaskState::State state, qint64 wallMs)
{
    if (task.state == TaskState::State::Queued) {
        --m_queued;
        m_queuedItems -= task.items;
    } else {
        --m_running;
    }
    if (task.stuck.isStuck())
        --m_stuck;
    task.state = state;
    task.endedMs = wallMs;
    task.stuck = {};
    touch(task);
    const bool failure = task.isFailure();
    const bool cancelled = state == TaskState::State::Cancelled;
    (failure ? m_failed : cancelled ? m_cancelled : m_finished) += 1;
    m_itemsDone += task.items;
    ++m_doneInMemory;
    if (m_batches.contains(task.batchId)) {
        BatchState &batch = m_batches[task.batchId];
        (failure ? batch.failed : cancelled ? batch.cancelled : batch.finished) += 1;
        batch.itemsDone += task.items;
        batch.lastEndedMs = wallMs;
        if (batch.isDone() && !m_changes.finishedBatches.contains(batch.id))
            m_changes.finishedBatches.append(batch.id);
    }
    m_changes.ended.append(task);
    auto worker = m_workers.find(task.workerPid);
    if (worker != m_workers.end() && worker->taskId == task.id) {
        (failure ? worker->tasksFailed : worker->tasksDone) += 1;
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
    const bool failure = task.isFailure();
    const bool cancelled = task.state == TaskState::State::Cancelled;
    (failure ? m_failed : cancelled ? m_cancelled : m_finished) -= 1;
    m_itemsDone -= task.items;
    --m_doneInMemory;
    if (m_batches.contains(task.batchId)) {
        BatchState &batch = m_batches[task.batchId];
        (failure ? batch.failed : cancelled ? batch.cancelled : batch.finished) -= 1;
        batch.itemsDone -= task.items;
    }
    task.state = TaskState::State::Queued;
    task.message.clear();
    task.reason = PoolEvent::Reason::None;
    task.reasonArgs = {};
    task.exitCode = 0;
    task.restartStreams(); // the history keeps the last attempt's output, as qmp run does
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
    if (!it->host.isEmpty())
        return; // it runs on another machine: pid is the srun standing for it here, not the worker
    const bool visible = it->cpuPercent < 0 || std::abs(it->cpuPercent - cpuPercent) >= 0.05
        || it->rssBytes != rssBytes || it->threads != threads || it->processes != processes;
    it->cpuPercent = cpuPercent;
    it->rssBytes = rssBytes;
    it->threads = threads;
    it->processes = processes;
    if (cpuPercent >= 0.5)
        it->lastCpuActiveMs = nowMs;
    if (visible) // an idle pool's unchanged samples cost no repaint
        m_changes.workers = true;
}

void PoolState::markStuck(TaskState &task, const StuckReason &reason)
{
    if (!reason.isStuck())
        return;
    if (!task.stuck.isStuck()) {
        ++m_stuck;
        m_changes.newlyStuck.append(task.id);
        m_changes.summary = true;
        touch(task);
    } else if (task.stuck.kind != reason.kind) {
        m_changes.newlyStuck.append(task.id);
        touch(task);
    }
    task.stuck = reason;
    auto worker = m_workers.find(task.workerPid);
    if (worker != m_workers.end() && worker->taskId == task.id) {
        if (worker->stuck.kind != reason.kind)
            m_changes.workers = true;
        worker->stuck = reason;
    }
}

void PoolState::setStuck(quint64 taskId, const StuckReason &reason)
{
    auto task = m_tasks.find(taskId);
    if (task != m_tasks.end() && task->state == TaskState::State::Running)
        markStuck(*task, reason);
}

StuckReason PoolState::stuckReasonOf(const TaskState &task, qint64 nowMs) const
{
    StuckReason reason;
    if (task.state != TaskState::State::Running || task.startedMs == 0)
        return reason;
    const qint64 runningMs = nowMs - task.startedMs;
    reason.runningMs = runningMs;
    if (m_options.stuckAfterMs > 0 && runningMs > m_options.stuckAfterMs) {
        reason.kind = StuckReason::Kind::PastLimit;
        reason.limitMs = m_options.stuckAfterMs;
        return reason;
    }
    if (m_taskTimeoutMs > 0 && !task.isCommand && runningMs > m_taskTimeoutMs + m_options.stuckGraceMs) {
        reason.kind = StuckReason::Kind::PastTimeout;
        reason.limitMs = m_taskTimeoutMs;
        return reason;
    }
    if (m_durations.size() >= 20) {
        // The pool's p95 is per call: a chunk of n calls may take n times as long.
        const qint64 p95Ms = p95Ns() / 1000000 * std::max(task.items, 1);
        if (runningMs > std::max<qint64>(m_options.minStuckMs, qint64(m_options.stuckP95Factor * double(p95Ms)))) {
            reason.kind = StuckReason::Kind::FarBeyondP95;
            reason.limitMs = p95Ms;
            reason.factor = m_options.stuckP95Factor;
            return reason;
        }
    }
    const WorkerState *worker = this->worker(task.workerPid);
    if (m_noCpuStuckMs > 0 && worker && worker->cpuPercent >= 0) {
        const qint64 idleMs = nowMs - std::max(worker->lastCpuActiveMs, worker->taskStartedMs);
        if (idleMs > m_noCpuStuckMs) {
            reason.kind = StuckReason::Kind::NoCpu;
            reason.idleMs = idleMs;
            return reason;
        }
    }
    return reason;
}

qint64 PoolState::throughputWindowMs() const
{
    if (m_durations.size() == 0)
        return 1000;
    const qint64 p95Ms = p95Ns() / 1000000;
    return std::clamp<qint64>(4 * p95Ms, 1000, 60000);
}

void PoolState::sampleSeries(qint64 nowMs)
{
    // Throughput over a window that suits the pool's pace.
    m_doneAt.emplace_back(nowMs, m_itemsDone);
    while (m_doneAt.size() > 1 && m_doneAt.front().first < nowMs - 61000)
        m_doneAt.pop_front();
    const qint64 window = throughputWindowMs();
    auto from = m_doneAt.begin();
    for (auto it = m_doneAt.begin(); it != m_doneAt.end() && it->first <= nowMs - window; ++it)
        from = it;
    const double seconds = double(nowMs - from->first) / 1000.0;
    const double throughput = seconds > 0 ? double(m_itemsDone - from->second) / seconds : 0;
    if (throughput != m_throughput)
        m_changes.summary = true;
    m_throughput = throughput;

    double cpu = 0;
    for (const WorkerState &worker : std::as_const(m_workers))
        cpu += std::max(worker.cpuPercent, 0.0);
    const double values[int(Series::Count)] = {throughput,
                                               double(m_queuedItems + m_held),
                                               double(busyWorkers()),
                                               double(p50Ns()) / 1e6,
                                               double(p95Ns()) / 1e6,
                                               cpu};
    const TimeSeries &first = m_series[0];
    bool changed = first.isEmpty();
    for (int i = 0; i < int(Series::Count) && !changed; ++i) {
        const double tolerance = i == int(Series::CpuPercent) ? 1.0 : 1e-9;
        changed = std::abs(m_series[i].last().value - values[i]) > tolerance;
    }
    const bool due = !isOver() && nowMs - m_lastSampleMs >= m_options.idleSampleMs;
    if (!changed && !due)
        return; // nothing new to draw: an idle or finished pool costs its charts nothing
    if (changed && !first.isEmpty() && nowMs - m_lastSampleMs > m_options.tickMs * 3 / 2) {
        // After a quiet spell the old values held until the last tick: a step, not a ramp.
        for (int i = 0; i < int(Series::Count); ++i)
            m_series[i].append(nowMs - m_options.tickMs, m_series[i].last().value);
    }
    for (int i = 0; i < int(Series::Count); ++i)
        m_series[i].append(nowMs, values[i]);
    m_lastSampleMs = nowMs;
    m_changes.series = true;
    m_changes.summary = true;
}

void PoolState::tick(qint64 nowMs)
{
    sampleSeries(nowMs);
    if (m_mirrored)
        return; // the program's own hub says what is stuck
    for (quint64 id : m_order) {
        auto task = m_tasks.find(id);
        if (task == m_tasks.end() || task->state != TaskState::State::Running)
            continue;
        if (task->stuck.isStuck()) {
            task->stuck.runningMs = nowMs - task->startedMs; // stays stuck until it ends
            continue;
        }
        markStuck(*task, stuckReasonOf(*task, nowMs));
    }
}

void PoolState::closeLooseBatch()
{
    auto it = m_batches.find(m_looseBatch);
    if (it == m_batches.end() || it->closed)
        return;
    it->closed = true;
    if (it->isDone() && !m_changes.finishedBatches.contains(it->id))
        m_changes.finishedBatches.append(it->id);
}

void PoolState::setLifecycle(Lifecycle lifecycle, PoolEvent::Reason why, qint64 nowMs)
{
    if (m_lifecycle == lifecycle || m_lifecycle == Lifecycle::Gone)
        return;
    // Closed / terminated are final; pausing a closed pool does not reopen it.
    if ((m_lifecycle == Lifecycle::Terminated || m_lifecycle == Lifecycle::Closed)
        && (lifecycle == Lifecycle::Paused || lifecycle == Lifecycle::Running))
        return;
    m_lifecycle = lifecycle;
    m_changes.summary = true;
    if (lifecycle == Lifecycle::Gone) {
        // Nothing will report on this pool again: what did not end is lost, no worker lives on.
        const qint64 now = nowMs ? nowMs : QDateTime::currentMSecsSinceEpoch();
        m_joining = false;
        for (quint64 id : std::vector<quint64>(m_order.begin(), m_order.end())) {
            auto task = m_tasks.find(id);
            if (task == m_tasks.end() || task->isDone())
                continue;
            task->reason = why;
            task->reasonArgs = {};
            task->durationNs = task->startedMs ? (now - task->startedMs) * 1'000'000 : 0;
            task->message = why == PoolEvent::Reason::ProgramExited
                ? QStringLiteral("lost: the program exited before the task ended")
                : QStringLiteral("lost: the pool was destroyed before the task ended");
            endTask(*task, TaskState::State::Lost, now);
        }
        for (WorkerState &worker : m_workers) {
            if (worker.state == WorkerState::State::Exited)
                continue;
            worker.state = WorkerState::State::Exited;
            worker.taskId = 0;
            worker.taskName.clear();
            worker.exitedMs = now;
            worker.exitReason = why;
            worker.exitDescription = QStringLiteral("lost");
            worker.cpuPercent = -1;
            worker.stuck = {};
            m_changes.workers = true;
        }
    }
    if (lifecycle == Lifecycle::Closed || lifecycle == Lifecycle::Terminated || lifecycle == Lifecycle::Gone)
        closeLooseBatch(); // no more single calls will come
}

void PoolState::setProcesses(int processes)
{
    if (processes < 1 || processes == m_processes)
        return;
    m_processes = processes;
    m_changes.summary = true;
}

void PoolState::setHeldTasks(int held)
{
    held = std::max(held, 0);
    if (held == m_held)
        return;
    m_held = held;
    m_changes.summary = true;
}

void PoolState::setJoining(bool joining)
{
    if (joining == m_joining)
        return;
    m_joining = joining;
    m_changes.summary = true;
}

void PoolState::setBatchTitle(quint64 engineBatchId, const QString &title)
{
    quint64 id = m_batchOfSubmission.value(engineBatchId);
    if (id == 0 || !m_batches.contains(id))
        id = newBatch(engineBatchId, false).id;
    m_batches[id].title = title;
    m_changes.summary = true;
}

void PoolState::setBatchTemplate(quint64 engineBatchId, const QString &commandTemplate, bool shell)
{
    quint64 id = m_batchOfSubmission.value(engineBatchId);
    if (id == 0 || !m_batches.contains(id))
        id = newBatch(engineBatchId, false).id;
    m_batches[id].commandTemplate = commandTemplate;
    m_batches[id].shell = shell;
    m_changes.summary = true;
}

PoolState::Changes PoolState::takeChanges()
{
    return std::exchange(m_changes, {});
}

} // namespace qmp
