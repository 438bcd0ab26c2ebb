#pragma once
// The wire format of every QMP channel (worker sockets, later the monitor and manager sockets):
// a frame is a 4-byte big-endian unsigned payload length followed by exactly one CBOR value.
//
// FrameDecoder takes bytes in arbitrary chunks and hands out whole values. It rejects, with a
// message that says what and where: a length above the size cap (before buffering the payload),
// a payload that is not one well-formed CBOR value, and a stream that ends inside a frame.
// After an error the decoder stays failed: the stream is out of sync and must be dropped.
// Not thread-safe; one decoder per stream.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QCborValue>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_EXPORT FrameDecoder
{
public:
    static constexpr qsizetype headerSize = 4;
    static constexpr qsizetype defaultMaxFrameSize = qsizetype(256) * 1024 * 1024;

    explicit FrameDecoder(qsizetype maxFrameSize = defaultMaxFrameSize);

    // Encodes one value as a frame. Throws ValueError when it exceeds maxFrameSize.
    static QByteArray encode(const QCborValue &value, qsizetype maxFrameSize = defaultMaxFrameSize);

    qsizetype maxFrameSize() const { return m_maxFrameSize; }

    // Appends bytes from the stream. Cheap; decoding happens in next().
    void feed(const QByteArray &bytes);
    void feed(const char *data, qsizetype size);

    // The next complete value, or nullopt when more bytes are needed or the decoder failed.
    std::optional<QCborValue> next();

    // Call at end of stream: a partial frame left in the buffer becomes a "truncated" error.
    // Returns false when the stream did not end cleanly.
    bool finish();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // True when next() can return a value (or fail) without more bytes.
    bool hasFrame() const;
    // Bytes received but not yet returned as values.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }
    quint64 framesDecoded() const { return m_frames; }

private:
    void fail(const QString &message);

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_maxFrameSize;
    quint64 m_frames = 0;
    quint64 m_streamOffset = 0; // stream position of m_buffer[0], for messages
    QString m_error;
};

} // namespace qmp
