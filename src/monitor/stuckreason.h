#pragma once
// StuckReason: why the hub flags a task or worker as stuck. Data, not text: the model layer
// words it (translated) for the studio and the CLI. The values travel over the monitor socket:
// never renumber the kinds.

#include "qmpmonitor_export.h"
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT StuckReason
{
    enum class Kind {
        None,
        PastLimit,     // running longer than MonitorOptions::stuckAfterMs (limitMs)
        FarBeyondP95,  // running longer than factor × the pool's p95 task duration (limitMs = p95)
        NoCpu,         // busy, but used no CPU for idleMs (opted in per pool)
        PastTimeout,   // still running past its pool's task timeout (limitMs): the kill did not take
    };
    Kind kind = Kind::None;
    qint64 runningMs = 0; // how long the task has been running
    qint64 limitMs = 0;
    double factor = 0;
    qint64 idleMs = 0;    // NoCpu: how long without CPU

    bool isStuck() const { return kind != Kind::None; }
    bool operator==(const StuckReason &) const = default;
};

} // namespace qmp
