#include "socketaddress.h"

#include "errors.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
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

constexpr qsizetype maxUnixName = sizeof(sockaddr_un::sun_path) - 1; // 107 bytes

// sockaddr_un for an abstract name (sun_path[0] = 0, then the name, not NUL-terminated) or a
// file path (NUL-terminated). parse() checked the length.
socklen_t unixAddress(const QString &name, bool abstract, sockaddr_un *addr)
{
    std::memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    const QByteArray bytes = abstract ? name.toUtf8() : QFile::encodeName(name);
    const qsizetype n = qMin<qsizetype>(bytes.size(), maxUnixName);
    std::memcpy(addr->sun_path + (abstract ? 1 : 0), bytes.constData(), size_t(n));
    return socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(n));
}

// getaddrinfo() for a stream socket; nullptr with *error set when the host does not resolve.
// The caller frees the list.
addrinfo *resolve(const QString &host, quint16 port, bool passive, QString *error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(), &hints, &list);
    if (rc != 0) {
        *error = QStringLiteral("cannot resolve '%1': %2").arg(host, QString::fromLocal8Bit(::gai_strerror(rc)));
        return nullptr;
    }
    return list;
}

void setNoDelay(int fd)
{
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

} // namespace

SocketAddress SocketAddress::parse(const QString &text)
{
    SocketAddress a;
    const auto bad = [&](const QString &why) {
        return ValueError(QStringLiteral("bad address '%1': %2").arg(text, why));
    };
    if (text.startsWith(QLatin1Char('@')) || text.startsWith(QChar(0))) {
        a.m_host = text.mid(1);
        if (a.m_host.isEmpty() || a.m_host.toUtf8().size() > 100)
            throw bad(QStringLiteral("a local name after '@' must have 1 to 100 bytes"));
        return a;
    }
    if (text.contains(QLatin1Char('/'))) {
        a.m_path = true;
        a.m_host = text;
        if (QFile::encodeName(text).size() > maxUnixName)
            throw bad(QStringLiteral("a socket file path may have at most %1 bytes").arg(maxUnixName));
        return a;
    }
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!ok || port > 65535 || host.isEmpty())
        throw bad(QStringLiteral("expected 'host:port' (port 0..65535), '@localname' or a socket file path with a '/'"));
    a.m_tcp = true;
    a.m_host = host;
    a.m_port = quint16(port);
    return a;
}

SocketAddress SocketAddress::uniqueLocal(const QString &prefix)
{
    static QAtomicInteger<quint32> counter;
    SocketAddress a;
    a.m_host = QStringLiteral("%1-%2-%3-%4")
                   .arg(prefix)
                   .arg(QCoreApplication::applicationPid())
                   .arg(counter.fetchAndAddRelaxed(1) + 1)
                   .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return a;
}

QString SocketAddress::toString() const
{
    if (m_path)
        return m_host;
    if (!m_tcp)
        return QLatin1Char('@') + m_host;
    if (m_host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

void SocketAddress::unlinkPath() const
{
    if (m_path)
        ::unlink(QFile::encodeName(m_host).constData());
}

QString SocketAddress::peerOf(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof(ss);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return {};
    char host[INET6_ADDRSTRLEN] = {};
    if (ss.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&ss);
        ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        return QStringLiteral("%1:%2").arg(QLatin1String(host)).arg(ntohs(in->sin_port));
    }
    if (ss.ss_family == AF_INET6) {
        const auto *in = reinterpret_cast<const sockaddr_in6 *>(&ss);
        ::inet_ntop(AF_INET6, &in->sin6_addr, host, sizeof(host));
        return QStringLiteral("[%1]:%2").arg(QLatin1String(host)).arg(ntohs(in->sin6_port));
    }
    if (ss.ss_family == AF_UNIX && len > socklen_t(offsetof(sockaddr_un, sun_path))) {
        const auto *un = reinterpret_cast<const sockaddr_un *>(&ss);
        const qsizetype n = qsizetype(len - offsetof(sockaddr_un, sun_path));
        if (un->sun_path[0] == 0)
            return QLatin1Char('@') + QString::fromUtf8(un->sun_path + 1, n - 1);
        return QFile::decodeName(QByteArray(un->sun_path, qstrnlen(un->sun_path, size_t(n))));
    }
    return {};
}

int SocketAddress::listen(SocketAddress *bound, QString *error, int backlog) const
{
    *bound = *this;
    if (!m_tcp) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            *error = errnoText("socket", errno);
            return -1;
        }
        sockaddr_un addr;
        const socklen_t len = unixAddress(m_host, !m_path, &addr);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(fd, backlog) != 0) {
            *error = errnoText("cannot listen on the local address", errno) + QStringLiteral(" (%1)").arg(toString());
            ::close(fd);
            return -1;
        }
        return fd;
    }
    addrinfo *list = resolve(m_host, m_port, true, error);
    if (!list)
        return -1;
    int fd = -1;
    for (addrinfo *ai = list; ai; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, backlog) == 0)
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

int SocketAddress::connect(QString *error, int timeoutMs, int *errorCode) const
{
    int unused = 0;
    int &code = errorCode ? *errorCode : unused;
    code = 0;
    if (!m_tcp) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            code = errno;
            *error = errnoText("socket", code);
            return -1;
        }
        sockaddr_un addr;
        const socklen_t len = unixAddress(m_host, !m_path, &addr);
        int rc;
        do {
            rc = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), len);
        } while (rc != 0 && errno == EINTR);
        if (rc != 0) {
            code = errno;
            *error = errnoText("cannot connect", code);
            ::close(fd);
            return -1;
        }
        return fd;
    }
    addrinfo *list = resolve(m_host, m_port, false, error);
    if (!list) {
        code = EHOSTUNREACH;
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
        code = err;
        *error = errnoText("cannot connect", err);
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(list);
    return fd;
}

} // namespace qmp
