#pragma once
// MonitorOptions: how the hub samples, how much it keeps, and when it calls a task stuck.

#include "qmpmonitor_export.h"
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT MonitorOptions
{
    int tickMs = 1000;             // time-series samples, /proc sampling and stuck checks
    int coalesceMs = 100;          // changes reach models at most this often
    // Samples kept per series. A pool appends one when something changed, and at most every
    // idleSampleMs while nothing does (none once its work is over), so this covers an hour or more.
    int seriesCapacity = 3600;
    int idleSampleMs = 10000;
    int keptFinishedTasks = 5000;  // per pool; older finished tasks leave memory (not history)
    int keptExitedWorkers = 20;    // per pool
    int keptBatches = 200;         // per pool
    int keptGoneQueues = 20;       // queues nobody holds any more stay listed, the newest this many
    // Stuck — one rule, computed by the program's own hub and shown as is by everyone attached.
    // A running task is stuck when it runs longer than this (0: no fixed limit) ...
    qint64 stuckAfterMs = 0;
    // ... or past its pool's task timeout by stuckGraceMs (the kill did not take) ...
    qint64 stuckGraceMs = 5000;
    // ... or longer than this many times its pool's p95 per call (once 20 tasks have finished,
    // and at least minStuckMs) ...
    double stuckP95Factor = 10;
    qint64 minStuckMs = 10000;
    // ... or, opted into per pool (MonitorHub::setNoCpuStuckMs; this is the default for every
    // pool, 0: off), a busy worker that used no CPU for this long. Off by default: sleeping,
    // network and I/O-bound work uses no CPU and is not stuck.
    qint64 noCpuStuckMs = 0;
    // A task once flagged stays stuck until it ends (no flicker).
};

} // namespace qmp
