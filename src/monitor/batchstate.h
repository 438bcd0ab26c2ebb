#pragma once
// BatchState: one batch of a pool as the hub shows it — a submission (a map, a runAll), or, for
// calls submitted one at a time (apply / applyAsync / run), one open batch per pool that gathers
// them all (`loose`) — with the counts a progress bar and the history need. Its id is the hub's
// (and, with a history, the history's: MonitorHub::setBatchIdSource), the same in every view.
// Plain data owned by PoolState.

#include "qmpmonitor_export.h"
#include <QString>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT BatchState
{
    quint64 id = 0;
    quint64 engineId = 0; // PoolEvent::batchId of the submission; 0 for the loose batch
    bool loose = false;   // the pool's single calls, gathered; ends when the pool's work ends
    bool closed = false;  // loose: the pool takes no more work
    QString title;      // given by whoever submitted it (MonitorHub::setBatchTitle), else the task name
    QString commandTemplate; // a batch of commands: the template they came from (MonitorHub::setBatchTemplate)
    bool shell = false;      // ... and whether they run in /bin/sh
    qint64 firstQueuedMs = 0;
    qint64 firstStartedMs = 0;
    qint64 lastEndedMs = 0;
    int tasks = 0;      // queued so far (chunks / commands)
    int items = 0;      // calls in them
    int finished = 0;   // tasks
    int failed = 0;     // failed, timed out or lost
    int cancelled = 0;
    int itemsDone = 0;  // calls in ended tasks

    int ended() const { return finished + failed + cancelled; }
    bool isDone() const { return tasks > 0 && ended() == tasks && (!loose || closed); }
};

} // namespace qmp
