#pragma once
// ProcessTreeSample: one watched process and all its descendants, summed at one tick of
// ProcSampler — what the studio shows for a worker or a command job.

#include "qmpmonitor_export.h"
#include <QMetaType>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_AUTOTEST_EXPORT ProcessTreeSample
{
    qint64 rootPid = 0;
    qint64 timeMs = 0;       // wall clock of the tick, ms since the Unix epoch
    bool gone = false;       // the root has exited (and was reaped): every other field is 0
    char state = '?';        // the root's state letter from /proc (R, S, D, Z, T, ...)
    // CPU used by the tree's live processes since the previous tick, in % of one core (like top:
    // 250 means two and a half cores busy). 0 on a root's first tick, which only sets the baseline.
    double cpuPercent = 0;
    qint64 rssBytes = 0;     // summed over the tree (shared pages count once per process)
    int threads = 0;         // summed over the tree
    int processes = 0;       // the root and its live descendants
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::ProcessTreeSample)
