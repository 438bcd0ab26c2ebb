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
//
// An imap's batch has failItem: there a call's error stays at the call's position and the batch
// goes on (Python's imap), so callsFailed() counts the calls as done instead of failing it.
struct PoolBatch
{
    std::function<void(qsizetype index, const QCborValue &value)> deliver; // may throw TypeError
    // Several consecutive items at once (a chunk's results): one progress update instead of one
    // per item. Throws TypeError before delivering any when one does not convert.
    std::function<void(qsizetype firstIndex, const QCborArray &values)> deliverMany;
    std::function<void(std::exception_ptr error)> fail;
    std::function<void()> complete;
    std::function<bool()> isCanceled;
    std::function<void(qsizetype index, std::exception_ptr error)> failItem; // imap only
    qsizetype remaining = 0;
    bool ended = false;
    quint64 id = 0; // unique in this process: PoolEvent::batchId
    bool single = false; // one apply / applyAsync call or one run() command (PoolEvent::single)

    // count consecutive calls from index failed with error (the task threw, its worker died, it
    // was cancelled): the batch fails, or, for an imap, the calls count as done with that error.
    void callsFailed(qsizetype index, qsizetype count, std::exception_ptr error)
    {
        if (ended)
            return;
        if (!failItem) {
            ended = true;
            fail(error);
            return;
        }
        for (qsizetype i = 0; i < count; ++i)
            failItem(index + i, error);
        remaining -= count;
        if (remaining <= 0) {
            ended = true;
            complete();
        }
    }
};

} // namespace qmp::detail
