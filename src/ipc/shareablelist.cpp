#include "shareablelist.h"

#include "ipcerrors.h"

#include <cstring>

namespace qmp {

namespace {

constexpr char listMagic[8] = {'Q', 'M', 'P', 'S', 'L', '0', '0', '1'};
enum SlotType : std::uint8_t { NullType, BoolType, IntType, DoubleType, StringType, BytesType };

struct ListHeader
{
    char magic[8];
    std::uint64_t count;
    // then count offsets (uint64) from the start of the block, then the slots
};

QByteArray encode(const QCborValue &value, std::uint8_t *type)
{
    switch (value.type()) {
    case QCborValue::Null:
        *type = NullType;
        return {};
    case QCborValue::False:
    case QCborValue::True: {
        *type = BoolType;
        const char b = value.toBool() ? 1 : 0;
        return QByteArray(&b, 1);
    }
    case QCborValue::Integer: {
        *type = IntType;
        const qint64 i = value.toInteger();
        return QByteArray(reinterpret_cast<const char *>(&i), 8);
    }
    case QCborValue::Double: {
        *type = DoubleType;
        const double d = value.toDouble();
        return QByteArray(reinterpret_cast<const char *>(&d), 8);
    }
    case QCborValue::String:
        *type = StringType;
        return value.toString().toUtf8();
    case QCborValue::ByteArray:
        *type = BytesType;
        return value.toByteArray();
    default:
        throw TypeError(QStringLiteral("a ShareableList holds int, double, bool, null, string or bytes, not %1")
                            .arg(cborTypeName(value)));
    }
}

std::uint32_t capacityFor(std::uint8_t type, qsizetype bytes)
{
    if (type == StringType || type == BytesType)
        return std::uint32_t(8 * (bytes / 8 + 1));
    return 8;
}

} // namespace

struct ShareableList::Slot
{
    std::uint8_t type;
    std::uint8_t reserved[3];
    std::uint32_t capacity;
    std::uint64_t length;
    char data[8];
};

SharedMemory ShareableList::createBlock(const QCborArray &sequence, const QString &name)
{
    QList<QByteArray> encoded;
    QList<std::uint8_t> types;
    qsizetype total = qsizetype(sizeof(ListHeader)) + 8 * sequence.size();
    for (const QCborValue &item : sequence) {
        std::uint8_t type = NullType;
        encoded.append(encode(item, &type));
        types.append(type);
        total += 16 + capacityFor(type, encoded.last().size());
    }
    SharedMemory shm(name, true, total);
    auto *header = reinterpret_cast<ListHeader *>(shm.data());
    std::memcpy(header->magic, listMagic, 8);
    header->count = std::uint64_t(sequence.size());
    auto *offsets = reinterpret_cast<std::uint64_t *>(shm.data() + sizeof(ListHeader));
    std::uint64_t at = sizeof(ListHeader) + 8 * std::uint64_t(sequence.size());
    for (qsizetype i = 0; i < sequence.size(); ++i) {
        offsets[i] = at;
        auto *s = reinterpret_cast<Slot *>(shm.data() + at);
        s->type = types.at(i);
        s->capacity = capacityFor(types.at(i), encoded.at(i).size());
        s->length = std::uint64_t(encoded.at(i).size());
        std::memcpy(s->data, encoded.at(i).constData(), size_t(encoded.at(i).size()));
        at += 16 + s->capacity;
    }
    return shm;
}

ShareableList::ShareableList(const QCborArray &sequence, const QString &name) : m_shm(createBlock(sequence, name))
{
}

ShareableList::ShareableList(SharedMemory shm) : m_shm(std::move(shm))
{
    if (m_shm.size() < qsizetype(sizeof(ListHeader)) || std::memcmp(m_shm.data(), listMagic, 8) != 0)
        throw TypeError(QStringLiteral("shared memory '%1' is not a ShareableList").arg(m_shm.name()));
}

ShareableList ShareableList::attach(const QString &name)
{
    return ShareableList(SharedMemory(name));
}

ShareableList ShareableList::fromHandle(const IpcHandle &handle)
{
    return ShareableList(SharedMemory::fromHandle(handle));
}

qsizetype ShareableList::size() const
{
    return qsizetype(reinterpret_cast<const ListHeader *>(m_shm.data())->count);
}

ShareableList::Slot *ShareableList::slot(qsizetype i) const
{
    const auto *offsets = reinterpret_cast<const std::uint64_t *>(m_shm.data() + sizeof(ListHeader));
    return reinterpret_cast<Slot *>(m_shm.data() + offsets[i]);
}

qsizetype ShareableList::checkedIndex(qsizetype i) const
{
    if (m_shm.isClosed())
        throw ValueError(QStringLiteral("ShareableList '%1' is closed").arg(m_shm.name()));
    const qsizetype j = i < 0 ? i + size() : i;
    if (j < 0 || j >= size())
        throw ValueError(QStringLiteral("ShareableList index %1 out of range (size %2)").arg(i).arg(size()));
    return j;
}

QCborValue ShareableList::at(qsizetype i) const
{
    const Slot *s = slot(checkedIndex(i));
    switch (s->type) {
    case BoolType:
        return QCborValue(s->data[0] != 0);
    case IntType: {
        qint64 v;
        std::memcpy(&v, s->data, 8);
        return QCborValue(v);
    }
    case DoubleType: {
        double v;
        std::memcpy(&v, s->data, 8);
        return QCborValue(v);
    }
    case StringType:
        return QCborValue(QString::fromUtf8(s->data, qsizetype(s->length)));
    case BytesType:
        return QCborValue(QByteArray(s->data, qsizetype(s->length)));
    default:
        return QCborValue(nullptr);
    }
}

void ShareableList::set(qsizetype i, const QCborValue &value)
{
    Slot *s = slot(checkedIndex(i));
    std::uint8_t type = NullType;
    const QByteArray bytes = encode(value, &type);
    if (std::uint64_t(bytes.size()) > s->capacity)
        throw ValueError(QStringLiteral("exceeds available storage for existing %1 (%2 bytes > %3)")
                             .arg(type == StringType ? QStringLiteral("str") : QStringLiteral("slot"))
                             .arg(bytes.size()).arg(s->capacity));
    std::memcpy(s->data, bytes.constData(), size_t(bytes.size()));
    s->length = std::uint64_t(bytes.size());
    s->type = type;
}

qsizetype ShareableList::count(const QCborValue &value) const
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < size(); ++i)
        n += at(i) == value ? 1 : 0;
    return n;
}

qsizetype ShareableList::index(const QCborValue &value) const
{
    for (qsizetype i = 0; i < size(); ++i) {
        if (at(i) == value)
            return i;
    }
    throw ValueError(QStringLiteral("the value is not in ShareableList '%1'").arg(m_shm.name()));
}

QCborArray ShareableList::toList() const
{
    QCborArray out;
    for (qsizetype i = 0; i < size(); ++i)
        out.append(at(i));
    return out;
}

} // namespace qmp
