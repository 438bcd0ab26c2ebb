#pragma once
// MethodSignature: a builtin object's method as its method table lists it — the name and how
// many positional arguments it takes. checkCount() is the one place a call's argument count is
// checked (creation arguments too, as "__init__"). Plain value; thread-safe.

#include "qmpmanager_export.h"
#include <QCborArray>
#include <QString>

namespace qmp {

struct QMP_MANAGER_AUTOTEST_EXPORT MethodSignature
{
    QString name;
    qsizetype minArgs = 0;
    qsizetype maxArgs = 0;

    bool accepts(qsizetype argCount) const { return argCount >= minArgs && argCount <= maxArgs; }
    // TypeError "<typeId>.<name>() takes N argument(s), M given" unless accepts(args.size()).
    void checkCount(const QString &typeId, const QCborArray &args) const;
};

} // namespace qmp
