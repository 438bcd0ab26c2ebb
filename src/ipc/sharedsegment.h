#pragma once
// SharedSegment: one shared memory segment of libqmp, held by a QSharedMemory (System V on
// Qt 6.4 Linux), with a header that says what it is (magic, version, kind, creator pid, logical
// size) followed by the object's payload (zero-filled at creation).
//
// Keys. Every segment gets a native key unique to the run: <tmp>/qmp_ipc_<kind>_<pid>_<random>,
// a file path given to QSharedMemory::setNativeKey (so no qipc_* key files and no
// QSystemSemaphore are created) and carried in the object's handle, so a child attaches to the
// same path whatever its $TMPDIR (Qt 6.4 derives a key's path from $TMPDIR and the key file's
// inode).
//
// Lifetime (Qt's rule): a segment lives while a process is attached; the last
// detach removes it and its key file. A SIGKILLed process never detaches: if it was the last one
// attached, the segment and key file stay behind. list() shows those and
// collectGarbage() (`qmp ipc gc`) removes every segment nobody is attached to whose creator is
// gone. destroy() removes a segment now (SharedMemory::unlink); existing mappings stay valid.
//
// Thread-safety: a SharedSegment is immutable after construction; share it with shared_ptr.

#include "qmpipc_export.h"
#include <QList>
#include <QSharedMemory>
#include <QSet>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

namespace qmp {

class QMP_IPC_EXPORT SharedSegment
{
public:
    enum class Kind : std::uint32_t {
        Lock = 1, RLock, Semaphore, Event, Condition, Barrier, Queue, Pipe, Value, Array,
        SharedMemory, ShareableList
    };

    struct Header
    {
        std::uint32_t magic;
        std::uint32_t version;
        std::uint32_t kind;
        std::int32_t creatorPid;
        std::uint64_t logicalSize;
        std::uint64_t reserved[5];
    };
    static constexpr std::uint32_t magicValue = 0x51504d31; // "1MPQ"
    static constexpr std::uint32_t versionValue = 1;

    // What list() reports about one IPC object of libqmp on this machine.
    struct Info
    {
        QString nativeKey;   // key file path, or "shmid:N" for a queue's or pipe's large-item block
        QString kind;        // "queue", "lock", ... or "queue-item"
        qint64 creatorPid = 0;
        bool creatorAlive = false;
        int attachments = -1; // -1: no segment behind the key file
        qint64 size = 0;
        bool orphan = false;  // nobody attached and the creator is gone: collectGarbage() removes it
        QString queueKey;     // a large-item block linked into a queue: that queue's key file
    };

    ~SharedSegment(); // detaches (the last detach removes the segment)
    SharedSegment(const SharedSegment &) = delete;
    SharedSegment &operator=(const SharedSegment &) = delete;

    // A new segment with payloadSize zeroed bytes. nativeKey empty: a fresh unique key.
    // Throws FileExistsError when nativeKey exists, ValueError for a bad size, OSError otherwise.
    static std::shared_ptr<SharedSegment> create(Kind kind, qsizetype payloadSize, const QString &nativeKey = {});
    // create() with a key from generate() (create() uses newNativeKey()). A key whose System V
    // key is taken (ftok() keeps 16 bits of the key file's inode, so a fresh file can collide
    // with a live segment's) is dropped with its file and the next one tried, 16 times at most.
    static std::shared_ptr<SharedSegment> createWithGeneratedKeys(Kind kind, qsizetype payloadSize,
                                                                  const std::function<QString()> &generate);
    // Attaches to an existing segment. Throws FileNotFoundError when it does not exist (any more),
    // TypeError when it holds another kind of object.
    static std::shared_ptr<SharedSegment> attach(const QString &nativeKey, Kind kind);

    static QString newNativeKey(Kind kind);
    static QString kindName(Kind kind);
    // The directory of the key files: $TMPDIR or /tmp.
    static QString directory();

    char *payload() const { return m_payload; }
    qsizetype payloadSize() const { return m_payloadSize; }
    QString nativeKey() const { return m_nativeKey; }
    Kind kind() const { return m_kind; }
    qint64 creatorPid() const;
    // Processes attached now (shm_nattch); -1 once destroyed.
    int attachCount() const;
    // Removes the segment now: new attach() fail with FileNotFoundError; mappings stay valid
    // until detached. Throws FileNotFoundError when it was already removed.
    void destroy();
    // The same by key, without attaching (SharedMemory::unlink after close()).
    static void destroy(const QString &nativeKey, Kind kind);

    // getpid() / gettid() without a system call on the hot path (glibc no longer caches them);
    // reset in a forked child.
    static qint32 currentPid();
    static qint32 currentTid();
    // True when pid names a live process (not a zombie).
    static bool isProcessAlive(qint64 pid);

    // libqmp's IPC objects with key files in dir (default directory()), plus the large-item
    // blocks whose queue lives there and every block torn before its header said so (LargeItem).
    static QList<Info> list(const QString &dir = {});
    // Removes the orphans of list(dir); returns what it removed. Runs once per process, on the
    // first create(), for the default directory: a killed program's segments are reclaimed by
    // the next libqmp program that makes an IPC object (or by `qmp ipc gc`).
    static QList<Info> collectGarbage(const QString &dir = {});
    // The same, in the default directory, for the orphans created by one of creators only (and
    // the large-item blocks linked into their queues): what a program's forkserver reclaims
    // once the program and its workers are gone.
    static QList<Info> collectGarbageOf(const QSet<qint64> &creators);

private:
    SharedSegment() = default;
    int systemVId() const;
    // Removes one orphan of list(); false when it was gone already.
    static bool removeOrphan(const Info &info);

    QSharedMemory m_memory;
    QString m_nativeKey;
    Kind m_kind = Kind::Lock;
    char *m_payload = nullptr;
    qsizetype m_payloadSize = 0;
};

} // namespace qmp
