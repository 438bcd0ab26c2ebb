#pragma once
// Blocking frame I/O on a connected stream socket, for the worker side of a channel, which
// needs no event loop: read a frame, do the work, write a frame. Owns the descriptor.
// Not thread-safe. Writes never raise SIGPIPE: a vanished peer is an error return.

#include "qmpcore_export.h"
#include "framedecoder.h"

#include <QCborValue>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT FrameStream
{
public:
    explicit FrameStream(int fd, qsizetype maxFrameSize = FrameDecoder::defaultMaxFrameSize);
    ~FrameStream();
    FrameStream(const FrameStream &) = delete;
    FrameStream &operator=(const FrameStream &) = delete;

    // The next value; nullopt at a clean end of stream or on error (see errorString()).
    std::optional<QCborValue> read();
    // True when the next read() returns without waiting for the peer.
    bool hasBufferedFrame() const { return m_decoder.hasFrame(); }
    // Encodes value as a frame and writes it; true when it was all written. False when it cannot
    // be encoded (too large) or the write failed (errorString() says which).
    bool write(const QCborValue &value);
    // Writes bytes that already are whole frames; true when they were all written.
    bool writeBytes(const char *data, qsizetype size);
    qsizetype maxFrameSize() const { return m_decoder.maxFrameSize(); }

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
    QString m_encodeError; // the last value write() could not encode; the stream stays usable
    QString m_error;
};

} // namespace qmp
