#include "dictobject.h"

#include "cborconvert.h"
#include "pyrepr.h"

namespace qmp {

DictObject::DictObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 0, 1}.checkCount(typeId(), args);
    if (!args.isEmpty() && !args.at(0).isNull()) {
        if (!args.at(0).isMap())
            throw TypeError(QStringLiteral("dict() needs a map, not %1").arg(cborTypeName(args.at(0))));
        m_map = args.at(0).toMap();
    }
}

const MethodTable<DictObject> &DictObject::table()
{
    static const MethodTable<DictObject> methods{
        {{QStringLiteral("__getitem__"), 1, 1}, &DictObject::getItem},
        {{QStringLiteral("__setitem__"), 2, 2}, &DictObject::setItem},
        {{QStringLiteral("__delitem__"), 1, 1}, &DictObject::delItem},
        {{QStringLiteral("pop"), 1, 2}, &DictObject::pop},
        {{QStringLiteral("__len__"), 0, 0}, &DictObject::len},
        {{QStringLiteral("__contains__"), 1, 1}, &DictObject::contains},
        {{QStringLiteral("get"), 1, 2}, &DictObject::get},
        {{QStringLiteral("setdefault"), 1, 2}, &DictObject::setDefault},
        {{QStringLiteral("popitem"), 0, 0}, &DictObject::popItem},
        {{QStringLiteral("keys"), 0, 0}, &DictObject::keys},
        {{QStringLiteral("values"), 0, 0}, &DictObject::values},
        {{QStringLiteral("items"), 0, 0}, &DictObject::items},
        {{QStringLiteral("update"), 1, 1}, &DictObject::update},
        {{QStringLiteral("clear"), 0, 0}, &DictObject::clear},
        {{QStringLiteral("copy"), 0, 0}, &DictObject::copy},
        {{QStringLiteral("_getvalue"), 0, 0}, &DictObject::copy},
    };
    return methods;
}

void DictObject::visitValues(const std::function<void(const QCborValue &)> &visit)
{
    std::lock_guard guard(m_mutex);
    for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it) {
        visit(it.key());
        visit(it.value());
    }
}

QCborValue DictObject::getItem(MethodCall &call)
{
    const auto it = m_map.constFind(call.arg(0));
    if (it == m_map.constEnd())
        throw KeyError(PyRepr::repr(call.arg(0)));
    return it.value();
}

QCborValue DictObject::setItem(MethodCall &call)
{
    m_map.insert(call.arg(0), call.arg(1));
    return {};
}

QCborValue DictObject::delItem(MethodCall &call)
{
    const auto it = m_map.find(call.arg(0));
    if (it == m_map.end())
        throw KeyError(PyRepr::repr(call.arg(0)));
    m_map.erase(it);
    return {};
}

QCborValue DictObject::pop(MethodCall &call)
{
    const auto it = m_map.find(call.arg(0));
    if (it == m_map.end()) {
        if (call.args().size() == 2)
            return call.arg(1);
        throw KeyError(PyRepr::repr(call.arg(0)));
    }
    const QCborValue v = it.value();
    m_map.erase(it);
    return v;
}

QCborValue DictObject::len(MethodCall &)
{
    return qint64(m_map.size());
}

QCborValue DictObject::contains(MethodCall &call)
{
    return m_map.contains(call.arg(0));
}

QCborValue DictObject::get(MethodCall &call)
{
    const auto it = m_map.constFind(call.arg(0));
    return it == m_map.constEnd() ? call.arg(1, QCborValue(nullptr)) : it.value();
}

QCborValue DictObject::setDefault(MethodCall &call)
{
    const auto it = m_map.constFind(call.arg(0));
    if (it != m_map.constEnd())
        return it.value();
    m_map.insert(call.arg(0), call.arg(1, QCborValue(nullptr)));
    return call.arg(1, QCborValue(nullptr));
}

QCborValue DictObject::popItem(MethodCall &)
{
    if (m_map.isEmpty())
        throw KeyError(QStringLiteral("popitem(): dictionary is empty"));
    auto it = m_map.end();
    --it;
    const QCborArray item{it.key(), it.value()};
    m_map.erase(it);
    return item;
}

QCborValue DictObject::keys(MethodCall &)
{
    QCborArray out;
    for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it)
        out.append(it.key());
    return out;
}

QCborValue DictObject::values(MethodCall &)
{
    QCborArray out;
    for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it)
        out.append(it.value());
    return out;
}

QCborValue DictObject::items(MethodCall &)
{
    QCborArray out;
    for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it)
        out.append(QCborArray{it.key(), it.value()});
    return out;
}

QCborValue DictObject::update(MethodCall &call)
{
    if (!call.arg(0).isMap())
        throw TypeError(QStringLiteral("dict.update() needs a map, not %1").arg(cborTypeName(call.arg(0))));
    const QCborMap other = call.arg(0).toMap();
    for (auto it = other.constBegin(); it != other.constEnd(); ++it)
        m_map.insert(it.key(), it.value());
    return {};
}

QCborValue DictObject::clear(MethodCall &)
{
    m_map = {};
    return {};
}

QCborValue DictObject::copy(MethodCall &)
{
    return m_map;
}

} // namespace qmp
