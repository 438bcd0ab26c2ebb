#pragma once
// PoolBatch: where the results of one submission (an apply or a whole map) go. Shared by the
// pools' front-end (PoolBase::submit fills it) and their engines (PoolEngine, ThreadPool), which
// call it. Internal: use Pool or ThreadPool.

#include <QCborArray>
#include <QCborValue>

#include <exception>
#include <functional>

namespace qmp::detail {

// Ends exactly once: complete() after every item was delivered, or fail() with the first error.
// Items of an ended batch are dropped. The engine serialises every access to it.
struct PoolBatch
{
    std::function<void(qsizetype index, const QCborValue &value)> deliver; // may throw TypeError
    // Several consecutive items at once (a chunk's results): one progress update instead of one
    // per item. Throws TypeError before delivering any when one does not convert.
    std::function<void(qsizetype firstIndex, const QCborArray &values)> deliverMany;
    std::function<void(std::exception_ptr error)> fail;
    std::function<void()> complete;
    std::function<bool()> isCanceled;
    qsizetype remaining = 0;
    bool ended = false;
    quint64 id = 0; // unique in this process: PoolEvent::batchId
    bool single = false; // one apply / applyAsync call or one run() command (PoolEvent::single)

};

} // namespace qmp::detail
