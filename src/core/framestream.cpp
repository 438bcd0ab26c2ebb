#include "framestream.h"

#include "errors.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

FrameStream::FrameStream(int fd, qsizetype maxFrameSize)
    : m_fd(fd), m_decoder(maxFrameSize)
{
}

FrameStream::~FrameStream()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<QCborValue> FrameStream::read()
{
    char buffer[64 * 1024];
    for (;;) {
        if (auto value = m_decoder.next())
            return value;
        if (m_decoder.hasError() || m_atEnd || !m_error.isEmpty())
            return std::nullopt;
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n > 0) {
            m_decoder.feed(buffer, n);
        } else if (n == 0) {
            m_atEnd = true;
            m_decoder.finish();
            return std::nullopt;
        } else if (errno != EINTR) {
            m_error = QStringLiteral("read failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return std::nullopt;
        }
    }
}

bool FrameStream::write(const QCborValue &value)
{
    QByteArray frame;
    try {
        frame = FrameDecoder::encode(value, m_decoder.maxFrameSize());
    } catch (const Error &e) {
        m_encodeError = e.message();
        return false;
    }
    return writeBytes(frame.constData(), frame.size());
}

bool FrameStream::writeBytes(const char *data, qsizetype size)
{
    qsizetype left = size;
    while (left > 0) {
        const ssize_t n = ::send(m_fd, data, size_t(left), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_peerClosed = errno == EPIPE || errno == ECONNRESET;
            m_error = QStringLiteral("write failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

QString FrameStream::errorString() const
{
    if (m_decoder.hasError())
        return m_decoder.errorString();
    return m_error.isEmpty() ? m_encodeError : m_error;
}

} // namespace qmp
