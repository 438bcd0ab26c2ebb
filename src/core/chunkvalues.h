#pragma once
// ChunkValues: the values of a packed chunk (a map's calls of a Packable task, packedtask.h):
// size() values of itemSize() bytes each, one after another, exactly as the worker wrote them.
// A value type; copies and mid() share the bytes.

#include "packable.h"
#include "qmpcore_export.h"

#include <QByteArray>
#include <QList>


namespace qmp {

class QMP_CORE_EXPORT ChunkValues
{
public:
    ChunkValues() = default;
    // bytes: whole values of itemSize (>= 1) bytes; a trailing part of one is ignored.
    ChunkValues(QByteArray bytes, qsizetype itemSize);

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    qsizetype itemSize() const { return m_itemSize; }
    // Value i's bytes start at data() + i * itemSize().
    const char *data() const { return m_bytes.constData() + m_offset * m_itemSize; }
    // Values first .. first + count - 1 (clamped), sharing the bytes.
    ChunkValues mid(qsizetype first, qsizetype count) const;

    // The values as T, in one copy. TypeError when T's size is not itemSize().
    template <Packable T>
    QList<T> toList() const
    {
        checkItemSize(sizeof(T));
        if (reinterpret_cast<quintptr>(data()) % alignof(T) == 0) {
            const T *first = reinterpret_cast<const T *>(data());
            return QList<T>(first, first + m_count); // one copy, nothing zeroed first
        }
        QList<T> out;
        out.reserve(m_count);
        for (qsizetype i = 0; i < m_count; ++i)
            out.append(detail::loadPacked<T>(data() + i * m_itemSize));
        return out;
    }

private:
    void checkItemSize(size_t size) const;

    QByteArray m_bytes;
    qsizetype m_itemSize = 1;
    qsizetype m_offset = 0; // first value in m_bytes
    qsizetype m_count = 0;
};

} // namespace qmp
