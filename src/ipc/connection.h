#pragma once
// qmp::Connection — one end of a Pipe (multiprocessing.connection.Connection). A value type:
// copies in one process share the end; pass it to a child as a task argument. Thread-safe,
// but like Python's, one reader and one writer per end at a time keeps messages in order.
//
// Messages travel through a MessageRing per direction in the pipe's shared segment (futex
// waits, no fds to hand over, so it works with every start method). send() serialises as CBOR
// in the caller; sendBytes() sends raw bytes.
//
// End of file: an end is open while some live process holds it. Each process registers its
// holds in the segment. A handle on its way to another process is *lent*: it keeps the end open
// for its sender until the receiver attaches, or until it cannot arrive any more — the Process
// it was given to ended or failed to start, the pool job it was given to finished or was
// dropped (InFlightRegistry) — or, for a handle nobody keeps (put in a queue, converted by
// hand), until its sender exits. recv() on an empty end whose peer is closed everywhere, or
// whose holders all died, throws EOFError; poll() then returns true (so the EOF can be read),
// like Python. Messages already sent stay readable while any process holds the reading end:
// a writer that exits, or whose last copy goes, loses nothing.

#include "qmpipc_export.h"
#include "cborconvert.h"
#include "ipchandle.h"

#include <QByteArray>
#include <QCborValue>
#include <QDeadlineTimer>

#include <memory>
#include <optional>

namespace qmp {

class QMP_IPC_EXPORT Connection
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

    // send_bytes(buf, offset, size): size nullopt (Python's None) means to the end. ValueError
    // for a negative offset or size, or a range past the end of buffer.
    void sendBytes(const QByteArray &buffer, qsizetype offset = 0, std::optional<qsizetype> size = std::nullopt);
    // recv_bytes(maxlength): a longer message throws OSError("bad message length") and, like
    // Python's, leaves this end unreadable. nullopt: no limit; negative: ValueError.
    QByteArray recvBytes(std::optional<qsizetype> maxLength = std::nullopt);
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
