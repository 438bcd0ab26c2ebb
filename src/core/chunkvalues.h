#pragma once
// ChunkValues: the values of a packed chunk (a map's or starmap's calls of a packed task,
// packedtask.h), as they travel between processes. An item is one call's arguments (or one
// result). Either size() items of itemSize() bytes each, one after another (Packable values; an
// item of several arguments holds their bytes one after another), or, with itemSize()
// kVariableSize, an arena of values of any length (QByteArray, QString; a Packable among them as
// its bytes), fieldsPerItem() consecutive values per item:
//     [count of values: u32] [end of value v, counted from the data's start: u32 × count] [data]
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

    // Writes the items of a chunk, item i at put(i, ...), in order for an arena.
    class QMP_CORE_EXPORT Builder
    {
    public:
        // count items of itemSize bytes each, or of fieldsPerItem values of any length each
        // (kVariableSize). dataBytes (an arena): the values' bytes altogether, when known: the
        // arena is then written in one buffer of its final size, not copied by takeBytes().
        Builder(qsizetype count, qsizetype itemSize, qsizetype fieldsPerItem = 1, qsizetype dataBytes = -1);
        // Fixed: item i is size bytes at data (itemSize of them). Arena: the next value is size
        // bytes at data (the next field of item i).
        void put(qsizetype i, const void *data, qsizetype size);
        // Item i is empty (zero bytes when fixed; its missing values empty in an arena): a call
        // that threw.
        void putEmpty(qsizetype i);
        // The chunk's bytes (an arena holds the values put so far), in ChunkValues' layout.
        QByteArray takeBytes();

    private:
        qsizetype m_itemSize;
        qsizetype m_fieldsPerItem;
        QByteArray m_bytes;       // fixed: every item; arena: the data (after m_headerRoom bytes)
        QList<quint32> m_ends;    // arena only
        qsizetype m_headerRoom = 0; // arena: bytes kept for the header before the data
    };

    ChunkValues() = default;
    // bytes in the layout above (wellFormed()); what is not is read as no items.
    ChunkValues(QByteArray bytes, qsizetype itemSize, qsizetype fieldsPerItem = 1);
    // Whether bytes are whole items of itemSize (>= 1) bytes, or a whole arena (kVariableSize) of
    // items of fieldsPerItem (>= 1) values; why not in *why.
    static bool wellFormed(const QByteArray &bytes, qsizetype itemSize, qsizetype fieldsPerItem = 1, QString *why = nullptr);
    // How many items well-formed bytes hold.
    static qsizetype countIn(const QByteArray &bytes, qsizetype itemSize, qsizetype fieldsPerItem = 1);

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    qsizetype itemSize() const { return m_itemSize; }
    bool isVariable() const { return m_itemSize == kVariableSize; }
    // Values per item in an arena (1 for fixed-size items).
    qsizetype fieldsPerItem() const { return m_fieldsPerItem; }
    // Item i's bytes (fixed), or value `field` of item i (arena; field < fieldsPerItem()).
    QByteArrayView value(qsizetype i, qsizetype field = 0) const;
    // Items first .. first + count - 1 (clamped), sharing the bytes.
    ChunkValues mid(qsizetype first, qsizetype count) const;
    // These items in the layout above (the storage itself, shared, when they are all of it).
    QByteArray bytes() const;
    // The size of bytes(), and bytes() appended to out without building it.
    qsizetype byteSize() const;
    void appendBytes(QByteArray &out) const;

    // The items as T, in one copy for a Packable T. TypeError when T does not fit the values (a
    // Packable T's size is not itemSize(); a QByteArray / QString from fixed-size values; items
    // of several values).
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
    // It stands for all of its storage (no offset, every item): bytes() can share that.
    bool isWhole() const;

    QByteArray m_bytes;
    qsizetype m_itemSize = 1;
    qsizetype m_fieldsPerItem = 1;
    qsizetype m_offset = 0; // first item in m_bytes
    qsizetype m_count = 0;  // items
};

} // namespace qmp
