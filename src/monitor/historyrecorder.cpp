#include "historyrecorder.h"

#include "cbortext.h"
#include "historystore.h"
#include "monitorhub.h"

#include <QDateTime>
#include <QSet>

namespace qmp {

HistoryRecorder::HistoryRecorder(MonitorHub *hub, HistoryStore *store, QObject *parent)
    : QObject(parent), m_hub(hub), m_store(store)
{
    hub->setBatchIdSource([store] { return quint64(store->newBatchId()); });
    connect(hub, &MonitorHub::poolChanged, this, &HistoryRecorder::record);
}

TaskRecord HistoryRecorder::toRecord(const TaskState &task)
{
    TaskRecord record;
    record.batchId = qint64(task.batchId);
    record.seq = qint64(task.index) + 1;
    record.kind = task.isCommand ? TaskRecord::Kind::Command : TaskRecord::Kind::Task;
    record.name = task.name;
    switch (task.state) {
    case TaskState::State::Finished: record.state = TaskRecord::State::Finished; break;
    case TaskState::State::Cancelled: record.state = TaskRecord::State::Cancelled; break;
    case TaskState::State::TimedOut: record.state = TaskRecord::State::TimedOut; break;
    case TaskState::State::Lost: record.state = TaskRecord::State::Lost; break;
    default: record.state = TaskRecord::State::Failed; break;
    }
    record.workerPid = task.workerPid;
    record.exitCode = task.exitCode;
    record.startMs = task.startedMs;
    record.queuedMs = task.queuedMs;
    record.endMs = task.endedMs;
    record.durationNs = task.durationNs;
    record.attempts = task.attempt;
    record.message = task.message;
    record.reason = int(task.reason);
    record.reasonArgs = task.reasonArgs;
    if (!task.isCommand)
        record.arguments = CborText::arguments(task.arguments);
    if (!task.result.isUndefined() && !task.result.isInvalid())
        record.result = CborText::brief(task.result);
    const QByteArray out = task.outputText(1).toUtf8();
    const QByteArray err = task.outputText(2).toUtf8();
    record.stdoutBytes = out.size();
    record.stderrBytes = err.size();
    record.stdoutTail = out.right(TaskRecord::kTailBytes);
    record.stderrTail = err.right(TaskRecord::kTailBytes);
    return record;
}

BatchRecord HistoryRecorder::toRecord(const PoolState &pool, const BatchState &batch, bool finished)
{
    BatchRecord record;
    record.id = qint64(batch.id);
    record.pool = pool.name();
    record.title = batch.title;
    // Titled before its first task arrived: it is being created now.
    record.createdMs = batch.firstQueuedMs ? batch.firstQueuedMs : QDateTime::currentMSecsSinceEpoch();
    record.startedMs = batch.firstStartedMs;
    record.total = batch.tasks;
    record.ok = batch.finished;
    record.failed = batch.failed;
    record.cancelled = batch.cancelled;
    if (finished)
        record.finishedMs = batch.lastEndedMs ? batch.lastEndedMs : batch.firstQueuedMs;
    // An attached program's batch is that program's: interrupted when it is gone, not when we are.
    if (pool.programPid() > 0)
        record.setOwner(pool.programPid());
    else
        record.setOwnerToThisProcess();
    return record;
}

void HistoryRecorder::record(int poolId, const PoolState::Changes &changes)
{
    const PoolState *pool = m_hub->pool(poolId);
    if (!pool || (m_skip && m_skip(poolId)))
        return;
    // A batch is recorded when it shows up (its first task) ...
    for (quint64 id : changes.addedBatches) {
        if (const BatchState *batch = pool->batch(id); batch && !changes.finishedBatches.contains(id))
            m_store->record(toRecord(*pool, *batch, false));
    }
    for (const TaskState &task : changes.ended)
        m_store->record(toRecord(task));
    // ... and again when its last task has ended.
    for (quint64 id : changes.finishedBatches) {
        if (const BatchState *batch = pool->batch(id))
            m_store->record(toRecord(*pool, *batch, true));
    }
    // A running batch's counts move on with each end: `qmp history --batch` shows its progress.
    QSet<quint64> touched;
    for (const TaskState &task : changes.ended)
        touched.insert(task.batchId);
    for (quint64 id : std::as_const(touched)) {
        const BatchState *batch = pool->batch(id);
        if (batch && !batch->isDone() && !changes.addedBatches.contains(id))
            m_store->record(toRecord(*pool, *batch, false));
    }
}

} // namespace qmp
