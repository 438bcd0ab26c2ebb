#include "framesocket.h"

#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace qmp {

FrameSocket::FrameSocket(int fd) : m_fd(fd) {}

FrameSocket::~FrameSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FrameSocket::sendFrame(const QByteArray &frame)
{
    const char *p = frame.constData();
    qsizetype left = frame.size();
    while (left > 0) {
        const ssize_t n = ::send(m_fd, p, size_t(left), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

bool FrameSocket::send(const QByteArray &payload)
{
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payload.size()), frame.data());
    frame.append(payload);
    return sendFrame(frame);
}

bool FrameSocket::fill(int timeoutMs)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    if (timeoutMs >= 0 || !m_deadline.isForever()) {
        pollfd p{m_fd, POLLIN, 0};
        int n;
        bool deadline = false;
        do {
            int wait = timeoutMs;
            if (!m_deadline.isForever()) {
                const qint64 left = m_deadline.remainingTime();
                deadline = timeoutMs < 0 || left < timeoutMs;
                wait = deadline ? int(left) : timeoutMs;
            }
            n = ::poll(&p, 1, wait);
        } while (n < 0 && errno == EINTR);
        if (n == 0) {
            m_error = deadline ? QStringLiteral("the deadline passed") : QStringLiteral("timed out after %1 ms").arg(timeoutMs);
            return false;
        }
    }
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, chunk, sizeof(chunk), 0);
        if (n > 0) {
            m_buffer.append(chunk, n);
            return true;
        }
        if (n == 0) {
            m_error = QStringLiteral("connection closed by the peer");
            return false;
        }
        if (errno == EINTR)
            continue;
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
}

std::optional<QByteArray> FrameSocket::receive(int timeoutMs)
{
    while (m_buffer.size() - m_pos < 4) {
        if (!fill(timeoutMs))
            return std::nullopt;
    }
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + m_pos);
    if (length > m_frameLimit) {
        m_error = QStringLiteral("frame of %1 bytes is above the limit of %2").arg(length).arg(m_frameLimit);
        return std::nullopt;
    }
    while (m_buffer.size() - m_pos < 4 + qsizetype(length)) {
        if (!fill(timeoutMs))
            return std::nullopt;
    }
    QByteArray payload = m_buffer.mid(m_pos + 4, length);
    m_pos += 4 + qsizetype(length);
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    return payload;
}

bool FrameSocket::sendDescriptor(int fd)
{
    char byte = 0;
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t n;
    do {
        n = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n != 1) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    return true;
}

int FrameSocket::receiveDescriptor(int timeoutMs)
{
    if (m_pos != m_buffer.size()) {
        m_error = QStringLiteral("unexpected data before a descriptor");
        return -1;
    }
    pollfd p{m_fd, POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, timeoutMs);
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) {
        m_error = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
        return -1;
    }
    char byte = 0;
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    ssize_t n;
    do {
        n = ::recvmsg(m_fd, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        m_error = n == 0 ? QStringLiteral("connection closed by the peer") : QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    const cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int))) {
        m_error = QStringLiteral("the peer sent no descriptor");
        return -1;
    }
    int fd = -1;
    std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
    return fd;
}

bool FrameSocket::peerGone() const
{
    pollfd p{m_fd, POLLRDHUP, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    return (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void FrameSocket::shutdown()
{
    ::shutdown(m_fd, SHUT_RDWR);
}

} // namespace qmp
