#include "sharedmemory.h"

#include "ipcerrors.h"

#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace qmp {

namespace {

// The creator's keepers: one attachment per block this process created and did not unlink.
struct Keepers
{
    QMutex mutex;
    QHash<QString, std::shared_ptr<SharedSegment>> segments;
};
Keepers &keepers()
{
    static Keepers k; // destroyed at exit: the creator's exit detaches its keepers
    return k;
}

void checkName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!valid.match(name).hasMatch())
        throw ValueError(QStringLiteral("bad shared memory name '%1': use 1 to 64 of [A-Za-z0-9._-]").arg(name));
}

} // namespace

struct SharedMemory::Impl
{
    std::shared_ptr<SharedSegment> segment;
    QString name;
    QString key;
    qsizetype size = 0;
};

QString SharedMemory::nativeKeyFor(const QString &name)
{
    return SharedSegment::directory() + QStringLiteral("/qmp_ipc_sharedmemory_") + name;
}

SharedMemory::SharedMemory(const QString &name, bool create, qsizetype size) : m_impl(std::make_shared<Impl>())
{
    if (create) {
        if (size <= 0)
            throw ValueError(QStringLiteral("'size' must be a positive number different from zero (got %1)").arg(size));
        m_impl->name = name.isEmpty()
            ? QStringLiteral("psm_%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'))
            : name;
        checkName(m_impl->name);
        m_impl->key = nativeKeyFor(m_impl->name);
        m_impl->segment = SharedSegment::create(segmentKind, size, m_impl->key);
        QMutexLocker locker(&keepers().mutex);
        keepers().segments.insert(m_impl->key, SharedSegment::attach(m_impl->key, segmentKind));
    } else {
        if (name.isEmpty())
            throw ValueError(QStringLiteral("'name' can only be empty if create=true"));
        if (size < 0)
            throw ValueError(QStringLiteral("'size' must be a positive integer (got %1)").arg(size));
        checkName(name);
        m_impl->name = name;
        m_impl->key = nativeKeyFor(name);
        m_impl->segment = SharedSegment::attach(m_impl->key, segmentKind);
    }
    m_impl->size = m_impl->segment->payloadSize();
}

QString SharedMemory::name() const
{
    return m_impl->name;
}

qsizetype SharedMemory::size() const
{
    return m_impl->size;
}

char *SharedMemory::data() const
{
    return m_impl->segment ? m_impl->segment->payload() : nullptr;
}

void SharedMemory::close()
{
    m_impl->segment.reset();
}

bool SharedMemory::isClosed() const
{
    return !m_impl->segment;
}

void SharedMemory::unlink()
{
    SharedSegment::destroy(m_impl->key, segmentKind);
    QMutexLocker locker(&keepers().mutex);
    keepers().segments.remove(m_impl->key);
}

IpcHandle SharedMemory::handle() const
{
    QCborMap params;
    params.insert(QStringLiteral("name"), m_impl->name);
    return {segmentKind, m_impl->key, params};
}

SharedMemory SharedMemory::fromHandle(const IpcHandle &handle)
{
    auto impl = std::make_shared<Impl>();
    impl->name = handle.params.value(QStringLiteral("name")).toString();
    impl->key = handle.key;
    impl->segment = SharedSegment::attach(handle.key, segmentKind);
    impl->size = impl->segment->payloadSize();
    return SharedMemory(impl);
}

} // namespace qmp
