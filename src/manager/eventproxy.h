#pragma once
// EventProxy: an Event held by a manager.

#include "qmpmanager_export.h"
#include "baseproxy.h"

namespace qmp {

class QMP_MANAGER_EXPORT EventProxy : public BaseProxy
{
public:
    EventProxy() = default;
    explicit EventProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "EventProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("Event"); }

    void set() const { call<void>(QStringLiteral("set")); }
    void clear() const { call<void>(QStringLiteral("clear")); }
    bool isSet() const { return call<bool>(QStringLiteral("is_set")); }
    // The flag at return: false when timeoutMs ran out first.
    bool wait(int timeoutMs = -1) const { return call<bool>(QStringLiteral("wait"), timeoutMs); }
};

} // namespace qmp

QMP_PROXY_CBOR(EventProxy)
