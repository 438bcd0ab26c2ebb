#include "sharedctypestore.h"

#include "ipcerrors.h"
#include "pythonerrors.h"

namespace qmp {

struct SharedCTypeStore::Header
{
    std::uint32_t typeCode;
    std::uint32_t elementSize;
    std::uint64_t count;
};

SharedCTypeStore::SharedCTypeStore(SharedSegment::Kind kind, char typeCode, qsizetype elementSize, qsizetype count,
                                   std::optional<AnyLock> lock)
    : m_lock(std::move(lock))
{
    if (count < 0)
        throw PythonErrors::arrayLength(count);
    m_segment = SharedSegment::create(kind, qsizetype(sizeof(Header)) + elementSize * count);
    header()->typeCode = std::uint32_t(typeCode);
    header()->elementSize = std::uint32_t(elementSize);
    header()->count = std::uint64_t(count);
}

SharedCTypeStore::SharedCTypeStore(const IpcHandle &handle, SharedSegment::Kind kind, char typeCode, bool withLock)
{
    m_segment = SharedSegment::attach(handle.key, kind);
    if (header()->typeCode != std::uint32_t(typeCode))
        throw TypeError(QStringLiteral("%1 holds typecode '%2', not '%3'")
                            .arg(handle.key, QChar::fromLatin1(char(header()->typeCode)), QChar::fromLatin1(typeCode)));
    const QCborValue lock = handle.params.value(QStringLiteral("lock"));
    if (withLock && !lock.isNull() && !lock.isUndefined())
        m_lock = AnyLock::fromCbor(lock);
}

std::optional<AnyLock> SharedCTypeStore::lockOption(bool lock)
{
    if (!lock)
        return std::nullopt;
    return AnyLock(RLock());
}

SharedCTypeStore::Header *SharedCTypeStore::header() const
{
    return reinterpret_cast<Header *>(m_segment->payload());
}

char *SharedCTypeStore::data() const
{
    return m_segment->payload() + sizeof(Header);
}

qsizetype SharedCTypeStore::count() const
{
    return qsizetype(header()->count);
}

char SharedCTypeStore::typeCode() const
{
    return char(header()->typeCode);
}

AnyLock SharedCTypeStore::requireLock() const
{
    if (!m_lock)
        throw ValueError(QStringLiteral("%1 was made with lock=false: it has no getLock()").arg(m_segment->nativeKey()));
    return *m_lock;
}

IpcHandle SharedCTypeStore::handle() const
{
    QCborMap params;
    params.insert(QStringLiteral("lock"), m_lock ? m_lock->handle().toCbor() : QCborValue(nullptr));
    return {m_segment->kind(), m_segment->nativeKey(), params};
}

} // namespace qmp
