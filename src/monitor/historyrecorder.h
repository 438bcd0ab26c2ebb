#pragma once
// HistoryRecorder: writes what the hub sees into the task history — a BatchRecord when a batch
// first shows up and again when its last task ends, a TaskRecord for every task or command that
// ends (finished or failed for good; a failed attempt that is retried is recorded when the retry
// ends). Batch ids of different pools are mapped to the history's own ids (HistoryStore::newBatchId).
// Neither the hub nor the store is owned; both must outlive the recorder. The hub's thread.

#include "poolstate.h"

#include <QHash>
#include <QObject>
#include <QPair>

namespace qmp {

class HistoryStore;
class MonitorHub;

class HistoryRecorder : public QObject
{
    Q_OBJECT
public:
    HistoryRecorder(MonitorHub *hub, HistoryStore *store, QObject *parent = nullptr);

    // The history's batch id for a pool's batch; 0 when it has not been recorded.
    qint64 historyBatchId(int poolId, quint64 batchId) const;

private:
    void record(int poolId, const PoolState::Changes &changes);
    qint64 batchFor(const PoolState &pool, quint64 batchId);
    void recordBatch(const PoolState &pool, quint64 batchId, bool finished);

    MonitorHub *m_hub;
    HistoryStore *m_store;
    QHash<QPair<int, quint64>, qint64> m_batchIds;
};

} // namespace qmp
