#pragma once
// RawOutput: bytes written to a file descriptor as they are (a job's captured output, a progress
// line, a worker's stderr passed on), not through a QTextStream.

#include "qmpcore_export.h"

#include <QByteArrayView>

namespace qmp {

class QMP_CORE_EXPORT RawOutput
{
public:
    // Writes every byte of `bytes` to `fd`, across partial writes and writes interrupted by a
    // signal (EINTR). False when the descriptor fails (a closed pipe, a full disk, a bad fd); errno
    // then says why and an unknown part of `bytes` was written.
    static bool writeAll(int fd, QByteArrayView bytes);
};

} // namespace qmp
