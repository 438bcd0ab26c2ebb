#include "historyrecorder.h"

#include "historystore.h"
#include "monitorhub.h"

#include <QDateTime>

namespace qmp {

HistoryRecorder::HistoryRecorder(MonitorHub *hub, HistoryStore *store, QObject *parent)
    : QObject(parent), m_hub(hub), m_store(store)
{
    connect(hub, &MonitorHub::poolChanged, this, &HistoryRecorder::record);
    connect(hub, &MonitorHub::poolRemoved, this, [this](int poolId) {
        for (auto it = m_batchIds.begin(); it != m_batchIds.end();)
            it = it.key().first == poolId ? m_batchIds.erase(it) : std::next(it);
    });
}

qint64 HistoryRecorder::historyBatchId(int poolId, quint64 batchId) const
{
    return m_batchIds.value({poolId, batchId}, 0);
}

qint64 HistoryRecorder::batchFor(const PoolState &pool, quint64 batchId)
{
    const auto key = qMakePair(pool.id(), batchId);
    auto it = m_batchIds.find(key);
    if (it == m_batchIds.end()) {
        it = m_batchIds.insert(key, m_store->newBatchId());
        recordBatch(pool, batchId, false);
    }
    return *it;
}

void HistoryRecorder::recordBatch(const PoolState &pool, quint64 batchId, bool finished)
{
    const BatchState *state = pool.batch(batchId);
    BatchRecord record;
    record.id = m_batchIds.value({pool.id(), batchId});
    record.pool = pool.name();
    record.title = state ? state->title : QString();
    record.createdMs = state && state->firstQueuedMs ? state->firstQueuedMs : QDateTime::currentMSecsSinceEpoch();
    if (state) {
        record.total = state->tasks;
        record.ok = state->finished;
        record.failed = state->failed;
    }
    if (finished)
        record.finishedMs = state && state->lastEndedMs ? state->lastEndedMs : QDateTime::currentMSecsSinceEpoch();
    m_store->record(record);
}

void HistoryRecorder::record(int poolId, const PoolState::Changes &changes)
{
    const PoolState *pool = m_hub->pool(poolId);
    if (!pool)
        return;
    for (quint64 taskId : changes.addedTasks) {
        if (const TaskState *task = pool->task(taskId))
            batchFor(*pool, task->batchId);
    }
    for (const TaskState &task : changes.ended) {
        TaskRecord record;
        record.batchId = batchFor(*pool, task.batchId);
        record.seq = qint64(task.index) + 1;
        record.kind = task.isCommand ? TaskRecord::Kind::Command : TaskRecord::Kind::Task;
        record.name = task.name;
        record.state = task.state == TaskState::State::Finished ? TaskRecord::State::Finished
                                                                : TaskRecord::State::Failed;
        record.workerPid = task.workerPid;
        record.exitCode = task.exitCode;
        record.startMs = task.startedMs;
        record.durationNs = task.durationNs;
        record.attempts = task.attempt;
        record.message = task.message;
        if (!task.output.isEmpty()) {
            const QByteArray output = task.output.toUtf8();
            record.stdoutBytes = output.size();
            record.stdoutTail = output.right(TaskRecord::kTailBytes);
        }
        m_store->record(record);
    }
    for (quint64 batchId : changes.finishedBatches) {
        batchFor(*pool, batchId);
        recordBatch(*pool, batchId, true);
    }
}

} // namespace qmp
