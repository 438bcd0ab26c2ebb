#include "poolremote.h"

#include "poolengine.h"

namespace qmp {

// Posting under the lock: the engine is deleted only after detach(), and deleting it drops the
// events still posted to it.
bool PoolRemote::terminateWorker(qint64 pid)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_engine)
        return false;
    PoolEngine *engine = m_engine;
    return QMetaObject::invokeMethod(engine, [engine, pid] { engine->terminateWorker(pid); }, Qt::QueuedConnection);
}

bool PoolRemote::cancelTask(quint64 taskId)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_engine)
        return false;
    PoolEngine *engine = m_engine;
    return QMetaObject::invokeMethod(engine, [engine, taskId] { engine->cancelTask(taskId); }, Qt::QueuedConnection);
}

void PoolRemote::detach()
{
    const QMutexLocker lock(&m_mutex);
    m_engine = nullptr;
}

} // namespace qmp
