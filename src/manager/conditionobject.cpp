#include "conditionobject.h"

#include "pythonerrors.h"

namespace qmp {

ConditionObject::ConditionObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 0, 0}.checkCount(typeId(), args);
}

const MethodTable<ConditionObject> &ConditionObject::table()
{
    static const MethodTable<ConditionObject> methods{
        {{QStringLiteral("acquire"), 0, 2}, &ConditionObject::acquire},
        {{QStringLiteral("release"), 0, 0}, &ConditionObject::release},
        {{QStringLiteral("wait"), 0, 1}, &ConditionObject::wait},
        {{QStringLiteral("notify"), 0, 1}, &ConditionObject::notify},
        {{QStringLiteral("notify_all"), 0, 0}, &ConditionObject::notifyAll},
    };
    return methods;
}

void ConditionObject::connectionClosed(qint64 connectionId)
{
    std::lock_guard guard(m_mutex);
    m_ownership.connectionClosed(connectionId);
}

// [block, timeout ms]
QCborValue ConditionObject::acquire(MethodCall &call)
{
    return m_ownership.acquire(call, call.blockDeadline(0), true);
}

QCborValue ConditionObject::release(MethodCall &call)
{
    m_ownership.release(call.caller(), true); // the Condition's RLock
    return {};
}

// [timeout ms]
QCborValue ConditionObject::wait(MethodCall &call)
{
    if (!m_ownership.heldBy(call.caller()))
        throw PythonErrors::conditionWaitNotOwned();
    auto ticket = std::make_shared<bool>(false);
    m_waiters.push_back(ticket);
    const qint64 depth = m_ownership.releaseAll();
    bool notified = false;
    try {
        notified = call.wait(m_cv, call.timeoutDeadline(0), [&] { return *ticket; });
    } catch (const CallAbandoned &) {
        std::erase(m_waiters, ticket);
        throw;
    }
    if (!notified)
        std::erase(m_waiters, ticket);
    // Re-acquire the lock, however long that takes (Python does the same).
    m_ownership.reacquire(call, depth);
    return notified;
}

// [n]
QCborValue ConditionObject::notify(MethodCall &call)
{
    if (!m_ownership.heldBy(call.caller()))
        throw PythonErrors::conditionNotifyNotOwned();
    wake(call.intArg(0, QStringLiteral("n"), 1));
    return {};
}

QCborValue ConditionObject::notifyAll(MethodCall &call)
{
    if (!m_ownership.heldBy(call.caller()))
        throw PythonErrors::conditionNotifyNotOwned();
    wake(qint64(m_waiters.size()));
    return {};
}

void ConditionObject::wake(qint64 n)
{
    while (n-- > 0 && !m_waiters.empty()) {
        *m_waiters.front() = true;
        m_waiters.pop_front();
    }
    m_cv.notify_all();
}

} // namespace qmp
