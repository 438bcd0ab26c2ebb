#include "monitorhub.h"

#include "errors.h"
#include "localpoolcontrol.h"
#include "monotonicclock.h"
#include "pool.h"
#include "queueprobe.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <time.h>

namespace qmp {

struct MonitorHub::Entry
{
    std::unique_ptr<PoolState> state;
    QPointer<Pool> pool;
    std::unique_ptr<Pool> owned;
    std::unique_ptr<LocalPoolControl> local; // a pool of this program's (before the state it reads goes)
    PoolControl *control = nullptr;          // local, or another program's (not owned)
    QMetaObject::Connection events;
    QMetaObject::Connection destroyed;
};

struct MonitorHub::QueueEntry
{
    std::unique_ptr<QueueState> state;
    std::unique_ptr<QueueProbe> probe; // null for a queue known by readings, or once gone
};

MonitorHub::MonitorHub(MonitorOptions options, QObject *parent)
    : QObject(parent), m_options(options)
{
    if (m_options.tickMs < 10 || m_options.coalesceMs < 1)
        throw ValueError(QStringLiteral("MonitorHub: tickMs must be at least 10 and coalesceMs at least 1"));
    qRegisterMetaType<qmp::PoolState::Changes>();
    m_tickTimer = new QTimer(this);
    m_tickTimer->setInterval(m_options.tickMs);
    connect(m_tickTimer, &QTimer::timeout, this, &MonitorHub::tick);
    m_tickTimer->start();
    m_flushTimer = new QTimer(this);
    m_flushTimer->setInterval(m_options.coalesceMs);
    connect(m_flushTimer, &QTimer::timeout, this, &MonitorHub::flush);
    // Started by a change (changed()), stopped by a flush that found none: an idle hub sleeps.
}

MonitorHub::~MonitorHub()
{
    for (auto &[id, entry] : m_entries) {
        disconnect(entry->events);
        disconnect(entry->destroyed);
        entry->owned.reset(); // terminates and joins an adopted pool
    }
}

int MonitorHub::add(std::unique_ptr<Entry> entry)
{
    changed();
    const int id = m_nextId++;
    entry->state->setBatchIdSource([this] { return m_batchIdSource ? m_batchIdSource() : m_nextBatchId++; });
    m_pools.insert(id, entry->state.get());
    m_entries.emplace(id, std::move(entry));
    Q_EMIT poolAdded(id);
    return id;
}

int MonitorHub::watch(Pool *pool, const QString &title)
{
    if (!pool)
        throw ValueError(QStringLiteral("MonitorHub::watch: no pool"));
    const int id = m_nextId; // add() hands out this one
    auto entry = std::make_unique<Entry>();
    entry->state = std::make_unique<PoolState>(id, title.isEmpty() ? pool->name() : title, pool->processes(), m_options);
    entry->pool = pool;
    Entry *raw = entry.get();
    // eventsNow: heard even while the pool's owner thread is blocked (AppMonitor's hub has a
    // thread of its own); queued here, in order. Events of a removed pool find no id: ignored.
    raw->events = connect(pool, &Pool::eventsNow, this, [this, id](const QList<PoolEvent> &batch) { feed(id, batch); });
    // Queued: the pool's last events (sent as it is destroyed) are in the queue already and go first.
    raw->destroyed = connect(
        pool, &QObject::destroyed, this, [this, id] { setLifecycle(id, PoolState::Lifecycle::Gone); },
        Qt::QueuedConnection);
    raw->state->setTaskTimeoutMs(pool->options().taskTimeout.count());
    raw->state->setRetries(pool->options().retries);
    if (pool->isPaused())
        raw->state->setLifecycle(PoolState::Lifecycle::Paused);
    // Every control of this pool goes through it, on the pool's own thread; what the pool is
    // after each one comes back here.
    raw->local = std::make_unique<LocalPoolControl>(pool, raw->state.get());
    raw->control = raw->local.get();
    connect(raw->local.get(), &LocalPoolControl::reported, this,
            [this, id](PoolState::Lifecycle lifecycle, int processes) {
                setLifecycle(id, lifecycle);
                setProcessCount(id, processes);
            });
    return add(std::move(entry));
}

int MonitorHub::adopt(std::unique_ptr<Pool> pool, const QString &title)
{
    Pool *raw = pool.get();
    const int id = watch(raw, title);
    m_entries.at(id)->owned = std::move(pool);
    return id;
}

int MonitorHub::addPool(const QString &name, int processes, PoolControl *control)
{
    auto entry = std::make_unique<Entry>();
    entry->state = std::make_unique<PoolState>(m_nextId, name, processes, m_options);
    entry->control = control;
    return add(std::move(entry));
}

void MonitorHub::setControl(int id, PoolControl *control)
{
    const auto it = m_entries.find(id);
    if (it != m_entries.end())
        it->second->control = control;
}

void MonitorHub::setLifecycle(int id, PoolState::Lifecycle lifecycle, PoolEvent::Reason why)
{
    changed();
    PoolState *state = m_pools.value(id);
    if (!state || state->lifecycle() == lifecycle)
        return;
    state->setLifecycle(lifecycle, why, QDateTime::currentMSecsSinceEpoch());
    if (state->lifecycle() == lifecycle) // closed / terminated are final
        Q_EMIT lifecycleChanged(id, lifecycle);
}

void MonitorHub::setPoolOptions(int id, qint64 taskTimeoutMs, int retries)
{
    if (PoolState *state = m_pools.value(id)) {
        state->setTaskTimeoutMs(taskTimeoutMs);
        state->setRetries(retries);
    }
}

void MonitorHub::setProcessCount(int id, int processes)
{
    changed();
    PoolState *state = m_pools.value(id);
    if (!state || processes < 1 || state->processes() == processes)
        return;
    state->setProcesses(processes);
    Q_EMIT processesChanged(id, processes);
}

void MonitorHub::setHeldTasks(int id, int held)
{
    PoolState *state = m_pools.value(id);
    if (!state || state->heldTasks() == std::max(held, 0))
        return;
    changed();
    state->setHeldTasks(held);
    Q_EMIT heldTasksChanged(id, state->heldTasks());
}

void MonitorHub::setMirrored(int id, qint64 programPid)
{
    if (PoolState *state = m_pools.value(id))
        state->setMirrored(true, programPid);
}

void MonitorHub::setStuck(int id, quint64 taskId, const StuckReason &reason)
{
    changed();
    if (PoolState *state = m_pools.value(id))
        state->setStuck(taskId, reason);
}

void MonitorHub::setNoCpuStuckMs(int id, qint64 ms)
{
    if (PoolState *state = m_pools.value(id))
        state->setNoCpuStuckMs(ms);
}

void MonitorHub::setJoining(int id, bool joining)
{
    changed();
    if (PoolState *state = m_pools.value(id))
        state->setJoining(joining);
}

void MonitorHub::setBatchIdSource(std::function<quint64()> source)
{
    m_batchIdSource = std::move(source);
}

int MonitorHub::addQueueEntry(std::unique_ptr<QueueEntry> entry)
{
    changed();
    const int id = m_nextId++;
    m_queueStates.insert(id, entry->state.get());
    m_queues.emplace(id, std::move(entry));
    Q_EMIT queueAdded(id);
    return id;
}

int MonitorHub::watchQueue(const Queue &queue, const QString &name)
{
    auto probe = std::make_unique<QueueProbe>(queue);
    const int id = m_nextId; // addQueueEntry() hands out this one
    QueueState::Order order = QueueState::Order::Fifo;
    QString kind = probe->isJoinable() ? QStringLiteral("JoinableQueue") : QStringLiteral("Queue");
    if (probe->order() == Queue::Order::Lifo) {
        order = QueueState::Order::Lifo;
        kind = QStringLiteral("LifoQueue");
    } else if (probe->order() == Queue::Order::Priority) {
        order = QueueState::Order::Priority;
        kind = QStringLiteral("PriorityQueue");
    }
    auto entry = std::make_unique<QueueEntry>();
    entry->state = std::make_unique<QueueState>(id, name.isEmpty() ? QStringLiteral("%1-%2").arg(kind).arg(id) : name,
                                                probe->key(), probe->maxsize(), order, probe->isJoinable(), m_options);
    entry->probe = std::move(probe);
    readQueue(*entry); // the depth is known from the start
    return addQueueEntry(std::move(entry));
}

int MonitorHub::addQueue(const QString &name, const QString &key, qint64 maxsize, QueueState::Order order, bool joinable)
{
    auto entry = std::make_unique<QueueEntry>();
    entry->state = std::make_unique<QueueState>(m_nextId, name, key, maxsize, order, joinable, m_options);
    return addQueueEntry(std::move(entry));
}

void MonitorHub::feedQueue(int id, const QueueState::Reading &reading)
{
    changed();
    if (QueueState *state = m_queueStates.value(id))
        state->update(reading);
}

void MonitorHub::setQueueLifecycle(int id, QueueState::Lifecycle lifecycle)
{
    changed();
    const auto it = m_queues.find(id);
    if (it == m_queues.end())
        return;
    it->second->state->setLifecycle(lifecycle);
    if (lifecycle == QueueState::Lifecycle::Gone) {
        it->second->probe.reset();
        pruneGoneQueues();
    }
}

void MonitorHub::pruneGoneQueues()
{
    QList<int> gone;
    for (const auto &[id, entry] : m_queues) {
        if (entry->state->lifecycle() == QueueState::Lifecycle::Gone)
            gone.append(id); // ids grow: oldest first
    }
    for (qsizetype i = 0; i < gone.size() - qsizetype(std::max(m_options.keptGoneQueues, 0)); ++i)
        removeQueue(gone.at(i));
}

void MonitorHub::removeQueue(int id)
{
    const auto it = m_queues.find(id);
    if (it == m_queues.end())
        return;
    std::unique_ptr<QueueEntry> entry = std::move(it->second);
    m_queues.erase(it);
    m_queueStates.remove(id);
    Q_EMIT queueRemoved(id);
}

void MonitorHub::readQueue(QueueEntry &entry)
{
    if (!entry.probe)
        return;
    QueueProbe::Reading reading;
    switch (entry.probe->read(&reading)) {
    case QueueProbe::Status::Read:
        entry.state->update({reading.counters.count, reading.counters.unfinished, reading.counters.puts});
        if (reading.closed)
            entry.state->setLifecycle(QueueState::Lifecycle::Closed);
        break;
    case QueueProbe::Status::Busy:
        break; // a holder is mid-operation (or stopped there): the next tick tries again
    case QueueProbe::Status::Gone:
        entry.state->setLifecycle(QueueState::Lifecycle::Gone);
        entry.probe.reset();
        break;
    }
}

bool MonitorHub::canControl(int id) const
{
    const PoolControl *control = controlOf(id);
    return control && control->isAvailable();
}

PoolControl *MonitorHub::controlOf(int id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second->control;
}

bool MonitorHub::isLocal(int id) const
{
    const auto it = m_entries.find(id);
    return it != m_entries.end() && it->second->local && it->second->local->isAvailable();
}

Pool *MonitorHub::poolOnThisThread(int id) const
{
    // Only a pool of this thread is touched here (one of another thread may be going meanwhile).
    const auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->second->local || it->second->local->poolThread() != thread())
        return nullptr;
    return it->second->pool.data();
}

void MonitorHub::feed(int id, const QList<PoolEvent> &events)
{
    changed();
    PoolState *state = m_pools.value(id);
    if (!state || events.isEmpty())
        return;
    // Event times are CLOCK_MONOTONIC; models show wall-clock times.
    const qint64 nowNs = monotonicNs();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const PoolState::Lifecycle before = state->lifecycle();
    for (const PoolEvent &event : events)
        state->apply(event, nowMs - (nowNs - event.timeNs) / 1000000);
    Q_EMIT eventsFed(id, events);
    if (state->lifecycle() != before)
        Q_EMIT lifecycleChanged(id, state->lifecycle());
}

void MonitorHub::remove(int id)
{
    if (m_entries.find(id) == m_entries.end())
        return;
    // Its unfinished work ends (as lost) and that reaches the models and the history first.
    setLifecycle(id, PoolState::Lifecycle::Gone);
    release(id);
}

void MonitorHub::release(int id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    flushPool(id);
    std::unique_ptr<Entry> entry = std::move(it->second);
    m_entries.erase(it);
    m_pools.remove(id);
    disconnect(entry->events);
    disconnect(entry->destroyed);
    Q_EMIT poolRemoved(id);
    entry->owned.reset();
}

const PoolState *MonitorHub::pool(int id) const
{
    return m_pools.value(id);
}

Pool *MonitorHub::livePool(int id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second->pool.data();
}

void MonitorHub::setBatchTitle(int poolId, quint64 batchId, const QString &title)
{
    changed();
    if (PoolState *state = m_pools.value(poolId))
        state->setBatchTitle(batchId, title);
}

void MonitorHub::setBatchTemplate(int poolId, quint64 batchId, const QString &commandTemplate, bool shell)
{
    changed();
    if (PoolState *state = m_pools.value(poolId))
        state->setBatchTemplate(batchId, commandTemplate, shell);
}

bool MonitorHub::pause(int id, bool stopRunning)
{
    PoolControl *control = controlOf(id);
    return control && control->pause(stopRunning);
}

bool MonitorHub::resume(int id)
{
    PoolControl *control = controlOf(id);
    return control && control->resume();
}

bool MonitorHub::close(int id)
{
    PoolControl *control = controlOf(id);
    return control && control->close();
}

bool MonitorHub::terminate(int id)
{
    PoolControl *control = controlOf(id);
    return control && control->terminate();
}

bool MonitorHub::terminateWorker(int id, qint64 pid)
{
    PoolControl *control = controlOf(id);
    return control && control->terminateWorker(pid);
}

bool MonitorHub::cancelTask(int id, quint64 taskId)
{
    PoolControl *control = controlOf(id);
    return control && control->cancelTask(taskId);
}

bool MonitorHub::resize(int id, int processes)
{
    PoolControl *control = controlOf(id);
    return processes >= 1 && control && control->resize(processes);
}

bool MonitorHub::canRetry(int id, quint64 taskId) const
{
    const PoolState *state = m_pools.value(id);
    const TaskState *task = state ? state->task(taskId) : nullptr;
    if (!task || !task->isDone() || !task->arguments.isArray() || (!task->isCommand && task->items != 1))
        return false;
    if (!canControl(id))
        return false;
    // Another program's pool says itself whether it takes work; ours must not be closed.
    return !isLocal(id) || state->lifecycle() == PoolState::Lifecycle::Running
        || state->lifecycle() == PoolState::Lifecycle::Paused;
}

bool MonitorHub::retryTask(int id, quint64 taskId)
{
    PoolControl *control = controlOf(id);
    return control && canRetry(id, taskId) && control->retryTask(taskId);
}

bool MonitorHub::canJoin(int id) const
{
    const PoolControl *control = controlOf(id);
    return control && control->canJoin();
}

QFuture<void> MonitorHub::join(int id)
{
    if (PoolControl *control = controlOf(id))
        return control->join();
    QFutureInterface<void> none; // no such pool: canceled, finished
    none.reportStarted();
    none.cancel();
    none.reportFinished();
    return none.future();
}

int MonitorHub::createPool(const QString &name, int processes, qint64 taskTimeoutMs, int retries,
                           const std::optional<SlurmWorkers> &slurm, bool commandsOnly)
{
    PoolOptions options;
    options.name = name;
    options.taskTimeout = std::chrono::milliseconds(taskTimeoutMs);
    options.retries = retries;
    options.slurm = slurm;
    options.commandsOnly = commandsOnly;
    return adopt(std::make_unique<Pool>(processes, options), name);
}

bool MonitorHub::takesWork(int id) const
{
    const Pool *pool = poolOnThisThread(id);
    return pool && pool->state() == PoolBase::State::Running;
}

quint64 MonitorHub::submitCommands(int id, const QList<Command> &commands, qint64 timeoutMs, int retries)
{
    Pool *pool = poolOnThisThread(id);
    if (!pool)
        throw ValueError(QStringLiteral("MonitorHub: pool %1 is not a pool of this program's on the hub's thread").arg(id));
    CommandOptions options;
    options.timeout = std::chrono::milliseconds(timeoutMs);
    options.retries = retries;
    return pool->runAll(commands, options).batchId();
}

quint64 MonitorHub::submitCalls(int id, const QString &task, const QCborArray &arguments)
{
    Pool *pool = poolOnThisThread(id);
    if (!pool)
        throw ValueError(QStringLiteral("MonitorHub: pool %1 is not a pool of this program's on the hub's thread").arg(id));
    return pool->imapUnordered(task, arguments, 1).batchId();
}

QList<qint64> MonitorHub::watchedPids() const
{
    return watchedProcesses().keys();
}

QHash<qint64, qint64> MonitorHub::watchedProcesses() const
{
    QHash<qint64, qint64> processes;
    for (const PoolState *state : m_pools) {
        if (state->isMirrored())
            continue;
        for (const WorkerState &worker : state->workers()) {
            // A worker on another machine (a Slurm node) is not sampled: its pid here is its srun.
            if (worker.state != WorkerState::State::Exited && worker.host.isEmpty())
                processes.insert(worker.pid, worker.startedMs);
        }
    }
    return processes;
}

void MonitorHub::applySample(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes)
{
    changed();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    for (PoolState *state : std::as_const(m_pools)) {
        if (state->worker(pid))
            state->applySample(pid, cpuPercent, rssBytes, threads, processes, nowMs);
    }
    Q_EMIT sampleApplied(pid, cpuPercent, rssBytes, threads, processes);
}

void MonitorHub::tick()
{
    changed();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    for (PoolState *state : std::as_const(m_pools))
        state->tick(nowMs);
    bool someGone = false;
    for (auto &[id, entry] : m_queues) {
        const bool watched = entry->probe != nullptr;
        readQueue(*entry);
        entry->state->tick(nowMs);
        someGone = someGone || (watched && !entry->probe);
    }
    if (someGone)
        pruneGoneQueues();
}

void MonitorHub::changed()
{
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

bool MonitorHub::flushPool(int id)
{
    PoolState *state = m_pools.value(id);
    if (!state)
        return false;
    const PoolState::Changes changes = state->takeChanges();
    if (changes.isEmpty())
        return false;
    Q_EMIT poolChanged(id, changes);
    for (quint64 task : changes.newlyStuck) {
        const PoolState *still = m_pools.value(id);
        const TaskState *stuck = still ? still->task(task) : nullptr;
        Q_EMIT stuckDetected(id, task, stuck ? stuck->workerPid : 0);
    }
    for (quint64 batch : changes.finishedBatches)
        Q_EMIT batchFinished(id, batch);
    return true;
}

void MonitorHub::flush()
{
    bool any = false;
    const QList<int> ids = m_pools.keys(); // receivers may add or remove pools
    for (int id : ids)
        any = flushPool(id) || any;
    const QList<int> queueIds = m_queueStates.keys();
    for (int id : queueIds) {
        QueueState *state = m_queueStates.value(id);
        if (state && state->takeChanged()) {
            any = true;
            Q_EMIT queueChanged(id);
        }
    }
    if (!any)
        m_flushTimer->stop(); // nothing changed since the last flush: wait for the next change
}

} // namespace qmp
