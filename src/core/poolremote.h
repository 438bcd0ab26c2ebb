#pragma once
// PoolRemote: the controls of a Pool that any thread may use without waiting for anyone — kill a
// worker (or a running command's process group), cancel a task. They are posted to the pool's
// own thread, so they act while the pool's owner is blocked (in get(), say): what a monitor on
// another thread needs to end a stuck task. Pool::remote() hands it out; it outlives the pool
// (then the calls do nothing). Thread-safe.

#include "qmpcore_export.h"
#include <QMutex>
#include <QtGlobal>

namespace qmp {

class PoolEngine;

class QMP_CORE_EXPORT PoolRemote
{
public:
    // False when the pool is gone; else the request is on its way (its outcome shows in the
    // pool's events: an unknown pid or a task that has ended is ignored).
    bool terminateWorker(qint64 pid);
    bool cancelTask(quint64 taskId);

private:
    friend class Pool;
    explicit PoolRemote(PoolEngine *engine) : m_engine(engine) {}
    void detach(); // the pool is going: later calls do nothing
    // Runs call(engine) on the engine's thread; false when the pool is gone.
    template <typename Call>
    bool post(Call call);

    QMutex m_mutex;
    PoolEngine *m_engine; // guarded by m_mutex; nullptr once detached
};

} // namespace qmp
