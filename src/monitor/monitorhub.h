#pragma once
// MonitorHub: the in-process hub every pool and queue reports to. It turns each
// watched Pool's events into a PoolState (workers, tasks, batches, counters, time series), ticks
// the series and the stuck detector, takes /proc samples of the workers, and tells models what
// changed — coalesced, at most every MonitorOptions::coalesceMs, so thousands of events per
// second cost models a few updates. It also carries the controls the studio offers (pause,
// terminate a worker, cancel a task, join...) and starts the studio's batches, so the app talks
// to the hub, never to a Pool. Every control goes through the pool's PoolControl: a
// LocalPoolControl for a pool of this program (carried out on the thread that owns the Pool,
// whichever thread the hub is on), MonitorClient's for another program's pool.
// Queues are watched through a QueueProbe (a handle of the hub's own that never keeps them alive):
// their depth, unfinished tasks and put / get counters are read on every tick (exact and cheap),
// and a queue nobody holds any more stays listed as gone with its last state.
//
// Lives on one thread (normally the GUI's); every method runs there. Pools are watched, not
// owned — unless adopted: then the hub deletes them when they are removed or it is destroyed.
// A watched pool may be owned by another thread (AppMonitor's arrangement): it must stay on it.
// There is no global hub: whoever needs one is given it.

#include "qmpmonitor_export.h"
#include "command.h"
#include "monitoroptions.h"
#include "poolcontrol.h"
#include "poolstate.h"
#include "queuestate.h"
#include "slurmworkers.h"

#include <QCborArray>
#include <QFuture>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace qmp {

class LocalPoolControl;
class Pool;
class Queue;

class QMP_MONITOR_EXPORT MonitorHub : public QObject
{
    Q_OBJECT
public:
    explicit MonitorHub(MonitorOptions options = {}, QObject *parent = nullptr);
    ~MonitorHub() override;

    const MonitorOptions &options() const { return m_options; }

    // Starts watching pool; returns its id in the hub. A pool destroyed elsewhere stays listed as
    // Lifecycle::Gone with its last state until remove(). title defaults to Pool::name(). pool
    // may be owned by another thread, which must not use or destroy it during this call (it
    // reads the pool's name, size and options).
    int watch(Pool *pool, const QString &title = {});
    // The same, and the hub owns it from now on.
    int adopt(std::unique_ptr<Pool> pool, const QString &title = {});
    // A pool known only by its events (another program's, through the monitor socket; tests).
    // control, when given (not owned; it must outlive the pool's entry), carries out the controls.
    int addPool(const QString &name, int processes, PoolControl *control = nullptr);
    // Sets pool id's lifecycle (for a pool known only by its events; a watched pool's follows the
    // Pool and its controls). Closed and terminated are final. Emits lifecycleChanged on a change.
    // Gone ends what is unfinished as lost, with why (PoolEvent::Reason::ProgramExited / PoolGone).
    void setLifecycle(int id, PoolState::Lifecycle lifecycle, PoolEvent::Reason why = PoolEvent::Reason::PoolGone);
    // What a pool known only by its events is like (from its program): its task timeout and
    // retries, its size, and that it is mirrored — its program decides what is stuck (setStuck)
    // and samples its workers (applySample), this hub does neither.
    void setPoolOptions(int id, qint64 taskTimeoutMs, int retries);
    void setProcessCount(int id, int processes);
    // How many tasks pool id's program holds back before they reach the pool
    // (PoolState::setHeldTasks; the QMP service's queued jobs not handed to the group's pool).
    // Emits heldTasksChanged on a change.
    void setHeldTasks(int id, int held);
    // Makes control (not owned; it must outlive pool id's entry) carry out pool id's controls
    // instead of the pool's own LocalPoolControl: for a program with rules of its own over a pool
    // it watches (the QMP service: a group's controls act on its jobs). That program then tells
    // the hub what the pool is after a control (setLifecycle, setProcessCount).
    void setControl(int id, PoolControl *control);
    // programPid: the program running it (its batches in a history are that program's).
    void setMirrored(int id, qint64 programPid);
    void setStuck(int id, quint64 taskId, const StuckReason &reason);
    // Opt-in per pool: a busy worker with no CPU for ms is stuck (0: off; MonitorOptions default).
    void setNoCpuStuckMs(int id, qint64 ms);
    // While a join waits for pool id's workers (the summary says "joining").
    void setJoining(int id, bool joining);
    // Where new batch ids come from: the history's (HistoryRecorder sets it) so every view shows
    // the history's numbers; default a sequence of this hub's. Applies to batches made from now on.
    void setBatchIdSource(std::function<quint64()> source);
    // Events of pool id as its Pool would deliver them (what watch() connects to).
    void feed(int id, const QList<PoolEvent> &events);
    // Forgets pool id (deletes it when adopted: that terminates its work). What had not ended
    // ends as lost first (poolChanged carries it), so no batch stays running in a history.
    void remove(int id);
    // Stops following pool id without ending anything: what it reported so far reaches the
    // receivers (poolChanged), then it leaves the hub (poolRemoved) with its tasks as they were —
    // for a pool of another program that goes on while we detach (MonitorClient::detach()).
    // An adopted pool is still deleted (that terminates its work, unrecorded): use remove() there.
    void release(int id);

    QList<int> poolIds() const { return m_pools.keys(); }
    const PoolState *pool(int id) const;
    // The Pool itself, for its owner's thread (tests); nullptr when gone or known only by events.
    // Everyone else uses the controls below.
    Pool *livePool(int id) const;
    // Whether pool id is a pool of this program that still exists (watched or adopted).
    bool isLocal(int id) const;
    void setBatchTitle(int poolId, quint64 batchId, const QString &title);
    // A batch of commands: the template they were expanded from and whether they run in /bin/sh.
    void setBatchTemplate(int poolId, quint64 batchId, const QString &commandTemplate, bool shell);

    // --- Starting work (the studio's batches) ---
    // A new pool of `processes` workers (taskTimeoutMs / retries: its options for task calls),
    // adopted by the hub; returns its id. Throws Error (a ValueError for a bad size...) when it
    // cannot start. With slurm, it runs on a Slurm cluster (PoolOptions::slurm): its workers as
    // steps of one allocation, or — commandsOnly — no workers, its commands as steps of the
    // allocation (as `qmp run --slurm` runs them); its PoolState then says where (slurmJob()).
    int createPool(const QString &name, int processes, qint64 taskTimeoutMs = 0, int retries = 0,
                   const std::optional<SlurmWorkers> &slurm = std::nullopt, bool commandsOnly = false);
    // Whether submit*() can give pool id work: a pool of this program on the hub's thread (one
    // it created or adopted, or watches there) that has not been closed or terminated.
    bool takesWork(int id) const;
    // Submit to pool id (see takesWork()): external commands (each with this timeout and
    // retries; a pool whose workers are on Slurm runs them on its workers, Pool::runAll), or one call of registered task per argument — independent calls, as an
    // imapUnordered's: one that fails or is cancelled ends alone. Return the pool's id of the
    // submission (PoolEvent::batchId; PoolState::batchOfSubmission maps it to the hub's batch).
    // Throw Error when the pool takes no work or the task is unknown or called wrongly.
    quint64 submitCommands(int id, const QList<Command> &commands, qint64 timeoutMs = 0, int retries = 0);
    quint64 submitCalls(int id, const QString &task, const QCborArray &arguments);

    // Whether the controls below can act on pool id: a pool of this program that still exists,
    // or a pool of another program whose PoolControl is available.
    bool canControl(int id) const;
    // Controls, through pool id's PoolControl (see poolcontrol.h): true when carried out (or, for
    // a pool on another thread or in another program, sent); false when the pool is gone or the
    // control does not apply (already paused, no such worker or running task...).
    bool pause(int id, bool stopRunning = false);
    bool resume(int id);
    bool close(int id);
    bool terminate(int id);
    bool terminateWorker(int id, qint64 pid);
    bool cancelTask(int id, quint64 taskId);
    // Grows or shrinks pool id to `processes` workers (Pool::setProcesses).
    bool resize(int id, int processes);
    // Runs an ended task of pool id again as a new single call (a registered task with one call
    // whose arguments the hub knows, or a command); it joins the pool's batch of single calls.
    bool retryTask(int id, quint64 taskId);
    // Whether retryTask can work for that task (ended, its call known, the pool takes work).
    bool canRetry(int id, quint64 taskId) const;
    // Whether join() can wait for pool id (a pool of this program: isLocal()).
    bool canJoin(int id) const;
    // Closes pool id if it still takes work, and returns a future that finishes once every worker
    // has exited; never blocks. The future is canceled (and finished) when the pool cannot be
    // joined (another program's) or went away before the close reached it. setJoining() is the
    // caller's (the "joining" summary).
    QFuture<void> join(int id);

    // Starts watching queue (any kind: Queue, JoinableQueue, LifoQueue, PriorityQueue; a
    // SimpleQueue through its handle's Queue) through a handle of the hub's own (QueueProbe), read
    // now and on every tick. name defaults to the kind and the id ("JoinableQueue-3"). Throws
    // FileNotFoundError when the queue is gone already. Any thread may own the queue.
    int watchQueue(const Queue &queue, const QString &name = {});
    // A queue known only by readings (another program's, through the monitor socket; tests).
    // Queue ids and pool ids come from one sequence: an id names one or the other.
    int addQueue(const QString &name, const QString &key, qint64 maxsize, QueueState::Order order, bool joinable);
    // The counters of queue id now (a queue known by readings; a watched one is read on ticks).
    void feedQueue(int id, const QueueState::Reading &reading);
    // Closed and gone are final; a watched queue's follows its probe. Gone lets go of the hub's
    // handle; beyond MonitorOptions::keptGoneQueues gone queues, the oldest are removed (as the
    // tick does for watched queues that went away).
    void setQueueLifecycle(int id, QueueState::Lifecycle lifecycle);
    // Forgets queue id (and lets go of the hub's handle on it).
    void removeQueue(int id);
    QList<int> queueIds() const { return m_queueStates.keys(); }
    const QueueState *queue(int id) const { return m_queueStates.value(id); }

    // Pids of every live worker and running command of every pool this hub samples itself (not
    // mirrored ones): what the sampler watches; with when each started (ms since the Unix epoch),
    // so a reused pid is never taken for the worker.
    QList<qint64> watchedPids() const;
    QHash<qint64, qint64> watchedProcesses() const;
    // A /proc sample of pid's process tree (ProcSampler delivers these).
    void applySample(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes);

    // Applies pending changes now instead of at the next coalescing tick (tests, shutdown).
    void flush();
    // Ticks every pool and queue now (the series, stuck checks, queue readings), as the timer
    // does each tickMs.
    void tick();

Q_SIGNALS:
    void poolAdded(int id);
    void poolRemoved(int id);
    // What changed in pool id since the last signal; at most every coalesceMs.
    void poolChanged(int id, const qmp::PoolState::Changes &changes);
    // A task became stuck (once per task and reason kind).
    void stuckDetected(int poolId, quint64 taskId, qint64 workerPid);
    // Every task of a batch has ended.
    void batchFinished(int poolId, quint64 batchId);
    // The raw events of pool id, as they arrive (before coalescing): what the monitor socket
    // forwards. Emitted from feed(); cheap when nothing is connected.
    void eventsFed(int id, const QList<qmp::PoolEvent> &events);
    // A /proc sample was applied to worker pid (same use).
    void sampleApplied(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes);
    // The lifecycle of pool id changed (a control, the pool going away).
    void lifecycleChanged(int id, qmp::PoolState::Lifecycle lifecycle);
    // Pool id's size changed (a resize).
    void processesChanged(int id, int processes);
    // setHeldTasks changed pool id's count.
    void heldTasksChanged(int id, int held);
    void queueAdded(int id);
    void queueRemoved(int id);
    // Queue id's counters, lifecycle or series changed; at most every coalesceMs.
    void queueChanged(int id);

private:
    struct Entry;
    struct QueueEntry;
    int add(std::unique_ptr<Entry> entry);
    int addQueueEntry(std::unique_ptr<QueueEntry> entry);
    void readQueue(QueueEntry &entry);
    void pruneGoneQueues(); // keeps the newest MonitorOptions::keptGoneQueues gone queues
    PoolControl *controlOf(int id) const;
    Pool *poolOnThisThread(int id) const; // a live pool of this program owned by the hub's thread
    bool flushPool(int id); // true when pool id had changes
    void changed();          // something will need a flush: within coalesceMs

    MonitorOptions m_options;
    std::map<int, std::unique_ptr<Entry>> m_entries;
    QMap<int, PoolState *> m_pools;
    std::map<int, std::unique_ptr<QueueEntry>> m_queues;
    QMap<int, QueueState *> m_queueStates;
    int m_nextId = 1;
    quint64 m_nextBatchId = 1;
    std::function<quint64()> m_batchIdSource;
    QTimer *m_tickTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
};

} // namespace qmp
