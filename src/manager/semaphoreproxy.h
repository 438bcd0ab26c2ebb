#pragma once
// SemaphoreProxy: a Semaphore or BoundedSemaphore held by a manager.

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT SemaphoreProxy : public BaseProxy
{
public:
    SemaphoreProxy() = default;
    explicit SemaphoreProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "SemaphoreProxy")) {}
    static bool acceptsTypeId(const QString &typeId)
    {
        return typeId == QLatin1String("Semaphore") || typeId == QLatin1String("BoundedSemaphore");
    }

    bool acquire(bool block = true, int timeoutMs = -1) const { return call<bool>(QStringLiteral("acquire"), block, timeoutMs); }
    // BoundedSemaphore: ValueError when released above its initial value.
    void release(int n = 1) const { call<void>(QStringLiteral("release"), n); }
    qint64 value() const { return call<qint64>(QStringLiteral("get_value")); }
};

} // namespace qmp

QMP_PROXY_CBOR(SemaphoreProxy)
