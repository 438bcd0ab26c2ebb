#include "listener.h"

#include "authenticator.h"
#include "framesocket.h"
#include "ipcerrors.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

namespace {

QString familyName(SocketAddress::Family family)
{
    return family == SocketAddress::Family::Inet ? QStringLiteral("AF_INET") : QStringLiteral("AF_UNIX");
}

} // namespace

struct Listener::Private
{
    SocketAddress address;
    std::optional<QByteArray> authkey;
    int handshakeTimeoutMs = Authenticator::defaultTimeoutMs;

    std::mutex mutex; // guards what follows
    int fd = -1;
    bool closed = false;
    int accepting = 0; // accept() calls using fd: the last one to leave closes it after close()
    QString lastAccepted;

    // With mutex held.
    void releaseFd()
    {
        if (fd >= 0 && accepting == 0) {
            ::close(fd);
            fd = -1;
        }
    }
};

Listener::Listener(const QString &address, std::optional<SocketAddress::Family> family, int backlog,
                   const std::optional<QByteArray> &authkey)
    : d(std::make_unique<Private>())
{
    SocketAddress wanted;
    if (address.isEmpty()) {
        wanted = family == SocketAddress::Family::Inet ? SocketAddress::parse(QStringLiteral("127.0.0.1:0"))
                                                       : SocketAddress::uniqueLocal(QStringLiteral("qmp-listener"));
    } else {
        wanted = SocketAddress::parse(address);
        if (family && *family != wanted.family())
            throw ValueError(QStringLiteral("Listener: '%1' is not an %2 address (it is %3)")
                                 .arg(address, familyName(*family), familyName(wanted.family())));
    }
    QString error;
    d->fd = wanted.listen(&d->address, &error, qMax(0, backlog));
    if (d->fd < 0)
        throw OSError(QStringLiteral("Listener: %1").arg(error));
    ::fcntl(d->fd, F_SETFL, ::fcntl(d->fd, F_GETFL) | O_NONBLOCK); // accept() never blocks past poll()
    d->authkey = authkey;
}

Listener::~Listener()
{
    if (d)
        close();
}

Listener::Listener(Listener &&other) noexcept = default;

Listener &Listener::operator=(Listener &&other) noexcept
{
    if (this != &other) {
        if (d)
            close();
        d = std::move(other.d);
    }
    return *this;
}

SocketConnection Listener::accept()
{
    return accept(QDeadlineTimer(QDeadlineTimer::Forever));
}

SocketConnection Listener::accept(int timeoutMs)
{
    return accept(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs));
}

SocketConnection Listener::accept(QDeadlineTimer deadline)
{
    const QString where = d->address.toString();
    int fd;
    {
        std::lock_guard lock(d->mutex);
        if (d->closed)
            throw OSError(QStringLiteral("Listener at %1: handle is closed (accept)").arg(where));
        fd = d->fd;
        ++d->accepting;
    }
    const auto leave = [this] {
        std::lock_guard lock(d->mutex);
        --d->accepting;
        if (d->closed)
            d->releaseFd();
    };
    int client = -1;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int timeout = deadline.isForever() ? -1 : int(qMin<qint64>(deadline.remainingTime(), std::numeric_limits<int>::max()));
        const int n = ::poll(&p, 1, timeout);
        if (closed()) {
            leave();
            throw OSError(QStringLiteral("Listener at %1: closed while accepting").arg(where));
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            leave();
            throw TimeoutError(QStringLiteral("Listener at %1: no client within the time given").arg(where));
        }
        client = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0)
            break;
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED)
            continue; // the client left before we took it: wait for the next
        const int err = errno;
        leave();
        throw OSError(QStringLiteral("Listener at %1: accept: %2").arg(where, QString::fromLocal8Bit(std::strerror(err))));
    }
    leave();

    if (d->address.isTcp()) {
        int one = 1;
        ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    const QString peer = SocketAddress::peerOf(client);
    {
        std::lock_guard lock(d->mutex);
        d->lastAccepted = peer;
    }
    auto socket = std::make_unique<FrameSocket>(client);
    if (d->authkey) {
        const Authenticator::Result handshake = Authenticator::serve(*socket, *d->authkey, QDeadlineTimer(d->handshakeTimeoutMs));
        if (!handshake.accepted())
            throw AuthenticationError(QStringLiteral("Listener at %1: the client %2 failed the authkey handshake: %3")
                                          .arg(where, peer.isEmpty() ? QStringLiteral("(unnamed)") : peer, handshake.error));
    }
    return SocketConnection(std::move(socket), peer);
}

void Listener::close()
{
    std::lock_guard lock(d->mutex);
    if (d->closed)
        return;
    d->closed = true;
    if (d->fd >= 0)
        ::shutdown(d->fd, SHUT_RDWR); // wakes an accept() waiting in poll()
    d->releaseFd();
    d->address.unlinkPath();
}

bool Listener::closed() const
{
    std::lock_guard lock(d->mutex);
    return d->closed;
}

QString Listener::address() const
{
    return d->address.toString();
}

SocketAddress::Family Listener::family() const
{
    return d->address.family();
}

QString Listener::lastAccepted() const
{
    std::lock_guard lock(d->mutex);
    return d->lastAccepted;
}

int Listener::handshakeTimeoutMs() const
{
    return d->handshakeTimeoutMs;
}

void Listener::setHandshakeTimeoutMs(int msecs)
{
    d->handshakeTimeoutMs = msecs;
}

} // namespace qmp
