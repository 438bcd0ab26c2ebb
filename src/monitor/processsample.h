#pragma once
// ProcessSample: one process as /proc/<pid>/stat shows it at one moment (ProcReader fills it).

#include "qmpmonitor_export.h"
#include <QByteArray>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_AUTOTEST_EXPORT ProcessSample
{
    qint64 pid = 0;
    qint64 ppid = 0;
    char state = '?';        // R running, S sleeping, D disk wait, Z zombie, T stopped, ...
    QByteArray comm;         // the kernel's short name (at most 15 bytes, may hold spaces and ')')
    quint64 cpuTicks = 0;    // utime + stime, in clock ticks (sysconf(_SC_CLK_TCK) per second)
    qint64 rssBytes = 0;     // resident set size
    int threads = 0;
    quint64 startTicks = 0;  // start time in clock ticks after boot: (pid, startTicks) names a process
};

} // namespace qmp
