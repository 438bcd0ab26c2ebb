#include "framechannel.h"

#include "channelreadgate.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

namespace {
QString errnoText(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}
} // namespace

FrameChannel::FrameChannel(int fd, QObject *parent, qsizetype maxFrameSize)
    : QObject(parent), m_fd(fd), m_decoder(maxFrameSize)
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &FrameChannel::onReadable);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &FrameChannel::writePending);
}

FrameChannel::~FrameChannel()
{
    if (m_gate) {
        m_gate->forget(ChannelReadGate::Reader::Pool);
        if (m_inGate)
            m_gate->leave(ChannelReadGate::Reader::Pool);
    }
    if (m_fd >= 0)
        ::close(m_fd);
}

void FrameChannel::send(const QCborValue &value)
{
    const QByteArray frame = FrameDecoder::encode(value, m_decoder.maxFrameSize());
    if (m_fd < 0 || m_writeFailed)
        return;
    if (m_outOffset == m_out.size()) {
        m_out = frame;
        m_outOffset = 0;
    } else {
        m_out.append(frame);
    }
    writePending();
}

void FrameChannel::send(const QList<QCborValue> &values)
{
    QByteArray frames;
    for (const QCborValue &value : values)
        frames += FrameDecoder::encode(value, m_decoder.maxFrameSize());
    sendEncoded(std::move(frames));
}

void FrameChannel::sendEncoded(QByteArray frames)
{
    if (m_fd < 0 || m_writeFailed || frames.isEmpty())
        return;
    if (m_outOffset == m_out.size()) {
        m_out = std::move(frames);
        m_outOffset = 0;
    } else {
        m_out.append(frames);
    }
    writePending();
}

void FrameChannel::writePending()
{
    while (m_fd >= 0 && m_outOffset < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outOffset, size_t(m_out.size() - m_outOffset),
                                 MSG_NOSIGNAL);
        if (n > 0) {
            m_outOffset += n;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            m_writeNotifier->setEnabled(true);
            return;
        } else if (errno != EINTR) {
            // The peer stopped reading (it exited, most likely). What it sent before is still
            // in our receive buffer: stop writing, keep reading until end of stream.
            m_error = errnoText("write failed");
            m_writeFailed = true;
            m_out.clear();
            m_outOffset = 0;
            m_writeNotifier->setEnabled(false);
            return;
        }
    }
    if (m_fd >= 0)
        m_writeNotifier->setEnabled(false);
    if (m_outOffset == m_out.size() && m_outOffset > 0) {
        m_out.clear();
        m_outOffset = 0;
    }
}

bool FrameChannel::flush(QDeadlineTimer deadline)
{
    while (m_fd >= 0 && !m_writeFailed && bytesToWrite() > 0) {
        pollfd pfd{m_fd, POLLOUT, 0};
        const qint64 left = deadline.remainingTime();
        const int r = ::poll(&pfd, 1, left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
        if (r == 0)
            return false;
        if (r < 0 && errno != EINTR) {
            shutdown(errnoText("poll failed"));
            return false;
        }
        writePending();
    }
    return bytesToWrite() == 0;
}

void FrameChannel::drain()
{
    onReadable();
}

void FrameChannel::setReadGate(std::shared_ptr<ChannelReadGate> gate)
{
    m_gate = std::move(gate);
    if (!m_gate)
        return;
    // A caller left bytes kept (it read past its frame): read them here unless a caller reads
    // the channel now (then it takes them).
    m_gate->setPoolLook([this] { QMetaObject::invokeMethod(this, &FrameChannel::lookAtKept, Qt::QueuedConnection); });
}

void FrameChannel::lookAtKept()
{
    if (m_readNotifier && m_readingWanted && m_gate && m_gate->hasKept())
        onReadable();
}

void FrameChannel::onReadable()
{
    if (m_gate && !m_inGate) {
        const auto resume = [this] {
            // The other reader left (this runs on its thread, under the gate's lock: only post).
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_readNotifier && m_readingWanted) {
                        m_readNotifier->setEnabled(true);
                        onReadable();
                    }
                },
                Qt::QueuedConnection);
        };
        if (!m_gate->tryEnter(ChannelReadGate::Reader::Pool, resume)) {
            // The other reader has the socket: not polled until it leaves (resume).
            if (m_readNotifier)
                m_readNotifier->setEnabled(false);
            return;
        }
        m_inGate = true;
    }
    if (m_gate) {
        const QByteArray kept = m_gate->takeKept();
        if (!kept.isEmpty() && !deliver(kept.constData(), kept.size())) {
            leaveGateBetweenFrames();
            return;
        }
    }
    readAvailable();
    leaveGateBetweenFrames();
}

void FrameChannel::leaveGateBetweenFrames()
{
    if (m_inGate && (m_fd < 0 || m_decoder.bufferedBytes() == 0)) {
        m_inGate = false;
        m_gate->leave(ChannelReadGate::Reader::Pool);
        if (!m_readingWanted && m_readNotifier)
            m_readNotifier->setEnabled(false);
    }
}

void FrameChannel::setReading(bool reading)
{
    if (reading == m_readingWanted)
        return;
    m_readingWanted = reading;
    // Half a frame read: the rest is read first (the other reader cannot come in meanwhile).
    if (m_readNotifier && (reading || !m_inGate))
        m_readNotifier->setEnabled(reading);
    if (reading && m_gate && m_gate->hasKept()) // the socket may be quiet: the notifier would not tell
        QMetaObject::invokeMethod(this, &FrameChannel::lookAtKept, Qt::QueuedConnection);
}

bool FrameChannel::deliver(const char *data, qsizetype size)
{
    m_decoder.feed(data, size);
    bool delivered = false;
    while (auto value = m_decoder.next()) {
        Q_EMIT frameReceived(*value);
        delivered = true;
        if (m_fd < 0)
            break; // a receiver closed us
    }
    if (delivered)
        Q_EMIT framesDelivered();
    if (m_fd < 0)
        return false;
    if (m_decoder.hasError()) {
        shutdown(m_decoder.errorString());
        return false;
    }
    return true;
}

void FrameChannel::readAvailable()
{
    char buffer[64 * 1024];
    while (m_fd >= 0) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n > 0) {
            if (!deliver(buffer, n))
                return;
            if (n < qsizetype(sizeof buffer))
                return; // the socket is most likely empty now; the notifier tells when not
        } else if (n == 0) {
            m_decoder.finish();
            shutdown(m_decoder.hasError() ? m_decoder.errorString() : m_error);
            return;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        } else if (errno != EINTR) {
            shutdown(errnoText("read failed"));
            return;
        }
    }
}

void FrameChannel::close()
{
    shutdown(QString());
}

void FrameChannel::shutdown(const QString &error)
{
    if (m_fd < 0)
        return;
    m_error = error;
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    leaveGateBetweenFrames();
    Q_EMIT closed();
}

} // namespace qmp
