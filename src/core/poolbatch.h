#pragma once
// PoolBatch: where the results of one submission (an apply or a whole map) go. Shared by the
// pools' front-end (PoolBase::makeBatch fills its on* functions) and their engines (PoolEngine,
// CommandRunner, ThreadPool), which deliver items to it and end it. Internal: use Pool or
// ThreadPool.

#include "qmpcore_export.h"
#include "chunkvalues.h"
#include "errors.h"

#include <QCborArray>
#include <QCborValue>

#include <exception>
#include <functional>
#include <memory>

namespace qmp::detail {

class Completion;

// Ends exactly once: succeed() after every item was delivered, or fail() with the first error.
// Only the batch sets "ended": a second succeed() / fail() is a no-op returning false, so
// onCompleted / onFailed run once between them, whoever asks. Items of an ended batch are
// dropped. Not thread-safe: the engine serialises every access to it.
//
// An imap's batch has onItemFailed: there a call's error stays at the call's position and the
// batch goes on (Python's imap), so callsFailed() counts the calls as done instead of failing it.
class QMP_CORE_EXPORT PoolBatch
{
public:
    // items: how many results complete it (0: call succeed() at once).
    explicit PoolBatch(qsizetype items = 0) : m_remaining(items) {}

    // --- set by the front-end ---
    std::function<void(qsizetype index, const QCborValue &value)> onValue; // may throw TypeError
    // Several consecutive items at once (a chunk's results): one progress update instead of one
    // per item. Throws TypeError before storing any when one does not convert. Optional.
    std::function<void(qsizetype firstIndex, const QCborArray &values)> onValues;
    // A packed chunk's values (a map of a packable task), stored whole; throws TypeError before
    // storing any when they are not the result's type. Set when the result type is Packable.
    std::function<void(qsizetype firstIndex, const ChunkValues &values)> onPackedValues;
    std::function<void(qsizetype index, std::exception_ptr error)> onItemFailed; // imap only
    std::function<void(std::exception_ptr error)> onFailed; // the batch's end, with an error
    std::function<void()> onCompleted;                       // the batch's end, every item in
    std::function<bool()> isCanceled;                        // optional: the caller gave up
    quint64 id = 0; // unique in this process: PoolEvent::batchId
    bool single = false; // one apply / applyAsync call or one run() command (PoolEvent::single)
    std::weak_ptr<Completion> completion; // the result's, for a helper that completes it (Pool's direct calls)

    bool hasEnded() const { return m_ended; }
    qsizetype remaining() const { return m_remaining; }
    // Whether its calls end one by one (an imap's) instead of failing it together.
    bool failsItemByItem() const { return bool(onItemFailed); }
    bool wasCanceled() const { return isCanceled && isCanceled(); }

    // Ends it successfully: onCompleted. False (and nothing happens) when it had ended already.
    bool succeed()
    {
        if (m_ended)
            return false;
        m_ended = true;
        if (onCompleted)
            onCompleted();
        return true;
    }
    // Ends it with error: onFailed. False (and nothing happens) when it had ended already.
    bool fail(std::exception_ptr error)
    {
        if (m_ended)
            return false;
        m_ended = true;
        if (onFailed)
            onFailed(error);
        return true;
    }

    // Item index's value; the last one succeeds the batch. A value that does not convert fails
    // the call instead (callsFailed). Dropped once ended.
    void deliver(qsizetype index, const QCborValue &value)
    {
        if (m_ended)
            return;
        try {
            onValue(index, value);
        } catch (...) {
            callsFailed(index, 1, std::current_exception()); // e.g. TypeError converting the result
            return;
        }
        countDone(1);
    }
    // Consecutive items from firstIndex in one go (onValues, or onValue for each without it);
    // one that does not convert fails them all.
    void deliverMany(qsizetype firstIndex, const QCborArray &values)
    {
        if (m_ended)
            return;
        if (!onValues) {
            for (qsizetype i = 0; i < values.size() && !m_ended; ++i)
                deliver(firstIndex + i, values.at(i));
            return;
        }
        try {
            onValues(firstIndex, values);
        } catch (...) {
            callsFailed(firstIndex, values.size(), std::current_exception());
            return;
        }
        countDone(values.size());
    }

    // Consecutive items from firstIndex that are separate calls (one-call tasks whose results
    // the engine gathered): one onValues for all when every value converts; otherwise each goes
    // on its own (deliver), so only a value that does not convert fails its call.
    void deliverEach(qsizetype firstIndex, const QCborArray &values)
    {
        if (m_ended)
            return;
        if (onValues) {
            try {
                onValues(firstIndex, values); // all or nothing
                countDone(values.size());
                return;
            } catch (...) {
                // one did not convert: none was stored; they go one by one below
            }
        }
        for (qsizetype i = 0; i < values.size() && !m_ended; ++i)
            deliver(firstIndex + i, values.at(i));
    }

    // A packed chunk's consecutive values from firstIndex in one go (onPackedValues); values that
    // do not fit the result type (or a batch without onPackedValues) fail those calls.
    void deliverPacked(qsizetype firstIndex, const ChunkValues &values)
    {
        if (m_ended || values.isEmpty())
            return;
        try {
            if (!onPackedValues)
                throw TypeError(QStringLiteral("packed values for a result that takes none"));
            onPackedValues(firstIndex, values);
        } catch (...) {
            callsFailed(firstIndex, values.size(), std::current_exception());
            return;
        }
        countDone(values.size());
    }

    // count consecutive calls from index failed with error (the task threw, its worker died, it
    // was cancelled): the batch fails, or, for an imap, the calls count as done with that error.
    void callsFailed(qsizetype index, qsizetype count, std::exception_ptr error)
    {
        if (m_ended)
            return;
        if (!onItemFailed) {
            fail(error);
            return;
        }
        for (qsizetype i = 0; i < count; ++i)
            onItemFailed(index + i, error);
        countDone(count);
    }

private:
    void countDone(qsizetype count)
    {
        m_remaining -= count;
        if (m_remaining <= 0)
            succeed();
    }

    qsizetype m_remaining;
    bool m_ended = false;
};

} // namespace qmp::detail
