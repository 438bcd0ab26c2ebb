#include "arrayobject.h"

#include "cborconvert.h"
#include "ctypecode.h"
#include "pythonerrors.h"

namespace qmp {

ArrayObject::ArrayObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 2, 2}.checkCount(typeId(), args);
    m_code = CTypeCode::parse(args.at(0));
    if (args.at(1).isInteger()) {
        const qint64 n = args.at(1).toInteger();
        if (n < 0)
            throw PythonErrors::arrayLength(n);
        if (n > maxLength)
            throw ValueError(QStringLiteral("Array('%1', %2): too many items for the manager (at most %3, what one reply "
                                            "can carry)")
                                 .arg(QLatin1Char(m_code))
                                 .arg(n)
                                 .arg(maxLength));
        const QCborValue zero = CTypeCode::coerce(m_code, QCborValue(0));
        for (qint64 i = 0; i < n; ++i)
            m_items.append(zero);
    } else if (args.at(1).isArray()) {
        for (const QCborValue &v : args.at(1).toArray())
            m_items.append(CTypeCode::coerce(m_code, v));
    } else {
        throw TypeError(QStringLiteral("Array() needs a size or a list, not %1").arg(cborTypeName(args.at(1))));
    }
}

const MethodTable<ArrayObject> &ArrayObject::table()
{
    static const MethodTable<ArrayObject> methods{
        {{QStringLiteral("__len__"), 0, 0}, &ArrayObject::len},
        {{QStringLiteral("__getitem__"), 1, 1}, &ArrayObject::getItem},
        {{QStringLiteral("__setitem__"), 2, 2}, &ArrayObject::setItem},
        {{QStringLiteral("tolist"), 0, 0}, &ArrayObject::toList},
        {{QStringLiteral("_getvalue"), 0, 0}, &ArrayObject::toList},
        {{QStringLiteral("typecode"), 0, 0}, &ArrayObject::typecode},
    };
    return methods;
}

QCborValue ArrayObject::len(MethodCall &)
{
    return qint64(m_items.size());
}

QCborValue ArrayObject::getItem(MethodCall &call)
{
    return m_items.at(position(call.arg(0)));
}

QCborValue ArrayObject::setItem(MethodCall &call)
{
    m_items[position(call.arg(0))] = CTypeCode::coerce(m_code, call.arg(1));
    return {};
}

QCborValue ArrayObject::toList(MethodCall &)
{
    return m_items;
}

QCborValue ArrayObject::typecode(MethodCall &)
{
    return QString(QLatin1Char(m_code));
}

qsizetype ArrayObject::position(const QCborValue &v) const
{
    const qint64 i = MethodCall::integer(QStringLiteral("array index"), v);
    const qint64 j = i < 0 ? i + m_items.size() : i;
    if (j < 0 || j >= m_items.size())
        throw PythonErrors::arrayIndex(i, m_items.size());
    return qsizetype(j);
}

} // namespace qmp
