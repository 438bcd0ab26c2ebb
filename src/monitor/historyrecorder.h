#pragma once
// HistoryRecorder: writes what the hub sees into the task history — a BatchRecord when a batch's
// first task shows up (an empty batch is never recorded) and again when its last task ends, a TaskRecord for every task or command that
// ends (finished, failed, timed out, cancelled or lost for good; a failed attempt that is retried
// is recorded when the retry ends). It makes the hub take its batch ids from the history
// (MonitorHub::setBatchIdSource), so a batch has one number in the dashboard, in the History tab
// and in `qmp history`. A batch's owner (BatchRecord::ownerPid) is the program running its pool:
// this one, or for a mirrored pool the program attached to (PoolState::programPid()) — so a
// batch we stop following while its program goes on is not taken for interrupted.
// Neither the hub nor the store is owned; both must outlive the recorder. The hub's thread.

#include "qmpmonitor_export.h"
#include "batchrecord.h"
#include "poolstate.h"
#include "taskrecord.h"

#include <QObject>

#include <functional>

namespace qmp {

class HistoryStore;
class MonitorHub;

class QMP_MONITOR_EXPORT HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    HistoryRecorder(MonitorHub *hub, HistoryStore *store, QObject *parent = nullptr);

    // Pools for which skip(poolId) is true are not recorded (another program records them in the
    // same file: an attached studio or qmp run sharing this history).
    void setSkip(std::function<bool(int poolId)> skip) { m_skip = std::move(skip); }

    // The record of a task as the history keeps it (what record() writes for each end): the
    // task's end as a FinishedJob, mapped as qmp run maps its jobs (FinishedJob::toRecord()).
    static TaskRecord toRecord(const TaskState &task);
    // The record of batch batchId of pool (finished: with its end time).
    static BatchRecord toRecord(const PoolState &pool, const BatchState &batch, bool finished);

private:
    void record(int poolId, const PoolState::Changes &changes);

    MonitorHub *m_hub;
    HistoryStore *m_store;
    std::function<bool(int)> m_skip;
};

} // namespace qmp
