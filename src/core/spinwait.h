#pragma once
// SpinWait: the pieces of "spin a little, then sleep" waits on shared memory, shared by the
// manager's ShmChannel and the pool's direct lanes (DirectCall).
//
// cpuRelax() is one pause of a spin loop. cpuToSpare() says whether spinning can pay: fewer
// runnable threads system-wide than CPUs (a spinner on a busy machine only steals the CPU its
// peer needs to answer). Both thread-safe.

#include "qmpcore_export.h"

#include <QtGlobal>

namespace qmp::SpinWait {

// How long a waiter spins at most before it sleeps.
constexpr qint64 defaultSpinNs = 50000;

QMP_CORE_EXPORT void cpuRelax();
// Re-read at most every 100 ms (from /proc/loadavg), by any thread.
QMP_CORE_EXPORT bool cpuToSpare();
// Monotonic nanoseconds.
QMP_CORE_EXPORT qint64 nowNs();

} // namespace qmp::SpinWait
