#pragma once
// ImapResult<T>: what imap() / imapUnordered() return — Python's IMapIterator. Iterate it
// (range-for, or next(timeout)) to take results as they arrive: in input order for imap, in
// completion order for imapUnordered.
//
// Errors come where they belong, as in Python: a call that failed (its task threw, its worker
// died, it was cancelled) throws at its position, and the iteration goes on with the next one.
// When reading the input threw after k items (an iterator or a conversion that fails), the k
// calls run and their results come first; the input's exception comes at position k. When the
// pool is terminated, what had arrived is yielded, then the termination's error.
//
// future() has the same results as a QFuture<T> (progress, QFutureWatcher): the successful
// ones, then, once every call has ended, the first error (a call's, else the input's) fails it
// as a whole, as a QFuture fails. Copies share the iteration.
// Thread-safe; iterate from one thread at a time.

#include "asyncresult.h"
#include "errors.h"

#include <QDeadlineTimer>
#include <QFuture>

#include <condition_variable>
#include <exception>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace qmp {

namespace detail {

// Where a batch puts an imap's outcomes for its iterator (alongside the QFuture).
template <typename T>
struct ImapStream
{
    struct Outcome
    {
        std::optional<T> value;
        std::exception_ptr error; // the call's own error
    };
    std::mutex mutex;
    std::condition_variable arrived;
    std::map<qsizetype, Outcome> outcomes; // by input position (imap) or arrival order (imapUnordered)
    qsizetype arrivals = 0;
    qsizetype total = 0;           // the calls submitted: the input's items read
    std::exception_ptr inputError; // what reading the input threw, at position total
    std::exception_ptr firstError; // the first call's error, for the QFuture
    std::exception_ptr failure;    // what ended the whole batch early (terminate, ...)
    bool complete = false;         // every call ended

    void add(qsizetype index, Outcome outcome, bool ordered)
    {
        {
            std::lock_guard lock(mutex);
            if (outcome.error && !firstError)
                firstError = outcome.error;
            outcomes.emplace(ordered ? index : arrivals, std::move(outcome));
            ++arrivals;
        }
        arrived.notify_all();
    }
    void end(std::exception_ptr error)
    {
        {
            std::lock_guard lock(mutex);
            failure = error;
            complete = !error;
        }
        arrived.notify_all();
    }
    // What the QFuture ends with: the first call's error, else the input's.
    std::exception_ptr futureError()
    {
        std::lock_guard lock(mutex);
        return firstError ? firstError : inputError;
    }
};

} // namespace detail

template <typename T>
class ImapResult
{
public:
    ImapResult(QFuture<T> future, std::shared_ptr<detail::Completion> completion,
               std::shared_ptr<detail::ImapStream<T>> stream)
        : m_future(std::move(future))
        , m_completion(std::move(completion))
        , m_stream(std::move(stream))
        , m_position(std::make_shared<qsizetype>(0))
    {
    }

    // Python's next(it, timeout): the next result; nullopt when there are no more. Throws the
    // error at this position, or TimeoutError when nothing arrives in time.
    std::optional<T> next(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever))
    {
        detail::ImapStream<T> &s = *m_stream;
        std::unique_lock lock(s.mutex);
        const qsizetype at = *m_position;
        const auto settled = [&] {
            return s.outcomes.count(at) || s.failure || at >= s.total || s.complete;
        };
        if (deadline.isForever())
            s.arrived.wait(lock, settled);
        else if (!s.arrived.wait_until(lock, deadline.deadline<std::chrono::steady_clock>(), settled))
            throw TimeoutError(QStringLiteral("imap: no result arrived in time"));
        const auto found = s.outcomes.find(at);
        if (found != s.outcomes.end()) {
            typename detail::ImapStream<T>::Outcome outcome = std::move(found->second);
            s.outcomes.erase(found);
            ++*m_position;
            if (outcome.error)
                std::rethrow_exception(outcome.error); // this call's; the next ones follow
            return std::move(outcome.value);
        }
        if (at < s.total && s.failure)
            std::rethrow_exception(s.failure);
        if (at == s.total && s.inputError) {
            ++*m_position; // thrown once, then the iteration is over
            std::rethrow_exception(s.inputError);
        }
        return std::nullopt;
    }
    std::optional<T> next(int msecs)
    {
        return next(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs));
    }

    // The results as a QFuture; it fails as a whole at the first error.
    QFuture<T> future() const { return m_future; }
    operator QFuture<T>() const { return m_future; }
    // Which PoolEvent::batchId the calls carry.
    quint64 batchId() const { return m_completion->batchId; }
    // True once every call has ended (the iteration may still hold results).
    bool ready() const { return m_completion->done(); }

    // Range-for: for (int v : pool.imap(&f, inputs)). Throws at an error's position.
    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = const T &;

        iterator() = default;
        explicit iterator(ImapResult *owner) : m_owner(owner) { advance(); }
        const T &operator*() const { return *m_value; }
        const T *operator->() const { return &*m_value; }
        iterator &operator++()
        {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        bool operator==(const iterator &other) const { return !m_value && !other.m_value; }

    private:
        void advance()
        {
            m_value = m_owner->next();
        }
        ImapResult *m_owner = nullptr;
        std::optional<T> m_value;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

private:
    QFuture<T> m_future;
    std::shared_ptr<detail::Completion> m_completion;
    std::shared_ptr<detail::ImapStream<T>> m_stream;
    std::shared_ptr<qsizetype> m_position; // shared by copies: one iteration
};

} // namespace qmp
