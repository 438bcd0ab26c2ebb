#pragma once
// ObjectTable: the objects a manager holds, by id, and what keeps each alive (Python's
// Server.id_to_obj and id_to_refcount, plus tracing). An object lives while
// - some client references it: each client process (a random client id sent with create /
//   incref / decref) holds counted references, dropped all at once when its last connection
//   ends (it exited or was killed);
// - a live object holds its proxy (mark-and-sweep over ServerObject::visitValues, or over the
//   proxies ever passed to a type that cannot list its values), cycles of garbage included;
// - it is published; or for a grace: 2 s after its proxy left in a reply, or keepMs after a
//   client dropped a proxy it had lent out, so the receiver can count its own reference.
// Objects created without a client id live until clear(). Proxies are recognised as this
// manager's by the authkey in their token (a client may name the server by another address).
//
// Thread-safe: every method takes the table's mutex; objects that die are destroyed, and
// ServerObject::connectionClosed is called, after it is released.

#include "qmpmanager_export.h"
#include "serverobject.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QHash>
#include <QList>
#include <QSet>

#include <memory>
#include <mutex>
#include <optional>

namespace qmp {

class QMP_MANAGER_EXPORT ObjectTable
{
public:
    explicit ObjectTable(const QByteArray &authkey) : m_authkey(authkey) {}

    // Adds object made from createArgs (proxies among them stay alive while it does); with a
    // client, that client holds its first reference through connectionId. Returns its id.
    qint64 add(std::shared_ptr<ServerObject> object, const QCborArray &createArgs, std::optional<quint64> client,
               qint64 connectionId);
    // The object called with args (proxies passed in them are recorded as held by it);
    // KeyError when there is none with id.
    std::shared_ptr<ServerObject> objectFor(qint64 id, const QCborArray &args);
    // A reply is leaving with result: this manager's proxies in it are kept 2 s.
    void keepSent(const QCborValue &result);

    // Python's incref: one more reference each for client (KeyError, and nothing counted,
    // when one id is unknown).
    void incref(quint64 client, qint64 connectionId, const QList<qint64> &ids);
    // Python's decref: items are ids or [id, keepMs] (kept keepMs longer, at most 10 min).
    void decref(quint64 client, qint64 connectionId, const QCborArray &items);
    // Drops the object now, whoever references it, and unpublishes every name whose token names
    // it; false when there was none.
    bool release(qint64 id);

    // A name → token for clients of other programs; the object lives until clear() or release().
    void publish(const QString &name, const QCborValue &token);
    // The token published as name; KeyError when none.
    QCborValue lookup(const QString &name) const;

    // After a collection: how many objects live, and per id {typeid, refs, held}.
    qint64 count();
    QCborMap debugInfo();

    // Graces that ran out let their objects go (the server calls this now and then).
    void expireGraces();
    // connectionId ended: clients whose last connection it was drop their references, and
    // every object hears connectionClosed (locks it held are released).
    void connectionEnded(qint64 connectionId);
    // Drops everything (shutdown).
    void clear();

    // The ids of this manager's objects named by proxies inside v.
    void ownTokenIds(const QCborValue &v, QList<qint64> &out) const;

private:
    using Dropped = QList<std::shared_ptr<ServerObject>>;
    struct Entry
    {
        std::shared_ptr<ServerObject> object;
        qint64 refs = 0;
        bool counted = true;     // false: created without a client id, lives until clear()
        bool container = false;  // a proxy was passed to it: trace what it holds
        QList<qint64> passedIds; // proxies passed to it, when it cannot list its values
        qint64 graceUntil = 0;   // ms since epoch: kept until then
    };

    // The rest need m_mutex.
    // Records that connectionId speaks for client (its references live while it is open).
    void joinClient(qint64 connectionId, quint64 client);
    void notePassed(qint64 id, Entry &entry, const QList<qint64> &passed);
    void dropReference(quint64 client, qint64 id, qint64 count);
    void keepUntil(qint64 id, qint64 untilMs);
    // m_publishedIds from m_published.
    void notePublishedIds();
    // Drops unreferenced objects nothing live holds; returns them, to be destroyed after the
    // lock is released.
    Dropped collect();

    const QByteArray m_authkey;
    mutable std::mutex m_mutex;
    QHash<qint64, Entry> m_objects;
    qint64 m_nextId = 1;
    struct Published
    {
        QCborValue token;
        QList<qint64> ids; // this manager's objects the token names
    };
    QHash<QString, Published> m_published; // name -> token
    QSet<qint64> m_publishedIds;            // the ids of every published token
    QSet<qint64> m_unreferenced;                        // refs == 0, still alive
    QSet<qint64> m_containers;                          // entries with container == true
    QSet<qint64> m_graced;                              // entries with graceUntil set
    QHash<quint64, QHash<qint64, qint64>> m_clientRefs; // client id -> object id -> count
    QHash<quint64, int> m_clientConnections;            // client id -> open connections
    QHash<qint64, QSet<quint64>> m_connectionClients;   // connection id -> client ids it speaks for
};

} // namespace qmp
