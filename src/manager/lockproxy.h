#pragma once
// LockProxy: a Lock or RLock held by a manager. Unlike Python's manager locks (held forever once
// their holder is killed), a lock whose holder process dies is released by the manager when that
// process's connection ends.

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT LockProxy : public BaseProxy
{
public:
    LockProxy() = default;
    explicit LockProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "LockProxy")) {}
    static bool acceptsTypeId(const QString &typeId)
    {
        return typeId == QLatin1String("Lock") || typeId == QLatin1String("RLock");
    }

    // False when not acquired (non-blocking or timed out).
    bool acquire(bool block = true, int timeoutMs = -1) const { return call<bool>(QStringLiteral("acquire"), block, timeoutMs); }
    // AssertionError when not held (RLock: not held by this connection).
    void release() const { call<void>(QStringLiteral("release")); }
    bool locked() const { return call<bool>(QStringLiteral("locked")); }
    // For std::lock_guard / std::unique_lock.
    void lock() const { acquire(); }
    void unlock() const { release(); }
};

} // namespace qmp

QMP_PROXY_CBOR(LockProxy)
