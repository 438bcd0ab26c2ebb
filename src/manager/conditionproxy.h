#pragma once
// ConditionProxy: a Condition (with its own RLock) held by a manager. wait() and notify() need
// the lock held by this connection (AssertionError otherwise).

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT ConditionProxy : public BaseProxy
{
public:
    ConditionProxy() = default;
    explicit ConditionProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "ConditionProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Condition"); }

    bool acquire(bool block = true, int timeoutMs = -1) const { return call<bool>(QStringLiteral("acquire"), block, timeoutMs); }
    void release() const { call<void>(QStringLiteral("release")); }
    // Releases the lock, waits for notify() (false on timeout), re-acquires the lock.
    bool wait(int timeoutMs = -1) const { return call<bool>(QStringLiteral("wait"), timeoutMs); }
    void notify(int n = 1) const { call<void>(QStringLiteral("notify"), n); }
    void notifyAll() const { call<void>(QStringLiteral("notify_all")); }
    void lock() const { acquire(); }
    void unlock() const { release(); }
};

} // namespace qmp

QMP_PROXY_CBOR(ConditionProxy)
