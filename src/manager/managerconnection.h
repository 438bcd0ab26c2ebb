#pragma once
// ManagerConnection: a client's connection to one manager — a socket, authenticated both ways,
// kept open for every later call (one round trip per call, no reconnect). Each thread has its
// own connection per manager address (Python does the same), so a call that blocks in one
// thread does not hold up the others; forThread() finds or opens it.
//
// A local manager's connection carries its frames through shared memory (ShmChannel): no
// system call per call while both sides are busy.
//
// When the manager is gone every call fails at once with BrokenPipeError — including a call
// already blocked waiting for its reply — and the next call tries to reconnect (and fails as
// fast while nobody listens).

#include "qmpmanager_export.h"
#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QString>

#include <memory>

namespace qmp {

class FrameSocket;
class ShmChannel;

class QMP_MANAGER_EXPORT ManagerConnection
{
public:
    // Connects and authenticates: BrokenPipeError when nobody listens at address,
    // AuthenticationError on a wrong key, ValueError on a malformed address.
    ManagerConnection(const QString &address, const QByteArray &authkey);
    ~ManagerConnection();

    // This thread's connection to address (opened on first use).
    static ManagerConnection &forThread(const QString &address, const QByteArray &authkey);
    // Closes this thread's connection to address, if any.
    static void closeForThread(const QString &address);

    // One call: objectId's method with args. Returns the result; re-raises the manager's
    // error as the same type (KeyError, ValueError, Empty...) or RemoteError.
    QCborValue call(qint64 objectId, const QString &method, const QCborArray &args = {});

    QString address() const { return m_address; }

    // True when calls travel through shared memory (a local manager), false over the socket.
    bool usesSharedMemory() const { return m_channel != nullptr; }

private:
    [[noreturn]] void throwGone(const QString &what);
    // Moves the connection to a ShmChannel when the manager is local and agrees; otherwise
    // it stays on the socket.
    void openChannel();

    QString m_address;
    QByteArray m_authkey;
    std::unique_ptr<FrameSocket> m_socket;
    std::unique_ptr<ShmChannel> m_channel; // declared after m_socket: destroyed first
};

} // namespace qmp
