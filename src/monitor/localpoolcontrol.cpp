#include "localpoolcontrol.h"

#include "cborconvert.h"
#include "errors.h"
#include "pool.h"

#include <QMutex>
#include <QPointer>
#include <QPromise>
#include <QThread>

namespace qmp {

// The pool's side: lives on the pool's thread, the only thread that reads its pointer to the pool
// (a pool is destroyed on its own thread, so there the pointer is never stale).
class LocalPoolControl::Marshal : public QObject
{
public:
    explicit Marshal(Pool *pool) : m_pool(pool) {}
    Pool *pool() const { return m_pool.data(); }

private:
    QPointer<Pool> m_pool;
};

// The way back from the pool's thread: posted controls report to the control while it exists
// (its destructor clears the pointer under the lock; events posted to it before die with it).
struct LocalPoolControl::Link
{
    QMutex mutex;
    LocalPoolControl *control = nullptr;
};

namespace {
PoolState::Lifecycle lifecycleOf(const Pool &pool)
{
    if (pool.state() == PoolBase::State::Terminated)
        return PoolState::Lifecycle::Terminated;
    if (pool.state() == PoolBase::State::Closed)
        return PoolState::Lifecycle::Closed;
    return pool.isPaused() ? PoolState::Lifecycle::Paused : PoolState::Lifecycle::Running;
}

// Runs control on the pool; an Error it throws (the pool closed meanwhile, a task unknown here)
// means it did not apply.
bool run(const std::function<bool(Pool &)> &control, Pool &pool)
{
    try {
        return control(pool);
    } catch (const Error &) {
        return false;
    }
}
} // namespace

LocalPoolControl::LocalPoolControl(Pool *pool, const PoolState *state, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_poolThread(pool->thread())
    , m_marshal(new Marshal(pool))
    , m_link(std::make_shared<Link>())
    , m_remote(pool->remote())
{
    m_link->control = this;
    m_marshal->moveToThread(m_poolThread);
    connect(pool, &QObject::destroyed, this, [this] { m_available = false; });
}

LocalPoolControl::~LocalPoolControl()
{
    {
        const QMutexLocker lock(&m_link->mutex);
        m_link->control = nullptr;
    }
    if (QThread::currentThread() == m_poolThread)
        delete m_marshal;
    else
        m_marshal->deleteLater(); // after the controls posted before it
}

bool LocalPoolControl::isRunning() const
{
    return m_state->lifecycle() == PoolState::Lifecycle::Running || m_state->lifecycle() == PoolState::Lifecycle::Paused;
}

bool LocalPoolControl::isNotOver() const
{
    return m_state->lifecycle() != PoolState::Lifecycle::Terminated && m_state->lifecycle() != PoolState::Lifecycle::Gone;
}

bool LocalPoolControl::carryOut(Control control, bool applies)
{
    if (!m_available)
        return false;
    if (QThread::currentThread() == m_poolThread) {
        Pool *pool = m_marshal->pool();
        if (!pool)
            return false;
        const bool done = run(control, *pool);
        Q_EMIT reported(lifecycleOf(*pool), pool->processes());
        return done;
    }
    if (!applies)
        return false;
    QMetaObject::invokeMethod(
        m_marshal,
        [marshal = m_marshal, link = m_link, control = std::move(control)] {
            Pool *pool = marshal->pool();
            if (!pool)
                return;
            run(control, *pool);
            const PoolState::Lifecycle lifecycle = lifecycleOf(*pool);
            const int processes = pool->processes();
            const QMutexLocker lock(&link->mutex);
            if (LocalPoolControl *target = link->control) {
                QMetaObject::invokeMethod(
                    target, [target, lifecycle, processes] { Q_EMIT target->reported(lifecycle, processes); },
                    Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
    return true;
}

bool LocalPoolControl::pause(bool stopRunning)
{
    return carryOut(
        [stopRunning](Pool &pool) {
            if (pool.state() != PoolBase::State::Running || pool.isPaused())
                return false;
            pool.pause(stopRunning);
            return true;
        },
        isRunning());
}

bool LocalPoolControl::resume()
{
    return carryOut(
        [](Pool &pool) {
            if (!pool.isPaused())
                return false;
            pool.resume();
            return true;
        },
        isNotOver()); // a paused pool that was closed waits for resume()
}

bool LocalPoolControl::close()
{
    return carryOut(
        [](Pool &pool) {
            if (pool.state() != PoolBase::State::Running)
                return false;
            pool.close();
            return true;
        },
        isRunning());
}

bool LocalPoolControl::terminate()
{
    return carryOut(
        [](Pool &pool) {
            if (pool.state() == PoolBase::State::Terminated)
                return false;
            pool.terminate();
            return true;
        },
        isNotOver());
}

bool LocalPoolControl::terminateWorker(qint64 pid)
{
    const WorkerState *worker = m_state->worker(pid);
    const bool applies = worker && worker->state != WorkerState::State::Exited;
    if (QThread::currentThread() != m_poolThread)
        return m_available && applies && m_remote->terminateWorker(pid);
    return carryOut([pid](Pool &pool) { return pool.terminateWorker(pid); }, applies);
}

bool LocalPoolControl::cancelTask(quint64 taskId)
{
    const TaskState *task = m_state->task(taskId);
    const bool applies = task && !task->isDone();
    if (QThread::currentThread() != m_poolThread)
        return m_available && applies && m_remote->cancelTask(taskId);
    return carryOut([taskId](Pool &pool) { return pool.cancelTask(taskId); }, applies);
}

bool LocalPoolControl::resize(int processes)
{
    if (processes < 1)
        return false;
    return carryOut(
        [processes](Pool &pool) {
            if (pool.state() == PoolBase::State::Terminated)
                return false;
            pool.setProcesses(processes);
            return true;
        },
        isNotOver());
}

bool LocalPoolControl::retryTask(quint64 taskId)
{
    const TaskState *task = m_state->task(taskId);
    if (!task || !task->arguments.isArray())
        return false;
    const QCborArray args = task->arguments.toArray();
    if (task->isCommand) {
        Command command;
        command.program = args.at(0).toString();
        for (const QCborValue &word : args.at(1).toArray())
            command.arguments.append(word.toString());
        command.workingDirectory = args.at(2).toString();
        CommandOptions options;
        options.timeout = std::chrono::milliseconds(cborInteger(args.at(3)));
        options.retries = int(cborInteger(args.at(4)));
        return carryOut(
            [command, options](Pool &pool) {
                pool.run(command, options);
                return true;
            },
            isRunning());
    }
    const TaskCall call{task->name, args};
    return carryOut(
        [call](Pool &pool) {
            pool.applyAsync(call);
            return true;
        },
        isRunning());
}

QFuture<void> LocalPoolControl::join()
{
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    QFuture<void> future = promise->future();
    // Not run (the pool is gone): the promise dies with the control function, which cancels it.
    carryOut(
        [promise](Pool &pool) {
            if (pool.state() == PoolBase::State::Running)
                pool.close();
            // On the pool's internal thread when it stops (or at once): never waits here.
            (void)pool.joinAsync().then([promise] { promise->finish(); });
            return true;
        },
        m_state->lifecycle() != PoolState::Lifecycle::Gone);
    return future;
}

} // namespace qmp
