#include "chunkvalues.h"

#include "errors.h"

#include <QtEndian>

#include <algorithm>

namespace qmp {

namespace {
constexpr qsizetype kWord = sizeof(quint32);

quint32 wordAt(const QByteArray &bytes, qsizetype index)
{
    return qFromUnaligned<quint32>(bytes.constData() + index * kWord);
}
} // namespace

ChunkValues::Builder::Builder(qsizetype count, qsizetype itemSize, qsizetype fieldsPerItem, qsizetype dataBytes)
    : m_itemSize(std::max<qsizetype>(0, itemSize)), m_fieldsPerItem(std::max<qsizetype>(1, fieldsPerItem))
{
    if (m_itemSize != kVariableSize) {
        m_bytes = QByteArray(count * m_itemSize, Qt::Uninitialized);
        return;
    }
    m_ends.reserve(count * m_fieldsPerItem);
    if (dataBytes >= 0) { // the whole arena in one buffer: room for the header, then the data
        m_headerRoom = kWord * (1 + count * m_fieldsPerItem);
        m_bytes.reserve(m_headerRoom + dataBytes);
        m_bytes.resize(m_headerRoom);
    }
}

void ChunkValues::Builder::put(qsizetype i, const void *data, qsizetype size)
{
    if (m_itemSize != kVariableSize) {
        std::memcpy(m_bytes.data() + i * m_itemSize, data, size_t(std::min(size, m_itemSize)));
        return;
    }
    Q_ASSERT(i == m_ends.size() / m_fieldsPerItem);
    Q_UNUSED(i)
    m_bytes.append(static_cast<const char *>(data), size);
    m_ends.append(quint32(m_bytes.size() - m_headerRoom));
}

void ChunkValues::Builder::putEmpty(qsizetype i)
{
    if (m_itemSize != kVariableSize) {
        std::memset(m_bytes.data() + i * m_itemSize, 0, size_t(m_itemSize));
        return;
    }
    Q_ASSERT(i == m_ends.size() / m_fieldsPerItem);
    while (m_ends.size() < (i + 1) * m_fieldsPerItem)
        m_ends.append(quint32(m_bytes.size() - m_headerRoom));
}

QByteArray ChunkValues::Builder::takeBytes()
{
    if (m_itemSize != kVariableSize)
        return std::exchange(m_bytes, {});
    const qsizetype header = kWord * (1 + m_ends.size());
    const qsizetype data = m_bytes.size() - m_headerRoom;
    QByteArray out;
    if (m_headerRoom == header) { // every planned value was put: the header goes in its room
        out = std::exchange(m_bytes, {});
    } else {
        out = QByteArray(header + data, Qt::Uninitialized);
        if (data > 0)
            std::memcpy(out.data() + header, m_bytes.constData() + m_headerRoom, size_t(data));
    }
    char *p = out.data();
    qToUnaligned(quint32(m_ends.size()), p);
    for (qsizetype i = 0; i < m_ends.size(); ++i)
        qToUnaligned(m_ends.at(i), p + kWord * (1 + i));
    m_bytes.clear();
    m_ends.clear();
    m_headerRoom = 0;
    return out;
}

ChunkValues::ChunkValues(QByteArray bytes, qsizetype itemSize, qsizetype fieldsPerItem)
    : m_bytes(std::move(bytes)), m_itemSize(std::max<qsizetype>(0, itemSize)),
      m_fieldsPerItem(m_itemSize == kVariableSize ? std::max<qsizetype>(1, fieldsPerItem) : 1)
{
    if (m_itemSize != kVariableSize)
        m_count = m_bytes.size() / m_itemSize;
    else if (wellFormed(m_bytes, kVariableSize, m_fieldsPerItem))
        m_count = qsizetype(wordAt(m_bytes, 0)) / m_fieldsPerItem;
}

bool ChunkValues::wellFormed(const QByteArray &bytes, qsizetype itemSize, qsizetype fieldsPerItem, QString *why)
{
    auto no = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    if (itemSize < 0)
        return no(QStringLiteral("its item size is %1").arg(itemSize));
    if (itemSize > 0) {
        if (bytes.size() % itemSize != 0)
            return no(QStringLiteral("%1 bytes are not whole items of %2 bytes").arg(bytes.size()).arg(itemSize));
        return true;
    }
    if (fieldsPerItem < 1)
        return no(QStringLiteral("its items have %1 values each").arg(fieldsPerItem));
    if (bytes.size() < kWord)
        return no(QStringLiteral("%1 bytes are too few for an arena's count").arg(bytes.size()));
    const qsizetype count = qsizetype(wordAt(bytes, 0));
    if (count > (bytes.size() - kWord) / kWord)
        return no(QStringLiteral("an arena of %1 bytes cannot hold %2 values").arg(bytes.size()).arg(count));
    if (count % fieldsPerItem != 0)
        return no(QStringLiteral("%1 values are not whole items of %2 values").arg(count).arg(fieldsPerItem));
    const qsizetype data = bytes.size() - kWord * (1 + count);
    quint32 previous = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const quint32 end = wordAt(bytes, 1 + i);
        if (end < previous || qsizetype(end) > data)
            return no(QStringLiteral("value %1 of the arena ends at %2, outside %3..%4").arg(i).arg(end).arg(previous).arg(data));
        previous = end;
    }
    if (qsizetype(previous) != data)
        return no(QStringLiteral("the arena's values end at %1 of its %2 data bytes").arg(previous).arg(data));
    return true;
}

qsizetype ChunkValues::countIn(const QByteArray &bytes, qsizetype itemSize, qsizetype fieldsPerItem)
{
    if (itemSize > 0)
        return bytes.size() / itemSize;
    return bytes.size() >= kWord ? qsizetype(wordAt(bytes, 0)) / std::max<qsizetype>(1, fieldsPerItem) : 0;
}

quint32 ChunkValues::endOf(qsizetype index) const
{
    return index < 0 ? 0 : wordAt(m_bytes, 1 + index);
}

QByteArrayView ChunkValues::value(qsizetype i, qsizetype field) const
{
    if (m_itemSize != kVariableSize)
        return QByteArrayView(m_bytes.constData() + (m_offset + i) * m_itemSize, m_itemSize);
    const qsizetype data = kWord * (1 + qsizetype(wordAt(m_bytes, 0)));
    const qsizetype index = (m_offset + i) * m_fieldsPerItem + field;
    const quint32 begin = endOf(index - 1);
    return QByteArrayView(m_bytes.constData() + data + begin, qsizetype(endOf(index) - begin));
}

ChunkValues ChunkValues::mid(qsizetype first, qsizetype count) const
{
    ChunkValues out = *this;
    first = std::clamp<qsizetype>(first, 0, m_count);
    out.m_offset = m_offset + first;
    out.m_count = std::clamp<qsizetype>(count, 0, m_count - first);
    return out;
}

bool ChunkValues::isWhole() const
{
    if (m_itemSize != kVariableSize)
        return m_offset == 0 && m_count * m_itemSize == m_bytes.size();
    return m_count > 0 && m_offset == 0 && m_count * m_fieldsPerItem == qsizetype(wordAt(m_bytes, 0));
}

QByteArray ChunkValues::bytes() const
{
    if (isWhole())
        return m_bytes; // shared, not copied
    QByteArray out;
    out.reserve(byteSize());
    appendBytes(out);
    return out;
}

qsizetype ChunkValues::byteSize() const
{
    if (m_itemSize != kVariableSize)
        return m_count * m_itemSize;
    if (m_count == 0)
        return kWord;
    const qsizetype first = m_offset * m_fieldsPerItem;
    const qsizetype count = m_count * m_fieldsPerItem;
    return kWord * (1 + count) + qsizetype(endOf(first + count - 1) - endOf(first - 1));
}

void ChunkValues::appendBytes(QByteArray &out) const
{
    if (isWhole()) {
        out.append(m_bytes);
        return;
    }
    if (m_itemSize != kVariableSize) {
        out.append(m_bytes.constData() + m_offset * m_itemSize, m_count * m_itemSize);
        return;
    }
    if (m_count == 0) {
        out.append(QByteArray(kWord, '\0'));
        return;
    }
    const qsizetype first = m_offset * m_fieldsPerItem; // in values
    const qsizetype count = m_count * m_fieldsPerItem;
    const quint32 base = endOf(first - 1);
    const quint32 end = endOf(first + count - 1);
    const qsizetype data = kWord * (1 + qsizetype(wordAt(m_bytes, 0)));
    const qsizetype at = out.size();
    out.resize(at + kWord * (1 + count));
    char *p = out.data() + at;
    qToUnaligned(quint32(count), p);
    for (qsizetype i = 0; i < count; ++i)
        qToUnaligned(endOf(first + i) - base, p + kWord * (1 + i));
    out.append(m_bytes.constData() + data + base, qsizetype(end - base));
}

void ChunkValues::checkItemSize(qsizetype size) const
{
    if (m_fieldsPerItem != 1)
        throw TypeError(QStringLiteral("packed items of %1 values each cannot be one value").arg(m_fieldsPerItem));
    if (size == m_itemSize)
        return;
    const QString have = m_itemSize == kVariableSize ? QStringLiteral("values of any length")
                                                     : QStringLiteral("values of %1 bytes each").arg(m_itemSize);
    const QString want = size == kVariableSize ? QStringLiteral("values of any length") : QStringLiteral("values of %1 bytes").arg(size);
    throw TypeError(QStringLiteral("packed %1 cannot be %2").arg(have, want));
}

} // namespace qmp
