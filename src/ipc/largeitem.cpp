#include "largeitem.h"

#include "ipcerrors.h"

#include <QFile>

#include <cstring>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

namespace qmp {

namespace {

constexpr std::uint64_t blockMagic = 0x31424f4c42504d51ull; // "QMPBLOB1"
constexpr qsizetype keyCapacity = 488;

struct BlockHeader
{
    std::uint64_t magic;
    std::uint64_t size;
    std::uint32_t keyLength;
    std::uint32_t reserved;
    char key[keyCapacity];
};
static_assert(sizeof(BlockHeader) == 512);

} // namespace

int LargeItem::store(const QString &queueKey, const char *data, qsizetype size)
{
    const int id = ::shmget(IPC_PRIVATE, sizeof(BlockHeader) + size_t(size), IPC_CREAT | 0600);
    if (id == -1)
        throw OSError(QStringLiteral("cannot allocate %1 bytes of shared memory for a large item of %2: %3")
                          .arg(size).arg(queueKey, QString::fromLocal8Bit(std::strerror(errno))));
    void *address = ::shmat(id, nullptr, 0);
    if (address == reinterpret_cast<void *>(-1)) {
        ::shmctl(id, IPC_RMID, nullptr);
        throw OSError(QStringLiteral("cannot map a large item: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    auto *header = static_cast<BlockHeader *>(address);
    const QByteArray key = QFile::encodeName(queueKey).left(keyCapacity);
    header->size = std::uint64_t(size);
    header->keyLength = std::uint32_t(key.size());
    std::memcpy(header->key, key.constData(), size_t(key.size()));
    std::memcpy(static_cast<char *>(address) + sizeof(BlockHeader), data, size_t(size));
    header->magic = blockMagic;
    ::shmdt(address); // the block stays (no IPC_RMID) until its reader takes it
    return id;
}

QByteArray LargeItem::take(int shmid)
{
    void *address = ::shmat(shmid, nullptr, SHM_RDONLY);
    if (address == reinterpret_cast<void *>(-1))
        throw OSError(QStringLiteral("a large queue item (shmid %1) is gone: %2")
                          .arg(shmid).arg(QString::fromLocal8Bit(std::strerror(errno))));
    const auto *header = static_cast<const BlockHeader *>(address);
    QByteArray out(static_cast<const char *>(address) + sizeof(BlockHeader), qsizetype(header->size));
    ::shmdt(address);
    ::shmctl(shmid, IPC_RMID, nullptr);
    return out;
}

void LargeItem::discard(int shmid)
{
    ::shmctl(shmid, IPC_RMID, nullptr);
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
        if (f.size() < 8 || f.at(0).toLongLong() != 0 || f.at(7).toUInt() != uid)
            continue;
        Block block;
        block.shmid = f.at(1).toInt();
        block.size = f.at(3).toLongLong();
        block.creatorPid = f.at(4).toLongLong();
        block.attachments = f.at(6).toInt();
        if (block.size < qint64(sizeof(BlockHeader)))
            continue;
        void *address = ::shmat(block.shmid, nullptr, SHM_RDONLY);
        if (address == reinterpret_cast<void *>(-1))
            continue;
        const auto *header = static_cast<const BlockHeader *>(address);
        if (header->magic == blockMagic && header->keyLength <= keyCapacity) {
            block.queueKey = QFile::decodeName(QByteArray(header->key, qsizetype(header->keyLength)));
            block.size -= qint64(sizeof(BlockHeader));
            out.append(block);
        }
        ::shmdt(address);
    }
    return out;
}

} // namespace qmp
