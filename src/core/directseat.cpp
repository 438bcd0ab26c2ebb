#include "directseat.h"

#include "workerlane.h"

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
