#pragma once
// Blocking frame I/O on a connected stream socket, for the worker side of a channel, which
// needs no event loop: read a frame, do the work, write a frame. Owns the descriptor.
// Not thread-safe. Writes never raise SIGPIPE: a vanished peer is an error return.

#include "framedecoder.h"

#include <QCborValue>
#include <QString>

#include <optional>

namespace qmp {

class FrameStream
{
public:
    explicit FrameStream(int fd, qsizetype maxFrameSize = FrameDecoder::defaultMaxFrameSize);
    ~FrameStream();
    FrameStream(const FrameStream &) = delete;
    FrameStream &operator=(const FrameStream &) = delete;

    // The next value; nullopt at a clean end of stream or on error (see errorString()).
    // It does not write what queue() holds: flush() before a read that may wait for the peer.
    std::optional<QCborValue> read();
    // True when the next read() returns without waiting for the peer.
    bool hasBufferedFrame() const { return m_decoder.hasFrame(); }
    // Queues a frame and writes everything queued; true when it was all written.
    bool write(const QCborValue &value);
    // Queues a frame to be written by the next write() or flush(): many small frames in one
    // system call. False when the value cannot be encoded (errorString() says why).
    bool queue(const QCborValue &value);
    bool flush();
    qsizetype queuedBytes() const { return m_out.size(); }
    // The queued bytes, for a crash handler to write out (ReplyBatcher::writeHeldOnCrash; safe
    // to read while no queue() or flush() runs).
    const char *queuedData() const { return m_out.constData(); }

    bool atEnd() const { return m_atEnd; }
    // True after a write found the peer gone (it closed its end or exited).
    bool peerClosed() const { return m_peerClosed; }
    QString errorString() const;
    int fd() const { return m_fd; }

private:
    int m_fd;
    FrameDecoder m_decoder;
    bool m_atEnd = false;
    bool m_peerClosed = false;
    QByteArray m_out;
    QString m_encodeError; // the last value queue() could not encode; the stream stays usable
    QString m_error;
};

} // namespace qmp
