#pragma once
// ChunkValues: the values of a packed chunk (a map's calls of a packed task, packedtask.h), as
// they travel between processes: either size() values of itemSize() bytes each, one after
// another (Packable values), or, with itemSize() kVariableSize, an arena of values of any length
// (QByteArray, QString):
//     [count: u32] [end of value i, counted from the data's start: u32 × count] [data]
// (host byte order: both ends of a pool run the same program). A value type; copies and mid()
// share the bytes.

#include "packable.h"
#include "qmpcore_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstring>

namespace qmp {

class QMP_CORE_EXPORT ChunkValues
{
public:
    static constexpr qsizetype kVariableSize = 0;

    // Writes the values of a chunk, value i at put(i, ...), in order for an arena.
    class QMP_CORE_EXPORT Builder
    {
    public:
        // count values of itemSize bytes each, or of any length (kVariableSize).
        Builder(qsizetype count, qsizetype itemSize);
        // Value i (the next one, for an arena): size bytes at data (itemSize of them when fixed).
        void put(qsizetype i, const void *data, qsizetype size);
        // Value i is empty (zero bytes when fixed): a call that threw.
        void putEmpty(qsizetype i);
        // The chunk's bytes (an arena holds the values put so far), in ChunkValues' layout.
        QByteArray takeBytes();

    private:
        qsizetype m_itemSize;
        QByteArray m_bytes;       // fixed: every value; arena: the data
        QList<quint32> m_ends;    // arena only
    };

    ChunkValues() = default;
    // bytes in the layout above (wellFormed()); what is not is read as no values.
    ChunkValues(QByteArray bytes, qsizetype itemSize);
    // Whether bytes are whole values of itemSize (>= 1) bytes, or a whole arena (kVariableSize);
    // why not in *why.
    static bool wellFormed(const QByteArray &bytes, qsizetype itemSize, QString *why = nullptr);
    // How many values well-formed bytes hold.
    static qsizetype countIn(const QByteArray &bytes, qsizetype itemSize);

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    qsizetype itemSize() const { return m_itemSize; }
    bool isVariable() const { return m_itemSize == kVariableSize; }
    // Value i's bytes.
    QByteArrayView value(qsizetype i) const;
    // Values first .. first + count - 1 (clamped), sharing the bytes.
    ChunkValues mid(qsizetype first, qsizetype count) const;
    // These values in the layout above (the storage itself, shared, when they are all of it).
    QByteArray bytes() const;

    // The values as T, in one copy for a Packable T. TypeError when T does not fit the values (a
    // Packable T's size is not itemSize(); a QByteArray / QString from fixed-size values).
    template <PackedMapValue T>
    QList<T> toList() const
    {
        checkItemSize(detail::packedSizeOf<T>());
        if constexpr (Packable<T>) {
            const char *first = m_bytes.constData() + m_offset * m_itemSize;
            if (reinterpret_cast<quintptr>(first) % alignof(T) == 0) {
                const T *typed = reinterpret_cast<const T *>(first);
                return QList<T>(typed, typed + m_count); // one copy, nothing zeroed first
            }
        }
        QList<T> out;
        out.reserve(m_count);
        for (qsizetype i = 0; i < m_count; ++i)
            out.append(detail::loadPackedValue<T>(value(i)));
        return out;
    }

private:
    void checkItemSize(qsizetype size) const;
    quint32 endOf(qsizetype index) const; // an arena's value index (in the storage), its end

    QByteArray m_bytes;
    qsizetype m_itemSize = 1;
    qsizetype m_offset = 0; // first value in m_bytes
    qsizetype m_count = 0;
};

} // namespace qmp
