#include "directseat.h"

#include "callerwake.h"
#include "channelreadgate.h"
#include "framedecoder.h"
#include "workerlane.h"

#include <QtEndian>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

DirectSeat::DirectSeat(std::shared_ptr<WorkerLane> lane, int fd) : m_lane(std::move(lane)), m_fd(fd) {}

DirectSeat::~DirectSeat()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void DirectSeat::closeChannel()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void DirectSeat::adoptChannel(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_adopted = true;
    if (!m_gate)
        m_gate = std::make_shared<ChannelReadGate>();
}

std::optional<QByteArray> DirectSeat::receiveFrame(const CallerWake &wake, const std::function<bool()> &giveUp) const
{
    // What the last reader kept first. Then, until the header is in, one read of up to
    // firstReadSize: a small reply's header and payload in one system call. Past that exactly
    // the frame's rest; bytes after the frame are kept in the gate for whoever reads next.
    QByteArray frame = m_gate ? m_gate->takeKept() : QByteArray();
    qsizetype want = FrameDecoder::headerSize; // the frame has at least these
    bool haveLength = false;
    for (;;) {
        if (!haveLength && frame.size() >= FrameDecoder::headerSize) {
            haveLength = true;
            const quint32 payload = qFromBigEndian<quint32>(frame.constData());
            if (qsizetype(payload) > FrameDecoder::defaultMaxFrameSize)
                return std::nullopt; // not the protocol: the pool thread finds out too
            want = FrameDecoder::headerSize + qsizetype(payload);
        }
        if (haveLength && frame.size() >= want) {
            if (frame.size() > want && m_gate)
                m_gate->keep(frame.mid(want));
            frame.truncate(want);
            return frame;
        }
        const qsizetype had = frame.size();
        const qsizetype room = haveLength ? want - had : qMax<qsizetype>(firstReadSize, want - had);
        frame.resize(had + room);
        const ssize_t n = ::read(m_fd, frame.data() + had, size_t(room));
        frame.resize(had + qMax<qsizetype>(n, 0));
        if (n > 0)
            continue;
        if (n == 0)
            return std::nullopt;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return std::nullopt;
        pollfd p[2] = {{m_fd, POLLIN, 0}, {wake.fd(), POLLIN, 0}};
        if (::poll(p, 2, -1) < 0 && errno != EINTR)
            return std::nullopt;
        if (p[1].revents & POLLIN) {
            wake.clear();
            if (giveUp())
                return std::nullopt;
        }
    }
}

bool DirectSeat::send(const QByteArray &frame) const
{
    const char *data = frame.constData();
    qsizetype left = frame.size();
    while (left > 0) {
        const ssize_t n = ::send(m_fd, data, size_t(left), MSG_NOSIGNAL);
        if (n > 0) {
            data += n;
            left -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) { // the socket is non-blocking
            pollfd p{m_fd, POLLOUT, 0};
            if (::poll(&p, 1, -1) < 0 && errno != EINTR)
                return false;
            if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
                return false;
            continue;
        }
        return false;
    }
    return true;
}

} // namespace qmp
