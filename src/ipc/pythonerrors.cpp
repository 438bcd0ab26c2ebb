#include "pythonerrors.h"

namespace qmp {

ValueError PythonErrors::releasedTooManyTimes()
{
    return ValueError(QStringLiteral("semaphore or lock released too many times"));
}

AssertionError PythonErrors::rlockNotOwned()
{
    return AssertionError(QStringLiteral("attempt to release recursive lock not owned by thread"));
}

AssertionError PythonErrors::conditionWaitNotOwned()
{
    return AssertionError(QStringLiteral("must acquire() condition before using wait()"));
}

AssertionError PythonErrors::conditionNotifyNotOwned()
{
    return AssertionError(QStringLiteral("lock is not owned (acquire() the condition before notify())"));
}

ValueError PythonErrors::negativeSemaphoreValue(qint64 value)
{
    return ValueError(QStringLiteral("semaphore initial value must be >= 0 (got %1)").arg(value));
}

ValueError PythonErrors::semaphoreOverflow()
{
    return ValueError(QStringLiteral("semaphore value would exceed 2^31-1"));
}

ValueError PythonErrors::barrierParties(qint64 parties)
{
    return ValueError(QStringLiteral("parties must be >= 1 (got %1)").arg(parties));
}

BrokenBarrierError PythonErrors::barrierBroken()
{
    return BrokenBarrierError(QStringLiteral("the barrier is broken (aborted, or a wait timed out): reset() it"));
}

BrokenBarrierError PythonErrors::barrierReset()
{
    return BrokenBarrierError(QStringLiteral("the barrier was reset while waiting"));
}

BrokenBarrierError PythonErrors::barrierTimedOut()
{
    return BrokenBarrierError(QStringLiteral("the barrier wait timed out (the barrier is now broken)"));
}

IndexError PythonErrors::arrayIndex(qint64 index, qint64 length)
{
    return IndexError(QStringLiteral("array index out of range (index %1, length %2)").arg(index).arg(length));
}

ValueError PythonErrors::arrayLength(qint64 length)
{
    return ValueError(QStringLiteral("array length must be >= 0, not %1").arg(length));
}

Full PythonErrors::queueFull(qint64 maxsize)
{
    return Full(QStringLiteral("the queue is full (maxsize %1)").arg(maxsize));
}

Empty PythonErrors::queueEmpty()
{
    return Empty(QStringLiteral("the queue is empty"));
}

ValueError PythonErrors::taskDoneTooManyTimes()
{
    return ValueError(QStringLiteral("task_done() called too many times"));
}

} // namespace qmp
