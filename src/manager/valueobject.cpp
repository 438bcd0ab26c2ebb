#include "valueobject.h"

#include "ctypecode.h"

namespace qmp {

ValueObject::ValueObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 1, 2}.checkCount(typeId(), args);
    m_code = CTypeCode::parse(args.at(0));
    m_value = CTypeCode::coerce(m_code, args.size() > 1 ? args.at(1) : QCborValue(0));
}

const MethodTable<ValueObject> &ValueObject::table()
{
    static const MethodTable<ValueObject> methods{
        {{QStringLiteral("get"), 0, 0}, &ValueObject::get},
        {{QStringLiteral("_getvalue"), 0, 0}, &ValueObject::get},
        {{QStringLiteral("set"), 1, 1}, &ValueObject::set},
        {{QStringLiteral("typecode"), 0, 0}, &ValueObject::typecode},
    };
    return methods;
}

QCborValue ValueObject::get(MethodCall &)
{
    return m_value;
}

QCborValue ValueObject::set(MethodCall &call)
{
    m_value = CTypeCode::coerce(m_code, call.arg(0));
    return {};
}

QCborValue ValueObject::typecode(MethodCall &)
{
    return QString(QLatin1Char(m_code));
}

} // namespace qmp
