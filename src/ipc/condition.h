#pragma once
// qmp::Condition — multiprocessing.Condition over an RLock (the default, a new one). A value
// type: copies share one condition; pass it to a child as a task argument. Thread-safe.
//
// wait() releases every level of the lock, sleeps on a futex word in the condition's segment
// (a timed wait, which QSystemSemaphore cannot do: contract Q10) and re-acquires. notify(n)
// hands out exactly n wake-up tickets to the current waiters, so at most n return true.
// Calling wait / notify without holding the lock throws AssertionError, like Python.
// Condition(Lock) is not offered: a Lock has no owner to check.

#include "ipchandle.h"
#include "rlock.h"

#include <QDeadlineTimer>

#include <functional>
#include <memory>

namespace qmp {

class Condition
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Condition;
    struct State;

    explicit Condition(RLock lock = RLock());

    bool acquire(bool block = true, int timeoutMs = -1) { return m_lock.acquire(block, timeoutMs); }
    void release() { m_lock.release(); }
    void lock() { m_lock.acquire(); }
    void unlock() { m_lock.release(); }
    RLock rlock() const { return m_lock; }

    // Waits for a notify() up to timeoutMs (negative: forever). Returns false on timeout.
    // The lock is held again on return, at the same recursion level.
    bool wait(int timeoutMs = -1) { return wait(deadlineFor(true, timeoutMs)); }
    bool wait(QDeadlineTimer deadline);
    // Python's wait_for: waits until predicate() is true or the timeout passes; returns the
    // predicate's last value.
    bool waitFor(const std::function<bool()> &predicate, int timeoutMs = -1);
    // Wakes up to n waiters (Python's notify(n=1)); notifyAll() wakes every waiter.
    void notify(int n = 1);
    void notifyAll();
    // Processes and threads in wait() now.
    int waiting() const;

    IpcHandle handle() const;
    static Condition fromHandle(const IpcHandle &handle);

private:
    Condition(std::shared_ptr<SharedSegment> segment, RLock lock);
    void ensureOwned(const char *operation) const;

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    RLock m_lock;
};

} // namespace qmp

QMP_IPC_CBOR(Condition)
