#pragma once
// (File named qmpsemaphore.h, not semaphore.h: this directory is on the include path, and
// <semaphore.h> is a system header that libstdc++ includes.)
// qmp::Semaphore — multiprocessing.Semaphore: a counter; release() may go above the initial
// value (BoundedSemaphore forbids that). A value type: copies share one semaphore. Thread-safe.
//
// A futex counter in a shared segment, not QSystemSemaphore: its SEM_UNDO would undo a
// release() when the releasing process exits (a producer/consumer count breaks), it caps the
// value at 32767 and has no timeout. Values up to 2^31-1.
//
// Two ways to take a slot, and the holder-death rule that follows from each:
// - acquire() / release() are Python's: a plain counter. A slot taken by acquire() is never
//   given back by anyone but a release() — in any process, as in a producer/consumer pair,
//   where the consumer's acquire() *consumes* the item. The count is exact whatever happens to
//   the processes (a consumer that exits or is killed after taking items keeps them taken).
// - lock() / tryLock() / unlock() (so `std::lock_guard g(sem);`, Python's `with sem:`) take an
//   *owned* slot: this process promises to give it back itself with unlock(). Owned slots are
//   counted per process in the segment; when an owner dies holding some, a waiter (checking
//   every 50 ms while no slot is free) gives them back as its unlock() would have — on a
//   BoundedSemaphore never past the bound — and recoveredFrom() names the dead pid (with a
//   warning). unlock() without an owned slot throws AssertionError.
// Each owned-slot change is journalled under a robust mutex, so an owner killed in the middle
// of lock() or unlock() leaves an exact count. Up to 1024 processes may hold owned slots of one
// semaphore at once (lock() throws OSError beyond that; nothing is lost).

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT Semaphore
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Semaphore;
    struct State;

    // Throws ValueError for a negative value.
    explicit Semaphore(int value = 1);

    // Python's acquire(block, timeout): takes a slot (a plain counter, never given back).
    bool acquire(bool block = true, int timeoutMs = -1) { return acquire(deadlineFor(block, timeoutMs)); }
    bool acquire(QDeadlineTimer deadline);
    // Python's release(). Throws ValueError for a BoundedSemaphore released above its initial value.
    void release();
    int getValue() const;
    // The pid of the owner whose slots the last acquire() / lock() through this handle got back
    // after it died; 0 otherwise.
    qint64 recoveredFrom() const { return *m_recovered; }

    // An owned slot: given back by unlock() from this process, or for it when it dies.
    // BasicLockable, so std::lock_guard / std::unique_lock give Python's `with sem:`.
    void lock() { tryLock(QDeadlineTimer(QDeadlineTimer::Forever)); }
    bool tryLock(int timeoutMs = 0) { return tryLock(deadlineFor(true, timeoutMs)); }
    bool tryLock(QDeadlineTimer deadline);
    // Gives back one of this process's owned slots. AssertionError when it holds none;
    // ValueError (nothing given back) when a BoundedSemaphore is at its bound.
    void unlock();

    IpcHandle handle() const;
    static Semaphore fromHandle(const IpcHandle &handle);

protected:
    Semaphore(int value, bool bounded);
    explicit Semaphore(std::shared_ptr<SharedSegment> segment);
    bool isBounded() const;

private:
    bool take(QDeadlineTimer deadline, bool owned);
    bool takeOwned();
    void lockOwners();
    void repairJournal();
    int ownerEntry(bool create);
    bool reclaimDeadOwners();
    // Applies delta to the count and sets an owner's held count to heldAfter, as one journalled
    // change (owners locked). False, nothing changed, when it would take a slot that is not
    // there or pass the bound; clamp: go up to the bound instead (a dead owner's slots).
    bool changeOwned(int entry, int delta, std::int32_t heldAfter, bool clamp);
    void wakeWaiters(int count);

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    std::shared_ptr<qint64> m_recovered;
};

} // namespace qmp

QMP_IPC_CBOR(Semaphore)
