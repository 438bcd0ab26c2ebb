#include "lockownership.h"

#include "pythonerrors.h"

namespace qmp {

bool LockOwnership::acquire(MethodCall &call, QDeadlineTimer deadline, bool recursive)
{
    const qint64 me = call.caller();
    if (recursive && heldBy(me)) {
        ++m_count;
        return true;
    }
    if (!call.wait(m_cv, deadline, [&] { return m_count == 0; }))
        return false;
    m_owner = me;
    m_count = 1;
    return true;
}

void LockOwnership::release(qint64 caller, bool ownerOnly)
{
    if (ownerOnly && !heldBy(caller))
        throw PythonErrors::rlockNotOwned();
    if (m_count == 0)
        throw PythonErrors::releasedTooManyTimes();
    if (--m_count == 0)
        free();
}

qint64 LockOwnership::releaseAll()
{
    const qint64 depth = m_count;
    free();
    return depth;
}

void LockOwnership::reacquire(MethodCall &call, qint64 depth)
{
    call.wait(m_cv, QDeadlineTimer(QDeadlineTimer::Forever), [&] { return m_count == 0; });
    m_owner = call.caller();
    m_count = depth;
}

void LockOwnership::connectionClosed(qint64 connectionId)
{
    if (heldBy(connectionId))
        free();
}

void LockOwnership::free()
{
    m_count = 0;
    m_owner = -1;
    m_cv.notify_all();
}

} // namespace qmp
