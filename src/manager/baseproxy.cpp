#include "baseproxy.h"

#include "pyrepr.h"
#include "refreleaser.h"

#include <atomic>

namespace qmp {

struct BaseProxy::CountedRef
{
    QString address;
    QByteArray authkey;
    qint64 id = -1;
    std::atomic<bool> lent{false}; // converted to CBOR: may be on its way to another process

    ~CountedRef()
    {
        if (id >= 0)
            RefReleaser::decref(address, authkey, id, lent ? lendGraceMs() : 0);
    }
};

BaseProxy::BaseProxy(ProxyToken token, Reference how) : m_token(std::move(token))
{
    if (m_token.isNull())
        return;
    if (how == Reference::Acquire) {
        try {
            ManagerConnection::forThread(m_token.address, m_token.authkey)
                .call(0, QStringLiteral("incref"), {RefReleaser::clientId(), m_token.id});
        } catch (const Error &) {
            return; // gone: calls will say so
        }
    }
    RefReleaser::anchor(m_token.address, m_token.authkey);
    m_reference = std::make_shared<CountedRef>();
    m_reference->address = m_token.address;
    m_reference->authkey = m_token.authkey;
    m_reference->id = m_token.id;
}

QCborValue BaseProxy::callMethod(const QString &method, const QCborArray &args) const
{
    if (m_token.isNull())
        throw ValueError(QStringLiteral("%1() on a null proxy (default-constructed, or its manager was never started)").arg(method));
    return ManagerConnection::forThread(m_token.address, m_token.authkey).call(m_token.id, method, args);
}

int BaseProxy::lendGraceMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("QMP_MANAGER_LEND_GRACE_MS", &ok);
    return ok && ms >= 0 ? ms : 10000;
}

QCborValue BaseProxy::toCborToken() const
{
    if (m_reference)
        m_reference->lent = true;
    return m_token.toCbor();
}

QString BaseProxy::repr() const
{
    return PyRepr::repr(getValue());
}

void BaseProxy::release() const
{
    if (m_token.isNull())
        return;
    ManagerConnection::forThread(m_token.address, m_token.authkey).call(0, QStringLiteral("release"), {m_token.id});
}

BaseProxy BaseProxy::fromCbor(const QCborValue &v, const std::function<bool(const QString &)> &accepts, const char *className)
{
    const ProxyToken token = ProxyToken::fromCbor(v);
    if (token.isNull())
        throw TypeError(QStringLiteral("expected a manager proxy for %1, got %2").arg(QLatin1String(className), cborTypeName(v)));
    if (accepts && !accepts(token.typeId))
        throw TypeError(QStringLiteral("a proxy of typeid '%1' is not a %2").arg(token.typeId, QLatin1String(className)));
    return BaseProxy(token);
}

BaseProxy BaseProxy::checked(BaseProxy base, bool (*accepts)(const QString &), const char *className)
{
    if (!base.isNull() && !accepts(base.typeId()))
        throw TypeError(QStringLiteral("a proxy of typeid '%1' is not a %2").arg(base.typeId(), QLatin1String(className)));
    return base;
}

} // namespace qmp
