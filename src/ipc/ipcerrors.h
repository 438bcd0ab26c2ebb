#pragma once
// The exceptions of the IPC layer, named after Python's. Grouped in one header (like errors.h)
// because each is a name and a message.

#include "errors.h"

#include <QByteArray>

namespace qmp {

// queue.Full: put() on a full bounded queue, without blocking or past its timeout.
class Full : public Error
{
public:
    using Error::Error;
};

// queue.Empty: get() on an empty queue, without blocking or past its timeout.
class Empty : public Error
{
public:
    using Error::Error;
};

// threading.BrokenBarrierError: the barrier was aborted, reset, or a wait timed out.
class BrokenBarrierError : public Error
{
public:
    using Error::Error;
};

// EOFError: recv() on a connection whose peer closed and that has nothing left to read.
class EOFError : public Error
{
public:
    using Error::Error;
};

// OSError: a closed handle, a bad message length, a system call that failed.
class OSError : public Error
{
public:
    using Error::Error;
};

// FileNotFoundError: attaching to a name that does not exist (or was unlinked).
class FileNotFoundError : public OSError
{
public:
    using OSError::OSError;
};

// FileExistsError: creating a name that already exists.
class FileExistsError : public OSError
{
public:
    using OSError::OSError;
};

// IndexError: an index out of range (Array, and the manager's list and array proxies).
class IndexError : public Error
{
public:
    using Error::Error;
};

// AssertionError: releasing an RLock not owned, using a Condition without holding its lock.
class AssertionError : public Error
{
public:
    using Error::Error;
};

// multiprocessing.BufferTooShort: recvBytesInto() with a buffer smaller than the message;
// message() is the text, data() the whole message (Python's args[0]).
class BufferTooShort : public Error
{
public:
    BufferTooShort(const QString &text, const QByteArray &data) : Error(text), m_data(data) {}
    QByteArray data() const { return m_data; }

private:
    QByteArray m_data;
};

} // namespace qmp
