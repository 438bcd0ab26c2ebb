#pragma once
// RunSession: one `qmp run` — expands the template for each job, keeps at most -j commands running
// on a commands-only qmp::Pool (handing it up to -j more, queued, so that no slot idles between
// one job ending and the next being handed over: not when the template uses {%} slot numbers or
// --halt must stop exactly), prints each job's output as a group (stdout, then stderr) when
// it finishes (in input order with -k), writes the joblog line and the history record of each
// finished job (the history's through FinishedJob, as the studio records its commands, with the
// command as it ran), applies --halt, skips what --resume / --resume-failed say is done, and draws the
// progress bar. Lives on the main thread; exec() runs its own event loop.
//
// stop(signal) (SIGINT / SIGTERM, via SignalWatcher) kills the running jobs' process trees; the
// jobs finished so far stay in the joblog, so --resume continues with the rest. Jobs killed that
// way, or by --halt now, are recorded in the history as cancelled (the joblog leaves them out,
// as GNU parallel does, so --resume runs them again); jobs still queued in the pool never
// started and are not recorded, like the ones not handed over yet. A joblog that cannot be
// written stops handing jobs over; the ones already queued still run (not in the joblog: --resume
// runs them again).
// While it runs it serves a monitor socket like any QMP program (read-only; QMP_MONITOR=control
// allows controls), so `qmp ps` and qmp-studio see its pool.
//
// With --slurm it first holds a Slurm allocation of -j CPUs (saying why while Slurm keeps it
// waiting), then runs a Pool whose -j workers are steps of it for the whole run (PoolOptions::slurm
// with SlurmWorkers::allocation): each job's command runs on a worker's node (RemoteCommand),
// its result naming the node. A job whose worker is lost fails with the pool's reason, which
// carries Slurm's verdict (TIMEOUT, CANCELLED, NODE_FAIL, no step); --retries tries it again on
// another worker. When Slurm ends the allocation itself (SlurmAllocation::ended), every job not
// finished fails at once with that reason (Pool::slurmAllocationEnded). The allocation is given
// back when the run ends, however it ends.

#include "commandtemplate.h"
#include "jobinputs.h"
#include "joblog.h"
#include "progressbar.h"
#include "runoptions.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHash>
#include <QObject>
#include <QSet>

#include <map>
#include <memory>

class QSocketNotifier;

namespace qmp {

class HistoryStore;
class HubSampler;
class MonitorHub;
class MonitorServer;
class Pool;
class ProcSampler;
class SlurmAllocation;
struct CommandResult;

class RunSession : public QObject
{
    Q_OBJECT
public:
    // history: where to record the run, or nullptr; not owned, must outlive the session.
    RunSession(RunOptions options, JobInputs inputs, CommandTemplate commandTemplate, HistoryStore *history,
               QObject *parent = nullptr);
    ~RunSession() override;

    // Runs every job; returns the exit status (see RunOptions::usage()). errors: what went
    // wrong before any job ran (a joblog that cannot be read or written) — exit status 255.
    int exec();
    // Reads the arguments from fd (stdin) while jobs run, one per line, as parallel does: the
    // first job starts with the first line. inputs must then be JobInputs({{}}). Before exec().
    void streamInput(int fd);
    // Kills the running jobs and ends exec() with 128 + signal. Safe to call more than once.
    void stop(int signal);

private:
    struct Job;
    struct Output;
    void startMore();
    // Hands job to the pool (again, for a retry on Slurm) and watches its result; throws Error
    // when the pool refuses it.
    void handOver(Job &job);
    void onFinished(qint64 seq);
    void report(qint64 seq, const Output &output);
    void flushOrdered();
    void haltNow();
    void finishIfDone();
    void message(const QString &text);
    void readInput();
    void recordBatch(bool finished);
    void recordKilled(const Job &job, const QString &why);
    int markQueuedJobs();
    void serveMonitor();
    // With --slurm: listens on the workers' address and port (--slurm-address, --slurm-port)
    // before anything is asked of Slurm, into m_slurmListener, which the pool then takes over;
    // false, saying why, when it cannot.
    bool listenForSlurmWorkers();
    bool acquireSlurmAllocation();

    RunOptions m_options;
    JobInputs m_inputs;
    CommandTemplate m_template;
    HistoryStore *m_history = nullptr;
    std::unique_ptr<Pool> m_pool;
    std::unique_ptr<MonitorHub> m_hub; // what qmp ps and the studio see of this run
    std::unique_ptr<MonitorServer> m_server;
    std::unique_ptr<ProcSampler> m_sampler;
    std::unique_ptr<HubSampler> m_hubSampler;
    std::unique_ptr<SlurmAllocation> m_slurm; // with --slurm: where the jobs run
    int m_slurmListener = -1; // with --slurm: the workers' port, bound before the allocation, until the pool has it
    JobLog m_joblog;
    ProgressBar m_bar;
    QEventLoop m_loop;

    int m_slots = 1;
    int m_queueAhead = 0;   // jobs handed to the pool beyond the m_slots it runs
    QList<bool> m_slotBusy; // with {%} only (then m_queueAhead is 0)
    qint64 m_total = 0;
    qint64 m_nextSeq = 1;         // the next job to consider starting
    qint64 m_nextToPrint = 1;     // with -k
    QSet<qint64> m_skip;          // done according to the joblog (--resume)
    std::map<qint64, std::unique_ptr<Job>> m_running;
    std::map<qint64, Output> m_held; // finished, waiting for earlier ones (-k)
    qint64 m_succeeded = 0;
    qint64 m_failed = 0;
    qint64 m_skipped = 0;
    bool m_noMoreStarts = false;
    bool m_joblogFailed = false; // a joblog line could not be written: exit 255
    bool m_halted = false;
    bool m_terminating = false; // the pool is being terminated (halt now, a signal): failures are kills
    bool m_slurmEnded = false;  // with --slurm: Slurm ended the allocation, nothing more can run (no retries)
    int m_haltExit = -1;
    int m_signal = 0;
    qint64 m_batchId = 0;
    qint64 m_createdMs = 0;
    qint64 m_startedMs = 0;      // the first job's start
    qint64 m_batchRecordedMs = 0; // the batch record was last written then (progress while it runs)
    qint64 m_cancelled = 0;      // killed by --halt now or a signal
    int m_inputFd = -1;
    bool m_inputEnded = true;
    QByteArray m_partialLine;
    QSocketNotifier *m_inputNotifier = nullptr;
};

} // namespace qmp
