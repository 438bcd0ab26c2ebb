#include "historyrecorder.h"

#include "cbortext.h"
#include "finishedjob.h"
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
    FinishedJob job;
    job.batchId = qint64(task.batchId);
    job.seq = qint64(task.index) + 1;
    if (task.isCommand) {
        // As it was queued: [program, [arguments], working directory, timeout, retries].
        const QCborArray queued = task.arguments.toArray();
        if (queued.size() >= 2 && queued.at(0).isString()) {
            Command command;
            command.program = queued.at(0).toString();
            for (const QCborValue &argument : queued.at(1).toArray())
                command.arguments.append(argument.toString());
            job.command = command;
        } else {
            job.command = Command{}; // a program that did not send it: the name says what ran
            job.name = task.name;
        }
    } else {
        job.name = task.name;
    }
    switch (task.state) {
    case TaskState::State::Finished: job.end = FinishedJob::End::Finished; break;
    case TaskState::State::Cancelled: job.end = FinishedJob::End::Cancelled; break;
    case TaskState::State::TimedOut: job.end = FinishedJob::End::TimedOut; break;
    case TaskState::State::Lost: job.end = FinishedJob::End::Lost; break;
    default: job.end = FinishedJob::End::Failed; break;
    }
    job.pid = task.workerPid;
    job.host = task.host;
    job.exitCode = task.exitCode;
    job.startMs = task.startedMs;
    job.queuedMs = task.queuedMs;
    job.endMs = task.endedMs;
    job.durationNs = task.durationNs;
    job.attempts = task.attempt;
    job.message = task.message;
    job.reason = task.reason;
    job.reasonArgs = task.reasonArgs;
    job.standardOutput = task.stdoutTail;
    job.standardError = task.stderrTail;
    job.stdoutBytes = task.stdoutBytes;
    job.stderrBytes = task.stderrBytes;
    TaskRecord record = job.toRecord();
    if (!task.isCommand)
        record.arguments = CborText::arguments(task.arguments);
    if (!task.result.isUndefined() && !task.result.isInvalid())
        record.result = CborText::brief(task.result);
    return record;
}

BatchRecord HistoryRecorder::toRecord(const PoolState &pool, const BatchState &batch, bool finished)
{
    BatchRecord record;
    record.id = qint64(batch.id);
    record.pool = pool.name();
    record.title = batch.title;
    record.commandTemplate = batch.commandTemplate;
    record.shell = batch.shell;
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
