#pragma once
// AsyncResult<T> / MapResult<T>: Python's AsyncResult / MapResult on top of a QFuture.
//
// future() is a plain QFuture (progress, .then(), QFutureWatcher for UIs; cancel() drops the
// tasks that have not started). get(timeout) returns the value or rethrows what the task threw
// (qmp::RemoteError, qmp::WorkerLostError, qmp::TimeoutError for a task timeout), and throws
// qmp::TimeoutError when the result is not ready in time, and qmp::ValueError "the result was
// canceled" after future().cancel() took it before it was complete. Copyable; all copies share
// the result.
// Waiting never needs the caller's event loop: a pool's own thread completes results.

#include "qmpcore_export.h"
#include "errors.h"

#include <QDeadlineTimer>
#include <QFuture>
#include <QList>

#include <QMutexLocker>
#include <QtCore/qresultstore.h>

#include <condition_variable>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

namespace qmp {

namespace detail {

// A submission's callbacks (Python's callback / error_callback): success gets every value in
// input order; either may be empty.
template <typename T>
struct BatchCallbacks
{
    std::function<void(const QList<T> &)> success;
    std::function<void(const Error &)> error;
};

// Every result stored in future, in order, reading a stored list of results (a chunk's) whole
// instead of one item at a time (QFuture::results()). Call once the future has finished.
template <typename T>
QList<T> storedResults(const QFuture<T> &future)
{
    const QFutureInterfaceBase base = QFutureInterfaceBase::get(future);
    QMutexLocker locker(&base.mutex());
    const QtPrivate::ResultStoreBase &store = base.resultStoreBase();
    QList<T> out;
    out.reserve(store.count());
    for (QtPrivate::ResultIteratorBase it = store.begin(); it != store.end();) {
        if (!it.isVector()) {
            out.append(it.value<T>());
            ++it;
            continue;
        }
        const T *first = &it.value<T>();
        const qsizetype count = it.batchSize() - it.vectorIndex();
        if constexpr (std::is_trivially_copyable_v<T> && std::is_trivially_default_constructible_v<T>) {
            const qsizetype before = out.size();
            out.resize(before + count);
            std::memcpy(static_cast<void *>(out.data() + before), first, size_t(count) * sizeof(T));
        } else {
            for (qsizetype i = 0; i < count; ++i)
                out.append(first[i]);
        }
        it.batchedAdvance();
    }
    return out;
}

// CompletionHelper: lets a waiting thread complete a result itself (a Pool's direct call reads
// its reply from the worker's lane). help() returns when the result is complete, when it cannot
// help any more (another path completes it), or at the deadline; it must not throw.
class QMP_CORE_EXPORT CompletionHelper
{
public:
    virtual ~CompletionHelper() = default;
    virtual void help(QDeadlineTimer deadline) = 0;
    // The result is followed without a wait (ready(), future(), a callback): it must complete
    // with nobody's help. Cheap, may run many times, must not block or throw.
    virtual void watched() {}
};

// Completion: set once by the pool when a result is final; waited on by any thread.
class QMP_CORE_EXPORT Completion
{
public:
    void finish(bool success)
    {
        std::vector<std::function<void(bool)>> callbacks;
        std::shared_ptr<CompletionHelper> helper;
        {
            std::lock_guard lock(m_mutex);
            if (m_done)
                return;
            m_done = true;
            m_success = success;
            callbacks.swap(m_callbacks);
            helper.swap(m_helper); // released outside the lock
        }
        m_cv.notify_all();
        for (const auto &callback : callbacks)
            callback(success);
    }
    // Calls callback(success) once, when finished: at once (on this thread) when it is already,
    // else on the thread that finishes it. It must not block.
    void onFinished(std::function<void(bool)> callback)
    {
        bool success = false;
        bool queued = false;
        {
            std::lock_guard lock(m_mutex);
            if (!m_done) {
                m_callbacks.push_back(std::move(callback));
                queued = true;
            } else {
                success = m_success;
            }
        }
        if (queued)
            watched(); // followed without a wait
        else
            callback(success);
    }
    // Someone follows the result without waiting for it (a callback, ready(), future()): its
    // helper, if any (now or later), is told.
    void watched()
    {
        std::shared_ptr<CompletionHelper> helper;
        {
            std::lock_guard lock(m_mutex);
            if (m_done)
                return;
            m_watched = true;
            helper = m_helper;
        }
        if (helper)
            helper->watched();
    }
    // Set before the result is shared; wait() runs it first. Dropped once finished.
    void setHelper(std::shared_ptr<CompletionHelper> helper)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_done)
                return;
            m_helper = helper;
            if (!m_watched)
                return;
        }
        helper->watched();
    }
    bool wait(QDeadlineTimer deadline)
    {
        std::shared_ptr<CompletionHelper> helper;
        {
            std::lock_guard lock(m_mutex);
            if (m_done)
                return true;
            helper = m_helper;
        }
        if (helper)
            helper->help(deadline);
        std::unique_lock lock(m_mutex);
        if (deadline.isForever()) {
            m_cv.wait(lock, [this] { return m_done; });
            return true;
        }
        return m_cv.wait_until(lock, deadline.deadline<std::chrono::steady_clock>(), [this] { return m_done; });
    }
    bool done()
    {
        std::lock_guard lock(m_mutex);
        return m_done;
    }
    bool success()
    {
        std::lock_guard lock(m_mutex);
        return m_success;
    }
    // The submission's id in PoolEvent::batchId (0: not from a pool). Set once, before sharing.
    quint64 batchId = 0;

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    bool m_success = false;
    std::vector<std::function<void(bool)>> m_callbacks;
    std::shared_ptr<CompletionHelper> m_helper;
    bool m_watched = false;
};

template <typename F>
class ResultBase
{
public:
    ResultBase(F future, std::shared_ptr<Completion> completion)
        : m_future(std::move(future)), m_completion(std::move(completion))
    {
    }
    F future() const { return m_future; }
    std::shared_ptr<Completion> completion() const { return m_completion; }
    // Which PoolEvent::batchId this result's tasks carry: ties a result to what monitors see.
    quint64 batchId() const { return m_completion->batchId; }
    // True once the result is final.
    bool ready() const { return m_completion->done(); }
    // Waits until ready or the deadline; true when ready. wait(int ms): negative waits forever.
    bool wait(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever)) const
    {
        return m_completion->wait(deadline);
    }
    bool wait(int msecs) const { return wait(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs)); }
    // True when every task succeeded. ValueError before ready, like Python.
    bool successful() const
    {
        if (!ready())
            throw ValueError(QStringLiteral("successful(): the result is not ready yet"));
        return m_completion->success();
    }

protected:
    void waitOrThrow(QDeadlineTimer deadline) const
    {
        if (!m_completion->wait(deadline))
            throw TimeoutError(QStringLiteral("the result was not ready in time"));
    }
    // A future canceled by its user holds no error and not every value: throw instead of
    // reading a value that is not there.
    static void throwIfCanceled(const F &future, int needed)
    {
        if (future.isCanceled() && future.resultCount() < needed)
            throw ValueError(QStringLiteral("the result was canceled"));
    }
    F m_future;
    std::shared_ptr<Completion> m_completion;
};

} // namespace detail

template <typename T>
class AsyncResult : public detail::ResultBase<QFuture<T>>
{
public:
    using detail::ResultBase<QFuture<T>>::ResultBase;
    // As ResultBase's; the result is followed without a wait from then on (a direct call's reply
    // is then read by the pool's thread).
    QFuture<T> future() const
    {
        this->m_completion->watched();
        return this->m_future;
    }
    bool ready() const
    {
        this->m_completion->watched();
        return this->m_completion->done();
    }
    T get(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever)) const
    {
        this->waitOrThrow(deadline);
        QFuture<T> future = this->m_future;
        future.waitForFinished(); // rethrows the task's error
        this->throwIfCanceled(future, 1);
        return future.result();
    }
    T get(int msecs) const { return get(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs)); }
};

// The result of mapAsync / starmapAsync: get() is the whole list, in input order.
template <typename T>
class MapResult : public detail::ResultBase<QFuture<T>>
{
public:
    using detail::ResultBase<QFuture<T>>::ResultBase;
    QList<T> get(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever)) const
    {
        this->waitOrThrow(deadline);
        QFuture<T> future = this->m_future;
        future.waitForFinished(); // rethrows the first error
        this->throwIfCanceled(future, std::numeric_limits<int>::max());
        return detail::storedResults(future);
    }
    QList<T> get(int msecs) const
    {
        return get(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs));
    }
};

} // namespace qmp
