#pragma once
// qmp::Lock — multiprocessing.Lock: a non-recursive lock with no owner (any process or thread
// may release it, like Python's). A value type: copies share one lock; pass it to a child as a
// task argument. Thread-safe.
//
// Holder death (QMP beats Python's SemLock, gh-88304): the lock word holds the holder's pid; a
// waiter that finds the holder dead (checked every 50 ms of waiting) takes the lock over,
// acquire() returns true, recoveredFrom() names the dead pid and a warning says
// "previous holder (pid N) died". The data the lock protected may be half-written.
//
// Implementation: a futex word in a shared segment, not QSystemSemaphore (no timeout, and 18x
// slower). Uncontended acquire/release are one atomic operation each.

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT Lock
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Lock;
    struct State;

    Lock(); // a new, unlocked lock

    // Python's acquire(block, timeout): blocks up to timeoutMs (negative: forever); block=false
    // only tries. Returns true when acquired.
    bool acquire(bool block = true, int timeoutMs = -1) { return acquire(deadlineFor(block, timeoutMs)); }
    bool acquire(QDeadlineTimer deadline);
    // Throws ValueError when the lock is not locked (Python's "released too many times").
    void release();
    bool locked() const;
    // The pid of the holder that died, when the last acquire() through this handle took the lock
    // over from it; 0 otherwise.
    qint64 recoveredFrom() const { return *m_recovered; }

    // BasicLockable, so std::lock_guard / std::unique_lock give Python's `with lock:`.
    void lock() { acquire(); }
    void unlock() { release(); }

    IpcHandle handle() const;
    static Lock fromHandle(const IpcHandle &handle);

private:
    explicit Lock(std::shared_ptr<SharedSegment> segment);

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    std::shared_ptr<qint64> m_recovered;
};

} // namespace qmp

QMP_IPC_CBOR(Lock)
