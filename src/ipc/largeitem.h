#pragma once
// LargeItem: a queue or pipe item too large for its ring travels in a block of its own, a
// private System V segment whose id goes through the ring. The block is raw SysV, not a
// QSharedMemory, on purpose: ownership must pass from the putter to the getter, so a child may
// put 1 MiB and exit before anyone reads it (no feeder thread, no P3 deadlock). QSharedMemory
// would destroy the block at the putter's last detach. take() removes the block; a queue whose
// last handle goes away discards the blocks it still holds; `qmp ipc gc` removes blocks whose
// queue is gone. Thread-safe (stateless).

#include <QByteArray>
#include <QList>
#include <QString>

namespace qmp {

class LargeItem
{
public:
    struct Block
    {
        int shmid = -1;
        QString queueKey;
        qint64 creatorPid = 0;
        int attachments = 0;
        qint64 size = 0;
    };

    // Copies data into a new block tagged with its queue's key; returns the block id.
    // Throws OSError when the system refuses the memory.
    static int store(const QString &queueKey, const char *data, qsizetype size);
    // The item's bytes; removes the block. Throws OSError when the block is gone.
    static QByteArray take(int shmid);
    // Removes a block without reading it.
    static void discard(int shmid);
    // Every block of this user on the machine.
    static QList<Block> blocks();
};

} // namespace qmp
