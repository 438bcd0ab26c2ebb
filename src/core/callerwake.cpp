#include "callerwake.h"

#include <QtGlobal>

#include <sys/eventfd.h>
#include <unistd.h>

namespace qmp {

const std::shared_ptr<CallerWake> &CallerWake::forThisThread()
{
    thread_local const std::shared_ptr<CallerWake> wake = std::make_shared<CallerWake>();
    return wake;
}

CallerWake::CallerWake() : m_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CallerWake::~CallerWake()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void CallerWake::ring() const
{
    if (m_fd < 0)
        return;
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_fd, &one, sizeof one);
}

void CallerWake::clear() const
{
    if (m_fd < 0)
        return;
    quint64 count = 0;
    [[maybe_unused]] const ssize_t n = ::read(m_fd, &count, sizeof count);
}

} // namespace qmp
