#pragma once
// LockOwnership: who holds a manager-side lock and how deep — the state Lock, RLock and a
// Condition's own RLock share. The owner is a connection id (CallContext::connectionId); a
// connection that ends lets go of what it held (connectionClosed), so a killed holder never
// leaves the lock taken. Not thread-safe by itself: every call runs under its object's mutex,
// and waits on (and notifies) the object's condition variable given at construction.

#include "qmpmanager_export.h"
#include "methodcall.h"

#include <condition_variable>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT LockOwnership
{
public:
    explicit LockOwnership(std::condition_variable &cv) : m_cv(cv) {}

    bool held() const { return m_count > 0; }
    bool heldBy(qint64 connectionId) const { return m_count > 0 && m_owner == connectionId; }

    // Takes it for call's caller before deadline (false on timeout). Recursive: a holder takes
    // it again at once, one level deeper.
    bool acquire(MethodCall &call, QDeadlineTimer deadline, bool recursive);
    // One level less. ownerOnly (RLock, Condition): AssertionError unless the caller holds it;
    // otherwise (Lock: any connection may release) ValueError when it is not held at all.
    void release(qint64 caller, bool ownerOnly);
    // Condition.wait(): gives every level up and returns how many; reacquire() takes them
    // back for the caller, waiting as long as it takes.
    qint64 releaseAll();
    void reacquire(MethodCall &call, qint64 depth);
    // The connection ended: released when it held it.
    void connectionClosed(qint64 connectionId);

private:
    void free();

    std::condition_variable &m_cv;
    qint64 m_owner = -1;
    qint64 m_count = 0;
};

} // namespace qmp
