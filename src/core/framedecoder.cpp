#include "framedecoder.h"

#include "errors.h"
#include "fastcbor.h"

#include <QCborStreamReader>
#include <QtEndian>

namespace qmp {

FrameDecoder::FrameDecoder(qsizetype maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{
}

QByteArray FrameDecoder::encode(const QCborValue &value, qsizetype maxFrameSize)
{
    QByteArray frame(headerSize, Qt::Uninitialized);
    FastCbor::encodeInto(frame, value);
    const qsizetype payload = frame.size() - headerSize;
    if (payload > maxFrameSize || payload > qsizetype(0xffffffffu)) {
        throw ValueError(QStringLiteral("cannot send a value of %1 bytes: the frame limit is %2 bytes")
                             .arg(payload)
                             .arg(maxFrameSize));
    }
    qToBigEndian<quint32>(quint32(payload), frame.data());
    return frame;
}

void FrameDecoder::feed(const QByteArray &bytes)
{
    feed(bytes.constData(), bytes.size());
}

void FrameDecoder::feed(const char *data, qsizetype size)
{
    if (hasError() || size <= 0)
        return;
    // Drop consumed bytes before growing, so a long stream does not keep its history.
    if (m_offset > 0 && (m_offset == m_buffer.size() || m_offset > 64 * 1024)) {
        m_buffer.remove(0, m_offset);
        m_streamOffset += quint64(m_offset);
        m_offset = 0;
    }
    m_buffer.append(data, size);
}

bool FrameDecoder::hasFrame() const
{
    if (hasError() || bufferedBytes() < headerSize)
        return false;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + m_offset);
    return length == 0 || qsizetype(length) > m_maxFrameSize || bufferedBytes() - headerSize >= qsizetype(length);
}

std::optional<QCborValue> FrameDecoder::next()
{
    if (hasError() || bufferedBytes() < headerSize)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + m_offset);
    const quint64 frameStart = m_streamOffset + quint64(m_offset);
    if (qsizetype(length) > m_maxFrameSize) {
        fail(QStringLiteral("frame at byte %1 declares %2 bytes, above the limit of %3 bytes")
                 .arg(frameStart)
                 .arg(length)
                 .arg(m_maxFrameSize));
        return std::nullopt;
    }
    if (length == 0) {
        fail(QStringLiteral("frame at byte %1 is empty: a frame holds exactly one CBOR value").arg(frameStart));
        return std::nullopt;
    }
    if (bufferedBytes() - headerSize < qsizetype(length))
        return std::nullopt;

    // The common frames without a QCborStreamReader (its value owns its data); Qt's decoder for
    // the rest, and to say what is wrong with a malformed one.
    if (std::optional<QCborValue> common = FastCbor::decodeCommon(m_buffer.constData() + m_offset + headerSize, length)) {
        m_offset += headerSize + qsizetype(length);
        ++m_frames;
        return common;
    }
    // A copy: the decoded value must not point into our buffer, which we reuse.
    const QByteArray payload = m_buffer.mid(m_offset + headerSize, length);
    QCborStreamReader reader(payload);
    QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError) {
        fail(QStringLiteral("frame at byte %1 (%2 bytes) is not valid CBOR: %3 at payload offset %4")
                 .arg(frameStart)
                 .arg(length)
                 .arg(reader.lastError().toString())
                 .arg(reader.currentOffset()));
        return std::nullopt;
    }
    if (reader.currentOffset() != qint64(length)) {
        fail(QStringLiteral("frame at byte %1 (%2 bytes) has %3 bytes after its CBOR value")
                 .arg(frameStart)
                 .arg(length)
                 .arg(qint64(length) - reader.currentOffset()));
        return std::nullopt;
    }
    m_offset += headerSize + qsizetype(length);
    ++m_frames;
    return value;
}

bool FrameDecoder::finish()
{
    if (hasError())
        return false;
    if (bufferedBytes() > 0) {
        const quint64 frameStart = m_streamOffset + quint64(m_offset);
        if (bufferedBytes() < headerSize) {
            fail(QStringLiteral("stream ended inside the header of the frame at byte %1 (%2 of 4 bytes)")
                     .arg(frameStart)
                     .arg(bufferedBytes()));
        } else {
            const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + m_offset);
            fail(QStringLiteral("stream ended inside the frame at byte %1: %2 of %3 payload bytes arrived")
                     .arg(frameStart)
                     .arg(bufferedBytes() - headerSize)
                     .arg(length));
        }
        return false;
    }
    return true;
}

void FrameDecoder::fail(const QString &message)
{
    m_error = message;
    m_buffer.clear();
    m_offset = 0;
}

} // namespace qmp
