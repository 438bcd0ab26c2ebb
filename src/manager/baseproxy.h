#pragma once
// BaseProxy: a reference to an object held by a manager (Python's BaseProxy). Copies refer to
// the same object. Every call is one round trip on this thread's connection to the manager
// (ManagerConnection). The manager counts references, like Python's incref / decref: a proxy
// made from a token (deserialised in a child, read back from a dict, found by lookup) counts
// one for this process, and when its last copy here is gone the count drops (asynchronously,
// see RefReleaser); the object lives while any process references it or a live managed object
// holds its proxy, and until release() or shutdown at most.
// A proxy is a CBOR value (ProxyToken), so it passes to child processes as a task argument
// and can be stored inside another proxy's dict or list, where it stays live.
//
// Calls throw what the manager's object threw (KeyError, ValueError, Empty...), RemoteError for
// anything else (including a method a registered type does not expose), BrokenPipeError when
// the manager is gone, ValueError on a null proxy.

#include "qmpmanager_export.h"
#include "managerconnection.h"
#include "managererrors.h"
#include "proxytoken.h"

#include "cborconvert.h"

#include <QCborArray>
#include <QCborValue>
#include <QString>

#include <functional>
#include <memory>

namespace qmp {

class QMP_MANAGER_EXPORT BaseProxy
{
public:
    // Acquire: count a new reference in the manager (one round trip; best effort: when the
    // manager is gone or the object was dropped, the proxy is made anyway and its calls fail).
    // Adopt: take over the reference the manager counted for this process when it made the
    // object (BaseManager::create).
    enum class Reference { Acquire, Adopt };

    BaseProxy() = default;
    explicit BaseProxy(ProxyToken token, Reference how = Reference::Acquire);

    const ProxyToken &token() const { return m_token; }
    QString typeId() const { return m_token.typeId; }
    qint64 id() const { return m_token.id; }
    QString address() const { return m_token.address; }
    bool isNull() const { return m_token.isNull(); }

    // The proxy as a CBOR value (its ProxyToken), to pass to a child or store in another
    // proxy. Once a proxy was converted, its object outlives this process's last copy by
    // lendGraceMs() — 10 s, or $QMP_MANAGER_LEND_GRACE_MS — so a child started meanwhile can
    // count its own reference (Python's Process keeps its arguments alive instead).
    QCborValue toCborToken() const;
    static int lendGraceMs();

    // Python's _callmethod(name, args).
    QCborValue callMethod(const QString &method, const QCborArray &args = {}) const;
    // callMethod with arguments and result converted through CborConvert.
    template <typename R = QCborValue, typename... A>
    R call(const QString &method, A &&...args) const
    {
        const QCborValue v = callMethod(method, toCborArray(std::forward<A>(args)...));
        if constexpr (std::is_void_v<R>)
            return;
        else
            return CborConvert<R>::fromCbor(v);
    }
    // Python's _getvalue(): a copy of the referent (dict, list, Namespace, Value, Array).
    QCborValue getValue() const { return callMethod(QStringLiteral("_getvalue")); }
    // Python's repr() of getValue() (a dict prints as {k: v}).
    QString repr() const;
    // Drops the object in the manager now; every proxy to it then gets KeyError.
    void release() const;

    // A proxy from a ProxyToken value. TypeError when v is not a token, or when accepts says
    // its typeid is not one the caller can handle (className names the caller's class).
    static BaseProxy fromCbor(const QCborValue &v, const std::function<bool(const QString &)> &accepts = {},
                              const char *className = "BaseProxy");

protected:
    // TypeError unless base's typeid passes accepts.
    static BaseProxy checked(BaseProxy base, bool (*accepts)(const QString &), const char *className);

    ProxyToken m_token;

private:
    struct CountedRef; // this process's counted reference, shared by the copies
    std::shared_ptr<CountedRef> m_reference;
};

} // namespace qmp

template <>
struct qmp::CborConvert<qmp::BaseProxy>
{
    static QCborValue toCbor(const qmp::BaseProxy &p) { return p.toCborToken(); }
    static qmp::BaseProxy fromCbor(const QCborValue &v) { return qmp::BaseProxy::fromCbor(v); }
};

// QMP_PROXY_CBOR(Class): a typed proxy travels as its token (Class needs a constructor from
// BaseProxy and a static acceptsTypeId()).
#define QMP_PROXY_CBOR(Class) \
    template <> \
    struct qmp::CborConvert<qmp::Class> \
    { \
        static QCborValue toCbor(const qmp::Class &p) { return p.toCborToken(); } \
        static qmp::Class fromCbor(const QCborValue &v) \
        { \
            return qmp::Class(qmp::BaseProxy::fromCbor(v, &qmp::Class::acceptsTypeId, #Class)); \
        } \
    };
