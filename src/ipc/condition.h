#pragma once
// qmp::Condition — multiprocessing.Condition over an RLock (the default, a new one). A value
// type: copies share one condition; pass it to a child as a task argument. Thread-safe.
//
// Python's semantics, exactly: notify(n) wakes up to n of the threads and processes waiting at
// that moment, oldest first — never one that starts waiting afterwards (the notifier waiting
// again included), never a waiter that was killed; wait() returns true only when notify()
// chose it. Each wait() takes an entry in a table in the condition's segment (up to 512
// waiting at once; more throws OSError) and sleeps on that entry's own futex word (a timed wait,
// which QSystemSemaphore cannot do). A waiter holds its entry's robust mutex while
// it waits, so a notifier knows at once, without polling, a waiter that died (EOWNERDEAD) and
// skips it. Calling wait / notify without holding the lock throws AssertionError, like Python.
// Condition(Lock) is not offered: a Lock has no owner to check.

#include "qmpipc_export.h"
#include "ipchandle.h"
#include "rlock.h"

#include <QDeadlineTimer>

#include <functional>
#include <memory>

namespace qmp {

class QMP_IPC_EXPORT Condition
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
    // predicate's last value. The predicate runs with the lock held, after every wake-up.
    bool waitFor(const std::function<bool()> &predicate, int timeoutMs = -1);
    // Wakes up to n of the waiters of this moment (Python's notify(n=1)); notifyAll() all of them.
    void notify(int n = 1);
    void notifyAll();
    // Threads and processes waiting now (waiters that died are not counted).
    int waiting() const;

    IpcHandle handle() const;
    static Condition fromHandle(const IpcHandle &handle);

private:
    Condition(std::shared_ptr<SharedSegment> segment, RLock lock);
    // True when entry's waiter is alive; frees the entry of one that died.
    bool waiterAlive(int entry) const;

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    RLock m_lock;
};

} // namespace qmp

QMP_IPC_CBOR(Condition)
