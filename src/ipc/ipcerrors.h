#pragma once
// The exceptions of the IPC layer, named after Python's. Grouped in one header (like errors.h)
// because each is a name and a message.

#include "qmpipc_export.h"
#include "errors.h"

#include <QByteArray>

namespace qmp {

// queue.Full: put() on a full bounded queue, without blocking or past its timeout.
class QMP_IPC_EXPORT Full : public Error
{
public:
    using Error::Error;
};

// queue.Empty: get() on an empty queue, without blocking or past its timeout.
class QMP_IPC_EXPORT Empty : public Error
{
public:
    using Error::Error;
};

// threading.BrokenBarrierError: the barrier was aborted, reset, or a wait timed out.
class QMP_IPC_EXPORT BrokenBarrierError : public Error
{
public:
    using Error::Error;
};

// EOFError: recv() on a connection whose peer closed and that has nothing left to read.
class QMP_IPC_EXPORT EOFError : public Error
{
public:
    using Error::Error;
};

// OSError: a closed handle, a bad message length, a system call that failed.
class QMP_IPC_EXPORT OSError : public Error
{
public:
    using Error::Error;
};

// FileNotFoundError: attaching to a name that does not exist (or was unlinked).
class QMP_IPC_EXPORT FileNotFoundError : public OSError
{
public:
    using OSError::OSError;
};

// FileExistsError: creating a name that already exists.
class QMP_IPC_EXPORT FileExistsError : public OSError
{
public:
    using OSError::OSError;
};

// IndexError: an index out of range (Array, and the manager's list and array proxies).
class QMP_IPC_EXPORT IndexError : public Error
{
public:
    using Error::Error;
};

// AssertionError: releasing an RLock not owned, using a Condition without holding its lock.
class QMP_IPC_EXPORT AssertionError : public Error
{
public:
    using Error::Error;
};

// multiprocessing.BufferTooShort: recvBytesInto() with a buffer smaller than the message;
// message() is the text, data() the whole message (Python's args[0]).
class QMP_IPC_EXPORT BufferTooShort : public Error
{
public:
    BufferTooShort(const QString &text, const QByteArray &data) : Error(text), m_data(data) {}
    QByteArray data() const { return m_data; }

private:
    QByteArray m_data;
};

} // namespace qmp
