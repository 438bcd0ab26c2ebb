#pragma once
// CommandRunner: runs a Pool's external commands on the pool thread, at most `limit` at once,
// each in its own process group (a timeout or terminate() kills the whole tree) and dying with
// this process (PR_SET_PDEATHSIG). Internal to PoolEngine; every method runs on the pool thread.
//
// Each job ends exactly once, with a CommandResult delivered to its batch: a command that fails
// is a result too (see CommandResult::ok()). terminate() fails the unfinished ones instead.

#include "qmpcore_export.h"
#include "commandresult.h"
#include "poolbatch.h"
#include "poolevent.h"

#include <QObject>

#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

class QProcess;
class QTimer;

namespace qmp {

struct QMP_CORE_AUTOTEST_EXPORT CommandJob
{
    Command command;
    CommandOptions options;
    qsizetype index = 0;
    std::shared_ptr<detail::PoolBatch> batch;
    int attempts = 0;
    quint64 id = 0; // PoolEvent::taskId, set by the engine
};

class QMP_CORE_AUTOTEST_EXPORT CommandRunner : public QObject
{
    Q_OBJECT
public:
    explicit CommandRunner(int limit, QObject *parent = nullptr);
    ~CommandRunner() override;

    void submit(std::deque<CommandJob> jobs);
    // Fails what has not finished with error and kills the running process groups.
    void terminate(std::exception_ptr error);
    bool isIdle() const { return m_pending.empty() && m_running == 0; }
    // Paused: nothing new starts; stopRunning also SIGSTOPs the running process groups and
    // holds their timeouts. Resuming (paused false) continues both.
    void setPaused(bool paused, bool stopRunning);
    // Ends job `id` now: a queued one never starts, a running one has its process group killed;
    // either way its result says "<reason>" (not ok, no retry). False when no such job is
    // queued or running.
    bool cancel(quint64 id, const QString &reason);
    // How many jobs cancelBatch() ended while queued and while running.
    struct Cancelled
    {
        int queued = 0;
        int running = 0;
    };
    // cancel() for every queued or running job of submission batchId (PoolBatch::id).
    Cancelled cancelBatch(quint64 batchId, const QString &reason);
    // The same for the running job whose command has this pid (its event says the user
    // terminated it: PoolEvent::Reason::WorkerTerminated).
    bool cancelPid(qint64 pid, const QString &reason);
    // Fails every queued job with error (PoolEvent::Reason::PoolBroken, why): the pool cannot run
    // them (its Slurm allocation was refused, or Slurm ended it). Running ones go on.
    void failQueued(std::exception_ptr error, const QString &why);
    // While held, nothing starts (a Slurm allocation not granted yet); release with false.
    void setHeld(bool held);
    // From now on every command starts as a step of Slurm allocation jobId (SlurmStep::
    // runInAllocation, as `qmp run --slurm` runs its jobs), with extraArguments for srun; its
    // events keep the command as given and name the node it ran on (PoolEvent::host).
    void runInSlurmAllocation(qint64 jobId, const QStringList &extraArguments);
    // At most `limit` commands run at once from now on (more start at once when it grows).
    void setLimit(int limit);
    // While set, every queued / started / finished / failed job and every piece of captured
    // output becomes a PoolEvent handed to recorder (on the pool thread, at once).
    void setRecorder(std::function<void(PoolEvent &&)> recorder) { m_recorder = std::move(recorder); }

Q_SIGNALS:
    // Nothing is queued or running any more.
    void idle();

private:
    struct Running;
    void startNext();
    void finish(Running *run, CommandResult result);
    void deliver(CommandJob &job, const CommandResult &result);
    void record(PoolEvent::Kind kind, const CommandJob &job, qint64 pid = 0, qint64 durationNs = 0,
                const QString &message = {}, int exitCode = 0, int channel = 0,
                PoolEvent::Reason reason = PoolEvent::Reason::None, QCborArray reasonArgs = {},
                const QString &host = {});
    bool cancelWith(quint64 id, const QString &reason, PoolEvent::Reason why);

    int m_limit;
    int m_running = 0;
    bool m_starting = false;
    bool m_held = false;
    qint64 m_slurmJobId = 0;
    QStringList m_srunArguments;
    bool m_paused = false;
    bool m_stoppedRunning = false;
    std::deque<CommandJob> m_pending;
    std::vector<std::unique_ptr<Running>> m_active;
    std::function<void(PoolEvent &&)> m_recorder;
};

} // namespace qmp
