#include "lockobject.h"

namespace qmp {

LockObject::LockObject(const QCborArray &args, bool recursive) : m_recursive(recursive)
{
    MethodSignature{QStringLiteral("__init__"), 0, 0}.checkCount(typeId(), args);
}

const MethodTable<LockObject> &LockObject::table()
{
    // __exit__ takes Python's (type, value, traceback) and ignores them.
    static const MethodTable<LockObject> methods{
        {{QStringLiteral("acquire"), 0, 2}, &LockObject::acquire},
        {{QStringLiteral("__enter__"), 0, 2}, &LockObject::acquire},
        {{QStringLiteral("release"), 0, 0}, &LockObject::release},
        {{QStringLiteral("__exit__"), 0, 3}, &LockObject::release},
        {{QStringLiteral("locked"), 0, 0}, &LockObject::locked},
    };
    return methods;
}

void LockObject::connectionClosed(qint64 connectionId)
{
    std::lock_guard guard(m_mutex);
    m_ownership.connectionClosed(connectionId);
}

// [block, timeout ms]
QCborValue LockObject::acquire(MethodCall &call)
{
    return m_ownership.acquire(call, call.blockDeadline(0), m_recursive);
}

QCborValue LockObject::release(MethodCall &call)
{
    m_ownership.release(call.caller(), m_recursive);
    return {};
}

QCborValue LockObject::locked(MethodCall &)
{
    return m_ownership.held();
}

} // namespace qmp
