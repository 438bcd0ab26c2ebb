#pragma once
// qmp::Connection — one end of a Pipe (multiprocessing.connection.Connection). A value type:
// copies in one process share the end; pass it to a child as a task argument. Thread-safe,
// but like Python's, one reader and one writer per end at a time keeps messages in order.
//
// Messages travel through a MessageRing per direction in the pipe's shared segment (futex
// waits, no fds to hand over, so it works with every start method). send() serialises as CBOR
// in the caller; sendBytes() sends raw bytes.
//
// End of file: an end is open while some live process holds it (each process registers its
// hold in the segment; a handle in flight to a child counts for its sender until the child
// attaches). recv() on an empty end whose peer is closed everywhere, or whose holders all died,
// throws EOFError; poll() then returns true (so the EOF can be read), like Python.

#include "cborconvert.h"
#include "ipchandle.h"

#include <QByteArray>
#include <QCborValue>
#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class Connection
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Pipe;
    struct Impl;

    // Python's send(obj). Throws OSError on a closed or read-only end, or when the peer is gone.
    template <typename T>
    void send(const T &obj) { sendValue(qmp::toCbor(obj)); }
    void sendValue(const QCborValue &value);
    // Python's recv(): blocks for the next message. EOFError after the peer closed, OSError on a
    // closed or write-only end, ValueError when the message is not CBOR (use recvBytes()).
    QCborValue recv();
    template <typename T>
    T recvAs() { return CborConvert<T>::fromCbor(recv()); }

    // send_bytes(buf, offset, size): size -1 means to the end. ValueError for a bad range.
    void sendBytes(const QByteArray &buffer, qsizetype offset = 0, qsizetype size = -1);
    // recv_bytes(maxlength): a longer message throws OSError("bad message length") and, like
    // Python's, leaves this end unreadable. -1: no limit.
    QByteArray recvBytes(qsizetype maxLength = -1);
    // recv_bytes_into(buf, offset): copies the message into buffer at offset and returns its
    // length; BufferTooShort (carrying the message) when it does not fit.
    qsizetype recvBytesInto(QByteArray &buffer, qsizetype offset = 0);

    // True when recv() would not block (a message, or EOF). Waits up to timeoutMs
    // (0: just checks; negative: forever).
    bool poll(int timeoutMs = 0) { return poll(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs, Qt::PreciseTimer)); }
    bool poll(QDeadlineTimer deadline);

    // Releases this process's hold on the end; later calls throw OSError("handle is closed").
    void close();
    bool closed() const;
    bool readable() const;
    bool writable() const;

    IpcHandle handle() const;
    static Connection fromHandle(const IpcHandle &handle);

    // Used by Pipe(): the two ends of a new pipe.
    static std::pair<Connection, Connection> createPair(bool duplex, qsizetype ringBytes);

private:
    explicit Connection(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}
    void ensureUsable(bool forReading, const char *operation) const;

    std::shared_ptr<Impl> m_impl;
};

} // namespace qmp

QMP_IPC_CBOR(Connection)
