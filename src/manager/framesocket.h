#pragma once
// FrameSocket: length-prefixed frames (4-byte big-endian length, as on every QMP channel, then
// the payload) on a blocking stream socket it owns. One thread uses it at a time; peerGone() may
// be called from the thread that owns it while that thread is busy elsewhere (it only polls).

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

#include <optional>

namespace qmp {

class FrameSocket
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
    // The next frame's payload, or nullopt on end of stream, error, a frame above
    // frameLimit() (refused from its length, before its bytes are read) or the deadline.
    // timeoutMs < 0 waits forever (or until the deadline).
    std::optional<QByteArray> receive(int timeoutMs = -1);
    // The largest frame receive() accepts (maxFrame by default): small until the peer is trusted.
    void setFrameLimit(quint32 limit) { m_frameLimit = limit; }
    quint32 frameLimit() const { return m_frameLimit; }
    // Every receive() ends by this deadline, however the peer trickles its bytes (a handshake's
    // total time); Forever by default.
    void setDeadline(QDeadlineTimer deadline) { m_deadline = deadline; }
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
    bool fill(int timeoutMs);

    int m_fd;
    quint32 m_frameLimit = maxFrame;
    QDeadlineTimer m_deadline{QDeadlineTimer::Forever};
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace qmp
