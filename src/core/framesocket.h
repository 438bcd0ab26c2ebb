#pragma once
// FrameSocket: length-prefixed frames (4-byte big-endian length, as on every QMP channel and as
// Python's multiprocessing.connection writes them, then the payload) on a blocking stream socket
// it owns. Used by managers and by Listener / Client connections. One thread reads and one
// writes at a time; peerGone() may be called from the thread that owns it while that thread is
// busy elsewhere (it only polls); shutdown() from any thread.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_EXPORT FrameSocket
{
public:
    // Frames above this size are refused as a protocol error (a corrupt or hostile peer).
    static constexpr quint32 maxFrame = 256u << 20; // 256 MiB, FrameDecoder's default cap

    explicit FrameSocket(int fd);
    ~FrameSocket();
    FrameSocket(const FrameSocket &) = delete;
    FrameSocket &operator=(const FrameSocket &) = delete;

    int fd() const { return m_fd; }
    // Sends frame, which already starts with its 4-byte length (see ManagerWire); false when
    // the peer is gone (lastError() says why). Never raises SIGPIPE.
    bool sendFrame(const QByteArray &frame);
    // Prefixes payload with its length and sends it.
    bool send(const QByteArray &payload);
    // Why the last receive() returned nullopt.
    enum class Status { Ok, End, TooLarge, TimedOut, Failed };

    // The next frame's payload, or nullopt (status() says why): at the end of the stream (End:
    // at a frame boundary; Failed: inside a frame), on an error, when the next frame is longer
    // than maxBytes (TooLarge: nothing of it is read; the stream is out of step), or when the
    // deadline passes first (TimedOut: a partial frame stays buffered). The deadline covers the
    // whole frame, so a peer trickling bytes cannot stretch it. timeoutMs < 0 waits forever.
    std::optional<QByteArray> receive(int timeoutMs = -1);
    std::optional<QByteArray> receive(QDeadlineTimer deadline, quint32 maxBytes = maxFrame);
    Status status() const { return m_status; }
    // True when a whole frame, or part of one, is buffered (poll() says whether more is coming).
    bool hasBufferedBytes() const { return m_pos < m_buffer.size(); }
    // Passes a descriptor to the peer (Unix sockets only) with one byte; false on failure.
    bool sendDescriptor(int fd);
    // The descriptor the peer passed with sendDescriptor(), or -1 (lastError() says why).
    // Only when no received bytes are still buffered.
    int receiveDescriptor(int timeoutMs);
    // True when the peer closed or reset the connection (without reading anything).
    bool peerGone() const;
    // Wakes a thread blocked in receive() on this socket (it then returns nullopt).
    void shutdown();
    QString lastError() const { return m_error; }

private:
    bool fill(QDeadlineTimer deadline);

    int m_fd;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    QString m_error;
    Status m_status = Status::Ok;
};

} // namespace qmp
