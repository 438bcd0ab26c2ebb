#pragma once
// ManagerServer: the manager process's server (Python's managers.Server). Holds the objects,
// accepts connections on a local or TCP address, checks each one's authkey both ways
// (Authenticator), and serves each connection on a thread of its own, so a call that blocks
// (Queue.get, Lock.acquire) holds up only its caller. A connection that ends releases the
// locks it held; a blocked call whose caller hung up is dropped without taking anything.
//
// Object 0 is the manager itself: create, shutdown, release, count, typeids, publish / lookup
// (proxies by name, for clients in other programs), and for
// SharedMemoryManager shm_create / shl_create (segments this server creates and unlinks at
// shutdown, whatever happened to the clients).
//
// Runs in the manager process: BaseManager starts it as the task serveTaskName(). serve()
// blocks its thread; stop() may be called from any thread.

#include "manageraddress.h"
#include "serverobject.h"

#include <QByteArray>
#include <QHash>
#include <QList>
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
    explicit ManagerServer(const QByteArray &authkey);
    ~ManagerServer();
    ManagerServer(const ManagerServer &) = delete;
    ManagerServer &operator=(const ManagerServer &) = delete;

    // Binds and listens; false with *error (address in use, bad host...).
    bool listen(const ManagerAddress &address, QString *error);
    // The address clients connect to (port 0 resolved).
    QString address() const { return m_address.toString(); }
    // Serves until a client asks for shutdown or stop() is called; then ends every connection,
    // unlinks the shared memory it made and drops every object.
    void serve();
    void stop();
    // A descriptor whose write end wakes serve() (for a signal handler: write one byte).
    int wakeFd() const { return m_wake[1]; }

    // The registered task that runs a manager process: args [address, authkey, report queue].
    static QString serveTaskName();

private:
    struct Connection;

    void serveConnection(const std::shared_ptr<Connection> &connection);
    QCborValue dispatch(qint64 objectId, const QString &method, const QCborArray &args, CallContext &context);
    QCborValue callManager(const QString &method, const QCborArray &args);
    void reapFinished(bool all);
    void releaseSharedMemory();

    QByteArray m_authkey;
    ManagerAddress m_address;
    int m_listenFd = -1;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stopping{false};

    std::mutex m_objectsMutex;
    QHash<qint64, std::shared_ptr<ServerObject>> m_objects;
    qint64 m_nextId = 1;
    QHash<QString, QCborValue> m_published; // name -> token, for clients of other programs

    std::mutex m_connectionsMutex;
    std::list<std::shared_ptr<Connection>> m_connections;
    qint64 m_nextConnection = 1;

    std::mutex m_segmentsMutex;
    QList<std::shared_ptr<SharedMemory>> m_segments;
};

} // namespace qmp
