#pragma once
// TaskQuery: which tasks HistoryStore::tasks() / countTasks() return. Every set field narrows the
// result; a default TaskQuery matches every task. Results come in id order (the order they were
// recorded, i.e. finished), so paging is "the next `limit` tasks after the last id I have".

#include "qmpmonitor_export.h"
#include "taskrecord.h"

#include <QList>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT TaskQuery
{
    qint64 batchId = 0;                 // 0: any batch
    QList<TaskRecord::State> states;    // empty: any state
    qint64 fromMs = 0;                  // start time >= fromMs (0: no lower bound)
    qint64 toMs = 0;                    // start time < toMs (0: no upper bound)
    qint64 afterId = 0;                 // only tasks with id > afterId (paging)

    bool operator==(const TaskQuery &) const = default;
};

} // namespace qmp
