#include "socketconnection.h"

#include "fastcbor.h"
#include "framesocket.h"
#include "ipcerrors.h"

#include <atomic>
#include <cerrno>
#include <limits>
#include <poll.h>

namespace qmp {

struct SocketConnection::Impl
{
    std::unique_ptr<FrameSocket> socket;
    QString peer;
    std::atomic<bool> closed{false};
    bool unreadable = false;

    QString name() const { return peer.isEmpty() ? QStringLiteral("connection") : QStringLiteral("connection to %1").arg(peer); }
};

SocketConnection::SocketConnection(std::unique_ptr<FrameSocket> socket, const QString &peer)
    : m_impl(std::make_shared<Impl>())
{
    m_impl->socket = std::move(socket);
    m_impl->peer = peer;
}

void SocketConnection::ensureOpen(const char *operation) const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("%1: handle is closed (%2)").arg(m_impl->name(), QLatin1String(operation)));
}

void SocketConnection::sendValue(const QCborValue &value)
{
    sendBytes(FastCbor::encode(value));
}

void SocketConnection::sendBytes(const QByteArray &buffer, qsizetype offset, qsizetype size)
{
    ensureOpen("send");
    if (offset < 0 || offset > buffer.size())
        throw ValueError(QStringLiteral("offset %1 is out of range for %2 bytes").arg(offset).arg(buffer.size()));
    if (size == -1)
        size = buffer.size() - offset;
    if (size < 0)
        throw ValueError(QStringLiteral("size is negative (%1)").arg(size));
    if (offset + size > buffer.size())
        throw ValueError(QStringLiteral("buffer length < offset + size (%1 < %2 + %3)").arg(buffer.size()).arg(offset).arg(size));
    if (size > qsizetype(FrameSocket::maxFrame))
        throw ValueError(QStringLiteral("%1: a message of %2 bytes is above the limit of %3")
                             .arg(m_impl->name()).arg(size).arg(FrameSocket::maxFrame));
    const QByteArray message = offset == 0 && size == buffer.size() ? buffer : buffer.mid(offset, size);
    if (!m_impl->socket->send(message))
        throw OSError(QStringLiteral("%1: broken pipe, the other end is gone (%2)").arg(m_impl->name(), m_impl->socket->lastError()));
}

QByteArray SocketConnection::recvBytes(qsizetype maxLength)
{
    ensureOpen("recv");
    Impl *impl = m_impl.get();
    if (impl->unreadable)
        throw OSError(QStringLiteral("%1: unreadable after a bad message length").arg(impl->name()));
    const quint32 limit = maxLength < 0 || maxLength > qsizetype(FrameSocket::maxFrame) ? FrameSocket::maxFrame : quint32(maxLength);
    std::optional<QByteArray> message = impl->socket->receive(QDeadlineTimer(QDeadlineTimer::Forever), limit);
    if (message)
        return *message;
    switch (impl->socket->status()) {
    case FrameSocket::Status::End:
        throw EOFError(QStringLiteral("%1: the other end is closed and nothing is left to read").arg(impl->name()));
    case FrameSocket::Status::TooLarge:
        impl->unreadable = true;
        throw OSError(QStringLiteral("%1: bad message length (%2; maxLength %3)")
                          .arg(impl->name(), impl->socket->lastError()).arg(maxLength));
    default:
        if (impl->closed) // close() from another thread woke us
            throw OSError(QStringLiteral("%1: handle is closed (recv)").arg(impl->name()));
        throw OSError(QStringLiteral("%1: %2").arg(impl->name(), impl->socket->lastError()));
    }
}

QCborValue SocketConnection::recv()
{
    const QByteArray bytes = recvBytes();
    QCborParserError error;
    const QCborValue value = FastCbor::decode(bytes, &error);
    if (error.error != QCborError::NoError)
        throw ValueError(QStringLiteral("%1: the message is not a value (use recvBytes()): %2").arg(m_impl->name(), error.errorString()));
    return value;
}

qsizetype SocketConnection::recvBytesInto(QByteArray &buffer, qsizetype offset)
{
    if (offset < 0 || offset > buffer.size())
        throw ValueError(QStringLiteral("offset %1 is out of range for %2 bytes").arg(offset).arg(buffer.size()));
    const QByteArray message = recvBytes();
    if (message.size() > buffer.size() - offset)
        throw BufferTooShort(QStringLiteral("%1: buffer too short for a %2-byte message").arg(m_impl->name()).arg(message.size()),
                             message);
    std::copy(message.cbegin(), message.cend(), buffer.begin() + offset);
    return message.size();
}

bool SocketConnection::poll(int timeoutMs)
{
    return poll(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs, Qt::PreciseTimer));
}

bool SocketConnection::poll(QDeadlineTimer deadline)
{
    ensureOpen("poll");
    if (m_impl->socket->hasBufferedBytes())
        return true;
    pollfd p{m_impl->socket->fd(), POLLIN, 0};
    int n;
    do {
        n = ::poll(&p, 1, deadline.isForever() ? -1 : int(qMin<qint64>(deadline.remainingTime(), std::numeric_limits<int>::max())));
    } while (n < 0 && errno == EINTR);
    return n > 0;
}

void SocketConnection::close()
{
    if (!m_impl->closed.exchange(true))
        m_impl->socket->shutdown();
}

bool SocketConnection::closed() const
{
    return m_impl->closed;
}

int SocketConnection::fileno() const
{
    return m_impl->closed ? -1 : m_impl->socket->fd();
}

QString SocketConnection::peer() const
{
    return m_impl->peer;
}

} // namespace qmp
