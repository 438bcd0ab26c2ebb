#pragma once
// BarrierProxy: a Barrier held by a manager. wait() returns this party's arrival index
// (0..parties-1); BrokenBarrierError when aborted, reset, or a wait timed out.

#include "qmpmanager_export.h"
#include "baseproxy.h"

#include "ipcerrors.h"

namespace qmp {

class QMP_MANAGER_EXPORT BarrierProxy : public BaseProxy
{
public:
    BarrierProxy() = default;
    explicit BarrierProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "BarrierProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Barrier"); }

    int wait(int timeoutMs = -1) const { return call<int>(QStringLiteral("wait"), timeoutMs); }
    void abort() const { call<void>(QStringLiteral("abort")); }
    void reset() const { call<void>(QStringLiteral("reset")); }
    int parties() const { return call<int>(QStringLiteral("parties")); }
    int nWaiting() const { return call<int>(QStringLiteral("n_waiting")); }
    bool broken() const { return call<bool>(QStringLiteral("broken")); }
};

} // namespace qmp

QMP_PROXY_CBOR(BarrierProxy)
