#pragma once
// QueueProxy: a Queue or JoinableQueue held by a manager (Python's manager.Queue()). Timeouts
// in milliseconds, -1 for none; Full / Empty like queue.Queue. A get() blocked here fails at
// once with BrokenPipeError if the manager dies; if this process dies instead, the manager
// drops the get() without taking an item.

#include "qmpmanager_export.h"
#include "baseproxy.h"

#include "ipcerrors.h"

namespace qmp {

class QMP_MANAGER_EXPORT QueueProxy : public BaseProxy
{
public:
    QueueProxy() = default;
    explicit QueueProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "QueueProxy")) {}
    static bool acceptsTypeId(const QString &typeId)
    {
        return typeId == QLatin1String("Queue") || typeId == QLatin1String("JoinableQueue");
    }

    template <typename V>
    void put(const V &item, bool block = true, int timeoutMs = -1) const
    {
        call<void>(QStringLiteral("put"), item, block, timeoutMs);
    }
    template <typename V>
    void putNowait(const V &item) const { put(item, false); }
    template <typename T = QCborValue>
    T get(bool block = true, int timeoutMs = -1) const { return call<T>(QStringLiteral("get"), block, timeoutMs); }
    template <typename T = QCborValue>
    T getNowait() const { return get<T>(false); }
    qsizetype qsize() const { return call<qsizetype>(QStringLiteral("qsize")); }
    bool empty() const { return call<bool>(QStringLiteral("empty")); }
    bool full() const { return call<bool>(QStringLiteral("full")); }
    // JoinableQueue only (AttributeError on a plain Queue).
    void taskDone() const { call<void>(QStringLiteral("task_done")); }
    // Waits until every item put was task_done(); false on timeout.
    bool join(int timeoutMs = -1) const { return call<bool>(QStringLiteral("join"), timeoutMs); }
};

} // namespace qmp

QMP_PROXY_CBOR(QueueProxy)
