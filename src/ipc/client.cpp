#include "client.h"

#include "authenticator.h"
#include "framesocket.h"
#include "ipcerrors.h"

#include <QDeadlineTimer>

#include <cerrno>
#include <limits>
#include <poll.h>
#include <vector>

namespace qmp {

SocketConnection Client(const QString &address, std::optional<SocketAddress::Family> family,
                        const std::optional<QByteArray> &authkey, int handshakeTimeoutMs)
{
    const SocketAddress where = SocketAddress::parse(address);
    if (family && *family != where.family())
        throw ValueError(QStringLiteral("Client: '%1' is not an %2 address")
                             .arg(address, *family == SocketAddress::Family::Inet ? QStringLiteral("AF_INET") : QStringLiteral("AF_UNIX")));
    QString error;
    int code = 0;
    const int fd = where.connect(&error, Authenticator::defaultTimeoutMs, &code);
    if (fd < 0) {
        const QString message = QStringLiteral("Client: cannot connect to %1: %2").arg(where.toString(), error);
        if (code == ENOENT)
            throw FileNotFoundError(message);
        throw OSError(message);
    }
    auto socket = std::make_unique<FrameSocket>(fd);
    if (authkey) {
        const QDeadlineTimer deadline = handshakeTimeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(handshakeTimeoutMs);
        const Authenticator::Result handshake = Authenticator::answer(*socket, *authkey, deadline);
        if (!handshake.accepted())
            throw AuthenticationError(QStringLiteral("Client: the authkey handshake with the listener at %1 failed: %2")
                                          .arg(where.toString(), handshake.error));
    }
    return SocketConnection(std::move(socket), where.toString());
}

QList<SocketConnection> wait(const QList<SocketConnection> &connections, int timeoutMs)
{
    QList<SocketConnection> ready;
    std::vector<pollfd> fds;
    QList<SocketConnection> polled;
    for (const SocketConnection &c : connections) {
        if (c.closed())
            continue;
        SocketConnection copy = c;
        if (copy.poll(0)) // a message already buffered
            ready.append(c);
        fds.push_back({c.fileno(), POLLIN, 0});
        polled.append(c);
    }
    if (!ready.isEmpty() || fds.empty())
        return ready;
    const QDeadlineTimer deadline = timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs, Qt::PreciseTimer);
    int n;
    do {
        const int timeout = deadline.isForever() ? -1 : int(qMin<qint64>(deadline.remainingTime(), std::numeric_limits<int>::max()));
        n = ::poll(fds.data(), nfds_t(fds.size()), timeout);
    } while (n < 0 && errno == EINTR);
    for (size_t i = 0; n > 0 && i < fds.size(); ++i) {
        if (fds[i].revents != 0)
            ready.append(polled.at(qsizetype(i)));
    }
    return ready;
}

} // namespace qmp
