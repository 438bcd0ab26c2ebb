#pragma once
// qmp::Pool — Python's multiprocessing.Pool: N persistent worker processes running registered
// tasks. Results come back as QFutures (AsyncResult / MapResult carry Python's get / wait /
// ready / successful on top).
//
// The pool runs on its own thread, so waiting (get(), map()) never needs the caller's event
// loop, and a GUI stays responsive. Callbacks of applyAsync run on the thread that owns the Pool
// (its event loop must run). Methods are safe to call from the owner's thread. The controls that
// change the pool's state (pause, resume, close, terminate, setProcesses) must be called there:
// from another thread they race with the owner's reads of that state (debug builds assert it). A
// monitor on another thread marshals those calls to the owner's thread; remote() gives the
// controls that any thread may use at once.
//
// Beyond Python: a worker that dies (SIGKILL, segfault, abort, exit) fails exactly the task it
// was running with a WorkerLostError naming the worker's pid, how it ended and the task — or
// retries it (PoolOptions::retries) — and is replaced; no get() ever hangs (Python: bpo-22393).
// A task past PoolOptions::taskTimeout is killed with its worker and fails with TimeoutError.
// terminate() fails every unfinished result instead of leaving it pending forever. An
// initializer that throws breaks the pool with that error instead of respawning forever.
// Workers may start processes of their own (Python's pool workers are daemons and may not).
//
// The interface (apply, map, imap, close/terminate/join...) is PoolBase's, shared with
// qmp::ThreadPool, which runs the same tasks on threads.

#include "qmpcore_export.h"
#include "commandresult.h"
#include "poolbase.h"
#include "observertoken.h"
#include "poolevent.h"
#include "pooloptions.h"
#include "poolremote.h"

#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace qmp {

// The engine is internal (poolengine.h is not installed): Pool only holds a pointer to it.
class PoolEngine;
class DirectLanes;
namespace detail {
struct PoolJob;
}

class QMP_CORE_EXPORT Pool : public PoolBase
{
    Q_OBJECT
public:
    // processes: nullopt means processCpuCount(); below 1 is a ValueError. Starts the workers.
    explicit Pool(std::optional<int> processes = std::nullopt, PoolOptions options = {}, QObject *parent = nullptr);
    // Like Python's `with Pool() as p:` — terminates (unfinished results fail), then joins.
    ~Pool() override;

    // Monitoring hook: observer is called with every Pool constructed from now on, from its
    // constructor on the constructing thread, before its workers start (so a receiver connected
    // there sees every event). AppMonitor uses it to watch all of a program's pools. Any number
    // of observers; each stays until its token is reset or destroyed (CreationObservers).
    // Thread-safe.
    [[nodiscard]] static ObserverToken observeCreation(std::function<void(Pool *)> observer);

    // close(): workers finish what is queued, then exit. terminate(): stops the workers now.
    // join(): waits until every worker has exited.

    // External commands, like GNU parallel's jobs: at most processes() run at once (beside the
    // task workers), each in its own process group. A command that fails is a result too
    // (CommandResult::ok()); only terminate() fails them. Results in input order. A pool whose
    // workers are on Slurm (PoolOptions::slurm, not commandsOnly) runs each on a free worker, on
    // its node (CommandResult::host; see RemoteCommandJob for what differs there).
    AsyncResult<CommandResult> run(const Command &command, const CommandOptions &options = {});
    // Pause: no new task or command starts; stopRunning also SIGSTOPs the running ones (their
    // timeouts hold). resume() continues. A paused pool that is closed waits for resume().
    void pause(bool stopRunning = false);
    void resume();
    bool isPaused() const { return m_paused; }
    // Kills the worker (or the running command's process group) with this pid, e.g. a stuck one:
    // its task fails with a WorkerLostError saying the user terminated it (retried when
    // PoolOptions::retries says so) and the pool starts a replacement. False when no worker or
    // running command of this pool has that pid. Blocks until the pool thread has acted.
    bool terminateWorker(qint64 pid);
    // The pids of the task workers alive now (starting, idle or busy). Blocks until the pool
    // thread has answered.
    QList<qint64> workerPids() const;
    // Cancels one task (PoolEvent::taskId: a chunk of calls, or a command): queued, it never
    // runs; running, its worker / process group is killed. Its result fails with a
    // CancelledError (a command's result says "cancelled by the user"); never retried. False
    // when the task is not queued or running any more.
    bool cancelTask(quint64 taskId);
    // What cancelCommands() found of a submission.
    enum class CancelledCommands { None, Queued, Running };
    // Cancels the commands of submission batchId (AsyncResult::batchId() of run / runAll) as
    // cancelTask does each: queued ones never start, running ones have their process group
    // killed. Usable before the submission's events have named its task ids: it acts after the
    // submission reached the pool thread, so a command still queued then never starts.
    // Running when any of them had started, else Queued when any was queued, else None.
    // Blocks until the pool thread has acted.
    CancelledCommands cancelCommands(quint64 batchId);
    // terminateWorker and cancelTask for any thread, never waiting (see PoolRemote); it stays
    // valid after this pool is gone.
    std::shared_ptr<PoolRemote> remote() const { return m_remote; }
    MapResult<CommandResult> runAll(const QList<Command> &commands, const CommandOptions &options = {});

    // How many single calls (apply / applyAsync) went direct: written to an idle worker by the
    // calling thread and answered to the thread that waits for the result, without the pool's
    // thread (see README, "Direct calls"). Thread-safe.
    quint64 directCalls() const;
    // How many calls of maps and starmaps went packed: their arguments and results as one block
    // of bytes per chunk, without CBOR per call (a task whose arguments and result are all
    // PackedMapValues, packable.h). Thread-safe.
    quint64 packedCalls() const;

    // The options it was made with.
    const PoolOptions &options() const { return m_options; }
    // Grows or shrinks the pool to `processes` workers (and as many commands at once) while it
    // runs: new workers start at once; surplus workers exit, idle ones at once, busy ones after
    // the work they hold (nothing is lost). Below 1 is a ValueError; after terminate(): no effect.
    void setProcesses(int processes);
    // With SlurmWorkers::allocation (an allocation the caller holds): Slurm has ended it (reason:
    // what SlurmAllocation::ended() said, "the Slurm allocation 812 ended (NODE_FAIL)"). Tasks
    // queued and submitted from now on fail at once with "<name>: <reason>: no worker can start",
    // no step is started any more; the running ones end with their steps. A pool with its own
    // allocation learns this by itself. Any thread; never waits.
    void slurmAllocationEnded(const QString &reason);
    // With SlurmWorkers::allocation: its salloc has exited (SlurmAllocation::ending()), Slurm is
    // ending it, the reason follows: no step is started any more, and steps failing to start
    // meanwhile fail no task (call slurmAllocationEnded() next). Any thread; never waits.
    void slurmAllocationEnding();

Q_SIGNALS:
    void workerStarted(qint64 pid);
    void workerExited(qint64 pid, int exitCode);
    // What happened, in order, in batches (about every 50 ms), on this object's thread.
    // Recorded only while events() or eventsNow() has a receiver.
    void events(const QList<qmp::PoolEvent> &batch);
    // The same batches, emitted at once on the pool's internal thread, whatever this object's
    // thread is doing (blocked in get(), say): for monitors on other threads (MonitorHub).
    // Connect with a context object; it gets them queued, in order, on its own thread — also
    // after this pool is gone, so the receiver must not depend on the pool.
    void eventsNow(const QList<qmp::PoolEvent> &batch);

protected:
    void schedule(const QString &task, ArgumentLists argumentLists, int chunksize,
                  const std::shared_ptr<detail::PoolBatch> &batch) override;
    void closeWorkers() override;
    void terminateWorkers() override;
    bool sendsPackedChunks() const override { return true; }
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    std::vector<detail::PoolJob> makeJobs(const QString &task, const ArgumentLists &argumentLists, int chunksize,
                                          const std::shared_ptr<detail::PoolBatch> &batch);
    void post(std::vector<detail::PoolJob> jobs);
    void stopRecordingWhenUnwatched();
    // Asserts (debug builds) that a control that changes the pool's state runs on its owner's thread.
    void checkOwnerThread(const char *control) const;
    MapResult<CommandResult> runCommands(const QList<Command> &commands, const CommandOptions &options, bool single);

    PoolOptions m_options;
    QThread *m_thread = nullptr;
    PoolEngine *m_engine = nullptr;
    std::shared_ptr<PoolRemote> m_remote;
    std::shared_ptr<DirectLanes> m_lanes; // single calls written from the caller's thread
    bool m_paused = false;
};

} // namespace qmp
