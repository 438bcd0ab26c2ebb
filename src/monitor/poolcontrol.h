#pragma once
// PoolControl: the one way MonitorHub controls a pool. A pool of this
// program (watched or adopted) has a LocalPoolControl, which carries each control out on the
// thread that owns the Pool; another program's pool seen through the monitor socket has
// MonitorClient's, which sends it as a command. MonitorHub routes pause / resume / close /
// terminate / terminateWorker / cancelTask / resize / retryTask / join there.
// Each bool control returns whether it was carried out (a local pool on the caller's thread) or
// sent (it may still be refused or not apply on the other side; the outcome shows in the events
// and the lifecycle that follow). Called on the hub's thread.

#include "qmpmonitor_export.h"
#include <QFuture>
#include <QtGlobal>

namespace qmp {

class QMP_MONITOR_EXPORT PoolControl
{
public:
    virtual ~PoolControl() = default;
    // Whether commands can be sent now (the pool is there / connected, and the program accepts them from us).
    virtual bool isAvailable() const = 0;
    virtual bool pause(bool stopRunning) = 0;
    virtual bool resume() = 0;
    virtual bool close() = 0;
    virtual bool terminate() = 0;
    virtual bool terminateWorker(qint64 pid) = 0;
    virtual bool cancelTask(quint64 taskId) = 0;
    virtual bool resize(int processes) = 0;
    virtual bool retryTask(quint64 taskId) = 0;
    // Whether join() can wait for this pool (a pool of this program: the monitor socket has no join).
    virtual bool canJoin() const = 0;
    // Closes the pool if it still takes work, then finishes once every worker has exited. Never
    // blocks the caller. A future that is canceled (and finished) when it cannot join: no join
    // here, or the pool went away before the close reached it.
    virtual QFuture<void> join() = 0;
};

} // namespace qmp
