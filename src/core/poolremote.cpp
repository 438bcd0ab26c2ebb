#include "poolremote.h"

#include "poolengine.h"

namespace qmp {

// Posting under the lock: the engine is deleted only after detach(), and deleting it drops the
// events still posted to it.
template <typename Call>
bool PoolRemote::post(Call call)
{
    const QMutexLocker lock(&m_mutex);
    if (!m_engine)
        return false;
    PoolEngine *engine = m_engine;
    return QMetaObject::invokeMethod(engine, [engine, call] { call(*engine); }, Qt::QueuedConnection);
}

bool PoolRemote::terminateWorker(qint64 pid)
{
    return post([pid](PoolEngine &engine) { engine.terminateWorker(pid); });
}

bool PoolRemote::cancelTask(quint64 taskId)
{
    return post([taskId](PoolEngine &engine) { engine.cancelTask(taskId); });
}

void PoolRemote::detach()
{
    const QMutexLocker lock(&m_mutex);
    m_engine = nullptr;
}

} // namespace qmp
