#pragma once
// qmp::Listener — multiprocessing.connection.Listener: a bound socket that accepts connections
// from other processes (related or not, here or on another machine). Client() is the other end.
//
//     qmp::Listener listener(QStringLiteral("127.0.0.1:6000"), std::nullopt, 1, QByteArray("secret"));
//     qmp::SocketConnection conn = listener.accept();   // waits for a Client; checks its key
//     conn.send(QStringLiteral("hello"));
//
// Addresses (SocketAddress): "host:port" (AF_INET; port 0 picks a free one, address() tells
// which), "@name" (AF_UNIX, abstract: no file), "/path/sock" (AF_UNIX, a socket file: removed
// by close(); one that exists already is "address in use", as in Python). No address: a fresh
// one of the family (AF_UNIX by default, as Python: here an abstract name, which leaves no file;
// AF_INET: 127.0.0.1 and a free port). A family that does not match the address is a
// ValueError.
//
// Authentication: with an authkey, accept() runs Python 3.12's HMAC-SHA256 challenge both ways
// (Authenticator) before it returns the connection; without one (nullopt, Python's None) there
// is none. Before a client has proved the key it may send no message above 256 bytes and must
// finish within handshakeTimeoutMs() (10 s): a stranger can neither make the listener buffer
// much nor hold accept() up for long. A client that fails the handshake — a wrong key, a
// message too long, too slow, hanging up — makes accept() throw AuthenticationError naming its
// address (Python raises there too); the listener stays usable: call accept() again.
//
// Not copyable (it owns the socket); movable. One thread accepts at a time; close() may be
// called from another thread and wakes an accept() there (which then throws OSError). The
// destructor closes it (Python's `with Listener(...)`).

#include "qmpipc_export.h"
#include "socketaddress.h"
#include "socketconnection.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

#include <memory>
#include <optional>

namespace qmp {

class QMP_IPC_EXPORT Listener
{
public:
    // Python's Listener(address=None, family=None, backlog=1, authkey=None). Throws ValueError
    // for a malformed address or a family that does not match it, OSError when it cannot
    // listen (address in use, no such interface...).
    explicit Listener(const QString &address = {}, std::optional<SocketAddress::Family> family = std::nullopt,
                      int backlog = 1, const std::optional<QByteArray> &authkey = std::nullopt);
    ~Listener();
    Listener(Listener &&other) noexcept;
    Listener &operator=(Listener &&other) noexcept;

    // Waits for the next client and authenticates it. OSError once closed;
    // AuthenticationError for a client that fails the handshake; TimeoutError when the deadline
    // passes with no client.
    SocketConnection accept();
    SocketConnection accept(QDeadlineTimer deadline);
    SocketConnection accept(int timeoutMs);

    // Stops listening and removes a socket file. Twice is fine.
    void close();
    bool closed() const;

    // Where clients connect: "127.0.0.1:40123", "@name", "/path/sock" (port 0 resolved).
    QString address() const;
    SocketAddress::Family family() const;
    // The address of the last client accepted ("" before the first, and for a Unix client
    // without a name, like Python's last_accepted).
    QString lastAccepted() const;

    int handshakeTimeoutMs() const;
    void setHandshakeTimeoutMs(int msecs);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace qmp
