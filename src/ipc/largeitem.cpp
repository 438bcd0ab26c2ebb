#include "largeitem.h"

#include "ipcerrors.h"

#include <QFile>

#include <atomic>
#include <cstring>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

namespace qmp {

namespace {

constexpr std::uint64_t blockMagic = 0x32424f4c42504d51ull; // "QMPBLOB2"
constexpr qsizetype keyCapacity = 472;
// The block's permissions: owner read-write, plus others' execute as QMP's mark.
constexpr int blockMode = 0601;

struct BlockHeader
{
    std::uint64_t magic;
    std::uint64_t size;
    std::atomic<std::uint32_t> state; // LargeItem::State
    std::int32_t creatorPid;
    std::uint32_t keyLength;
    std::uint32_t reserved;
    std::uint64_t reserved2;
    char key[keyCapacity];
};
static_assert(sizeof(BlockHeader) == 512);

BlockHeader *headerAt(void *address)
{
    return static_cast<BlockHeader *>(address);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

int LargeItem::directoryMark(const QString &directory)
{
    std::uint32_t hash = 2166136261u; // FNV-1a: the same in every process and Qt version
    for (const char c : QFile::encodeName(directory)) {
        hash ^= std::uint8_t(c);
        hash *= 16777619u;
    }
    return int(hash % 4095) + 1;
}

qsizetype LargeItem::segmentSize(const QString &queueKey, qsizetype size)
{
    // The directory's mark in the last page (which is allocated anyway).
    const qsizetype need = qsizetype(sizeof(BlockHeader)) + size;
    const qsizetype total = (need & ~qsizetype(4095)) + directoryMark(queueKey.left(queueKey.lastIndexOf(QLatin1Char('/'))));
    return total < need ? total + 4096 : total;
}

LargeItem LargeItem::create(const QString &queueKey, const char *data, qsizetype size)
{
    const int id = ::shmget(IPC_PRIVATE, size_t(segmentSize(queueKey, size)), IPC_CREAT | blockMode);
    if (id == -1)
        throw OSError(QStringLiteral("cannot allocate %1 bytes of shared memory for a large item of %2: %3")
                          .arg(size).arg(queueKey, errnoText()));
    void *address = ::shmat(id, nullptr, 0);
    if (address == reinterpret_cast<void *>(-1)) {
        const QString why = errnoText();
        ::shmctl(id, IPC_RMID, nullptr);
        throw OSError(QStringLiteral("cannot map a large item: %1").arg(why));
    }
    LargeItem item(id, address, true);
    // The header first, so a putter killed while copying leaves a block that says it is torn.
    BlockHeader *header = headerAt(address);
    const QByteArray key = QFile::encodeName(queueKey).left(keyCapacity);
    header->size = std::uint64_t(size);
    header->creatorPid = std::int32_t(::getpid());
    header->keyLength = std::uint32_t(key.size());
    std::memcpy(header->key, key.constData(), size_t(key.size()));
    header->state.store(std::uint32_t(State::Writing));
    std::atomic_thread_fence(std::memory_order_release);
    header->magic = blockMagic;
    std::memcpy(static_cast<char *>(address) + sizeof(BlockHeader), data, size_t(size));
    header->state.store(std::uint32_t(State::Ready), std::memory_order_release);
    return item;
}

LargeItem LargeItem::claim(int shmid)
{
    void *address = ::shmat(shmid, nullptr, SHM_RDONLY);
    if (address == reinterpret_cast<void *>(-1))
        throw OSError(QStringLiteral("a large queue item (shmid %1) is gone: %2").arg(shmid).arg(errnoText()));
    ::shmctl(shmid, IPC_RMID, nullptr); // goes with our detach, whatever happens to us
    return LargeItem(shmid, address, false);
}

LargeItem::LargeItem(LargeItem &&other) noexcept
    : m_shmid(other.m_shmid), m_address(other.m_address), m_created(other.m_created), m_linked(other.m_linked)
{
    other.m_address = nullptr;
}

LargeItem::~LargeItem()
{
    if (!m_address)
        return;
    ::shmdt(m_address);
    if (m_created && !m_linked)
        ::shmctl(m_shmid, IPC_RMID, nullptr);
}

void LargeItem::markLinked()
{
    headerAt(m_address)->state.store(std::uint32_t(State::Linked), std::memory_order_release);
    m_linked = true;
}

QByteArray LargeItem::data() const
{
    const BlockHeader *header = headerAt(m_address);
    return QByteArray(static_cast<const char *>(m_address) + sizeof(BlockHeader), qsizetype(header->size));
}

void LargeItem::discard(int shmid)
{
    ::shmctl(shmid, IPC_RMID, nullptr);
}

bool LargeItem::exists(int shmid)
{
    shmid_ds ds{};
    return ::shmctl(shmid, IPC_STAT, &ds) == 0 && !(ds.shm_perm.mode & SHM_DEST);
}

QList<LargeItem::Block> LargeItem::blocks()
{
    QList<Block> out;
    QFile table(QStringLiteral("/proc/sysvipc/shm"));
    if (!table.open(QIODevice::ReadOnly))
        return out;
    table.readLine(); // column names
    const uid_t uid = ::getuid();
    while (!table.atEnd()) {
        const QList<QByteArray> f = table.readLine().simplified().split(' ');
        // key shmid perms size cpid lpid nattch uid ...
        if (f.size() < 8 || f.at(0).toLongLong() != 0 || f.at(7).toUInt() != uid || (f.at(2).toInt(nullptr, 8) & 0777) != blockMode)
            continue;
        Block block;
        block.shmid = f.at(1).toInt();
        block.size = f.at(3).toLongLong();
        block.directoryMark = int(block.size % 4096);
        block.creatorPid = f.at(4).toLongLong();
        block.attachments = f.at(6).toInt();
        if (block.size >= qint64(sizeof(BlockHeader))) {
            block.size -= qint64(sizeof(BlockHeader));
            void *address = ::shmat(block.shmid, nullptr, SHM_RDONLY);
            if (address != reinterpret_cast<void *>(-1)) {
                const BlockHeader *header = headerAt(address);
                if (header->magic == blockMagic && header->keyLength <= keyCapacity) {
                    block.size = qint64(header->size);
                    block.queueKey = QFile::decodeName(QByteArray(header->key, qsizetype(header->keyLength)));
                    block.state = State(header->state.load(std::memory_order_acquire));
                }
                ::shmdt(address);
            }
        }
        out.append(block);
    }
    return out;
}

} // namespace qmp
