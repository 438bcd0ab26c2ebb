#include "inheriteddescriptors.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace qmp {

namespace {

// Descriptors lo..hi (inclusive); true when the kernel did it (close_range, Linux 5.9 / 5.11).
bool dropRange(unsigned lo, unsigned hi, bool closeOnExecOnly)
{
    if (lo > hi)
        return true;
    if (::syscall(SYS_close_range, lo, hi, closeOnExecOnly ? CLOSE_RANGE_CLOEXEC : 0u) == 0)
        return true;
    // An older kernel: one by one, up to the descriptor limit.
    rlimit limit {};
    unsigned last = 65535;
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 65536)
        last = unsigned(limit.rlim_cur) - 1;
    for (unsigned fd = lo; fd <= hi && fd <= last; ++fd) {
        if (closeOnExecOnly) {
            const int flags = ::fcntl(int(fd), F_GETFD);
            if (flags >= 0)
                ::fcntl(int(fd), F_SETFD, flags | FD_CLOEXEC);
        } else {
            ::close(int(fd));
        }
    }
    return false;
}

} // namespace

void dropInheritedDescriptors(const int *keep, int count, bool closeOnExecOnly)
{
    int sorted[8];
    int n = 0;
    for (int i = 0; i < count && n < 8; ++i) {
        if (keep[i] < 3)
            continue;
        int j = n++;
        for (; j > 0 && sorted[j - 1] > keep[i]; --j)
            sorted[j] = sorted[j - 1];
        sorted[j] = keep[i];
    }
    unsigned from = 3;
    for (int i = 0; i < n; ++i) {
        if (unsigned(sorted[i]) >= from) {
            dropRange(from, unsigned(sorted[i]) - 1, closeOnExecOnly);
            from = unsigned(sorted[i]) + 1;
        }
    }
    dropRange(from, ~0u, closeOnExecOnly);
}

} // namespace qmp
