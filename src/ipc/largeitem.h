#pragma once
// LargeItem: a queue or pipe item too large for its ring travels in a block of its own, a
// private System V segment whose id goes through the ring. The block is raw SysV, not a
// QSharedMemory, on purpose: ownership must pass from the putter to the getter, so a child may
// put 1 MiB and exit before anyone reads it (no feeder thread that keeps a Python child alive until
// someone reads). QSharedMemory
// would destroy the block at the putter's last detach.
//
// Never invisible, never leaked. A block is made with mode 0601 (owner read-write, and others'
// execute bit as a mark no one else uses: without read permission it grants nothing), so
// blocks() and `qmp ipc ls` know it from the moment it exists, before its header is written;
// its size modulo 4096 is a mark of its queue's key directory (directoryMark(), at most one page
// more), so even then `qmp ipc ls --dir` lists it under the right directory.
// The header comes first and says how far the block got: Writing, Ready (whole, not in a ring),
// Linked (its record is in the ring, which owns it from then on). A block that is not Linked
// and whose creator is gone is torn; `qmp ipc gc` removes it even while its queue lives.
// A ring links a block under its lock (MessageRing notes the id first, so a putter killed
// inside the lock leaves a block that the next locker keeps or removes); a getter claims the
// block — attaches and marks it removed — under the ring's lock before it drops the record, so
// the block goes with the getter's detach even if it is killed while copying. A ring whose last
// handle goes discards the blocks it still holds; `qmp ipc gc` removes the Linked blocks of a
// queue that is gone.
//
// A LargeItem object is one attachment of a block in this process (move-only). Thread-safe.

#include "qmpipc_export.h"
#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>

namespace qmp {

class QMP_IPC_AUTOTEST_EXPORT LargeItem
{
public:
    enum class State : std::uint32_t { Unknown = 0, Writing, Ready, Linked }; // Unknown: no header yet

    struct Block
    {
        int shmid = -1;
        QString queueKey; // the owning ring's segment key (empty before the header is written)
        qint64 creatorPid = 0;
        int attachments = 0;
        qint64 size = 0;
        State state = State::Unknown;
        int directoryMark = 0; // directoryMark() of its queue's key directory
    };

    // A new block holding size bytes of data, tagged with the key of its ring's segment, and
    // Ready. Attached until this object goes; removed then unless markLinked() was called.
    // Throws OSError when the system refuses the memory.
    static LargeItem create(const QString &queueKey, const char *data, qsizetype size);
    // For a getter, under the ring's lock: attaches to a block and marks it removed (it goes at
    // the last detach). Throws OSError when the block is gone.
    static LargeItem claim(int shmid);

    LargeItem(LargeItem &&other) noexcept;
    LargeItem &operator=(LargeItem &&) = delete;
    LargeItem(const LargeItem &) = delete;
    ~LargeItem();

    int shmid() const { return m_shmid; }
    // Under the ring's lock, right before its record is published: the ring owns the block.
    void markLinked();
    // The item's bytes (a claimed block).
    QByteArray data() const;

    // Removes a block without reading it.
    static void discard(int shmid);
    // True when the block exists and is not marked removed (for a ring's recovery).
    static bool exists(int shmid);
    // Every block of this user on the machine, torn ones and those without a header included.
    static QList<Block> blocks();
    // 1..4095, from an absolute directory path (the blocks of queues whose keys live there).
    static int directoryMark(const QString &directory);
    // The segment size of a block for size bytes of a ring whose segment key is queueKey.
    static qsizetype segmentSize(const QString &queueKey, qsizetype size);

private:
    LargeItem(int shmid, void *address, bool created) : m_shmid(shmid), m_address(address), m_created(created) {}

    int m_shmid = -1;
    void *m_address = nullptr;
    bool m_created = false; // made here: removed at destruction unless linked
    bool m_linked = false;
};

} // namespace qmp
