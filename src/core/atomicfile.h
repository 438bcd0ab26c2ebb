#pragma once
// AtomicFile: replaces a file's contents all at once — a new file is written beside it, synced and
// renamed over it — so a reader (or a restart after a crash) finds either the old contents or the
// new, never a part. Unlike QSaveFile (Qt 6.4), a disk that fills up part-way is an error: QSaveFile
// then commits the part that fitted.

#include "qmpcore_export.h"

#include <QByteArrayView>
#include <QString>

#include <sys/types.h>

namespace qmp {

class QMP_CORE_EXPORT AtomicFile
{
public:
    // Makes `path` hold exactly `bytes`, with permissions `mode` (the umask does not apply). False
    // when anything fails — then `path` is as it was, nothing is left beside it, and *error (when
    // given) names the file and why ("No space left on device").
    static bool replace(const QString &path, QByteArrayView bytes, mode_t mode, QString *error = nullptr);
};

} // namespace qmp
