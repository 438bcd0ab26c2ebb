#pragma once
// qmp::ThreadPool — Python's multiprocessing.pool.ThreadPool (multiprocessing.dummy.Pool): the
// interface of qmp::Pool (PoolBase: apply, applyAsync, map, mapAsync, starmap, starmapAsync,
// imap, imapUnordered, close, terminate, join, with the same rules and AsyncResult /
// MapResult), running the same registered tasks on N threads of the pool's own QThreadPool.
// Switching between Pool and ThreadPool is a change of type.
//
// The same as Pool:
// - arguments and results go through CborConvert (same values, same TypeErrors: a wrong
//   argument type fails the task with a RemoteError of type qmp::TypeError);
// - what a task throws comes back as qmp::RemoteError with its C++ type and message, context
//   "task 'name' in <pool>-Thread-N";
// - callbacks of applyAsync run on the thread that owns the pool (its event loop must run);
// - an initializer that throws breaks the pool: every unfinished and later result fails with
//   that error (a RemoteError naming the initializer) instead of the pool retrying forever;
// - terminate() fails every unfinished result with ProcessError at once.
//
// Different from Pool:
// - No process isolation: tasks share the program's memory, and a task that crashes
//   (segfault, abort) or calls qmp::exit() takes the whole program down.
// - A thread cannot be killed: PoolOptions::taskTimeout is a ValueError ("not supported by
//   ThreadPool"; use Pool, or AsyncResult::get(timeout), which gives up waiting but lets the task
//   run on). terminate() fails the results of running tasks at once, but the threads finish
//   those tasks (their results are dropped); join() and the destructor wait for them.
// - retries and maxTasksPerChild are ValueErrors when positive: threads neither die under a task
//   nor get replaced.
// - The initializer runs once per thread, before that thread's first task (threads start on
//   demand and are kept until the pool ends). Thread-local state it sets is what tasks see.
// - startMethod and outputMode do not apply. No qmp::Runtime is needed.
// - No workerStarted / workerExited signals: there are no worker processes.

#include "qmpcore_export.h"
#include "poolbase.h"
#include "pooloptions.h"

#include <memory>
#include <optional>

class QThreadPool;

namespace qmp {

class QMP_CORE_EXPORT ThreadPool : public PoolBase
{
    Q_OBJECT
public:
    // processes: the number of threads; nullopt means processCpuCount(); below 1 is a ValueError.
    explicit ThreadPool(std::optional<int> processes = std::nullopt, PoolOptions options = {},
                        QObject *parent = nullptr);
    // Like `with ThreadPool() as p:` — terminates (unfinished results fail), then waits for the
    // tasks still running on its threads.
    ~ThreadPool() override;

    // close(): the threads run what is queued, then the pool stops. terminate(): queued tasks are
    // dropped and every unfinished result fails now. join(): waits until no task runs any more.

protected:
    void schedule(const QString &task, ArgumentLists argumentLists, int chunksize,
                  const std::shared_ptr<detail::PoolBatch> &batch) override;
    void closeWorkers() override;
    void terminateWorkers() override;

private:
    struct Engine;
    std::shared_ptr<Engine> m_engine;
    std::unique_ptr<QThreadPool> m_threads;
};

} // namespace qmp
