#pragma once
// MethodCall: one call of a builtin object's method as its handler sees it — the arguments
// (already counted against the method table), the caller (CallContext) and the lock on the
// object's state, held for the whole call and released only while wait() waits. Lives on the
// calling connection's thread for the length of the call.

#include "qmpmanager_export.h"
#include "serverobject.h"

#include <QCborArray>
#include <QDeadlineTimer>

#include <condition_variable>
#include <mutex>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT MethodCall
{
public:
    MethodCall(const QCborArray &args, CallContext &context, std::unique_lock<std::mutex> &lock)
        : m_args(args), m_context(context), m_lock(lock)
    {
    }

    const QCborArray &args() const { return m_args; }
    // Argument i, or fallback when the caller sent fewer.
    QCborValue arg(qsizetype i, const QCborValue &fallback = QCborValue()) const
    {
        return i < m_args.size() ? m_args.at(i) : fallback;
    }
    // Argument i as an integer (TypeError naming what otherwise), fallback when not sent.
    qint64 intArg(qsizetype i, const QString &what, qint64 fallback = 0) const;
    // The caller's connection: the owner of a lock it takes.
    qint64 caller() const { return m_context.connectionId(); }

    // Python's (block, timeout) pair at args i and i + 1 as a deadline: block false → now;
    // timeout in ms, null or negative → forever.
    QDeadlineTimer blockDeadline(qsizetype i) const { return deadlineOf(arg(i), arg(i + 1)); }
    // A timeout alone (ms at arg i; null, negative or absent → forever).
    QDeadlineTimer timeoutDeadline(qsizetype i) const { return deadlineOf(QCborValue(true), arg(i)); }

    // Waits on cv, the object's lock released meanwhile, until done() or the deadline: false
    // on timeout; throws CallAbandoned when the caller is gone (CallContext::wait).
    template <typename Done>
    bool wait(std::condition_variable &cv, QDeadlineTimer deadline, Done done)
    {
        return m_context.wait(m_lock, cv, deadline, done);
    }

    // An integer creation or call argument (TypeError "<what> must be an integer, not <type>").
    static qint64 integer(const QString &what, const QCborValue &v);
    // block false → now. timeoutMs: an integer or a double (rounded up), null, absent or
    // negative → forever (so is a double of a year or more); NaN is a ValueError, any other type
    // a TypeError.
    static QDeadlineTimer deadlineOf(const QCborValue &block, const QCborValue &timeoutMs);

private:
    const QCborArray &m_args;
    CallContext &m_context;
    std::unique_lock<std::mutex> &m_lock;
};

} // namespace qmp
