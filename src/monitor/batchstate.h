#pragma once
// BatchState: one submission to a pool (a map, an apply, a runAll), by PoolEvent::batchId, with
// the counts a progress bar and the history need. Plain data owned by PoolState.

#include <QString>
#include <QtGlobal>

namespace qmp {

struct BatchState
{
    quint64 id = 0;
    QString title;      // given by whoever submitted it (MonitorHub::setBatchTitle), else the task name
    qint64 firstQueuedMs = 0;
    qint64 lastEndedMs = 0;
    int tasks = 0;      // queued so far (chunks / commands)
    int items = 0;      // calls in them
    int finished = 0;   // tasks
    int failed = 0;
    int itemsDone = 0;  // calls in finished or failed tasks

    bool isDone() const { return tasks > 0 && finished + failed == tasks; }
};

} // namespace qmp
