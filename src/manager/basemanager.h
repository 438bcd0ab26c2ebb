#pragma once
// qmp::BaseManager — Python's multiprocessing.managers.BaseManager: a server process holding
// shared objects, and proxies to them. Either this object starts the server (start(): the
// host executable re-run as the task "qmp.manager.serve" through qmp::Process, so a
// qmp::Runtime must be constructed first in main()), or it connects to one that another
// program started (connect()). Register your own types with registerManagedType() (see
// managedtyperegistry.h) and create them with create().
//
// Address: empty for a private local socket (abstract namespace, gone with the process);
// "host:port" for TCP, reachable from other programs ("127.0.0.1:0" picks a free port,
// address() tells which). Every connection proves the authkey both ways (HMAC-SHA256); the
// default key is 32 random bytes, so only this process and its children (which get the key
// inside proxies) can talk to a private manager.
//
// Lifetime: the destructor shuts down a manager it started (Python's `with` block). The
// server dies with its owner process (even SIGKILLed), and when it is gone every proxy call
// fails at once with BrokenPipeError — Python's proxies raise too, but a Python client blocked
// in a call waits for a reply that never comes. Use from the thread that created it; proxies
// may be used from any thread (each thread has its own connection).

#include "qmpmanager_export.h"
#include "baseproxy.h"
#include "taskcall.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QString>

#include <memory>
#include <optional>

namespace qmp {

class QMP_MANAGER_EXPORT BaseManager
{
public:
    enum class State { Initial, Started, Connected, Shutdown };

    explicit BaseManager(const QString &address = {}, const QByteArray &authkey = {});
    virtual ~BaseManager();
    BaseManager(BaseManager &&other) noexcept;
    BaseManager &operator=(BaseManager &&other) noexcept;

    // Starts the server process and returns once it listens. ProcessError when started twice
    // or when the server cannot listen (the message says why: address in use...).
    void start();
    // Python's start(initializer, initargs): the registered task initializer runs in the server
    // process before it serves (its result is ignored). Unknown task: ValueError, wrong argument
    // count: TypeError, both before anything starts. When it throws, start() throws that
    // error as a RemoteError (its C++ type and message, "initializer 'name' of Manager-N, pid P")
    // after the server process has ended. start() waits as long as the initializer runs.
    void start(const std::optional<TaskCall> &initializer);
    // Connects to a manager another program started; AuthenticationError on a wrong key,
    // BrokenPipeError when nobody listens there.
    void connect();
    // Asks the server to stop and waits up to shutdownTimeout() for it, then terminates it.
    // Every object it held is gone; shared memory it made is unlinked. For a connected client
    // it only closes the connection. Twice is fine.
    void shutdown();

    State state() const;
    QString address() const;
    QByteArray authkey() const;
    // The server's pid (0 when this object did not start one or it has not started).
    qint64 pid() const;
    int shutdownTimeout() const;
    void setShutdownTimeout(int msecs);

    // A new object of typeId in the manager, built from args. ValueError before start() or
    // connect(), and for a typeid the manager does not know.
    BaseProxy create(const QString &typeId, const QCborArray &args = {}) const;
    // Gives proxy a name on the manager, so a client in another program can lookup() it
    // (Python registers a callable per shared object for this).
    void publish(const QString &name, const BaseProxy &proxy) const;
    // The proxy published under name; KeyError when there is none.
    BaseProxy lookup(const QString &name) const;
    template <typename P>
    P lookup(const QString &name) const
    {
        return P(lookup(name));
    }
    // How many objects the manager holds now, after dropping those nobody references (Python's
    // _number_of_objects; for tests and monitoring).
    qint64 objectCount() const;
    // Every object the manager holds: {id: {"typeid", "refs" (references counted over all
    // client processes; null for an object that lives until shutdown), "held" (no reference,
    // kept by a live object that holds its proxy, or for a moment after its proxy was sent)}}
    // — Python's _debug_info, as data.
    QCborMap debugInfo() const;

protected:
    QCborValue callManager(const QString &method, const QCborArray &args = {}) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace qmp
