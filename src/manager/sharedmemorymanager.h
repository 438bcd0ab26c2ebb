#pragma once
// qmp::SharedMemoryManager — Python's managers.SharedMemoryManager: its process creates the
// shared memory blocks and ShareableLists you ask for, and unlinks every one of them at
// shutdown, whatever happened to the processes that used them (crashed ones included).
// Constructing it starts the manager; destroying it shuts it down.
//
//     qmp::SharedMemoryManager smm;
//     qmp::ShareableList sl = smm.shareableList(items);   // attach-able by children
//     ...                                                // at the end of scope: unlinked

#include "qmpmanager_export.h"
#include "basemanager.h"
#include "shareablelist.h"
#include "sharedmemory.h"

#include <QStringList>

namespace qmp {

class QMP_MANAGER_EXPORT SharedMemoryManager : public BaseManager
{
public:
    SharedMemoryManager();
    // A manager that listens on address with authkey (started now).
    SharedMemoryManager(const QString &address, const QByteArray &authkey);

    // A new block of size bytes (ValueError for size <= 0), attached in this process.
    SharedMemory sharedMemory(qsizetype size) const;
    // A new ShareableList holding sequence, attached in this process.
    ShareableList shareableList(const QCborArray &sequence) const;
    // The names of the blocks the manager made and will unlink.
    QStringList segments() const;
};

} // namespace qmp
