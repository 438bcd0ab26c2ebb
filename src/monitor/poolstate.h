#pragma once
// PoolState: everything the hub knows about one pool — its workers, recent tasks, batches,
// counters and time series — built from the pool's PoolEvents. Pure logic (no Pool, no timers):
// the hub feeds it events, /proc samples and clock ticks, and collects what changed for models.
// Not thread-safe: used on the hub's thread.

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

namespace qmp {

class PoolState
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
        QList<quint64> finishedBatches; // every task of these batches has ended
        QList<quint64> newlyStuck;      // tasks flagged stuck (or stuck for a new reason)
        bool workers = false;        // any worker row
        bool summary = false;        // counters, lifecycle
        bool series = false;         // a sample was appended
        bool isEmpty() const
        {
            return addedTasks.isEmpty() && changedTasks.isEmpty() && removedTasks.isEmpty() && ended.isEmpty()
                && !workers && !summary && !series;
        }
    };

    PoolState(int id, QString name, int processes, MonitorOptions options = {});

    // event.timeNs is CLOCK_MONOTONIC; wallMs is the same instant in ms since the Unix epoch.
    void apply(const PoolEvent &event, qint64 wallMs);
    // A /proc sample of worker pid's process tree; unknown pids are ignored.
    void applySample(qint64 pid, double cpuPercent, qint64 rssBytes, int threads, int processes, qint64 nowMs);
    // Once per MonitorOptions::tickMs: appends a sample to every series and checks for stuck work.
    void tick(qint64 nowMs);
    void setLifecycle(Lifecycle lifecycle);
    void setBatchTitle(quint64 batchId, const QString &title);
    Changes takeChanges();

    int id() const { return m_id; }
    QString name() const { return m_name; }
    int processes() const { return m_processes; }
    Lifecycle lifecycle() const { return m_lifecycle; }

    // Tasks in memory, oldest first; task(id) is nullptr for one no longer (or never) known.
    const std::deque<quint64> &taskOrder() const { return m_order; }
    const TaskState *task(quint64 id) const;
    const QMap<qint64, WorkerState> &workers() const { return m_workers; }
    const WorkerState *worker(qint64 pid) const;
    QList<BatchState> batches() const; // oldest first
    const BatchState *batch(quint64 id) const;

    int queuedTasks() const { return m_queued; }
    int queuedItems() const { return m_queuedItems; }
    int runningTasks() const { return m_running; }
    qint64 finishedTasks() const { return m_finished; } // ever, not just those in memory
    qint64 failedTasks() const { return m_failed; }
    qint64 itemsDone() const { return m_itemsDone; }
    int busyWorkers() const;
    int liveWorkers() const;
    qint64 p50Ns() const { return m_durations.percentile(50); }
    qint64 p95Ns() const { return m_durations.percentile(95); }
    int stuckCount() const { return m_stuck; }
    const TimeSeries &series(Series which) const { return m_series[int(which)]; }

private:
    TaskState &taskFor(const PoolEvent &event, qint64 wallMs);
    WorkerState &workerFor(qint64 pid, bool isCommand, qint64 wallMs);
    void taskEnded(TaskState &task, const PoolEvent &event, qint64 wallMs, bool failed);
    void reopen(TaskState &task);
    void touch(const TaskState &task);
    void forgetOldTasks();
    void forgetOldWorkers();
    void setStuck(TaskState &task, const StuckReason &reason);

    int m_id;
    QString m_name;
    int m_processes;
    MonitorOptions m_options;
    Lifecycle m_lifecycle = Lifecycle::Running;
    QHash<quint64, TaskState> m_tasks;
    std::deque<quint64> m_order;
    int m_doneInMemory = 0;
    QMap<qint64, WorkerState> m_workers;
    QMap<quint64, BatchState> m_batches; // ids grow: begin() is the oldest
    int m_queued = 0;
    int m_queuedItems = 0;
    int m_running = 0;
    qint64 m_finished = 0;
    qint64 m_failed = 0;
    qint64 m_itemsDone = 0;
    qint64 m_itemsAtLastTick = 0;
    qint64 m_lastTickMs = 0;
    int m_stuck = 0;
    DurationWindow m_durations;
    TimeSeries m_series[int(Series::Count)];
    Changes m_changes;
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::PoolState::Changes)
