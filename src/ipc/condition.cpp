#include "condition.h"

#include "futex.h"
#include "ipcerrors.h"
#include "pythonerrors.h"
#include "robustmutex.h"

#include <algorithm>
#include <climits>
#include <vector>

namespace qmp {

namespace {
constexpr int waiterSlots = 512;
// A waiter entry's state: its futex word.
enum : std::uint32_t {
    Free = 0,
    Waiting = 1,  // in wait(), not chosen yet
    Notified = 2, // chosen by notify(); on its way out of wait()
    Leaving = 3,  // timed out; on its way out of wait()
};
} // namespace

// Every field but the atomics and the waiters' own mutexes changes only with the condition's
// lock held: entries are taken by wait() before it releases the lock, chosen by notify() (lock
// held) and freed by their waiter once it holds the lock again, or by a notifier that found
// their waiter dead.
struct Condition::State
{
    std::atomic<std::uint32_t> used; // entries not Free
    std::uint32_t reserved;
    std::uint64_t nextSeq; // arrival order
    struct Waiter
    {
        RobustMutex alive; // held by the waiter while it is in wait()
        std::atomic<std::uint32_t> state;
        std::int32_t pid;
        std::uint64_t seq;
    } waiters[waiterSlots];
};

Condition::Condition(RLock lock) : Condition(SharedSegment::create(segmentKind, sizeof(State)), std::move(lock))
{
    for (State::Waiter &w : m_state->waiters)
        w.alive.initialise();
}

Condition::Condition(std::shared_ptr<SharedSegment> segment, RLock lock)
    : m_segment(std::move(segment)), m_state(reinterpret_cast<State *>(m_segment->payload())), m_lock(std::move(lock))
{
}

bool Condition::waiterAlive(int entry) const
{
    State::Waiter &w = m_state->waiters[entry];
    if (w.alive.tryLock() == RobustMutex::Result::TimedOut)
        return true; // its waiter holds it
    // Its waiter died (EOWNERDEAD), or left without freeing it: free it now.
    w.alive.unlock();
    w.state.store(Free);
    m_state->used.fetch_sub(1);
    return false;
}

bool Condition::wait(QDeadlineTimer deadline)
{
    if (!m_lock.isOwned())
        throw PythonErrors::conditionWaitNotOwned();
    int entry = -1;
    for (int pass = 0; pass < 2 && entry < 0; ++pass) {
        for (int i = 0; i < waiterSlots && entry < 0; ++i) {
            if (m_state->waiters[i].state.load() == Free)
                entry = i;
        }
        for (int i = 0; pass == 0 && entry < 0 && i < waiterSlots; ++i) {
            if (m_state->waiters[i].state.load() != Free)
                waiterAlive(i); // full: free the entries of waiters that died
        }
    }
    if (entry < 0)
        throw OSError(QStringLiteral("Condition %1: more than %2 threads and processes wait on it at once")
                          .arg(m_segment->nativeKey()).arg(waiterSlots));
    State::Waiter &w = m_state->waiters[entry];
    w.alive.lock(); // free, so never held by anyone
    w.pid = SharedSegment::currentPid();
    w.seq = m_state->nextSeq++;
    m_state->used.fetch_add(1);
    w.state.store(Waiting);
    const int levels = m_lock.releaseAll();
    bool notified = false;
    for (;;) {
        if (w.state.load() == Notified) {
            notified = true;
            break;
        }
        if (deadline.hasExpired()) {
            std::uint32_t expected = Waiting;
            notified = !w.state.compare_exchange_strong(expected, Leaving); // else notify() chose us just now
            break;
        }
        Futex::wait(&w.state, Waiting, deadline);
    }
    m_lock.restore(levels, QDeadlineTimer(QDeadlineTimer::Forever));
    w.alive.unlock();
    w.state.store(Free);
    m_state->used.fetch_sub(1);
    return notified;
}

bool Condition::waitFor(const std::function<bool()> &predicate, int timeoutMs)
{
    const QDeadlineTimer deadline = deadlineFor(true, timeoutMs);
    bool result = predicate();
    while (!result) {
        if (deadline.hasExpired())
            break;
        wait(deadline);
        result = predicate();
    }
    return result;
}

void Condition::notify(int n)
{
    if (!m_lock.isOwned())
        throw PythonErrors::conditionNotifyNotOwned();
    if (n <= 0 || m_state->used.load() == 0)
        return;
    // The waiters of this moment, oldest first. None can arrive or leave while we hold the lock;
    // one can only time out (Waiting -> Leaving), which the exchange below sees.
    std::vector<std::pair<std::uint64_t, int>> waiting;
    for (int i = 0; i < waiterSlots; ++i) {
        if (m_state->waiters[i].state.load() == Waiting)
            waiting.emplace_back(m_state->waiters[i].seq, i);
    }
    std::sort(waiting.begin(), waiting.end());
    int woken = 0;
    for (const auto &[seq, i] : waiting) {
        if (woken == n)
            break;
        if (!waiterAlive(i))
            continue;
        std::uint32_t expected = Waiting;
        if (m_state->waiters[i].state.compare_exchange_strong(expected, Notified)) {
            Futex::wake(&m_state->waiters[i].state, 1);
            ++woken;
        }
    }
}

void Condition::notifyAll()
{
    notify(INT_MAX);
}

int Condition::waiting() const
{
    int count = 0;
    for (const State::Waiter &w : m_state->waiters) {
        if (w.state.load() == Waiting && SharedSegment::isProcessAlive(w.pid))
            ++count;
    }
    return count;
}

IpcHandle Condition::handle() const
{
    QCborMap params;
    params.insert(QStringLiteral("lock"), m_lock.handle().toCbor());
    return {segmentKind, m_segment->nativeKey(), params};
}

Condition Condition::fromHandle(const IpcHandle &handle)
{
    RLock lock = CborConvert<RLock>::fromCbor(handle.params.value(QStringLiteral("lock")));
    return Condition(SharedSegment::attach(handle.key, segmentKind), std::move(lock));
}

} // namespace qmp
