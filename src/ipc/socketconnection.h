#pragma once
// qmp::SocketConnection — a multiprocessing.connection.Connection over a socket: what
// Listener::accept() and Client() return, between processes that need not be related (another
// program, another machine). The same calls as a Pipe's qmp::Connection: send / recv (CBOR
// values), sendBytes / recvBytes / recvBytesInto (raw bytes), poll, close. Messages are framed
// as Python's are (a 4-byte big-endian length, then the bytes), at most 256 MiB each.
//
// A value type: copies share the socket. Like Python's, one reader and one writer may use it at
// once (from different threads); two readers or two writers at a time mix their messages. It
// cannot be passed to another process as a task argument (it has no IPC handle).
//
// End of file: recv() after the peer closed (or exited) and everything it sent was read throws
// EOFError; poll() is then true, so the EOF can be read, like Python's.

#include "qmpipc_export.h"
#include "cborconvert.h"

#include <QByteArray>
#include <QCborValue>
#include <QDeadlineTimer>
#include <QString>

#include <memory>

namespace qmp {

class FrameSocket;

class QMP_IPC_EXPORT SocketConnection
{
public:
    struct Impl;

    // Takes over a connected socket (what Listener and Client hand out). peer names the other
    // side in messages.
    SocketConnection(std::unique_ptr<FrameSocket> socket, const QString &peer);

    // Python's send(obj). OSError on a closed connection or when the peer is gone; ValueError
    // for a message above 256 MiB.
    template <typename T>
    void send(const T &obj) { sendValue(qmp::toCbor(obj)); }
    void sendValue(const QCborValue &value);
    // Python's recv(): blocks for the next message. EOFError after the peer closed, OSError on a
    // closed connection, ValueError when the message is not CBOR (use recvBytes()).
    QCborValue recv();
    template <typename T>
    T recvAs() { return CborConvert<T>::fromCbor(recv()); }

    // send_bytes(buf, offset, size): size -1 (only) means to the end; ValueError for a bad range.
    void sendBytes(const QByteArray &buffer, qsizetype offset = 0, qsizetype size = -1);
    // recv_bytes(maxlength): a longer message throws OSError("bad message length") and, like
    // Python's, leaves the connection unreadable. -1: no limit (but 256 MiB).
    QByteArray recvBytes(qsizetype maxLength = -1);
    // recv_bytes_into(buf, offset): copies the message into buffer at offset and returns its
    // length; BufferTooShort (carrying the message) when it does not fit.
    qsizetype recvBytesInto(QByteArray &buffer, qsizetype offset = 0);

    // True when recv() would not block for long: bytes of a message have arrived, or the peer
    // closed. Waits up to timeoutMs (0: just checks; negative: forever).
    bool poll(int timeoutMs = 0);
    bool poll(QDeadlineTimer deadline);

    // Shuts the connection down (the peer reads EOF at once); later calls throw
    // OSError("handle is closed"). The descriptor is released with the last copy.
    void close();
    bool closed() const;
    bool readable() const { return true; }
    bool writable() const { return true; }
    // The socket descriptor (Python's fileno()), for poll() / select() of your own; -1 once closed.
    int fileno() const;
    // The other side's address ("127.0.0.1:40418", "@name", "" for an unnamed Unix socket).
    QString peer() const;

private:
    void ensureOpen(const char *operation) const;

    std::shared_ptr<Impl> m_impl;
};

} // namespace qmp
