#include "manageraddress.h"

#include "errors.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace qmp {

namespace {

QString errnoText(const char *what, int err)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(err)));
}

// sockaddr_un for an abstract name: sun_path[0] = 0, then the name (not NUL-terminated).
socklen_t abstractAddress(const QString &name, sockaddr_un *addr)
{
    std::memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    const QByteArray bytes = name.toUtf8();
    const qsizetype n = qMin<qsizetype>(bytes.size(), qsizetype(sizeof(addr->sun_path)) - 1);
    std::memcpy(addr->sun_path + 1, bytes.constData(), size_t(n));
    return socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(n));
}

void setNoDelay(int fd)
{
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

} // namespace

ManagerAddress ManagerAddress::parse(const QString &text)
{
    ManagerAddress a;
    if (text.startsWith(QLatin1Char('@'))) {
        a.m_host = text.mid(1);
        if (a.m_host.isEmpty() || a.m_host.toUtf8().size() > 100)
            throw ValueError(QStringLiteral("bad manager address '%1': a local name after '@' must have 1 to 100 bytes").arg(text));
        return a;
    }
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!ok || port > 65535 || host.isEmpty())
        throw ValueError(QStringLiteral("bad manager address '%1': expected '@localname' or 'host:port' (port 0..65535)").arg(text));
    a.m_tcp = true;
    a.m_host = host;
    a.m_port = quint16(port);
    return a;
}

ManagerAddress ManagerAddress::uniqueLocal()
{
    static QAtomicInteger<quint32> counter;
    ManagerAddress a;
    a.m_host = QStringLiteral("qmp-manager-%1-%2-%3")
                   .arg(QCoreApplication::applicationPid())
                   .arg(counter.fetchAndAddRelaxed(1) + 1)
                   .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return a;
}

QString ManagerAddress::toString() const
{
    if (!m_tcp)
        return QLatin1Char('@') + m_host;
    if (m_host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

int ManagerAddress::listen(ManagerAddress *bound, QString *error) const
{
    *bound = *this;
    if (!m_tcp) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            *error = errnoText("socket", errno);
            return -1;
        }
        sockaddr_un addr;
        const socklen_t len = abstractAddress(m_host, &addr);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(fd, 128) != 0) {
            *error = errnoText("cannot listen on the local address", errno) + QStringLiteral(" (%1)").arg(toString());
            ::close(fd);
            return -1;
        }
        return fd;
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(m_host.toUtf8().constData(), QByteArray::number(m_port).constData(), &hints, &list);
    if (rc != 0) {
        *error = QStringLiteral("cannot resolve '%1': %2").arg(m_host, QString::fromLocal8Bit(::gai_strerror(rc)));
        return -1;
    }
    int fd = -1;
    for (addrinfo *ai = list; ai; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 128) == 0)
            break;
        *error = errnoText("cannot listen", errno) + QStringLiteral(" on %1").arg(toString());
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(list);
    if (fd < 0)
        return -1;
    sockaddr_storage ss{};
    socklen_t len = sizeof(ss);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
        if (ss.ss_family == AF_INET)
            bound->m_port = ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
        else if (ss.ss_family == AF_INET6)
            bound->m_port = ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port);
    }
    return fd;
}

int ManagerAddress::connect(QString *error, int timeoutMs) const
{
    if (!m_tcp) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            *error = errnoText("socket", errno);
            return -1;
        }
        sockaddr_un addr;
        const socklen_t len = abstractAddress(m_host, &addr);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0) {
            *error = errnoText("cannot connect", errno);
            ::close(fd);
            return -1;
        }
        return fd;
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(m_host.toUtf8().constData(), QByteArray::number(m_port).constData(), &hints, &list);
    if (rc != 0) {
        *error = QStringLiteral("cannot resolve '%1': %2").arg(m_host, QString::fromLocal8Bit(::gai_strerror(rc)));
        return -1;
    }
    int fd = -1;
    for (addrinfo *ai = list; ai; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0)
            continue;
        int err = 0;
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                pollfd p{fd, POLLOUT, 0};
                int n;
                do {
                    n = ::poll(&p, 1, timeoutMs);
                } while (n < 0 && errno == EINTR);
                socklen_t elen = sizeof(err);
                if (n == 0)
                    err = ETIMEDOUT;
                else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0)
                    err = errno;
            }
        }
        if (err == 0) {
            const int flags = ::fcntl(fd, F_GETFL);
            ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            setNoDelay(fd);
            break;
        }
        *error = errnoText("cannot connect", err);
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(list);
    return fd;
}

} // namespace qmp
