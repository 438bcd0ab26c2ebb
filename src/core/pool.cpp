#include "pool.h"

#include "creationobservers.h"
#include "directlanes.h"
#include "poolengine.h"
#include "runtime.h"

#include <QAtomicInt>
#include <QMetaMethod>
#include <QThread>

namespace qmp {

namespace {
QAtomicInt g_poolNumber;

CreationObservers<Pool *> &creationObservers()
{
    static CreationObservers<Pool *> observers;
    return observers;
}
} // namespace

Pool::Pool(std::optional<int> processes, PoolOptions options, QObject *parent)
    : PoolBase(processes, parent)
{
    checkOptions(options);
    if (!options.commandsOnly && !Runtime::instance())
        throw ProcessError(QStringLiteral("qmp::Pool needs a qmp::Runtime constructed first in main()"));
    m_name = options.name.isEmpty() ? QStringLiteral("Pool-%1").arg(g_poolNumber.fetchAndAddRelaxed(1) + 1)
                                    : options.name;

    m_options = options;
    m_options.name = m_name;
    m_thread = new QThread;
    m_thread->setObjectName(m_name);
    m_lanes = std::make_shared<DirectLanes>();
    m_engine = new PoolEngine(m_processes, std::move(options), m_name, m_stopped, m_lanes);
    m_engine->moveToThread(m_thread);
    m_remote = std::shared_ptr<PoolRemote>(new PoolRemote(m_engine));
    connect(m_engine, &PoolEngine::workerStarted, this, &Pool::workerStarted);
    connect(m_engine, &PoolEngine::workerExited, this, &Pool::workerExited);
    qRegisterMetaType<QList<qmp::PoolEvent>>();
    connect(m_engine, &PoolEngine::events, this, &Pool::events);
    // Direct: these leave from the pool's own thread, so a monitor on another thread hears them
    // even while this object's thread is blocked (in get(), say).
    connect(m_engine, &PoolEngine::events, this, &Pool::eventsNow, Qt::DirectConnection);
    creationObservers().notify(this);
    m_thread->start();
    QMetaObject::invokeMethod(m_engine, &PoolEngine::startWorkers, Qt::QueuedConnection);
}

ObserverToken Pool::observeCreation(std::function<void(Pool *)> observer)
{
    return creationObservers().add(std::move(observer));
}

Pool::~Pool()
{
    if (m_state == State::Running)
        terminate();
    else if (m_state == State::Closed)
        terminate(); // close() without join(): do not wait for queued work in a destructor
    m_stopped->wait(QDeadlineTimer(QDeadlineTimer::Forever));
    PoolEngine *engine = m_engine;
    m_engine = nullptr; // disconnectNotify() must not reach it any more
    m_remote->detach(); // nor a PoolRemote
    QMetaObject::invokeMethod(engine, [engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

std::vector<detail::PoolJob> Pool::makeJobs(const QString &task, const ArgumentLists &argumentLists, int chunksize,
                                            const std::shared_ptr<detail::PoolBatch> &batch)
{
    // One job for the whole submission: its chunks are cut off it as the pool thread sends them.
    detail::PoolJob job;
    job.task = task;
    job.items = argumentLists;
    job.batch = batch;
    job.rangeChunk = effectiveChunksize(argumentLists, chunksize);
    if (job.chunks() == 1)
        job.rangeChunk = 0;
    std::vector<detail::PoolJob> jobs;
    jobs.push_back(std::move(job));
    return jobs;
}

quint64 Pool::directCalls() const
{
    return m_lanes->calls();
}

quint64 Pool::packedCalls() const
{
    return m_engine ? m_engine->packedCalls() : 0;
}

void Pool::checkOwnerThread(const char *control) const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), control,
               "a control that changes a qmp::Pool's state runs on the thread that owns the pool");
    Q_UNUSED(control);
}

void Pool::pause(bool stopRunning)
{
    checkOwnerThread("qmp::Pool::pause");
    if (m_state == State::Terminated || m_paused)
        return;
    m_paused = true;
    m_lanes->block(DirectLanes::Paused); // no direct call starts from now on
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, stopRunning] { engine->setPaused(true, stopRunning); },
                              Qt::QueuedConnection);
}

void Pool::resume()
{
    checkOwnerThread("qmp::Pool::resume");
    if (!m_paused)
        return;
    m_paused = false;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine] { engine->setPaused(false, false); }, Qt::QueuedConnection);
    m_lanes->unblock(DirectLanes::Paused);
}

bool Pool::terminateWorker(qint64 pid)
{
    bool found = false;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, pid, &found] { found = engine->terminateWorker(pid); },
                              Qt::BlockingQueuedConnection);
    return found;
}

QList<qint64> Pool::workerPids() const
{
    QList<qint64> pids;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, &pids] { pids = engine->workerPids(); }, Qt::BlockingQueuedConnection);
    return pids;
}

bool Pool::cancelTask(quint64 taskId)
{
    bool found = false;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, taskId, &found] { found = engine->cancelTask(taskId); },
                              Qt::BlockingQueuedConnection);
    return found;
}

Pool::CancelledCommands Pool::cancelCommands(quint64 batchId)
{
    CancelledCommands found = CancelledCommands::None;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [engine, batchId, &found] {
            const CommandRunner::Cancelled cancelled = engine->cancelCommands(batchId);
            found = cancelled.running > 0 ? CancelledCommands::Running
                  : cancelled.queued > 0  ? CancelledCommands::Queued
                                          : CancelledCommands::None;
        },
        Qt::BlockingQueuedConnection);
    return found;
}

void Pool::connectNotify(const QMetaMethod &signal)
{
    if ((signal == QMetaMethod::fromSignal(&Pool::events) || signal == QMetaMethod::fromSignal(&Pool::eventsNow))
        && m_engine) {
        m_lanes->block(DirectLanes::Recording); // every call from now on reaches the monitors
        PoolEngine *engine = m_engine;
        QMetaObject::invokeMethod(engine, [engine] { engine->setRecording(true); }, Qt::QueuedConnection);
    }
}

void Pool::disconnectNotify(const QMetaMethod &signal)
{
    // An invalid method: a disconnect of everything. Qt may hold its connection lock here, so
    // whether events still has receivers is asked later, from the event loop (asking now
    // deadlocks).
    if ((signal == QMetaMethod::fromSignal(&Pool::events) || signal == QMetaMethod::fromSignal(&Pool::eventsNow)
         || !signal.isValid())
        && m_engine)
        QMetaObject::invokeMethod(this, &Pool::stopRecordingWhenUnwatched, Qt::QueuedConnection);
}

void Pool::stopRecordingWhenUnwatched()
{
    if (m_engine && !isSignalConnected(QMetaMethod::fromSignal(&Pool::events))
        && !isSignalConnected(QMetaMethod::fromSignal(&Pool::eventsNow))) {
        PoolEngine *engine = m_engine;
        QMetaObject::invokeMethod(engine, [engine] { engine->setRecording(false); }, Qt::QueuedConnection);
        m_lanes->unblock(DirectLanes::Recording);
    }
}

void Pool::setProcesses(int processes)
{
    if (processes < 1)
        throw ValueError(QStringLiteral("Number of processes must be at least 1 (got %1)").arg(processes));
    checkOwnerThread("qmp::Pool::setProcesses");
    if (m_state == State::Terminated)
        return;
    m_processes = processes;
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, processes] { engine->setProcesses(processes); }, Qt::QueuedConnection);
}

void Pool::slurmAllocationEnded(const QString &reason)
{
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, reason] { engine->endSlurmAllocation(reason); }, Qt::QueuedConnection);
}

void Pool::slurmAllocationEnding()
{
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine] { engine->holdSlurmSteps(); }, Qt::QueuedConnection);
}

AsyncResult<CommandResult> Pool::run(const Command &command, const CommandOptions &options)
{
    MapResult<CommandResult> many = runCommands({command}, options, true);
    return AsyncResult<CommandResult>(many.future(), many.completion());
}

MapResult<CommandResult> Pool::runAll(const QList<Command> &commands, const CommandOptions &options)
{
    return runCommands(commands, options, false);
}

MapResult<CommandResult> Pool::runCommands(const QList<Command> &commands, const CommandOptions &options, bool single)
{
    ensureRunning();
    if (options.retries < 0)
        throw ValueError(QStringLiteral("retries must be 0 or positive (got %1)").arg(options.retries));
    if (options.timeout.count() < 0)
        throw ValueError(QStringLiteral("a command timeout must be 0 (none) or positive"));
    if (options.killGrace.count() < 0)
        throw ValueError(QStringLiteral("a command's kill grace must be 0 (kill at once) or positive"));
    for (const Command &command : commands) {
        if (command.program.isEmpty())
            throw ValueError(QStringLiteral("%1: a command has no program").arg(m_name));
    }
    auto [result, batch] = makeBatch<CommandResult>(commands.size(), true);
    batch->single = single;
    if (commands.isEmpty()) {
        batch->succeed();
        return result;
    }
    auto jobs = std::make_shared<std::deque<CommandJob>>();
    for (qsizetype i = 0; i < commands.size(); ++i)
        jobs->push_back(CommandJob{commands.at(i), options, i, batch, 0});
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, jobs] { engine->submitCommands(std::move(*jobs)); },
                              Qt::QueuedConnection);
    return result;
}

void Pool::post(std::vector<detail::PoolJob> jobs)
{
    auto shared = std::make_shared<std::vector<detail::PoolJob>>(std::move(jobs));
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, shared] { engine->submit(std::move(*shared)); }, Qt::QueuedConnection);
}

void Pool::schedule(const QString &task, ArgumentLists argumentLists, int chunksize,
                    const std::shared_ptr<detail::PoolBatch> &batch)
{
    // A single call while a worker is idle: written from this thread, answered to it.
    if (batch->single && argumentLists.size() == 1 && m_lanes->tryCall(task, argumentLists, batch))
        return;
    post(makeJobs(task, std::move(argumentLists), chunksize, batch));
}

void Pool::closeWorkers()
{
    checkOwnerThread("qmp::Pool::close");
    m_lanes->block(DirectLanes::Stopping);
    QMetaObject::invokeMethod(m_engine, &PoolEngine::closePool, Qt::QueuedConnection);
}

void Pool::terminateWorkers()
{
    checkOwnerThread("qmp::Pool::terminate");
    m_lanes->block(DirectLanes::Stopping);
    // Blocking, as ThreadPool's: every unfinished result has failed when terminate() returns. The
    // pool thread only fails the batches and signals the workers here; it never waits for this one.
    QMetaObject::invokeMethod(m_engine, &PoolEngine::terminatePool, Qt::BlockingQueuedConnection);
}

} // namespace qmp
