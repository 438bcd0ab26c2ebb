#include "methodcall.h"

#include "cborconvert.h"
#include "ipcerrors.h"

#include <cmath>

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
    if (timeoutMs.isNull() || timeoutMs.isUndefined())
        return QDeadlineTimer(QDeadlineTimer::Forever);
    if (timeoutMs.isInteger()) {
        const qint64 ms = timeoutMs.toInteger();
        return ms < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(ms, Qt::PreciseTimer);
    }
    if (timeoutMs.isDouble()) {
        const double ms = timeoutMs.toDouble();
        if (std::isnan(ms))
            throw ValueError(QStringLiteral("timeout must be a number of milliseconds, not NaN"));
        // A year of milliseconds is "forever" for a wait; beyond qint64 it could not be converted.
        if (ms < 0 || ms >= 365.0 * 24 * 3600 * 1000)
            return QDeadlineTimer(QDeadlineTimer::Forever);
        return QDeadlineTimer(qint64(std::ceil(ms)), Qt::PreciseTimer);
    }
    throw TypeError(QStringLiteral("timeout must be a number of milliseconds, not %1").arg(cborTypeName(timeoutMs)));
}

} // namespace qmp
