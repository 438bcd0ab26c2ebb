#include "semaphoreobject.h"

#include "pythonerrors.h"

#include <limits>

namespace qmp {

SemaphoreObject::SemaphoreObject(const QCborArray &args, bool bounded) : m_bounded(bounded)
{
    MethodSignature{QStringLiteral("__init__"), 0, 1}.checkCount(typeId(), args);
    m_value = args.isEmpty() ? 1 : MethodCall::integer(QStringLiteral("value"), args.at(0));
    if (m_value < 0)
        throw PythonErrors::negativeSemaphoreValue(m_value);
    m_initial = m_value;
}

const MethodTable<SemaphoreObject> &SemaphoreObject::table()
{
    static const MethodTable<SemaphoreObject> methods{
        {{QStringLiteral("acquire"), 0, 2}, &SemaphoreObject::acquire},
        {{QStringLiteral("release"), 0, 1}, &SemaphoreObject::release},
        {{QStringLiteral("get_value"), 0, 0}, &SemaphoreObject::getValue},
    };
    return methods;
}

// [block, timeout ms]
QCborValue SemaphoreObject::acquire(MethodCall &call)
{
    if (!call.wait(m_cv, call.blockDeadline(0), [&] { return m_value > 0; }))
        return false;
    --m_value;
    return true;
}

// [n]
QCborValue SemaphoreObject::release(MethodCall &call)
{
    const qint64 n = call.intArg(0, QStringLiteral("n"), 1);
    if (n < 1)
        throw ValueError(QStringLiteral("n must be one or more"));
    // Room left, compared without adding (n may be near 2^63).
    if (m_bounded && n > m_initial - m_value)
        throw PythonErrors::releasedTooManyTimes();
    if (n > std::numeric_limits<std::int32_t>::max() - m_value) // as a qmp::Semaphore's
        throw PythonErrors::semaphoreOverflow();
    m_value += n;
    m_cv.notify_all();
    return {};
}

QCborValue SemaphoreObject::getValue(MethodCall &)
{
    return m_value;
}

} // namespace qmp
