#pragma once
// NamespaceProxy: manager.Namespace(), an attribute bag. get() throws AttributeError for a
// missing name. repr() hides names that start with '_', like Python's.

#include "qmpmanager_export.h"
#include "baseproxy.h"

#include <QCborMap>

namespace qmp {

class QMP_MANAGER_EXPORT NamespaceProxy : public BaseProxy
{
public:
    NamespaceProxy() = default;
    explicit NamespaceProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "NamespaceProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Namespace"); }

    template <typename T = QCborValue>
    T get(const QString &name) const { return call<T>(QStringLiteral("__getattribute__"), name); }
    template <typename V>
    void set(const QString &name, const V &value) const { call<void>(QStringLiteral("__setattr__"), name, value); }
    void remove(const QString &name) const { call<void>(QStringLiteral("__delattr__"), name); }
    bool contains(const QString &name) const { return call<bool>(QStringLiteral("__contains__"), name); }
    // Every attribute (Python's vars()).
    QCborMap vars() const { return call<QCborMap>(QStringLiteral("_getvalue")); }
    // "Namespace(a=1, b='x')"
    QString repr() const;
};

} // namespace qmp

QMP_PROXY_CBOR(NamespaceProxy)
