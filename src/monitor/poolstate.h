#pragma once
// PoolState: everything the hub knows about one pool — its workers, recent tasks, batches,
// counters and time series — built from the pool's PoolEvents. Pure logic (no Pool, no timers):
// the hub feeds it events, /proc samples and clock ticks, and collects what changed for models.
// Not thread-safe: used on the hub's thread.
//
// Batches: each map / runAll is a batch; calls submitted one at a time (PoolEvent::single) share
// one open "loose" batch per pool, which ends with the pool's work. Batch ids come from the hub's
// source (the history's ids when there is one), so every view shows the same numbers.
// When the pool goes away (Lifecycle::Gone) everything still queued or running ends as Lost and
// every live worker as exited: nothing stays busy forever.

#include "qmpmonitor_export.h"
#include "batchstate.h"
#include "durationwindow.h"
#include "monitoroptions.h"
#include "poolevent.h"
#include "taskstate.h"
#include "timeseries.h"
#include "workerstate.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>

namespace qmp {

class QMP_MONITOR_EXPORT PoolState
{
public:
    enum class Lifecycle { Running, Paused, Closed, Terminated, Gone };
    enum class Series { Throughput, QueueDepth, BusyWorkers, P50Ms, P95Ms, CpuPercent, Count };

    // What changed since the last takeChanges(), for models to update just that.
    struct Changes
    {
        QList<quint64> addedTasks;   // in arrival order
        QSet<quint64> changedTasks;  // not in addedTasks
        QList<quint64> removedTasks; // left memory (oldest finished first)
        QList<TaskState> ended;      // every end, as it was then (the history records these)
        QList<quint64> addedBatches;    // new batches: their first task arrived (an empty batch is never added)
        QList<quint64> finishedBatches; // every task of these batches has ended
        QList<quint64> newlyStuck;      // tasks flagged stuck (or stuck for a new reason)
        bool workers = false;        // any worker row
        bool summary = false;        // counters, lifecycle
        bool series = false;         // a sample was appended
        bool isEmpty() const
        {
            return addedTasks.isEmpty() && changedTasks.isEmpty() && removedTasks.isEmpty() && ended.isEmpty()
                && addedBatches.isEmpty() && finishedBatches.isEmpty() && newlyStuck.isEmpty() && !workers
                && !summary && !series;
        }
    };

    // A pool on Slurm (PoolOptions::slurm): its allocation, from the pool's SlurmJob events.
    struct SlurmJob
    {
        qint64 jobId = 0;   // 0: Slurm gave none (yet)
        QString state;      // as squeue names it: PENDING, RUNNING, FAILED, CANCELLED; empty: not on Slurm
        QString reason;     // PENDING: squeue's reason (Priority, Resources...); FAILED: Slurm's error
    };

    PoolState(int id, QString name, int processes, MonitorOptions options = {});

    // Where new batch ids come from (the hub's sequence, or the history's); default: 1, 2, 3...
    void setBatchIdSource(std::function<quint64()> source) { m_newBatchId = std::move(source); }
    // A pool of another program (programPid), mirrored through its monitor socket: its own hub
    // decides what is stuck (setStuck) and samples its workers; this one applies no rule and
    // samples nothing.
    void setMirrored(bool mirrored, qint64 programPid = 0)
    {
        m_mirrored = mirrored;
        m_programPid = mirrored ? programPid : 0;
    }
    bool isMirrored() const { return m_mirrored; }
    // The program running a mirrored pool; 0 for a pool of this process.
    qint64 programPid() const { return m_programPid; }
    // The pool's per-task timeout (0: none): past it, a task that still runs is stuck.
    void setTaskTimeoutMs(qint64 ms) { m_taskTimeoutMs = ms; }
    qint64 taskTimeoutMs() const { return m_taskTimeoutMs; }
    // How often a task whose worker died runs again (shown when a worker is terminated).
    void setRetries(int retries) { m_retries = retries; }
    int retries() const { return m_retries; }
    // Opt-in: a busy worker that used no CPU for ms is stuck (0: off).
    void setNoCpuStuckMs(qint64 ms) { m_noCpuStuckMs = ms; }
    qint64 noCpuStuckMs() const { return m_noCpuStuckMs; }

    // event.timeNs is CLOCK_MONOTONIC; wallMs is the same instant in ms since the Unix epoch.
    void apply(const PoolEvent &event, qint64 wallMs);
    // A /proc sample of worker pid's process tree; unknown and exited pids are ignored, and so are
    // workers on another machine (WorkerState::host: pid is their srun here).
    void applySample(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes, qint64 nowMs);
    // Once per MonitorOptions::tickMs: samples the series (when something changed, or every
    // idleSampleMs while the pool has live workers) and checks for stuck work.
    void tick(qint64 nowMs);
    // Gone ends what is unfinished as Lost with `why` (ProgramExited or PoolGone), at nowMs.
    void setLifecycle(Lifecycle lifecycle, PoolEvent::Reason why = PoolEvent::Reason::PoolGone, qint64 nowMs = 0);
    // The pool's size changed (a resize).
    void setProcesses(int processes);
    // Tasks its program holds back before they reach the pool (the QMP service hands a group's
    // pool only the next few of its queued jobs): queued all the same, so queuedTasks(),
    // queuedItems() and the queue depth series count them.
    void setHeldTasks(int held);
    int heldTasks() const { return m_held; }
    // While set, the summary says "joining" (a join is waiting for the workers).
    void setJoining(bool joining);
    bool isJoining() const { return m_joining; }
    // Titles the batch of submission engineBatchId (creating it when its tasks have not arrived).
    void setBatchTitle(quint64 engineBatchId, const QString &title);
    // The same for the command template its commands came from (kept in the history).
    void setBatchTemplate(quint64 engineBatchId, const QString &commandTemplate, bool shell);
    // What the program's own hub decided (setMirrored): task taskId is stuck.
    void setStuck(quint64 taskId, const StuckReason &reason);
    Changes takeChanges();

    int id() const { return m_id; }
    QString name() const { return m_name; }
    // Where the pool runs on Slurm; slurmJob().state is empty for a pool of this machine.
    const SlurmJob &slurmJob() const { return m_slurmJob; }
    bool isOnSlurm() const { return !m_slurmJob.state.isEmpty(); }
    int processes() const { return m_processes; }
    Lifecycle lifecycle() const { return m_lifecycle; }
    // Closed or terminated with no live worker, or gone: nothing will happen any more.
    bool isOver() const;

    // Tasks in memory, oldest first; task(id) is nullptr for one no longer (or never) known.
    const std::deque<quint64> &taskOrder() const { return m_order; }
    const TaskState *task(quint64 id) const;
    const QMap<qint64, WorkerState> &workers() const { return m_workers; }
    const WorkerState *worker(qint64 pid) const;
    QList<BatchState> batches() const; // oldest first
    const BatchState *batch(quint64 id) const;
    // The hub's batch of submission engineBatchId; 0 when unknown (or a loose call's).
    quint64 batchOfSubmission(quint64 engineBatchId) const { return m_batchOfSubmission.value(engineBatchId); }

    int queuedTasks() const { return m_queued + m_held; }
    int queuedItems() const { return m_queuedItems + m_held; }
    int runningTasks() const { return m_running; }
    qint64 finishedTasks() const { return m_finished; } // ever, not just those in memory
    qint64 failedTasks() const { return m_failed; }     // failed, timed out or lost
    qint64 cancelledTasks() const { return m_cancelled; }
    qint64 itemsDone() const { return m_itemsDone; }
    int busyWorkers() const;   // task workers running a task
    int liveWorkers() const;   // task workers alive (commands not counted)
    int runningCommands() const; // command processes running
    qint64 p50Ns() const { return m_durations.percentile(50); }
    qint64 p95Ns() const { return m_durations.percentile(95); }
    int stuckCount() const { return m_stuck; }
    const TimeSeries &series(Series which) const { return m_series[int(which)]; }
    // Calls finished per second over throughputWindowMs() (what the Throughput series holds).
    double throughput() const { return m_throughput; }
    // The window throughput is measured over: about four p95 task times, 1 s to 60 s, so a pool
    // of minute-long jobs does not read 0.0/s between two ends.
    qint64 throughputWindowMs() const;

    // The rule (MonitorOptions): why a running task is stuck at nowMs, or Kind::None.
    StuckReason stuckReasonOf(const TaskState &task, qint64 nowMs) const;

private:
    TaskState &taskFor(const PoolEvent &event, qint64 wallMs);
    // name: the task's, as shown (taskFor's).
    BatchState &batchFor(const PoolEvent &event, const QString &name, qint64 wallMs);
    BatchState &newBatch(quint64 engineId, bool loose);
    WorkerState &workerFor(qint64 pid, bool isCommand, qint64 wallMs);
    void taskEnded(TaskState &task, const PoolEvent &event, qint64 wallMs);
    void endTask(TaskState &task, TaskState::State state, qint64 wallMs);
    void reopen(TaskState &task);
    void touch(const TaskState &task);
    void forgetOldTasks();
    void forgetOldWorkers();
    void markStuck(TaskState &task, const StuckReason &reason);
    void closeLooseBatch();
    void sampleSeries(qint64 nowMs);

    int m_id;
    QString m_name;
    int m_processes;
    MonitorOptions m_options;
    Lifecycle m_lifecycle = Lifecycle::Running;
    SlurmJob m_slurmJob;
    bool m_joining = false;
    bool m_mirrored = false;
    qint64 m_programPid = 0;
    qint64 m_taskTimeoutMs = 0;
    int m_retries = 0;
    qint64 m_noCpuStuckMs = 0;
    std::function<quint64()> m_newBatchId;
    quint64 m_nextBatchId = 1;
    QHash<quint64, TaskState> m_tasks;
    std::deque<quint64> m_order;
    int m_doneInMemory = 0;
    QMap<qint64, WorkerState> m_workers;
    QMap<quint64, BatchState> m_batches; // by id, in creation order (ids grow)
    QHash<quint64, quint64> m_batchOfSubmission; // engine batch id -> batch id
    quint64 m_looseBatch = 0;
    int m_queued = 0;
    int m_queuedItems = 0;
    int m_held = 0; // setHeldTasks
    int m_running = 0;
    qint64 m_finished = 0;
    qint64 m_failed = 0;
    qint64 m_cancelled = 0;
    qint64 m_itemsDone = 0;
    std::deque<std::pair<qint64, qint64>> m_doneAt; // (tick ms, items done then), the last minute
    double m_throughput = 0;
    qint64 m_lastSampleMs = 0;
    int m_stuck = 0;
    DurationWindow m_durations;
    TimeSeries m_series[int(Series::Count)];
    Changes m_changes;
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::PoolState::Changes)
