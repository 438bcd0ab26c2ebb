#pragma once
// LocalPoolControl: the PoolControl of a pool of this program (MonitorHub::watch / adopt). A
// Pool's state-changing controls belong to the thread that owns it, and the hub may live on
// another one (AppMonitor gives it a thread of its own), so every control is carried out on the
// pool's thread:
// - called on that thread, it runs at once and returns what the pool did;
// - called from another thread, it is posted there (queued: the hub never waits for a busy owner)
//   unless what the hub knows of the pool (its PoolState) rules it out — the pool is over (closed,
//   terminated, gone) for the controls that need it running, the worker or task is not known or
//   not running — and returns whether it was sent. terminateWorker and cancelTask go straight to
//   the pool's internal thread (PoolRemote): they act even while the owner is blocked in get(),
//   which is when a stuck worker needs them; the others wait for the owner's event loop. The
//   hub's view may lag the controls posted before (a pause not carried out yet), so whether
//   pause / resume apply is decided on the pool's thread, in order. Posted controls run in the order they were made, when the owner's event
//   loop turns (a program blocked in get() gets them when it returns to its loop); a control that
//   reaches a pool destroyed meanwhile is dropped.
// After every control that ran, reported() tells what the pool is now (lifecycle and size): the
// hub's view follows the pool, not the request. join() closes the pool (when it still takes work)
// and returns a future of its end that never holds the pool.
// Lives on the hub's thread. The pool must stay on the thread it had when this was made; state
// (the hub's view of the pool) must outlive this object.

#include "qmpmonitor_export.h"
#include "poolcontrol.h"
#include "poolstate.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace qmp {

class Pool;
class PoolRemote;

class QMP_MONITOR_AUTOTEST_EXPORT LocalPoolControl : public QObject, public PoolControl
{
    Q_OBJECT
public:
    LocalPoolControl(Pool *pool, const PoolState *state, QObject *parent = nullptr);
    ~LocalPoolControl() override;

    // False once the pool has been destroyed.
    bool isAvailable() const override { return m_available; }
    // The thread that owns the pool, where its controls run.
    QThread *poolThread() const { return m_poolThread; }
    bool pause(bool stopRunning) override;
    bool resume() override;
    bool close() override;
    bool terminate() override;
    bool terminateWorker(qint64 pid) override;
    bool cancelTask(quint64 taskId) override;
    bool resize(int processes) override;
    // Submits the ended task again as one new call (its arguments as the hub recorded them: a
    // registered task's one call, or a command). The hub checks first that it can (canRetry).
    bool retryTask(quint64 taskId) override;
    bool canJoin() const override { return m_available; }
    QFuture<void> join() override;

Q_SIGNALS:
    // What the pool is after a control ran: Running, Paused, Closed or Terminated, and its size.
    // On this object's thread; at once when the control ran on it.
    void reported(qmp::PoolState::Lifecycle lifecycle, int processes);

private:
    class Marshal;
    struct Link;
    using Control = std::function<bool(Pool &)>;

    // Runs control on the pool's thread (see the contract above); applies: what the hub knows
    // says it can, the condition for posting it from another thread.
    bool carryOut(Control control, bool applies);
    // Whether the hub's view allows controls that need a pool still taking work or at least not
    // terminated.
    bool isRunning() const;
    bool isNotOver() const;

    const PoolState *m_state;
    QThread *m_poolThread;
    Marshal *m_marshal;          // lives on m_poolThread
    std::shared_ptr<Link> m_link; // how posted controls find this object again, while it exists
    std::shared_ptr<PoolRemote> m_remote; // kill / cancel from any thread
    bool m_available = true;
};

} // namespace qmp
