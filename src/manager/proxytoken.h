#pragma once
// ProxyToken: what names one object of one manager — typeid, object id, the manager's address
// and its authkey — as a tagged CBOR value. It is how a proxy travels as a task argument and
// how a proxy is stored inside another proxy's dict or list (nested proxies stay live: reading
// it back gives a proxy to the same object). The authkey travels with it, as Python's children
// inherit their parent's authkey; keep tokens inside your own processes and managers.

#include "qmpmanager_export.h"
#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QString>

namespace qmp {

struct QMP_MANAGER_EXPORT ProxyToken
{
    // CBOR tag of a token (private-use range): tag(["typeid", id, "address", authkey]).
    static constexpr QCborTag tag = QCborTag(0x514d5050); // "QMPP"

    QString typeId;
    qint64 id = -1;
    QString address;
    QByteArray authkey;

    bool isNull() const { return id < 0; }

    QCborValue toCbor() const
    {
        return QCborValue(tag, QCborArray{typeId, id, address, authkey});
    }
    static bool isToken(const QCborValue &v)
    {
        return v.isTag() && v.tag() == tag;
    }
    // A null token when v is not a well-formed token.
    static ProxyToken fromCbor(const QCborValue &v)
    {
        ProxyToken t;
        if (!isToken(v))
            return t;
        const QCborArray a = v.taggedValue().toArray();
        if (a.size() != 4 || !a.at(0).isString() || !a.at(1).isInteger() || !a.at(2).isString() || !a.at(3).isByteArray())
            return t;
        t.typeId = a.at(0).toString();
        t.id = a.at(1).toInteger();
        t.address = a.at(2).toString();
        t.authkey = a.at(3).toByteArray();
        return t;
    }
};

} // namespace qmp
