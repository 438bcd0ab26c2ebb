#pragma once
// Event-driven frame I/O on a connected stream socket, for the side that runs an event loop
// (the parent of a worker). Owns the descriptor and makes it non-blocking.
//
// frameReceived() fires once per decoded value, in order, on the channel's thread;
// framesDelivered() after the last value of one read, so a receiver can act once per burst.
// closed() fires exactly once: at end of stream, on a read error, on a malformed frame
// (errorString() says which), or after close(). A failed write (the peer stopped reading) only
// stops writing: frames the peer sent before are still delivered, up to end of stream.
// With a read gate (setReadGate) another thread may read the socket too: the channel reads only
// while it holds the gate, leaves it between whole frames, and waits to be resumed when the other
// reader has it, and reads first what the other reader kept in the gate past its frame.

#include "qmpcore_export.h"
#include "framedecoder.h"

#include <QByteArray>
#include <QCborValue>
#include <QDeadlineTimer>
#include <QObject>

#include <memory>

class QSocketNotifier;

namespace qmp {

class ChannelReadGate;

class QMP_CORE_EXPORT FrameChannel : public QObject
{
    Q_OBJECT
public:
    explicit FrameChannel(int fd, QObject *parent = nullptr,
                          qsizetype maxFrameSize = FrameDecoder::defaultMaxFrameSize);
    ~FrameChannel() override;

    // Queues a value; what the socket takes now is written at once, the rest when it can.
    // Throws ValueError for a value above the frame size limit.
    void send(const QCborValue &value);
    // Queues several values and writes them with one system call where the socket allows.
    void send(const QList<QCborValue> &values);
    // The same for frames encoded already (whole frames, FrameDecoder's framing).
    void sendEncoded(QByteArray frames);
    // Blocks until everything queued is written, the deadline passes, or the channel closes.
    bool flush(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));
    // Reads and dispatches everything the socket holds now, without blocking.
    void drain();
    void close();
    // Shares reading with another thread (see above); set before that thread may read.
    void setReadGate(std::shared_ptr<ChannelReadGate> gate);
    // With a read gate: false stops polling the socket (the other thread reads it now; a frame
    // half read is finished first), true polls it again. On by default.
    void setReading(bool reading);

    bool isOpen() const { return m_fd >= 0; }
    // The socket (-1 once closed): for a writer on another thread that owns its own dup().
    int descriptor() const { return m_fd; }
    QString errorString() const { return m_error; }
    qsizetype bytesToWrite() const { return m_out.size() - m_outOffset; }

Q_SIGNALS:
    void frameReceived(const QCborValue &value);
    void framesDelivered();
    void closed();

private:
    void onReadable();
    void readAvailable();
    // Decodes and emits; false once the channel closed (by a receiver, or a malformed frame).
    bool deliver(const char *data, qsizetype size);
    // Reads what the gate kept (a caller read past its frame), unless we do not read now.
    void lookAtKept();
    // Leaves the read gate when no frame is half read.
    void leaveGateBetweenFrames();
    void writePending();
    void shutdown(const QString &error);

    int m_fd;
    FrameDecoder m_decoder;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    QString m_error;
    bool m_writeFailed = false;
    std::shared_ptr<ChannelReadGate> m_gate;
    bool m_inGate = false;
    bool m_readingWanted = true;
};

} // namespace qmp
