#include "atomicfile.h"

#include "rawoutput.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

bool AtomicFile::replace(const QString &path, QByteArrayView bytes, mode_t mode, QString *error)
{
    const QByteArray target = QFile::encodeName(path);
    QByteArray temporary = target + ".XXXXXX";
    const char *step = "write";
    int why = 0;
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        why = errno;
    } else {
        bool ok = ::fchmod(fd, mode) == 0 && RawOutput::writeAll(fd, bytes) && ::fdatasync(fd) == 0;
        why = ok ? 0 : errno;
        if (::close(fd) != 0 && ok) {
            ok = false;
            why = errno;
        }
        if (ok) {
            step = "replace";
            if (::rename(temporary.constData(), target.constData()) == 0)
                return true;
            why = errno;
        }
        ::unlink(temporary.constData());
    }
    if (error)
        *error = QStringLiteral("cannot %1 %2: %3").arg(QLatin1String(step), path, QString::fromLocal8Bit(std::strerror(why)));
    return false;
}

} // namespace qmp
