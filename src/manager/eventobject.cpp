#include "eventobject.h"

namespace qmp {

EventObject::EventObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 0, 0}.checkCount(typeId(), args);
}

const MethodTable<EventObject> &EventObject::table()
{
    static const MethodTable<EventObject> methods{
        {{QStringLiteral("set"), 0, 0}, &EventObject::set},
        {{QStringLiteral("clear"), 0, 0}, &EventObject::clear},
        {{QStringLiteral("is_set"), 0, 0}, &EventObject::isSet},
        {{QStringLiteral("wait"), 0, 1}, &EventObject::wait},
    };
    return methods;
}

QCborValue EventObject::set(MethodCall &)
{
    m_flag = true;
    m_cv.notify_all();
    return {};
}

QCborValue EventObject::clear(MethodCall &)
{
    m_flag = false;
    return {};
}

QCborValue EventObject::isSet(MethodCall &)
{
    return m_flag;
}

// [timeout ms]
QCborValue EventObject::wait(MethodCall &call)
{
    return call.wait(m_cv, call.timeoutDeadline(0), [&] { return m_flag; });
}

} // namespace qmp
