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
//
// The parts: ConnectionAcceptor (accepting, the connection cap, the back-off), ManagerSession
// (one connection's handshake and request loop, on its own thread), CallDispatcher (request →
// handler, object 0's table), ObjectTable (ids, reference counts, mark-and-sweep).

#include "qmpmanager_export.h"
#include "calldispatcher.h"
#include "objecttable.h"
#include "socketaddress.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>

namespace qmp {

class ConnectionAcceptor;

class QMP_MANAGER_EXPORT ManagerServer
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
    // Wakes serve() (a byte on the wake pipe).
    void wake(char reason);

    QByteArray m_authkey;
    Limits m_limits;
    SocketAddress m_address;
    int m_listenFd = -1;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stopping{false};

    ObjectTable m_objects;
    CallDispatcher m_dispatcher;
    std::unique_ptr<ConnectionAcceptor> m_acceptor; // while serve() runs and until destroyed
};

} // namespace qmp
