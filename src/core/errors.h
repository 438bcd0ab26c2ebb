#pragma once
// The exception family of libqmp. Grouped in one header (like <stdexcept>) because each class
// is a name and a message, nothing more. Every message says what failed, on which object, and
// what to do about it.

#include "qmpcore_export.h"
#include <QString>
#include <stdexcept>

namespace qmp {

// Base of every error libqmp throws. what() is UTF-8.
class QMP_CORE_EXPORT Error : public std::runtime_error
{
public:
    explicit Error(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromUtf8(what()); }
};

// Python's ValueError: an argument or an object's state does not allow the call
// (a closed process, a bad option value).
class QMP_CORE_EXPORT ValueError : public Error
{
public:
    using Error::Error;
};

// Python's TypeError: a task was called with arguments of the wrong number or type.
class QMP_CORE_EXPORT TypeError : public Error
{
public:
    using Error::Error;
};

// Python's ProcessError: a process-level operation is not allowed now
// (start twice, join before start, a daemon starting children, a program that cannot run).
class QMP_CORE_EXPORT ProcessError : public Error
{
public:
    using Error::Error;
};

// multiprocessing.TimeoutError: a blocking call ran out of time. A ProcessError, like Python's.
class QMP_CORE_EXPORT TimeoutError : public ProcessError
{
public:
    using ProcessError::ProcessError;
};

// multiprocessing.AuthenticationError: an authkey handshake failed, in either direction (a wrong
// or missing key, a peer that does not follow the protocol or not in time). The connection is
// closed; nothing was done on the other side.
class QMP_CORE_EXPORT AuthenticationError : public ProcessError
{
public:
    using ProcessError::ProcessError;
};

// A worker died (killed, crashed, exited) while it ran a task; the message names the worker's
// pid, how it ended, and the task.
class QMP_CORE_EXPORT WorkerLostError : public ProcessError
{
public:
    using ProcessError::ProcessError;
};

// A task was cancelled on purpose (Pool::cancelTask): queued, it never ran; running, its worker
// was killed. Not retried.
class QMP_CORE_EXPORT CancelledError : public ProcessError
{
public:
    using ProcessError::ProcessError;
};

// A task failed in another process. type() is the C++ type name of what was thrown there,
// context() says where (task, process name, pid).
class QMP_CORE_EXPORT RemoteError : public Error
{
public:
    RemoteError(const QString &type, const QString &message, const QString &context)
        : Error(context.isEmpty() ? type + QLatin1String(": ") + message
                                  : type + QLatin1String(": ") + message
                                        + QLatin1String(" (") + context + QLatin1Char(')'))
        , m_type(type), m_message(message), m_context(context)
    {
    }
    QString type() const { return m_type; }
    QString remoteMessage() const { return m_message; }
    QString context() const { return m_context; }

private:
    QString m_type;
    QString m_message;
    QString m_context;
};

// Thrown by qmp::exit(code) inside a worker to unwind the task; the worker then exits with code.
// Not an Error: catching Error in a task must not swallow an exit request.
class QMP_CORE_EXPORT SystemExit
{
public:
    explicit SystemExit(int code) : m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

} // namespace qmp
