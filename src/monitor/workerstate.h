#pragma once
// WorkerState: one worker process of a pool (or a running command's process), as the hub sees it:
// what it runs, how much it has done, and its last /proc sample. Plain data owned by PoolState.

#include "qmpmonitor_export.h"
#include "poolevent.h"
#include "stuckreason.h"

#include <QString>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT WorkerState
{
    enum class State { Idle, Busy, Exited };

    qint64 pid = 0;
    bool isCommand = false;  // a command job's process: it ends with its task
    State state = State::Idle;
    quint64 taskId = 0;      // the running task, 0 when idle
    QString taskName;
    qint64 startedMs = 0;    // ms since the Unix epoch
    qint64 taskStartedMs = 0;
    qint64 exitedMs = 0;
    int exitCode = 0;
    QString exitDescription; // "exited with code 1", "was killed by signal 9 (SIGKILL)" (English)
    // ProgramExited / PoolGone: its exit was never seen (the program or pool went away first);
    // None: exitCode says how it ended.
    PoolEvent::Reason exitReason = PoolEvent::Reason::None;
    // A worker on another machine (a Slurm pool's): its node and Slurm step ("job.step"); empty
    // until it connected, and for this machine's workers.
    QString host;
    QString slurmStep;
    int tasksDone = 0;
    int tasksFailed = 0;
    // From the last /proc sample (of the whole process tree); negative: not sampled yet.
    double cpuPercent = -1;
    qint64 rssBytes = -1;
    int threads = 0;
    int processes = 0;
    qint64 lastCpuActiveMs = 0; // when it last used CPU (stuck detection)
    StuckReason stuck;      // Kind::None unless the hub flagged it
};

} // namespace qmp
