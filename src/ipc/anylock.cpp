#include "anylock.h"

namespace qmp {

bool AnyLock::acquire(QDeadlineTimer deadline)
{
    return std::visit([&](auto &lock) { return lock.acquire(deadline); }, m_lock);
}

void AnyLock::release()
{
    std::visit([](auto &lock) { lock.release(); }, m_lock);
}

qint64 AnyLock::recoveredFrom() const
{
    return std::visit([](const auto &lock) { return lock.recoveredFrom(); }, m_lock);
}

std::optional<Lock> AnyLock::toLock() const
{
    if (const Lock *lock = std::get_if<Lock>(&m_lock))
        return *lock;
    return std::nullopt;
}

std::optional<RLock> AnyLock::toRLock() const
{
    if (const RLock *lock = std::get_if<RLock>(&m_lock))
        return *lock;
    return std::nullopt;
}

IpcHandle AnyLock::handle() const
{
    return std::visit([](const auto &lock) { return lock.handle(); }, m_lock);
}

AnyLock AnyLock::fromCbor(const QCborValue &handle)
{
    const QString kind = handle.toMap().value(QStringLiteral("qmp-ipc")).toString();
    if (kind == SharedSegment::kindName(SharedSegment::Kind::Lock))
        return CborConvert<Lock>::fromCbor(handle);
    if (kind == SharedSegment::kindName(SharedSegment::Kind::RLock))
        return CborConvert<RLock>::fromCbor(handle);
    detail::throwConversionError("a Lock or RLock handle", handle);
}

} // namespace qmp
