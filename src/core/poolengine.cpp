#include "poolengine.h"

#include "asyncresult.h"
#include "channelreadgate.h"
#include "directcall.h"
#include "directlanes.h"
#include "directseat.h"
#include "errors.h"
#include "monotonicclock.h"
#include "processinfo.h"
#include "remotecommandjob.h"
#include "slurmallocation.h"
#include "slurmworkerlauncher.h"
#include "framedecoder.h"
#include "workerhandle.h"
#include "workerlane.h"
#include "workerprotocol.h"

#include <QCborMap>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <poll.h>
#include <cstring>
#include <time.h>

namespace qmp {

using detail::PoolJob;

namespace {

// The error a worker reported, for an event: "ValueError: bad input", and as a reason.
QString failureText(const wire::TaskFailure &failure, PoolEvent::Reason *reason, QCborArray *args)
{
    *reason = PoolEvent::Reason::Error;
    *args = {failure.type, failure.message, failure.context};
    return failure.type + QLatin1String(": ") + failure.message;
}

// The same for a chunk of `calls` calls some of which threw (errors is not empty).
QString failureText(const QMap<qsizetype, wire::TaskFailure> &errors, qsizetype calls, PoolEvent::Reason *reason,
                    QCborArray *args)
{
    const wire::TaskFailure &first = errors.first();
    *reason = PoolEvent::Reason::ChunkErrors;
    *args = {errors.size(), calls, first.type, first.message};
    return QStringLiteral("%1 of %2 calls threw; first: %3: %4").arg(errors.size()).arg(calls).arg(first.type, first.message);
}

QString describeError(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QStringLiteral("unknown error");
    }
}

constexpr int maxWindow = 2048; // calls of a tiny task: few round trips per map (each one a wake-up on both sides)
constexpr qint64 windowTargetNs = 2000000; // keep about 2 ms of work queued at each worker
constexpr int maxStartFailures = 3; // workers in a row that fail to start: the pool reports it
constexpr int backOffAfter = 2;     // start-up failures in a row that are retried at once
constexpr int maxBackOffMs = 2000;

// A worker that ended this way was stopped from outside (a user, the OOM killer, a test), not
// failing by itself: replacing it is no crash loop.
bool killedFromOutside(int exitCode)
{
    return exitCode == -SIGKILL || exitCode == -SIGTERM || exitCode == -SIGINT || exitCode == -SIGHUP;
}

} // namespace

PoolEngine::PoolEngine(int processes, PoolOptions options, QString name,
                       std::shared_ptr<detail::Completion> stopped, std::shared_ptr<DirectLanes> lanes)
    : m_processes(processes)
    , m_options(std::move(options))
    , m_method(m_options.startMethod.value_or(defaultStartMethod()))
    , m_name(std::move(name))
    , m_stopped(std::move(stopped))
    , m_lanes(std::move(lanes))
    , m_commands(new CommandRunner(processes, this))
{
    // A seat handed back (or the front-end's block lifted) on another thread: look again here.
    m_lanes->setWake([this] {
        QMetaObject::invokeMethod(this, [this] {
            dispatch();
            maybeStopped();
        }, Qt::QueuedConnection);
    });
    connect(m_commands, &CommandRunner::idle, this, &PoolEngine::maybeStopped);
    if (m_options.slurm && !m_options.commandsOnly) {
        m_launcher = new SlurmWorkerLauncher(*m_options.slurm, currentProcess().authkey(), m_name, this);
        // An idle remote worker's channel is read by no one (a caller may take the worker any
        // moment): a look now and then notices its end (a node failure, TCP keep-alive's verdict).
        auto *idleChannels = new QTimer(this);
        idleChannels->setInterval(1000);
        connect(idleChannels, &QTimer::timeout, this, &PoolEngine::checkIdleChannels);
        idleChannels->start();
    }
    if (m_options.slurm && m_options.commandsOnly) {
        m_allocation = new SlurmAllocation(this);
        m_commands->setHeld(true); // until Slurm grants the allocation
    }
    m_eventTimer = new QTimer(this);
    m_eventTimer->setInterval(50); // batches for monitors: many events, few signals
    connect(m_eventTimer, &QTimer::timeout, this, &PoolEngine::flushEvents);
    m_respawnTimer = new QTimer(this);
    m_respawnTimer->setSingleShot(true);
    connect(m_respawnTimer, &QTimer::timeout, this, [this] {
        m_backOffServed = true;
        topUpWorkers();
    });
}

void PoolEngine::setRecording(bool on)
{
    m_recording = on;
    if (on) {
        splitRanges(); // each queued task gets its own events
        m_commands->setRecorder([this](PoolEvent &&event) {
            if (!m_eventTimer->isActive())
                m_eventTimer->start();
            m_events.append(std::move(event));
        });
        // A monitor that starts listening now learns where the pool runs.
        recordSlurmJob(true);
        for (const auto &slot : m_slots) {
            if (!slot->worker->host().isEmpty()) {
                if (PoolEvent *event = record(PoolEvent::Kind::WorkerPlaced, nullptr, slot->worker->pid())) {
                    event->host = slot->worker->host();
                    event->slurmStep = slot->worker->step();
                }
            }
        }
    } else {
        m_eventTimer->stop();
        m_events.clear();
        m_commands->setRecorder({});
    }
    updateSeats(); // monitors see every call: none goes direct while recording
}

PoolEvent *PoolEngine::record(PoolEvent::Kind kind, const PoolJob *job, qint64 workerPid, qint64 durationNs,
                              const QString &message, int exitCode, PoolEvent::Reason reason, QCborArray reasonArgs)
{
    if (!m_recording)
        return nullptr;
    if (!m_eventTimer->isActive())
        m_eventTimer->start(); // stopped again once a flush finds nothing: an idle pool does not wake
    PoolEvent event;
    event.kind = kind;
    event.timeNs = monotonicNs();
    if (job) {
        event.taskId = job->id;
        event.batchId = job->batch ? job->batch->id : 0;
        event.index = job->index;
        event.task = job->task;
        event.items = int(job->items.size());
        event.attempt = job->attempts + 1;
        event.single = job->batch && job->batch->single;
        if (kind == PoolEvent::Kind::TaskQueued) {
            event.failsTogether = job->batch && !job->batch->single && !job->batch->failsItemByItem();
            if (!job->items.isEmpty())
                event.arguments = job->items.at(0);
        }
    }
    event.workerPid = workerPid;
    event.durationNs = durationNs;
    event.message = message;
    event.exitCode = exitCode;
    event.reason = reason;
    event.reasonArgs = std::move(reasonArgs);
    if (workerPid && !m_workerHosts.isEmpty()
        && (kind == PoolEvent::Kind::TaskStarted || kind == PoolEvent::Kind::TaskFinished || kind == PoolEvent::Kind::TaskFailed))
        event.host = m_workerHosts.value(workerPid);
    m_events.append(std::move(event));
    return &m_events.last();
}

void PoolEngine::flushEvents()
{
    if (m_events.isEmpty()) {
        m_eventTimer->stop();
        return;
    }
    Q_EMIT events(std::exchange(m_events, {}));
}

void PoolEngine::setPaused(bool paused, bool stopRunning)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    const qint64 now = monotonicNs();
    if (paused) {
        m_pausedAtNs = now;
        m_stoppedRunning = stopRunning;
        closeSeats();
        if (stopRunning) {
            for (auto &slot : m_slots)
                slot->worker->sendSignal(SIGSTOP);
        }
        m_commands->setPaused(true, stopRunning);
        record(PoolEvent::Kind::Paused, nullptr, 0, 0, stopRunning ? QStringLiteral("running work stopped") : QString());
        return;
    }
    if (m_stoppedRunning) {
        // The stopped time does not count: running chunks keep the time they had left.
        for (auto &slot : m_slots) {
            if (!slot->inflight.empty())
                slot->inflight.front().startedNs += now - m_pausedAtNs;
            if (const std::shared_ptr<DirectCall> call = m_lanes->current(*slot->seat))
                call->startedNs.fetch_add(now - m_pausedAtNs);
            slot->worker->sendSignal(SIGCONT);
        }
    }
    m_stoppedRunning = false;
    m_commands->setPaused(false, false);
    record(PoolEvent::Kind::Resumed, nullptr);
    dispatch();
}

PoolEngine::~PoolEngine()
{
    m_lanes->setWake({});
    flushEvents(); // the last ends and exits reach monitors before the pool is gone
    for (auto &slot : m_slots) {
        disconnect(slot->worker, nullptr, this, nullptr);
        delete slot->worker; // kills a worker still running
    }
}

void PoolEngine::watchAllocation()
{
    if (!m_allocation)
        return;
    connect(m_allocation, &SlurmAllocation::pending, this, [this] { recordSlurmJob(); });
    connect(m_allocation, &SlurmAllocation::granted, this, [this] { recordSlurmJob(); });
    connect(m_allocation, &SlurmAllocation::failed, this, [this] { recordSlurmJob(); });
    connect(m_allocation, &SlurmAllocation::ending, this, &PoolEngine::holdSlurmSteps);
    connect(m_allocation, &SlurmAllocation::ended, this, &PoolEngine::endSlurmAllocation);
}

std::exception_ptr PoolEngine::whyNoWorkerCanRun() const
{
    if (m_slurmEnded)
        return m_slurmEnded;
    return m_startError && !hasReadyWorker() ? m_startError : nullptr;
}

void PoolEngine::holdSlurmSteps()
{
    m_slurmEnding = true;
    m_respawnTimer->stop();
    if (m_options.commandsOnly)
        m_commands->setHeld(true); // its commands are steps: none starts in it any more
}

void PoolEngine::endSlurmAllocation(const QString &message)
{
    recordSlurmJob();
    if (m_state == State::Terminated || m_slurmEnded)
        return;
    const QString why = QStringLiteral("%1: %2: no %3 can start")
                            .arg(m_name, message, m_options.commandsOnly ? QStringLiteral("command") : QStringLiteral("worker"));
    m_slurmEnded = std::make_exception_ptr(ProcessError(why));
    holdSlurmSteps();
    if (m_options.commandsOnly) {
        m_slurmError = why;
        m_commands->failQueued(m_slurmEnded, why);
    }
    failPending(m_slurmEnded);
    updateSeats(); // no more direct calls: every call comes here, and fails
    maybeStopped();
}

void PoolEngine::recordSlurmJob(bool force)
{
    if (!m_allocation || !m_recording)
        return;
    const QString state = m_allocation->stateName();
    if (state.isEmpty())
        return;
    QString message;
    if (state == QLatin1String("PENDING"))
        message = m_allocation->pendingReason();
    else if (state == QLatin1String("FAILED") || m_allocation->state() == SlurmAllocation::State::Ended)
        message = m_allocation->errorString();
    const QString said = state + QLatin1Char('\n') + message + QLatin1Char('\n') + QString::number(m_allocation->jobId());
    if (!force && said == m_recordedSlurmJob)
        return;
    m_recordedSlurmJob = said;
    if (PoolEvent *event = record(PoolEvent::Kind::SlurmJob, nullptr, 0, 0, message)) {
        event->slurmJobId = m_allocation->jobId();
        event->slurmState = state;
    }
}

void PoolEngine::requestCommandAllocation()
{
    watchAllocation();
    connect(m_allocation, &SlurmAllocation::granted, this, [this] {
        m_commands->runInSlurmAllocation(m_allocation->jobId(), m_options.slurm->srunArguments);
        m_commands->setHeld(false);
    });
    connect(m_allocation, &SlurmAllocation::failed, this, [this](const QString &message) {
        m_slurmError = QStringLiteral("%1: no Slurm allocation for its commands: %2").arg(m_name, message);
        m_commands->failQueued(std::make_exception_ptr(ProcessError(m_slurmError)), m_slurmError);
    });
    SlurmAllocation::Request request;
    request.tasks = m_processes;
    request.partition = m_options.slurm->partition;
    request.timeLimit = m_options.slurm->timeLimit;
    request.name = m_options.slurm->jobName;
    request.extraArguments = m_options.slurm->sallocArguments;
    m_allocation->request(request);
}

void PoolEngine::startWorkers()
{
    if (m_options.commandsOnly) {
        if (m_allocation)
            requestCommandAllocation();
        return;
    }
    if (m_options.taskTimeout.count() > 0) {
        m_timeoutTimer = new QTimer(this);
        m_timeoutTimer->setInterval(std::clamp<qint64>(m_options.taskTimeout.count() / 4, 5, 100));
        connect(m_timeoutTimer, &QTimer::timeout, this, &PoolEngine::checkTimeouts);
        m_timeoutTimer->start();
    }
    if (m_launcher) {
        // Workers start once Slurm grants the allocation; tasks wait in the queue meanwhile.
        connect(m_launcher, &SlurmWorkerLauncher::ready, this, [this] {
            topUpWorkers();
            dispatch();
        });
        connect(m_launcher, &SlurmWorkerLauncher::failed, this, [this](const QString &message) {
            noteStartFailure(std::make_exception_ptr(ProcessError(message)), true);
        });
        m_launcher->start(m_processes);
        m_allocation = m_launcher->allocation();
        watchAllocation();
        return;
    }
    topUpWorkers();
}

void PoolEngine::topUpWorkers()
{
    if ((m_launcher && !m_launcher->isReady()) || m_slurmEnding)
        return; // no allocation (yet, or any more)
    if (m_respawnTimer->isActive())
        return; // backing off: the timer calls again
    const bool wanted = m_state == State::Running || (m_state == State::Closed && !m_pending.empty());
    while (wanted && int(m_slots.size()) < m_processes) {
        if (m_startFailures > backOffAfter && !m_backOffServed) {
            // Workers keep failing to start: wait a little longer before each one. (Workers
            // killed from outside are replaced at once, however many there are.)
            const int shift = std::min(m_startFailures - backOffAfter - 1, 8);
            m_respawnTimer->start(std::min(maxBackOffMs, 50 << shift));
            return;
        }
        m_backOffServed = false;
        if (!spawn())
            break;
    }
}

bool PoolEngine::spawn()
{
    QCborMap pool{{QStringLiteral("maxTasks"), m_options.maxTasksPerChild}};
    if (m_options.initializer) {
        pool.insert(QStringLiteral("init"), QCborMap{{QStringLiteral("name"), m_options.initializer->name},
                                                     {QStringLiteral("args"), m_options.initializer->args}});
    }
    QList<int> identity = currentProcess().identity();
    identity.append(detail::nextChildNumber());
    QCborMap run = wire::runMessage(QStringLiteral("%1-Worker-%2").arg(m_name).arg(++m_workerNumber), identity, false,
                                    currentProcess().authkey(), m_method);
    run.insert(QStringLiteral("pool"), pool);
    auto slot = std::make_unique<Slot>();
    const auto cannotStart = [this] {
        noteStartFailure(std::current_exception(), false);
        return false;
    };
    try {
        slot->lane = WorkerLane::create();
    } catch (const Error &) {
        return cannotStart();
    }
    slot->worker = new WorkerHandle(m_method, m_options.outputMode, this);
    Slot *raw = slot.get();
    connect(raw->worker, &WorkerHandle::frameReceived, this, [this, raw](const QCborValue &f) { onFrame(raw, f); });
    // Refill once per burst of results, not once per result: one write carries many calls.
    connect(raw->worker, &WorkerHandle::framesDelivered, this, [this] {
        m_heldValues.deliver();
        dispatch();
        maybeStopped();
    });
    connect(raw->worker, &WorkerHandle::finished, this, [this, raw](int code) { onWorkerExit(raw, code); });
    connect(raw->worker, &WorkerHandle::placed, this, [this, raw] {
        m_workerHosts.insert(raw->worker->pid(), raw->worker->host());
        if (PoolEvent *event = record(PoolEvent::Kind::WorkerPlaced, nullptr, raw->worker->pid())) {
            event->host = raw->worker->host();
            event->slurmStep = raw->worker->step();
        }
    });
    try {
        if (m_launcher) // its lane stays here: the worker on its node keeps one of its own
            m_launcher->launch(raw->worker, run);
        else
            raw->worker->start(run, raw->lane->descriptor());
    } catch (const Error &) {
        delete raw->worker;
        return cannotStart();
    }
    raw->lane->closeDescriptor(); // the worker has its own
    raw->seat = m_lanes->addSeat(raw->lane, raw->worker->duplicateChannel());
    m_slots.push_back(std::move(slot));
    record(PoolEvent::Kind::WorkerStarted, nullptr, raw->worker->pid());
    Q_EMIT workerStarted(raw->worker->pid());
    return true;
}

void PoolEngine::noteStartFailure(std::exception_ptr error, bool decisive)
{
    if (m_state == State::Terminated || m_slurmEnding)
        return; // (a step that could not start in an allocation that is ending: its end says why)
    ++m_startFailures;
    if (!decisive && m_startFailures < maxStartFailures) {
        QTimer::singleShot(0, this, &PoolEngine::topUpWorkers);
        return;
    }
    if (!decisive) {
        error = std::make_exception_ptr(WorkerLostError(
            QStringLiteral("%1: %2 workers in a row failed to start; the last: %3. The pool keeps trying "
                           "(at most every %4 s) and runs tasks again once a worker starts")
                .arg(m_name)
                .arg(m_startFailures)
                .arg(describeError(error))
                .arg(maxBackOffMs / 1000)));
    }
    m_startError = error;
    if (!hasReadyWorker())
        failPending(error);
    QTimer::singleShot(0, this, &PoolEngine::topUpWorkers);
}

bool PoolEngine::hasReadyWorker() const
{
    return std::any_of(m_slots.begin(), m_slots.end(), [](const auto &slot) {
        return slot->state == SlotState::Ready && slot->worker->isRunning();
    });
}

void PoolEngine::submit(std::vector<PoolJob> jobs)
{
    if (m_state != State::Running) {
        auto error = std::make_exception_ptr(ValueError(QStringLiteral("Pool not running: it was closed or terminated")));
        for (PoolJob &job : jobs)
            failJob(job, error);
        return;
    }
    enqueue(std::move(jobs));
}

void PoolEngine::enqueue(std::vector<PoolJob> jobs)
{
    if (const std::exception_ptr error = whyNoWorkerCanRun()) {
        for (PoolJob &job : jobs)
            failJob(job, error);
        return;
    }
    if (m_options.commandsOnly) {
        auto error = std::make_exception_ptr(
            ValueError(QStringLiteral("%1 runs commands only (PoolOptions::commandsOnly): it has no workers for task '%2'")
                           .arg(m_name, jobs.empty() ? QString() : jobs.front().task)));
        for (PoolJob &job : jobs)
            failJob(job, error);
        return;
    }
    for (PoolJob &job : jobs) {
        if (job.id == 0) // a command's task has its id already (its retries keep it)
            job.id = m_lanes->nextId(quint64(job.chunks())); // a range: ids for all its chunks, in order
        if (m_recording) { // each task of a range queued on its own, with its event
            while (job.chunks() > 1) {
                PoolJob chunk = cutFirstChunk(job);
                record(PoolEvent::Kind::TaskQueued, &chunk);
                m_pending.push_back(std::move(chunk));
            }
            job.rangeChunk = 0;
            record(PoolEvent::Kind::TaskQueued, &job);
        }
        m_rangeExtraChunks += job.chunks() - 1;
        m_pending.push_back(std::move(job));
    }
    dispatch();
}

void PoolEngine::submitCommands(std::deque<CommandJob> jobs)
{
    if (m_state != State::Running) {
        auto error = std::make_exception_ptr(ValueError(QStringLiteral("Pool not running: it was closed or terminated")));
        for (CommandJob &job : jobs)
            job.batch->fail(error);
        return;
    }
    if (m_launcher) {
        std::vector<PoolJob> tasks;
        for (CommandJob &job : jobs) {
            job.id = m_lanes->nextId();
            tasks.push_back(commandTask(std::move(job)));
        }
        enqueue(std::move(tasks));
        return;
    }
    for (CommandJob &job : jobs)
        job.id = m_lanes->nextId();
    m_commands->submit(std::move(jobs));
    if (!m_slurmError.isEmpty()) // queued (monitors see them), then failed: there is nowhere to run them
        m_commands->failQueued(std::make_exception_ptr(ProcessError(m_slurmError)), m_slurmError);
}

PoolJob PoolEngine::commandTask(CommandJob job)
{
    return RemoteCommandJob::task(std::move(job), [this](CommandJob next) {
        // Called while a reply or a worker's end is being handled: queued now (a closing pool
        // keeps its workers for it), sent from the event loop.
        if (m_state == State::Terminated) {
            next.batch->fail(std::make_exception_ptr(ProcessError(QStringLiteral("the pool was terminated before the task finished"))));
            return;
        }
        if (m_slurmEnded) { // no worker to run it on any more
            next.batch->fail(m_slurmEnded);
            return;
        }
        PoolJob task = commandTask(std::move(next)); // the same task (id), its next attempt
        record(PoolEvent::Kind::TaskQueued, &task);
        m_pending.push_back(std::move(task));
        QMetaObject::invokeMethod(this, &PoolEngine::dispatch, Qt::QueuedConnection);
    });
}

PoolJob PoolEngine::cutFirstChunk(PoolJob &range)
{
    PoolJob chunk;
    chunk.task = range.task;
    chunk.items = range.items.mid(0, range.rangeChunk);
    chunk.index = range.index;
    chunk.batch = range.batch;
    chunk.id = range.id;
    range.items = range.items.mid(range.rangeChunk, range.items.size());
    range.index += range.rangeChunk;
    ++range.id;
    if (range.chunks() == 1)
        range.rangeChunk = 0; // the last chunk: a job like any other
    return chunk;
}

PoolJob PoolEngine::takeFirstChunk()
{
    PoolJob &front = m_pending.front();
    if (front.chunks() > 1) {
        --m_rangeExtraChunks;
        return cutFirstChunk(front);
    }
    PoolJob job = std::move(front);
    job.rangeChunk = 0;
    m_pending.pop_front();
    return job;
}

void PoolEngine::splitRanges()
{
    if (m_rangeExtraChunks == 0)
        return;
    std::deque<PoolJob> split;
    while (!m_pending.empty())
        split.push_back(takeFirstChunk());
    m_pending = std::move(split);
}

int PoolEngine::window(const QString &task) const
{
    const double average = m_averageNs.value(task);
    if (average <= 0)
        return 1;
    return std::clamp(int(double(windowTargetNs) / average), 1, maxWindow);
}

void PoolEngine::dispatch()
{
    m_heldValues.deliver(); // batches are looked at below
    if (m_state == State::Terminated || m_paused) {
        closeSeats();
        return;
    }
    // No worker takes more than its share of what waits now, so a map's few large chunks spread
    // over the workers instead of all filling the first one's window.
    const auto takers = std::count_if(m_slots.begin(), m_slots.end(), [](const auto &slot) { return slot->takesWork(); });
    const size_t share = takers > 0 ? (pendingTasks() + size_t(takers) - 1) / size_t(takers) : pendingTasks();
    while (!m_pending.empty()) {
        PoolJob &next = m_pending.front();
        if (next.cancelled) { // back from a lost worker; its end was reported
            m_pending.pop_front();
            continue;
        }
        if (const bool ended = next.batch->hasEnded(); ended || next.batch->wasCanceled()) {
            record(PoolEvent::Kind::TaskFailed, &next, 0, 0,
                   ended ? QStringLiteral("not run: another task of its batch failed")
                         : QStringLiteral("not run: the result was canceled"),
                   0, ended ? PoolEvent::Reason::BatchFailed : PoolEvent::Reason::ResultCanceled);
            next.batch->fail(std::make_exception_ptr(ValueError(QStringLiteral("the result was canceled"))));
            m_rangeExtraChunks -= next.chunks() - 1; // a range goes whole: no monitor waits for its tasks
            m_pending.pop_front();
            continue;
        }
        const QString task = next.task; // next is popped below
        const int limit = window(task);
        // The least loaded worker that may take more.
        Slot *target = nullptr;
        for (auto &slot : m_slots) {
            if (!slot->takesWork() || int(slot->inflight.size()) >= limit)
                continue;
            if (m_options.maxTasksPerChild > 0 && slot->sent >= m_options.maxTasksPerChild)
                continue;
            if (!m_lanes->close(*slot->seat))
                continue; // a direct call runs on it: it comes back when that is done
            if (!target || slot->inflight.size() < target->inflight.size())
                target = slot.get();
        }
        if (!target)
            break;
        // Hand the target as much as its window (and its share) takes, in one write.
        QByteArray frames;
        const QByteArray taskUtf8 = task.toUtf8();
        for (size_t handed = 0; !m_pending.empty() && int(target->inflight.size()) < limit && handed < share; ++handed) {
            if (m_pending.front().batch->hasEnded() || m_pending.front().task != task)
                break; // dropped by the outer loop / sized by its own window
            const int calls = int(m_pending.front().firstChunkCalls());
            if (m_options.maxTasksPerChild > 0 && target->sent + calls > m_options.maxTasksPerChild
                && target->sent > 0) {
                target->leave(); // it may not take this chunk: it retires, a fresh one will
                break;
            }
            PoolJob job = takeFirstChunk();
            try {
                appendCall(frames, job, taskUtf8);
            } catch (const Error &e) {
                // Too large to send: this call fails alone, what was written before it still goes.
                record(PoolEvent::Kind::TaskFailed, &job, 0, 0, e.message());
                failJob(job, std::current_exception());
                continue;
            }
            if (job.items.isPacked() && calls > 1)
                m_packedCalls.fetch_add(quint64(calls), std::memory_order_relaxed);
            if (target->inflight.empty()) {
                job.startedNs = monotonicNs();
                record(PoolEvent::Kind::TaskStarted, &job, target->worker->pid());
            }
            target->sent += calls;
            target->inflight.push_back(std::move(job));
        }
        target->worker->sendEncoded(std::move(frames));
    }
    // Idle workers that retire, or that a closed pool no longer needs, are told to go.
    for (auto &slot : m_slots) {
        if (slot->state == SlotState::Closed || !slot->inflight.empty())
            continue;
        if (slot->isLeaving() || (m_state == State::Closed && m_pending.empty())) {
            if (!m_lanes->close(*slot->seat))
                continue; // told to go once its direct call is done
            m_lanes->shut(*slot->seat);
            slot->state = SlotState::Closed;
            slot->worker->closeChannel();
        }
    }
    updateSeats();
}

void PoolEngine::appendCall(QByteArray &frames, const detail::PoolJob &job, QByteArrayView taskUtf8)
{
    using Shape = wire::PoolCall::Shape;
    const qsizetype calls = job.items.size();
    if (job.items.isPacked() && calls > 1) { // one call goes as 'c': its event keeps its result
        wire::appendPackedCallFrame(frames, qint64(job.id), taskUtf8, job.items); // the arguments copied once
    } else if (calls == 1) {
        wire::appendCallFrame(frames, qint64(job.id), taskUtf8, job.items, 0); // no message built
    } else if (const qsizetype arity = job.items.uniformArity(); arity > 0) {
        frames += FrameDecoder::encode(
            wire::PoolCall{Shape::Flat, qint64(job.id), job.task, job.items.flatValues(), arity}.encode());
    } else {
        QCborArray lists;
        for (qsizetype i = 0; i < job.items.size(); ++i)
            lists.append(job.items.at(i));
        frames += FrameDecoder::encode(wire::PoolCall{Shape::Lists, qint64(job.id), job.task, lists}.encode());
    }
}

void PoolEngine::updateSeats()
{
    const bool direct = m_state == State::Running && !m_paused && !m_recording && m_options.maxTasksPerChild <= 0
                        && m_pending.empty() && !m_slurmEnded;
    for (auto &slot : m_slots) {
        // A remote worker's channel exists once it has connected: its seat gets a dup then. Its
        // direct replies come back on the channel (it has no lane of ours), where the waiting
        // caller reads them, or this thread when it gets there first (or nobody waits).
        if (slot->worker->isRemote() && !slot->seat->hasChannel() && slot->worker->isConnected()
            && slot->worker->isRunning()) {
            m_lanes->attachChannel(*slot->seat, slot->worker->duplicateChannel());
            if (slot->seat->readGate())
                slot->worker->setChannelReadGate(slot->seat->readGate());
        }
        if (direct && slot->state == SlotState::Ready && slot->inflight.empty() && slot->worker->isRunning()
            && slot->seat->hasChannel()
            && slot->worker->bytesToWrite() == 0)
            m_lanes->open(*slot->seat);
        else
            m_lanes->close(*slot->seat);
        watchChannel(*slot);
    }
}

void PoolEngine::checkIdleChannels()
{
    for (auto &slot : m_slots) {
        const DirectSeat &seat = *slot->seat;
        watchChannel(*slot); // a direct call nobody waits for, that no one told us of: read it
        if (!seat.readGate() || !seat.hasChannel() || !m_lanes->callerReads(seat) || seat.readGate()->callerWaiting())
            continue;
        pollfd p{seat.channel(), POLLIN | POLLRDHUP, 0};
        if ((::poll(&p, 1, 0) > 0 && p.revents != 0) || seat.readGate()->hasKept())
            slot->worker->setChannelReading(true); // its end (or a reply: read here then, as well)
    }
}

void PoolEngine::watchChannel(Slot &slot)
{
    // A remote worker's channel: read here unless a caller reads it (or may any moment).
    if (slot.seat->readGate())
        slot.worker->setChannelReading(!m_lanes->callerReads(*slot.seat));
}

void PoolEngine::closeSeats()
{
    for (auto &slot : m_slots) {
        m_lanes->close(*slot->seat);
        watchChannel(*slot);
    }
}

bool PoolEngine::onDirectReply(Slot *slot, const wire::PoolReply &reply)
{
    const std::optional<qint64> id = wire::answeredCall(reply);
    if (!id)
        return false;
    const std::shared_ptr<DirectCall> call = m_lanes->current(*slot->seat);
    if (!call || quint64(*id) != call->id()) {
        // The worker also wrote the reply of a direct call whose caller had it from the lane
        // already (it was not waiting yet when the worker looked): nothing to do.
        const bool pending = std::any_of(slot->inflight.begin(), slot->inflight.end(),
                                         [id](const PoolJob &job) { return qint64(job.id) == *id; });
        return !pending && quint64(*id) <= slot->seat->lastDirectId.load();
    }
    if (call->claim())
        call->finish(reply);
    call->wake(); // a caller still waiting sees it done
    return true;
}

void PoolEngine::onFrame(Slot *slot, const QCborValue &frame)
{
    wire::PoolReply reply;
    try {
        reply = wire::decodePoolReply(frame);
    } catch (const ValueError &e) {
        qWarning("qmp: %s: worker pid %lld %s; it is killed", qPrintable(m_name), slot->worker->pid(), e.what());
        slot->worker->sendSignal(SIGKILL); // not speaking the protocol: none of its replies can be trusted
        return;
    }
    onReply(slot, reply);
}

void PoolEngine::onReply(Slot *slot, const wire::PoolReply &reply)
{
    if (std::holds_alternative<wire::PoolReady>(reply)) {
        // Starting up is not the task's time: its timeout counts from now.
        slot->becomeReady();
        m_startFailures = 0;
        m_startError = nullptr;
        if (!slot->inflight.empty())
            slot->inflight.front().startedNs = monotonicNs();
        return;
    }
    if (const auto *initFailed = std::get_if<wire::PoolInitFailed>(&reply)) {
        // The worker exits now; its end is no crash of its own on top of this.
        if (slot->state != SlotState::Closed)
            slot->state = SlotState::InitFailed;
        noteStartFailure(std::make_exception_ptr(RemoteError(
                             initFailed->type, initFailed->message,
                             QStringLiteral("initializer '%1' of %2").arg(m_options.initializer->name, m_name))),
                         true);
        return;
    }
    if (onDirectReply(slot, reply))
        return;
    const auto *result = std::get_if<wire::PoolResult>(&reply);
    const auto *error = std::get_if<wire::PoolError>(&reply);
    const auto *chunk = std::get_if<wire::PoolChunkResult>(&reply);
    const auto *packed = std::get_if<wire::PoolPackedResult>(&reply);
    if (slot->inflight.empty() || *wire::answeredCall(reply) != qint64(slot->inflight.front().id)
        || (packed && packed->callCount() != slot->inflight.front().items.size())) {
        slot->worker->sendSignal(SIGKILL); // out of step: its replies cannot be trusted
        return;
    }
    PoolJob job = std::move(slot->inflight.front());
    slot->inflight.pop_front();
    slot->repliedCalls += quint64(job.items.size());
    const qint64 now = monotonicNs();
    // The worker says how long the call ran; its reply may have waited to share a write.
    const qint64 tookNs = result ? result->tookNs : error ? error->tookNs : chunk ? chunk->tookNs : packed->tookNs;
    const double took = double(tookNs);
    double &average = m_averageNs[job.task];
    // A slow chunk counts at once (the window must shrink before more queue behind one);
    // fast ones pull the average down gradually.
    average = average <= 0 || took > average ? took : 0.9 * average + 0.1 * took;
    if (!slot->inflight.empty()) {
        slot->inflight.front().startedNs = now;
        if (!slot->inflight.front().cancelled)
            record(PoolEvent::Kind::TaskStarted, &slot->inflight.front(), slot->worker->pid());
    }
    const bool failed = error || (chunk && !chunk->errors.isEmpty()) || (packed && !packed->errors.isEmpty());
    if (!job.cancelled && m_recording) { // cancelTask() reported its end already
        PoolEvent::Reason reason = PoolEvent::Reason::None;
        QCborArray reasonArgs;
        const QString why = error ? failureText(error->failure, &reason, &reasonArgs)
                            : failed ? failureText(chunk ? chunk->errors : packed->errors,
                                                   chunk ? chunk->values.size() : packed->callCount(), &reason, &reasonArgs)
                                     : QString();
        PoolEvent *event = record(failed ? PoolEvent::Kind::TaskFailed : PoolEvent::Kind::TaskFinished, &job,
                                  slot->worker->pid(), tookNs, why, 0, reason, std::move(reasonArgs));
        if (event && result)
            event->result = result->value;
    }
    if (result) {
        m_heldValues.add(job.batch, job.index, result->value); // delivered with the rest of the burst
    } else if (chunk) {
        if (chunk->errors.isEmpty()) {
            m_heldValues.deliver();
            job.batch->deliverMany(job.index, chunk->values); // the common case: every item in one go
        } else {
            for (qsizetype i = 0; i < chunk->values.size() && !job.batch->hasEnded(); ++i) {
                if (const auto failure = chunk->errors.constFind(i); failure != chunk->errors.constEnd())
                    failCalls(job, i, 1, std::make_exception_ptr(failure->toError()));
                else
                    deliver(job, i, chunk->values.at(i));
            }
        }
    } else if (packed) {
        deliverPacked(job, *packed);
    } else {
        failCalls(job, 0, 1, std::make_exception_ptr(error->failure.toError()));
    }
    // dispatch() and maybeStopped() follow at the end of the burst (framesDelivered).
}

void PoolEngine::deliver(PoolJob &job, qsizetype offset, const QCborValue &value)
{
    m_heldValues.deliver();
    job.batch->deliver(job.index + offset, value);
}

void PoolEngine::deliverPacked(PoolJob &job, const wire::PoolPackedResult &reply)
{
    m_heldValues.deliver();
    const ChunkValues values(reply.bytes, reply.itemSize);
    qsizetype from = 0; // the values before each failed call go in one piece
    for (auto it = reply.errors.constBegin(); it != reply.errors.constEnd() && !job.batch->hasEnded(); ++it) {
        job.batch->deliverPacked(job.index + from, values.mid(from, it.key() - from));
        failCalls(job, it.key(), 1, std::make_exception_ptr(it.value().toError()));
        from = it.key() + 1;
    }
    job.batch->deliverPacked(job.index + from, values.mid(from, values.size() - from));
}

void PoolEngine::failCalls(PoolJob &job, qsizetype offset, qsizetype count, std::exception_ptr error)
{
    m_heldValues.deliver();
    job.batch->callsFailed(job.index + offset, count, error);
}

void PoolEngine::failJob(PoolJob &job, std::exception_ptr error)
{
    m_heldValues.deliver();
    job.batch->fail(error);
}

void PoolEngine::deliverHeldReplies(Slot *slot)
{
    FrameDecoder decoder;
    decoder.feed(slot->lane->heldReplies());
    while (const std::optional<QCborValue> frame = decoder.next()) {
        wire::PoolReply reply;
        try {
            reply = wire::decodePoolReply(*frame);
        } catch (const ValueError &e) {
            qWarning("qmp: %s: worker pid %lld left %s", qPrintable(m_name), slot->worker->pid(), e.what());
            return; // what follows cannot be trusted either
        }
        const std::optional<qint64> id = wire::answeredCall(reply);
        // The worker may have written some of them before it died: those were handled.
        const std::shared_ptr<DirectCall> direct = m_lanes->current(*slot->seat);
        const bool waiting = !id || (direct && direct->id() == quint64(*id))
                             || std::any_of(slot->inflight.begin(), slot->inflight.end(),
                                            [id](const PoolJob &job) { return qint64(job.id) == *id; });
        if (waiting)
            onReply(slot, reply);
    }
}

WorkerDeath::Facts PoolEngine::deathFacts(const Slot &slot, const PoolJob &job, quint64 began, int exitCode) const
{
    WorkerDeath::Facts facts;
    facts.workerPid = slot.worker->pid();
    facts.exitCode = exitCode;
    facts.task = job.task;
    facts.taskId = job.id;
    facts.firstIndex = job.index;
    facts.calls = job.items.size();
    facts.began = began;
    facts.cancelled = slot.cancelledJob == job.id;
    facts.poolTerminated = m_state == State::Terminated;
    facts.timedOut = slot.timedOutJob == job.id;
    facts.timeoutMs = qint64(m_options.taskTimeout.count());
    facts.killedBecause = slot.killedBecause.isEmpty() ? slot.worker->lostReason() : slot.killedBecause;
    return facts;
}

void PoolEngine::onWorkerExit(Slot *slot, int exitCode)
{
    const auto it = std::find_if(m_slots.begin(), m_slots.end(), [slot](const auto &s) { return s.get() == slot; });
    if (it == m_slots.end())
        return;
    // Replies the worker finished but had not written count as delivered, not lost.
    deliverHeldReplies(slot);
    m_heldValues.deliver();
    // A direct call that ran on it: its reply may be in the lane; else it is the worker's
    // running call (or one it never began), as if the pool thread had sent it.
    if (const std::shared_ptr<DirectCall> call = m_lanes->remove(slot->seat); call && call->claim()) {
        if (slot->lane->hasDirectReply(call->id())) {
            call->finishFromLane();
        } else {
            PoolJob job;
            job.task = call->task();
            job.items = call->items();
            job.batch = call->batch();
            job.id = call->id();
            job.startedNs = call->startedNs.load();
            slot->inflight.push_front(std::move(job));
        }
        call->wake(); // its caller stops waiting on the lane (or channel)
    }
    std::unique_ptr<Slot> gone = std::move(*it);
    m_slots.erase(it);
    const qint64 pid = gone->worker->pid();
    gone->worker->deleteLater();

    // The worker counted every call it began: the calls it had not begun go back to the queue,
    // in order, as if never sent; only a call it had begun can have run.
    const quint64 started = gone->lane->startedCalls();
    const quint64 replied = gone->repliedCalls + gone->seat->completedCalls.load();
    const quint64 began = started > replied ? started - replied : 0;
    std::deque<PoolJob> running; // the calls that may have run: they fail (or are retried)
    if (gone->worker->isRemote() && gone->worker->isConnected()) {
        // A worker on another node shares no lane: which of the calls sent to it began is
        // unknown (its last replies may be lost with its node), so every one may have run.
        // (One that never connected was sent nothing: its calls go back to the queue below.)
        running = std::move(gone->inflight);
        gone->inflight.clear();
    } else if (began > 0 && !gone->inflight.empty()) {
        running.push_back(std::move(gone->inflight.front()));
        gone->inflight.pop_front();
    }
    for (auto rit = gone->inflight.rbegin(); rit != gone->inflight.rend(); ++rit) {
        if (rit->id == gone->cancelledJob && !rit->cancelled) {
            // cancelTask() killed the worker before it began this one: it never runs.
            record(PoolEvent::Kind::TaskFailed, &*rit, pid, 0, QStringLiteral("cancelled before it started"), 0,
                   PoolEvent::Reason::CancelledQueued);
            failCalls(*rit, 0, rit->items.size(),
                      std::make_exception_ptr(CancelledError(QStringLiteral("task '%1' (#%2) was cancelled before it started")
                                                                 .arg(rit->task)
                                                                 .arg(rit->id))));
            continue;
        }
        m_pending.push_front(std::move(*rit));
    }
    gone->inflight.clear();

    for (auto rit = running.rbegin(); rit != running.rend(); ++rit) {
        PoolJob &job = *rit;
        const quint64 jobBegan = gone->worker->isRemote() ? quint64(job.items.size()) : began;
        const WorkerDeath death = WorkerDeath::classify(deathFacts(*gone, job, jobBegan, exitCode));
        const bool cancelled = death.cause == WorkerDeath::Cause::Cancelled;
        if (!job.cancelled) { // cancelTask() reported the end of one cancelled while queued
            record(PoolEvent::Kind::TaskFailed, &job, pid, job.startedNs ? monotonicNs() - job.startedNs : 0,
                   death.eventMessage, exitCode, death.reason, death.reasonArgs);
        }
        if (m_state != State::Terminated && job.attempts < m_options.retries && !job.batch->hasEnded() && !cancelled
            && !job.cancelled) {
            ++job.attempts;
            m_pending.push_front(std::move(job));
        } else {
            failCalls(job, 0, job.items.size(), death.error);
        }
    }

    if (gone->isStarting()) {
        const QString lost = gone->worker->lostReason(); // a remote worker that never connected, say
        const bool ownFault = gone->killedBecause.isEmpty() && (!killedFromOutside(exitCode) || !lost.isEmpty())
                              && m_state != State::Terminated;
        if (ownFault) {
            noteStartFailure(std::make_exception_ptr(ProcessError(QStringLiteral("worker pid %1 %2 before it was ready")
                                                                      .arg(pid)
                                                                      .arg(lost.isEmpty() ? describeExit(exitCode) : lost))),
                             false);
        }
    }
    record(PoolEvent::Kind::WorkerExited, nullptr, pid, 0, describeExit(exitCode), exitCode);
    Q_EMIT workerExited(pid, exitCode);

    if (const std::exception_ptr error = whyNoWorkerCanRun())
        failPending(error); // retries too: no worker will take them
    topUpWorkers();
    dispatch();
    maybeStopped();
}

void PoolEngine::failPending(std::exception_ptr error)
{
    const QString why = describeError(error);
    const PoolEvent::Reason reason = m_state == State::Terminated ? PoolEvent::Reason::PoolTerminated : PoolEvent::Reason::PoolBroken;
    const QCborArray reasonArgs = reason == PoolEvent::Reason::PoolBroken ? QCborArray{why} : QCborArray{};
    while (!m_pending.empty()) {
        PoolJob &job = m_pending.front();
        if (!job.cancelled) {
            record(PoolEvent::Kind::TaskFailed, &job, 0, 0, why, 0, reason, reasonArgs); // (no range while recording)
            failJob(job, error);
        }
        m_pending.pop_front();
    }
    m_rangeExtraChunks = 0;
}

void PoolEngine::abandonAll(std::exception_ptr error)
{
    m_heldValues.deliver();
    failPending(error);
    const QString why = describeError(error);
    const PoolEvent::Reason reason = m_state == State::Terminated ? PoolEvent::Reason::PoolTerminated : PoolEvent::Reason::PoolBroken;
    const QCborArray reasonArgs = reason == PoolEvent::Reason::PoolBroken ? QCborArray{why} : QCborArray{};
    for (auto &slot : m_slots) {
        m_lanes->close(*slot->seat);
        if (const std::shared_ptr<DirectCall> call = m_lanes->current(*slot->seat); call && call->claim()) {
            call->batch()->fail(error);
            call->wake();
        }
        for (PoolJob &job : slot->inflight) {
            if (!job.cancelled) {
                record(PoolEvent::Kind::TaskFailed, &job, slot->worker->pid(),
                       job.startedNs ? monotonicNs() - job.startedNs : 0, why, 0, reason, reasonArgs);
            }
            failJob(job, error);
        }
        slot->inflight.clear();
        slot->leave();
        slot->worker->sendSignal(SIGKILL);
    }
    maybeStopped();
}

void PoolEngine::checkTimeouts()
{
    if (m_stoppedRunning)
        return; // stopped time does not count
    const qint64 now = monotonicNs();
    const qint64 limit = qint64(m_options.taskTimeout.count()) * 1000000;
    for (auto &slot : m_slots) {
        if (!slot->isReady() || slot->timedOutJob)
            continue;
        if (const std::shared_ptr<DirectCall> call = m_lanes->current(*slot->seat);
            call && !call->isClaimed() && now - call->startedNs.load() > limit) {
            slot->timedOutJob = call->id();
            if (slot->killedBecause.isEmpty())
                slot->killedBecause = QStringLiteral("was killed when task #%1 ran past its timeout").arg(slot->timedOutJob);
            slot->worker->sendSignal(SIGKILL);
            continue;
        }
        if (!slot->inflight.empty() && now - slot->inflight.front().startedNs > limit) {
            slot->timedOutJob = slot->inflight.front().id;
            if (slot->killedBecause.isEmpty())
                slot->killedBecause = QStringLiteral("was killed when task #%1 ran past its timeout").arg(slot->timedOutJob);
            slot->worker->sendSignal(SIGKILL);
        }
    }
}

bool PoolEngine::terminateWorker(qint64 pid)
{
    for (auto &slot : m_slots) {
        if (pid > 0 && slot->worker->pid() == pid) {
            if (slot->killedBecause.isEmpty())
                slot->killedBecause = QStringLiteral("was terminated by the user");
            slot->worker->sendSignal(SIGKILL);
            return true;
        }
    }
    return m_commands->cancelPid(pid, QStringLiteral("terminated by the user"));
}

QList<qint64> PoolEngine::workerPids() const
{
    QList<qint64> pids;
    for (const auto &slot : m_slots) {
        if (slot->worker->isRunning())
            pids.append(slot->worker->pid());
    }
    return pids;
}

bool PoolEngine::cancelTask(quint64 taskId)
{
    const auto cancelledError = [](const PoolJob &job, const QString &how) {
        return std::make_exception_ptr(CancelledError(QStringLiteral("task '%1' (#%2) was cancelled %3")
                                                          .arg(job.task).arg(job.id).arg(how)));
    };
    splitRanges(); // a task of a range is a task of its own
    const auto queued = std::find_if(m_pending.begin(), m_pending.end(), [taskId](const PoolJob &j) { return j.id == taskId; });
    if (queued != m_pending.end()) {
        record(PoolEvent::Kind::TaskFailed, &*queued, 0, 0, QStringLiteral("cancelled before it started"), 0,
               PoolEvent::Reason::CancelledQueued);
        failCalls(*queued, 0, queued->items.size(), cancelledError(*queued, QStringLiteral("before it started")));
        m_pending.erase(queued);
        dispatch();
        maybeStopped();
        return true;
    }
    for (auto &slot : m_slots) {
        for (size_t i = 0; i < slot->inflight.size(); ++i) {
            PoolJob &job = slot->inflight[i];
            if (job.id != taskId || job.cancelled)
                continue;
            if (i == 0) {
                slot->cancelledJob = job.id;
                slot->killedBecause = QStringLiteral("was killed to cancel task #%1").arg(job.id);
                slot->worker->sendSignal(SIGKILL);
            } else {
                // Already sent to the worker: it runs, but its result goes nowhere.
                job.cancelled = true;
                record(PoolEvent::Kind::TaskFailed, &job, slot->worker->pid(), 0, QStringLiteral("cancelled before it started"),
                       0, PoolEvent::Reason::CancelledQueued);
                failCalls(job, 0, job.items.size(), cancelledError(job, QStringLiteral("before it started")));
            }
            return true;
        }
    }
    return m_commands->cancel(taskId, QStringLiteral("cancelled by the user"));
}

CommandRunner::Cancelled PoolEngine::cancelCommands(quint64 batchId)
{
    if (m_launcher) { // its commands are tasks on the workers
        QList<quint64> queued;
        QList<quint64> running;
        for (const PoolJob &task : m_pending) {
            if (RemoteCommandJob::isOfSubmission(task, batchId))
                queued.append(task.id);
        }
        for (const auto &slot : m_slots) {
            for (size_t i = 0; i < slot->inflight.size(); ++i) {
                const PoolJob &task = slot->inflight[i];
                if (RemoteCommandJob::isOfSubmission(task, batchId) && !task.cancelled && slot->cancelledJob != task.id)
                    (i == 0 ? running : queued).append(task.id);
            }
        }
        CommandRunner::Cancelled cancelled;
        for (quint64 id : std::as_const(queued))
            cancelled.queued += cancelTask(id) ? 1 : 0;
        for (quint64 id : std::as_const(running))
            cancelled.running += cancelTask(id) ? 1 : 0;
        return cancelled;
    }
    return m_commands->cancelBatch(batchId, QStringLiteral("cancelled by the user"));
}

void PoolEngine::setProcesses(int processes)
{
    if (processes < 1 || m_state == State::Terminated)
        return;
    m_processes = processes;
    m_commands->setLimit(processes);
    if (m_options.commandsOnly)
        return;
    int staying = int(std::count_if(m_slots.begin(), m_slots.end(), [](const auto &s) { return !s->isLeaving(); }));
    while (staying > processes) {
        // The least loaded worker leaves (an idle one at once, through dispatch()).
        Slot *least = nullptr;
        for (auto &slot : m_slots) {
            if (!slot->isLeaving() && (!least || slot->inflight.size() < least->inflight.size()))
                least = slot.get();
        }
        least->leave();
        --staying;
    }
    // Growing: new workers at once, unless workers keep failing to start (the back-off timer
    // tops the pool up).
    for (; staying < processes && !m_respawnTimer->isActive(); ++staying) {
        if (!spawn())
            break;
    }
    dispatch();
    maybeStopped();
}

void PoolEngine::closePool()
{
    if (m_state != State::Running)
        return;
    m_state = State::Closed;
    dispatch();
    maybeStopped();
}

void PoolEngine::terminatePool()
{
    if (m_state == State::Terminated)
        return;
    m_state = State::Terminated;
    const auto error = std::make_exception_ptr(ProcessError(QStringLiteral("the pool was terminated before the task finished")));
    m_commands->terminate(error);
    abandonAll(error);
}

void PoolEngine::maybeStopped()
{
    if (m_state != State::Running) {
        if (m_slots.empty() && m_pending.empty() && m_commands->isIdle()) {
            if (m_launcher)
                m_launcher->release(); // nothing of the pool stays in squeue
            if (m_allocation) {
                m_allocation->release();
                recordSlurmJob();
                flushEvents();
            }
            m_stopped->finish(true);
        }
    }
}

} // namespace qmp
