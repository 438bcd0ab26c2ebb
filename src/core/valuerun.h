#pragma once
// ValueRun: the results of one-call tasks (a map or imap with chunksize 1) that a burst of
// worker replies brought, held on the pool's thread while they continue one another (the same
// batch, consecutive positions) and then delivered together (PoolBatch::deliverEach): one
// result-store entry and one progress update per run instead of one per call. The engine
// delivers the run at the end of each burst and before anything else reaches a batch (a failed
// call, a chunk's values, a worker's end), so no batch sees its items out of that order.
// Internal to PoolEngine; pool thread only.

#include "qmpcore_export.h"
#include "poolbatch.h"

#include <QCborArray>
#include <QCborValue>

#include <memory>

namespace qmp::detail {

class QMP_CORE_AUTOTEST_EXPORT ValueRun
{
public:
    // Holds call index's value of batch; delivers the run first when value does not continue it.
    void add(const std::shared_ptr<PoolBatch> &batch, qsizetype index, const QCborValue &value);
    // Delivers what is held (nothing when empty).
    void deliver();
    bool isEmpty() const { return m_values.isEmpty(); }

private:
    std::shared_ptr<PoolBatch> m_batch;
    qsizetype m_first = 0;
    QCborArray m_values;
};

} // namespace qmp::detail
