#pragma once
// MonitorOptions: how the hub samples, how much it keeps, and when it calls a task stuck.

#include <QtGlobal>

namespace qmp {

struct MonitorOptions
{
    int tickMs = 1000;             // time-series samples, /proc sampling and stuck checks
    int coalesceMs = 100;          // changes reach models at most this often
    int seriesCapacity = 600;      // samples kept per series (10 minutes at 1 s)
    int keptFinishedTasks = 5000;  // per pool; older finished tasks leave memory (not history)
    int keptExitedWorkers = 20;    // per pool
    int keptBatches = 200;         // per pool
    int keptGoneQueues = 20;       // queues nobody holds any more stay listed, the newest this many
    // Stuck: a task running longer than this (0: no fixed limit) ...
    qint64 stuckAfterMs = 0;
    // ... or longer than this many times its pool's p95 (once 20 tasks have finished, and at
    // least minStuckMs) ...
    double stuckP95Factor = 10;
    qint64 minStuckMs = 2000;
    // ... or a busy worker that used no CPU for this long (0: off).
    qint64 noCpuStuckMs = 30000;
};

} // namespace qmp
