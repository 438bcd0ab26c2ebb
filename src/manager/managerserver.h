#pragma once
// ManagerServer: the manager process's server (Python's managers.Server). Holds the objects,
// accepts connections on a local or TCP address, checks each one's authkey both ways
// (Authenticator), and serves each connection on a thread of its own, so a call that blocks
// (Queue.get, Lock.acquire) holds up only its caller. A connection that ends releases the
// locks it held; a blocked call whose caller hung up is dropped without taking anything.
//
// Object 0 is the manager itself: create, incref / decref, shutdown, release, count,
// debug_info, typeids, publish / lookup (proxies by name, for clients in other programs), and for
// SharedMemoryManager shm_create / shl_create (segments this server creates and unlinks at
// shutdown, whatever happened to the clients).
//
// Reference counting (Python's incref / decref): each client process (a random client id
// sent with create / incref / decref) holds counted references; an object lives while some
// client references it, while a live object holds its proxy (nested proxies, traced through
// ServerObject::visitValues, cycles included), while it is published, or for a grace after
// its proxy left in a reply (2 s) or a client dropped a proxy it had lent out (decref with
// [id, keepMs]), so the receiver can incref it. When every connection of a
// client has ended (the process exited or was killed), its references are dropped. Objects
// created without a client id live until shutdown.
//
// A network service (TCP): before a connection has passed the handshake it may send only
// handshake-sized messages (Authenticator::maxMessage bytes) and must finish the whole handshake within
// Limits::handshakeTimeoutMs, however it trickles its bytes; at most Limits::maxConnections are
// served at once (more are accepted and closed at once, so none waits in the backlog); and when
// accept() fails for lack of descriptors or memory, the server waits (50 ms, doubling to 1 s)
// before it tries again instead of spinning.
//
// Runs in the manager process: BaseManager starts it as the task serveTaskName(). serve()
// blocks its thread; stop() may be called from any thread.

#include "socketaddress.h"
#include "serverobject.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace qmp {

class FrameSocket;
class SharedMemory;

class ManagerServer
{
public:
    struct Limits
    {
        int maxConnections = 256;          // served at once (each has a thread)
        int handshakeTimeoutMs = 10000;    // the whole authkey handshake, both ways
    };

    explicit ManagerServer(const QByteArray &authkey);
    ~ManagerServer();
    ManagerServer(const ManagerServer &) = delete;
    ManagerServer &operator=(const ManagerServer &) = delete;

    // Before serve().
    void setLimits(const Limits &limits) { m_limits = limits; }
    Limits limits() const { return m_limits; }

    // Binds and listens; false with *error (address in use, bad host...).
    bool listen(const SocketAddress &address, QString *error);
    // The address clients connect to (port 0 resolved).
    QString address() const { return m_address.toString(); }
    // Serves until a client asks for shutdown or stop() is called; then ends every connection,
    // unlinks the shared memory it made and drops every object.
    void serve();
    void stop();
    // A descriptor whose write end wakes serve() (for a signal handler: write one byte).
    int wakeFd() const { return m_wake[1]; }

    // The registered task that runs a manager process: args [address, authkey, report queue,
    // initializer ({name, args}) or null]; the initializer runs before it listens.
    static QString serveTaskName();

private:
    struct Connection;

    struct Entry
    {
        std::shared_ptr<ServerObject> object;
        qint64 refs = 0;
        bool counted = true;     // false: created without a client id, lives until shutdown
        bool container = false;  // a proxy was passed to it: trace what it holds
        QList<qint64> passedIds; // proxies passed to it, when it cannot list its values
        qint64 graceUntil = 0;   // ms since epoch: kept until then (its proxy left in a reply)
    };

    void serveConnection(const std::shared_ptr<Connection> &connection);
    // Accepts one pending connection; false when accept() failed for lack of resources (back off).
    bool acceptOne();
    QCborValue dispatch(qint64 objectId, const QString &method, const QCborArray &args, CallContext &context, Connection &connection);
    QCborValue callManager(const QString &method, const QCborArray &args, Connection &connection);
    // The ids of this server's objects named by proxies inside v.
    void ownTokenIds(const QCborValue &v, QList<qint64> &out) const;
    // Records that connection speaks for clientId (its references live while it is open).
    void joinClient(Connection &connection, quint64 clientId);
    // Drops unreferenced objects nothing live holds. Needs m_objectsMutex; returns the
    // dropped objects, to be destroyed after the lock is released.
    QList<std::shared_ptr<ServerObject>> collect();
    void dropReference(quint64 clientId, qint64 id, qint64 count);
    void reapFinished(bool all);
    void releaseSharedMemory();

    QByteArray m_authkey;
    Limits m_limits;
    SocketAddress m_address;
    QString m_addressText; // as in this server's tokens
    int m_listenFd = -1;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stopping{false};

    std::mutex m_objectsMutex;
    QHash<qint64, Entry> m_objects;
    qint64 m_nextId = 1;
    QHash<QString, QCborValue> m_published; // name -> token, for clients of other programs
    QSet<qint64> m_publishedIds;
    QSet<qint64> m_unreferenced;                        // refs == 0, still alive
    QSet<qint64> m_containers;                          // entries with container == true
    QSet<qint64> m_graced;                              // entries with graceUntil set
    QHash<quint64, QHash<qint64, qint64>> m_clientRefs; // client id -> object id -> count
    QHash<quint64, int> m_clientConnections;            // client id -> open connections

    std::mutex m_connectionsMutex;
    std::list<std::shared_ptr<Connection>> m_connections;
    qint64 m_nextConnection = 1;

    std::mutex m_segmentsMutex;
    QList<std::shared_ptr<SharedMemory>> m_segments;
};

} // namespace qmp
