#include "namespaceobject.h"

#include "pyrepr.h"

namespace qmp {

NamespaceObject::NamespaceObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 0, 1}.checkCount(typeId(), args);
    if (!args.isEmpty() && args.at(0).isMap())
        m_attrs = args.at(0).toMap();
}

const MethodTable<NamespaceObject> &NamespaceObject::table()
{
    static const MethodTable<NamespaceObject> methods{
        {{QStringLiteral("__getattribute__"), 1, 1}, &NamespaceObject::getAttribute},
        {{QStringLiteral("__delattr__"), 1, 1}, &NamespaceObject::delAttr},
        {{QStringLiteral("__setattr__"), 2, 2}, &NamespaceObject::setAttr},
        {{QStringLiteral("__contains__"), 1, 1}, &NamespaceObject::contains},
        {{QStringLiteral("_getvalue"), 0, 0}, &NamespaceObject::getValue},
    };
    return methods;
}

void NamespaceObject::visitValues(const std::function<void(const QCborValue &)> &visit)
{
    std::lock_guard guard(m_mutex);
    for (auto it = m_attrs.constBegin(); it != m_attrs.constEnd(); ++it) {
        visit(it.key());
        visit(it.value());
    }
}

QCborValue NamespaceObject::getAttribute(MethodCall &call)
{
    return attribute(call).value();
}

QCborValue NamespaceObject::delAttr(MethodCall &call)
{
    const auto it = attribute(call);
    const QCborValue v = it.value();
    m_attrs.erase(it);
    return v;
}

QCborValue NamespaceObject::setAttr(MethodCall &call)
{
    if (!call.arg(0).isString())
        throw TypeError(QStringLiteral("attribute name must be a string"));
    m_attrs.insert(call.arg(0), call.arg(1));
    return {};
}

QCborValue NamespaceObject::contains(MethodCall &call)
{
    return m_attrs.contains(call.arg(0));
}

QCborValue NamespaceObject::getValue(MethodCall &)
{
    return m_attrs;
}

QCborMap::iterator NamespaceObject::attribute(MethodCall &call)
{
    const auto it = m_attrs.find(call.arg(0));
    if (it == m_attrs.end())
        throw AttributeError(QStringLiteral("'Namespace' object has no attribute %1").arg(PyRepr::repr(call.arg(0))));
    return it;
}

} // namespace qmp
