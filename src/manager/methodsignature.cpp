#include "methodsignature.h"

#include "ipcerrors.h"

namespace qmp {

void MethodSignature::checkCount(const QString &typeId, const QCborArray &args) const
{
    if (accepts(args.size()))
        return;
    const QString want = minArgs == maxArgs ? QString::number(minArgs) : QStringLiteral("%1 to %2").arg(minArgs).arg(maxArgs);
    throw TypeError(QStringLiteral("%1.%2() takes %3 argument(s), %4 given").arg(typeId, name, want).arg(args.size()));
}

} // namespace qmp
