#pragma once
// PythonErrors: the exception (Python's type, one message) for each misuse of a synchronisation
// primitive, queue or array — the single mapping that the qmp::ipc primitives and the manager's
// objects both throw, so a program sees the same error from a Lock and from a manager's
// LockProxy. The types are multiprocessing's (a Lock released twice is a ValueError, an RLock
// released by a non-owner an AssertionError, ...); the messages are Python's where it has one.
// Usage: `throw PythonErrors::releasedTooManyTimes();`. Stateless; thread-safe.

#include "qmpipc_export.h"
#include "ipcerrors.h"

namespace qmp {

class QMP_IPC_EXPORT PythonErrors
{
public:
    // Lock.release() of an unlocked lock; BoundedSemaphore.release() at its bound.
    static ValueError releasedTooManyTimes();
    // RLock.release() (or a Condition's) by a thread that does not own it.
    static AssertionError rlockNotOwned();
    // Condition.wait() / notify() / notifyAll() without holding its lock.
    static AssertionError conditionWaitNotOwned();
    static AssertionError conditionNotifyNotOwned();
    static ValueError negativeSemaphoreValue(qint64 value);
    static ValueError semaphoreOverflow();
    static ValueError barrierParties(qint64 parties);
    // Barrier.wait(): broken on entry or aborted while waiting; reset while waiting; timed out.
    static BrokenBarrierError barrierBroken();
    static BrokenBarrierError barrierReset();
    static BrokenBarrierError barrierTimedOut();
    static IndexError arrayIndex(qint64 index, qint64 length);
    static ValueError arrayLength(qint64 length);
    static Full queueFull(qint64 maxsize);
    static Empty queueEmpty();
    static ValueError taskDoneTooManyTimes();
};

} // namespace qmp
