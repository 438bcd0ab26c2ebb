#pragma once
// ValueProxy: manager.Value(typecode, value). set() checks the value against the typecode
// (TypeError: an integer for 'i', a number for 'd'...). value() / setValue() are the same calls
// under qmp::Value's names (Python's .value on both), so code reads alike for either. Not atomic
// across get() + set(): guard read-modify-write with a LockProxy.

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT ValueProxy : public BaseProxy
{
public:
    ValueProxy() = default;
    explicit ValueProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "ValueProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Value"); }

    template <typename T = QCborValue>
    T get() const { return call<T>(QStringLiteral("get")); }
    template <typename V>
    void set(const V &value) const { call<void>(QStringLiteral("set"), value); }
    template <typename T = QCborValue>
    T value() const { return get<T>(); }
    template <typename V>
    void setValue(const V &value) const { set(value); }
    QString typecode() const { return call<QString>(QStringLiteral("typecode")); }
};

} // namespace qmp

QMP_PROXY_CBOR(ValueProxy)
