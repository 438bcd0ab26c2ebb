#pragma once
// ArrayProxy: manager.Array(typecode, sequence or size). Fixed length; items checked against
// the typecode like ValueProxy's.

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT ArrayProxy : public BaseProxy
{
public:
    ArrayProxy() = default;
    explicit ArrayProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "ArrayProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Array"); }

    template <typename T = QCborValue>
    T at(qsizetype i) const { return call<T>(QStringLiteral("__getitem__"), qint64(i)); }
    template <typename V>
    void set(qsizetype i, const V &value) const { call<void>(QStringLiteral("__setitem__"), qint64(i), value); }
    qsizetype size() const { return call<qsizetype>(QStringLiteral("__len__")); }
    QCborArray toList() const { return call<QCborArray>(QStringLiteral("tolist")); }
    QString typecode() const { return call<QString>(QStringLiteral("typecode")); }
};

} // namespace qmp

QMP_PROXY_CBOR(ArrayProxy)
