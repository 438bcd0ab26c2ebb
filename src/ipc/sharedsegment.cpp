#include "sharedsegment.h"

#include "forkserver.h"
#include "ipcerrors.h"
#include "largeitem.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>

#include <csignal>
#include <mutex>
#include <cstring>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <pthread.h>
#include <unistd.h>

namespace qmp {

namespace {

constexpr qsizetype headerSize = qsizetype(sizeof(SharedSegment::Header));
static_assert(sizeof(SharedSegment::Header) == 64);

const char *const kindNames[] = {"", "lock", "rlock", "semaphore", "event", "condition", "barrier",
                                 "queue", "pipe", "value", "array", "sharedmemory", "shareablelist"};

SharedSegment::Header *headerOf(const QSharedMemory &memory)
{
    return static_cast<SharedSegment::Header *>(const_cast<void *>(memory.constData()));
}

// qmp_ipc_<kind>_<pid>_<random> -> pid
qint64 pidFromKey(const QString &fileName)
{
    const QStringList parts = QFileInfo(fileName).fileName().split(QLatin1Char('_'));
    return parts.size() >= 5 ? parts.at(3).toLongLong() : 0; // 0 for named SharedMemory keys
}

QString kindFromKey(const QString &fileName)
{
    const QStringList parts = QFileInfo(fileName).fileName().split(QLatin1Char('_'));
    return parts.size() >= 4 ? parts.at(2) : QString();
}

} // namespace

SharedSegment::~SharedSegment()
{
    if (m_memory.isAttached())
        m_memory.detach();
}

QString SharedSegment::directory()
{
    return QDir::tempPath();
}

QString SharedSegment::kindName(Kind kind)
{
    const auto i = std::uint32_t(kind);
    return i < std::size(kindNames) ? QString::fromLatin1(kindNames[i]) : QStringLiteral("unknown");
}

QString SharedSegment::newNativeKey(Kind kind)
{
    return QStringLiteral("%1/qmp_ipc_%2_%3_%4")
        .arg(directory(), kindName(kind))
        .arg(qint64(::getpid()))
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

namespace {
// A program's forkserver reclaims what the program and its workers left, once they are gone (a
// signal ends a program without its destructors): set as the server's last work when this
// library is loaded, in the server as in the program.
const bool forkServerReclaims =
    (setForkServerLastWork([](const QSet<qint64> &creators) { SharedSegment::collectGarbageOf(creators); }), true);
} // namespace

std::shared_ptr<SharedSegment> SharedSegment::create(Kind kind, qsizetype payloadSize, const QString &nativeKey)
{
    if (payloadSize < 0)
        throw ValueError(QStringLiteral("a shared segment's size must not be negative (got %1)").arg(payloadSize));
    if (nativeKey.isEmpty())
        return createWithGeneratedKeys(kind, payloadSize, [kind] { return newNativeKey(kind); });
    static std::once_flag janitor;
    std::call_once(janitor, [] { collectGarbage(); });
    std::shared_ptr<SharedSegment> segment(new SharedSegment);
    segment->m_nativeKey = nativeKey;
    segment->m_kind = kind;
    segment->m_memory.setNativeKey(segment->m_nativeKey);
    if (!segment->m_memory.create(headerSize + qMax<qsizetype>(payloadSize, 1))) {
        if (segment->m_memory.error() == QSharedMemory::AlreadyExists)
            throw FileExistsError(QStringLiteral("shared memory %1 already exists").arg(segment->m_nativeKey));
        throw OSError(QStringLiteral("cannot create shared memory %1 (%2 bytes): %3")
                          .arg(segment->m_nativeKey).arg(payloadSize).arg(segment->m_memory.errorString()));
    }
    // System V segments come zero-filled; the header is written last, before anyone can know the key.
    Header *header = headerOf(segment->m_memory);
    header->version = versionValue;
    header->kind = std::uint32_t(kind);
    header->creatorPid = std::int32_t(::getpid());
    header->logicalSize = std::uint64_t(payloadSize);
    std::atomic_thread_fence(std::memory_order_release);
    header->magic = magicValue;
    segment->m_payload = static_cast<char *>(segment->m_memory.data()) + headerSize;
    segment->m_payloadSize = payloadSize;
    return segment;
}

std::shared_ptr<SharedSegment> SharedSegment::createWithGeneratedKeys(Kind kind, qsizetype payloadSize,
                                                                     const std::function<QString()> &generate)
{
    constexpr int attempts = 16;
    for (int attempt = 1;; ++attempt) {
        const QString key = generate();
        try {
            return create(kind, payloadSize, key);
        } catch (const FileExistsError &) {
            // Its System V key is another live segment's: this key file (made for the attempt,
            // a name nobody else has) goes, and another name gets another inode.
            if (attempt == attempts)
                throw;
            QFile::remove(key);
        }
    }
}

std::shared_ptr<SharedSegment> SharedSegment::attach(const QString &nativeKey, Kind kind)
{
    std::shared_ptr<SharedSegment> segment(new SharedSegment);
    segment->m_nativeKey = nativeKey;
    segment->m_kind = kind;
    segment->m_memory.setNativeKey(nativeKey);
    if (!QFileInfo::exists(nativeKey) || !segment->m_memory.attach()) {
        throw FileNotFoundError(QStringLiteral("no %1 named %2: it was removed, or its owners are gone")
                                    .arg(kindName(kind), nativeKey));
    }
    const Header *header = headerOf(segment->m_memory);
    if (segment->m_memory.size() < headerSize || header->magic != magicValue || header->version != versionValue)
        throw TypeError(QStringLiteral("%1 is not a libqmp shared segment").arg(nativeKey));
    if (header->kind != std::uint32_t(kind)) {
        throw TypeError(QStringLiteral("%1 holds a %2, not a %3")
                            .arg(nativeKey, kindName(Kind(header->kind)), kindName(kind)));
    }
    segment->m_payload = static_cast<char *>(segment->m_memory.data()) + headerSize;
    segment->m_payloadSize = qsizetype(header->logicalSize);
    return segment;
}

qint64 SharedSegment::creatorPid() const
{
    return headerOf(m_memory)->creatorPid;
}

int SharedSegment::systemVId() const
{
    const key_t key = ::ftok(QFile::encodeName(m_nativeKey).constData(), 'Q');
    return key == -1 ? -1 : ::shmget(key, 0, 0);
}

int SharedSegment::attachCount() const
{
    const int id = systemVId();
    shmid_ds ds{};
    if (id == -1 || ::shmctl(id, IPC_STAT, &ds) != 0)
        return -1;
    return int(ds.shm_nattch);
}

void SharedSegment::destroy()
{
    destroy(m_nativeKey, m_kind);
}

void SharedSegment::destroy(const QString &nativeKey, Kind kind)
{
    const key_t key = ::ftok(QFile::encodeName(nativeKey).constData(), 'Q');
    const int id = key == -1 ? -1 : ::shmget(key, 0, 0);
    if (id == -1 || ::shmctl(id, IPC_RMID, nullptr) != 0)
        throw FileNotFoundError(QStringLiteral("%1 %2 does not exist (already unlinked?)").arg(kindName(kind), nativeKey));
    QFile::remove(nativeKey);
}

namespace {
std::atomic<qint32> cachedPid{0};
std::atomic<quint32> forkGeneration{0};
void onFork()
{
    cachedPid.store(0);
    forkGeneration.fetch_add(1);
}
} // namespace

qint32 SharedSegment::currentPid()
{
    qint32 pid = cachedPid.load(std::memory_order_relaxed);
    if (pid == 0) {
        static std::once_flag once;
        std::call_once(once, [] { ::pthread_atfork(nullptr, nullptr, onFork); });
        pid = qint32(::getpid());
        cachedPid.store(pid, std::memory_order_relaxed);
    }
    return pid;
}

qint32 SharedSegment::currentTid()
{
    thread_local qint32 tid = 0;
    thread_local quint32 generation = ~0u;
    const quint32 now = forkGeneration.load(std::memory_order_relaxed);
    if (tid == 0 || generation != now) {
        currentPid(); // installs the fork handler
        tid = qint32(::gettid());
        generation = now;
    }
    return tid;
}

bool SharedSegment::isProcessAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno != EPERM)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype paren = line.lastIndexOf(')');
    return !(paren > 0 && paren + 2 < line.size() && (line.at(paren + 2) == 'Z' || line.at(paren + 2) == 'X'));
}

QList<SharedSegment::Info> SharedSegment::list(const QString &dirPath)
{
    const QDir dir(dirPath.isEmpty() ? directory() : dirPath);
    QList<Info> out;
    const QStringList files = dir.entryList({QStringLiteral("qmp_ipc_*")}, QDir::Files | QDir::System);
    for (const QString &name : files) {
        Info info;
        info.nativeKey = dir.absoluteFilePath(name);
        info.kind = kindFromKey(name);
        const key_t key = ::ftok(QFile::encodeName(info.nativeKey).constData(), 'Q');
        const int id = key == -1 ? -1 : ::shmget(key, 0, 0);
        shmid_ds ds{};
        if (id != -1 && ::shmctl(id, IPC_STAT, &ds) == 0) {
            info.attachments = int(ds.shm_nattch);
            info.creatorPid = ds.shm_cpid;
            info.size = qint64(ds.shm_segsz);
        } else {
            info.creatorPid = pidFromKey(name);
        }
        info.creatorAlive = isProcessAlive(info.creatorPid);
        // A key file without a segment may be one being created right now: give it 10 s.
        const bool settled = info.attachments >= 0
                             || QFileInfo(info.nativeKey).lastModified().secsTo(QDateTime::currentDateTime()) > 10;
        info.orphan = info.attachments <= 0 && !info.creatorAlive && settled;
        out.append(info);
    }
    QSet<QString> orphanKeys;
    for (const Info &info : std::as_const(out)) {
        if (info.orphan)
            orphanKeys.insert(info.nativeKey);
    }
    for (const LargeItem::Block &block : LargeItem::blocks()) {
        // A block whose header is not written yet says its directory by its size's mark only.
        const bool here = block.queueKey.isEmpty() ? block.directoryMark == LargeItem::directoryMark(dir.absolutePath())
                                                   : block.queueKey.startsWith(dir.absolutePath() + QLatin1Char('/'));
        if (!here)
            continue;
        Info info;
        info.nativeKey = QStringLiteral("shmid:%1").arg(block.shmid);
        info.kind = QStringLiteral("queue-item");
        info.creatorPid = block.creatorPid;
        info.creatorAlive = isProcessAlive(block.creatorPid);
        info.attachments = block.attachments;
        info.size = block.size;
        if (block.state == LargeItem::State::Linked) {
            info.queueKey = block.queueKey;
            // In its queue: an orphan once the queue is gone, or is one.
            info.orphan = block.attachments == 0 && (!QFileInfo::exists(block.queueKey) || orphanKeys.contains(block.queueKey));
        } else {
            // Torn (being written, or whole but never linked) and its putter is gone.
            info.orphan = block.attachments == 0 && !info.creatorAlive;
        }
        out.append(info);
    }
    return out;
}

QList<SharedSegment::Info> SharedSegment::collectGarbage(const QString &dir)
{
    QList<Info> removed;
    for (const Info &info : list(dir)) {
        if (info.orphan && removeOrphan(info))
            removed.append(info);
    }
    return removed;
}

QList<SharedSegment::Info> SharedSegment::collectGarbageOf(const QSet<qint64> &creators)
{
    const QList<Info> all = list();
    QSet<QString> theirKeys;
    for (const Info &info : all) {
        if (info.orphan && info.queueKey.isEmpty() && creators.contains(info.creatorPid))
            theirKeys.insert(info.nativeKey);
    }
    QList<Info> removed;
    for (const Info &info : all) {
        // A block linked into a queue is the queue's: theirs when the queue is, or when its
        // queue is gone and they put it there.
        const bool theirs = info.queueKey.isEmpty() ? creators.contains(info.creatorPid)
                                                    : theirKeys.contains(info.queueKey)
                                                          || (!QFileInfo::exists(info.queueKey) && creators.contains(info.creatorPid));
        if (info.orphan && theirs && removeOrphan(info))
            removed.append(info);
    }
    return removed;
}

bool SharedSegment::removeOrphan(const Info &info)
{
    if (info.nativeKey.startsWith(QLatin1String("shmid:")))
        return ::shmctl(info.nativeKey.mid(6).toInt(), IPC_RMID, nullptr) == 0;
    const key_t key = ::ftok(QFile::encodeName(info.nativeKey).constData(), 'Q');
    const int id = key == -1 ? -1 : ::shmget(key, 0, 0);
    if (id != -1)
        ::shmctl(id, IPC_RMID, nullptr);
    return QFile::remove(info.nativeKey);
}

} // namespace qmp
