#pragma once
// PoolEngine: the machinery behind qmp::Pool, living on the pool's own thread. It starts and
// replaces workers, feeds them tasks, matches results to the futures waiting for them, and
// turns every way a worker can end into a definite outcome for its task. Internal: use Pool.
//
// Every public slot runs on the pool thread (Pool posts to it); batches' callbacks run there too.

#include "qmpcore_export.h"
#include "argumentlists.h"
#include "poolbatch.h"
#include "commandrunner.h"
#include "poolevent.h"
#include "pooloptions.h"
#include "valuerun.h"
#include "workerdeath.h"
#include "workerprotocol.h"

#include <QCborArray>
#include <QCborValue>
#include <QHash>
#include <QObject>
#include <QString>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace qmp {

class DirectCall;
class DirectLanes;
class DirectSeat;
class SlurmAllocation;
class SlurmWorkerLauncher;
class WorkerHandle;
class WorkerLane;

namespace detail {

class Completion;

// One chunk of calls of one task, sent to a worker as one message (Python's chunksize). Its
// items are the batch's positions index .. index + items.size() - 1.
struct QMP_CORE_AUTOTEST_EXPORT PoolJob
{
    QString task;
    ArgumentLists items; // the calls' arguments
    qsizetype index = 0;
    std::shared_ptr<PoolBatch> batch;
    quint64 id = 0;       // set by the engine
    int attempts = 0;
    bool cancelled = false; // failed by cancelTask() while queued at a worker
    qint64 startedNs = 0; // when it became the worker's running chunk
    // > 0: not one chunk but the queue's range of chunks of rangeChunk calls each (the last may
    // be shorter), ids id, id + 1, ... in order: a map is queued as one job, and the engine cuts
    // its chunks off as it sends them (one PoolJob per chunk only for the chunks in flight).
    qsizetype rangeChunk = 0;

    // Chunks in it: 1, or a range's.
    qsizetype chunks() const { return rangeChunk > 0 ? (items.size() + rangeChunk - 1) / rangeChunk : 1; }
    // Calls in its first chunk.
    qsizetype firstChunkCalls() const { return rangeChunk > 0 ? std::min(rangeChunk, items.size()) : items.size(); }
};

} // namespace detail

class QMP_CORE_AUTOTEST_EXPORT PoolEngine : public QObject
{
    Q_OBJECT
public:
    // lanes: the pool's direct calls (shared with Pool); the engine opens and closes the seats.
    PoolEngine(int processes, PoolOptions options, QString name,
               std::shared_ptr<detail::Completion> stopped, std::shared_ptr<DirectLanes> lanes);
    ~PoolEngine() override;

    void startWorkers();
    void submit(std::vector<detail::PoolJob> jobs);
    // Calls sent packed so far (Pool::packedCalls). Thread-safe.
    quint64 packedCalls() const { return m_packedCalls.load(std::memory_order_relaxed); }
    // External commands: at most `processes` run at once, beside the task workers — or, on a
    // pool whose workers are on Slurm, as qmp.command tasks on those workers (RemoteCommandJob).
    void submitCommands(std::deque<CommandJob> jobs);
    // No more submissions: workers leave once the queue is done.
    void closePool();
    // Fails every unfinished task and kills the workers.
    void terminatePool();
    // Paused: nothing new starts. stopRunning also SIGSTOPs what runs (SIGCONT on resume), and
    // the time stopped does not count towards timeouts.
    void setPaused(bool paused, bool stopRunning);
    // Events are recorded only while this is on (a receiver is connected to Pool::events).
    void setRecording(bool on);
    // Kills the task worker or command with this pid; its task fails (retried when retries are
    // set) with an error saying the user terminated it. False when no worker or running command
    // has that pid.
    bool terminateWorker(qint64 pid);
    QList<qint64> workerPids() const;
    // Ends task or command `taskId` (PoolEvent::taskId) with a CancelledError / a "cancelled"
    // result, never retried: a queued one never runs, a running one has its worker (or process
    // group) killed. False when it is not queued or running.
    bool cancelTask(quint64 taskId);
    // Pool::cancelCommands: every command of submission batchId.
    CommandRunner::Cancelled cancelCommands(quint64 batchId);
    // Runs with `processes` workers (and as many commands at once) from now on: more start at once;
    // surplus workers leave, idle ones first, busy ones once their queued work is done. Below 1:
    // ignored (Pool checks).
    void setProcesses(int processes);
    // The Slurm allocation its workers (or commands) run in has ended (message: SlurmAllocation's
    // ended(), "the Slurm allocation 812 ended (NODE_FAIL)"): queued and later tasks fail at once
    // with "<name>: <message>: no worker can start" (commands: "no command"), no worker or step
    // is started any more; what runs ends with its step. Its own allocation's end is followed
    // here; one the caller holds (SlurmWorkers::allocation) is told by the caller (Pool).
    void endSlurmAllocation(const QString &message);
    // The allocation is ending (its salloc exited; the verdict, endSlurmAllocation, follows):
    // no worker or step is started any more, and a start that fails meanwhile fails no task.
    void holdSlurmSteps();

Q_SIGNALS:
    void workerStarted(qint64 pid);
    void workerExited(qint64 pid, int exitCode);
    void events(const QList<qmp::PoolEvent> &batch);

private:
    // Where a worker is in its life. Work goes to Starting and Ready workers; a leaving one
    // finishes what it has and is told to go (Closed) once idle.
    enum class SlotState {
        Starting,     // started, its initializer has not finished: takes work, no timeout runs yet
        Ready,        // initialised (PoolReady): takes work; the running task's timeout counts
        InitFailed,   // its initializer threw (PoolInitFailed): takes nothing, exits by itself
        LeavingEarly, // takes no more work, goes once idle; not initialised yet
        Leaving,      // takes no more work, goes once idle; initialised
        Closed,       // told to go (its channel closed): its end is no failure of its own
    };
    struct Slot
    {
        WorkerHandle *worker = nullptr;
        std::shared_ptr<WorkerLane> lane;     // what the worker began and held, readable after its death
        std::shared_ptr<DirectSeat> seat;     // its direct calls (DirectLanes)
        std::deque<detail::PoolJob> inflight; // front: the running task
        int sent = 0;                         // calls sent (maxTasksPerChild)
        quint64 repliedCalls = 0;             // calls whose replies have been handled
        quint64 timedOutJob = 0;    // killed because this job ran past its timeout
        quint64 cancelledJob = 0;   // killed by cancelTask() to end this job (not retried)
        QString killedBecause;      // set when we ended it: terminateWorker, cancelTask, timeout
        SlotState state = SlotState::Starting;

        bool takesWork() const { return state == SlotState::Starting || state == SlotState::Ready; }
        bool isLeaving() const
        {
            return state == SlotState::LeavingEarly || state == SlotState::Leaving || state == SlotState::Closed;
        }
        // Initialised and not yet told to go: its running task's timeout counts.
        bool isReady() const { return state == SlotState::Ready || state == SlotState::Leaving; }
        // Not initialised, and neither failing nor told to go: its end now is a start-up failure
        // (unless it was killed).
        bool isStarting() const { return state == SlotState::Starting || state == SlotState::LeavingEarly; }
        void becomeReady()
        {
            if (state == SlotState::Starting)
                state = SlotState::Ready;
            else if (state == SlotState::LeavingEarly)
                state = SlotState::Leaving;
        }
        // Takes no more work from now on (a no-op for one that fails or was told to go).
        void leave()
        {
            if (state == SlotState::Starting)
                state = SlotState::LeavingEarly;
            else if (state == SlotState::Ready)
                state = SlotState::Leaving;
        }
    };
    enum class State { Running, Closed, Terminated };

    // Slurm (PoolOptions::slurm): follows the allocation (the launcher's, or a commands-only
    // pool's own, m_allocation) and records its state as SlurmJob events — each change once, or
    // all of it again when forced (a monitor started listening).
    void watchAllocation();
    void recordSlurmJob(bool force = false);
    // A commands-only pool on Slurm: its commands wait for the allocation, then run as its steps.
    void requestCommandAllocation();
    // Starts one worker; false (and the failure noted) when it could not be started.
    bool spawn();
    // Starts workers up to the pool's size, now or after the start-up back-off.
    void topUpWorkers();
    // A worker could not start, or died before it was ready, for a reason of its own (not a
    // kill from outside). Enough of them in a row (or an initializer that threw) is a start-up
    // failure: queued tasks fail with it, and new ones fail at once while no worker is ready.
    void noteStartFailure(std::exception_ptr error, bool decisive);
    bool hasReadyWorker() const;
    // Why no task can run now: the Slurm allocation ended, or workers failed to start and none is
    // ready; null when tasks can run.
    std::exception_ptr whyNoWorkerCanRun() const;
    // Queues jobs (of a running pool, or a command's next attempt on a closing one) and sends
    // what it can.
    void enqueue(std::vector<detail::PoolJob> jobs);
    // The qmp.command task of job's next attempt on a worker; a further attempt is queued again.
    detail::PoolJob commandTask(CommandJob job);
    // The first chunk of range (a job with rangeChunk > 0), cut off it.
    static detail::PoolJob cutFirstChunk(detail::PoolJob &range);
    // The first chunk of the queue, taken off it (cut off the front range, or the front job).
    detail::PoolJob takeFirstChunk();
    // Splits every range in the queue into its chunks (what monitors and cancelTask() see).
    void splitRanges();
    // Tasks (chunks) in the queue, ranges counted by their chunks.
    size_t pendingTasks() const { return m_pending.size() + size_t(m_rangeExtraChunks); }
    void dispatch();
    // How many chunks of task to queue at one worker: about 2 ms of that task's work, going by
    // its own recent chunks (1 until one has finished: a task's duration is unknown).
    int window(const QString &task) const;
    // A message from slot's worker: decoded, then onReply(); a malformed one kills the worker.
    void onFrame(Slot *slot, const QCborValue &frame);
    void onReply(Slot *slot, const wire::PoolReply &reply);
    void onWorkerExit(Slot *slot, int exitCode);
    // The replies a dead worker had finished but not written (its lane), delivered now.
    void deliverHeldReplies(Slot *slot);
    // The facts WorkerDeath::classify() decides from, for job, the call slot's worker was running
    // when it ended with exitCode after beginning `began` of job's calls.
    WorkerDeath::Facts deathFacts(const Slot &slot, const detail::PoolJob &job, quint64 began, int exitCode) const;
    // Call offset of job returned value (PoolBatch::deliver).
    void deliver(detail::PoolJob &job, qsizetype offset, const QCborValue &value);
    // A packed chunk's values, the calls that threw failing one by one.
    void deliverPacked(detail::PoolJob &job, const wire::PoolPackedResult &reply);
    // The whole batch of job fails (the pool stopped, the submission was refused...).
    void failJob(detail::PoolJob &job, std::exception_ptr error);
    // Calls offset .. offset + count - 1 of job failed (PoolBatch::callsFailed).
    void failCalls(detail::PoolJob &job, qsizetype offset, qsizetype count, std::exception_ptr error);
    // Fails every unfinished task with error and kills the workers.
    void abandonAll(std::exception_ptr error);
    // Fails the tasks waiting for a worker with error.
    void failPending(std::exception_ptr error);
    void checkTimeouts();
    // Appends the frame that sends job to its worker; throws ValueError when it exceeds the frame
    // limit (frames is then as it was).
    static void appendCall(QByteArray &frames, const detail::PoolJob &job, QByteArrayView taskUtf8);
    // Opens the seats of idle ready workers when direct calls may run, closes the others.
    void updateSeats();
    // Asks every seat back (direct calls running finish first).
    void closeSeats();
    // Whether this thread reads a remote worker's channel now: not while a caller reads it.
    void watchChannel(Slot &slot);
    // Reads the channel of an idle remote worker whose socket has something to say (its end),
    // and of a busy one whose caller does not wait (a safety net: callers say so, watched()).
    void checkIdleChannels();
    // A reply on the channel that answers slot's direct call: completed here when no caller
    // did. False when reply is not for it.
    bool onDirectReply(Slot *slot, const wire::PoolReply &reply);
    void maybeStopped();
    // Appends an event (while recording); returns it for the caller to add details, or nullptr.
    PoolEvent *record(PoolEvent::Kind kind, const detail::PoolJob *job, qint64 workerPid = 0, qint64 durationNs = 0,
                      const QString &message = {}, int exitCode = 0, PoolEvent::Reason reason = PoolEvent::Reason::None,
                      QCborArray reasonArgs = {});
    void flushEvents();

    int m_processes;
    PoolOptions m_options;
    StartMethod m_method;
    QString m_name;
    std::shared_ptr<detail::Completion> m_stopped;
    State m_state = State::Running;
    std::deque<detail::PoolJob> m_pending;
    qsizetype m_rangeExtraChunks = 0; // the queue's ranges' chunks beyond one each
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::exception_ptr m_startError; // why workers cannot start, while none is ready
    std::shared_ptr<DirectLanes> m_lanes;
    int m_workerNumber = 0;
    int m_startFailures = 0; // workers in a row that failed to start by themselves (crash, exit, no binary)
    QTimer *m_respawnTimer = nullptr; // the start-up back-off
    bool m_backOffServed = false;     // the back-off before the next start has passed
    QHash<QString, double> m_averageNs; // per task: moving average of a chunk's time
    QTimer *m_timeoutTimer = nullptr;
    CommandRunner *m_commands = nullptr;
    SlurmWorkerLauncher *m_launcher = nullptr; // workers on Slurm (PoolOptions::slurm)
    SlurmAllocation *m_allocation = nullptr;   // the Slurm allocation its workers or commands run in
    std::atomic<quint64> m_packedCalls{0};
    QString m_recordedSlurmJob;                // the last SlurmJob recorded (state and message)
    QString m_slurmError;                      // a commands-only pool's allocation was refused or ended: why
    std::exception_ptr m_slurmEnded;           // the allocation ended (endSlurmAllocation): every task fails so
    bool m_slurmEnding = false;                // it is ending or ended (holdSlurmSteps): no step starts
    QHash<qint64, QString> m_workerHosts;      // a remote worker's node, by pid (PoolEvent::host)
    bool m_paused = false;
    bool m_stoppedRunning = false;
    qint64 m_pausedAtNs = 0;
    bool m_recording = false;
    QList<PoolEvent> m_events;
    QTimer *m_eventTimer = nullptr;
    // One-call results of the current burst of replies, delivered together (see ValueRun): every
    // path that reaches a batch otherwise delivers it first.
    detail::ValueRun m_heldValues;
};

} // namespace qmp
