#include "chunkvalues.h"

#include "errors.h"

#include <algorithm>

namespace qmp {

ChunkValues::ChunkValues(QByteArray bytes, qsizetype itemSize)
    : m_bytes(std::move(bytes)), m_itemSize(std::max<qsizetype>(1, itemSize)), m_count(m_bytes.size() / m_itemSize)
{
}

ChunkValues ChunkValues::mid(qsizetype first, qsizetype count) const
{
    ChunkValues out = *this;
    first = std::clamp<qsizetype>(first, 0, m_count);
    out.m_offset = m_offset + first;
    out.m_count = std::clamp<qsizetype>(count, 0, m_count - first);
    return out;
}

void ChunkValues::checkItemSize(size_t size) const
{
    if (qsizetype(size) != m_itemSize) {
        throw TypeError(QStringLiteral("packed values of %1 bytes each cannot be values of %2 bytes")
                            .arg(m_itemSize)
                            .arg(qsizetype(size)));
    }
}

} // namespace qmp
