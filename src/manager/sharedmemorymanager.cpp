#include "sharedmemorymanager.h"

namespace qmp {

SharedMemoryManager::SharedMemoryManager()
{
    start();
}

SharedMemoryManager::SharedMemoryManager(const QString &address, const QByteArray &authkey) : BaseManager(address, authkey)
{
    start();
}

SharedMemory SharedMemoryManager::sharedMemory(qsizetype size) const
{
    if (size <= 0)
        throw ValueError(QStringLiteral("SharedMemory needs a size > 0, not %1").arg(size));
    return CborConvert<SharedMemory>::fromCbor(callManager(QStringLiteral("shm_create"), {qint64(size)}));
}

ShareableList SharedMemoryManager::shareableList(const QCborArray &sequence) const
{
    return CborConvert<ShareableList>::fromCbor(callManager(QStringLiteral("shl_create"), {QCborValue(sequence)}));
}

QStringList SharedMemoryManager::segments() const
{
    QStringList out;
    for (const QCborValue &name : callManager(QStringLiteral("segments")).toArray())
        out.append(name.toString());
    return out;
}

} // namespace qmp
