#include "methodcall.h"

#include "cborconvert.h"
#include "ipcerrors.h"

namespace qmp {

qint64 MethodCall::intArg(qsizetype i, const QString &what, qint64 fallback) const
{
    return i < m_args.size() ? integer(what, m_args.at(i)) : fallback;
}

qint64 MethodCall::integer(const QString &what, const QCborValue &v)
{
    if (!v.isInteger())
        throw TypeError(QStringLiteral("%1 must be an integer, not %2").arg(what, cborTypeName(v)));
    return v.toInteger();
}

QDeadlineTimer MethodCall::deadlineOf(const QCborValue &block, const QCborValue &timeoutMs)
{
    if (block.isBool() && !block.toBool())
        return QDeadlineTimer(0);
    if (timeoutMs.isNull() || timeoutMs.isUndefined() || timeoutMs.toInteger(-1) < 0)
        return QDeadlineTimer(QDeadlineTimer::Forever);
    return QDeadlineTimer(timeoutMs.toInteger(), Qt::PreciseTimer);
}

} // namespace qmp
