#include "rawoutput.h"

#include <cerrno>

#include <unistd.h>

namespace qmp {

bool RawOutput::writeAll(int fd, QByteArrayView bytes)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + at, size_t(bytes.size() - at));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        at += n;
    }
    return true;
}

} // namespace qmp
