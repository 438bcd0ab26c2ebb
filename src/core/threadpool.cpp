#include "threadpool.h"

#include "exceptioninfo.h"

#include <QAtomicInt>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <vector>

namespace qmp {

namespace {

QAtomicInt g_threadPoolNumber;
std::atomic<quint64> g_nextEngineId{1};

// Per thread: which pool's initializer ran here, and the thread's name in that pool.
// A QThreadPool's threads serve that pool only, so one slot per thread is enough.
thread_local quint64 t_pool = 0;
thread_local QString t_threadName;

} // namespace

// The jobs of one submission that one thread runs in a row (Python's chunk).
struct ThreadChunk
{
    QString task;
    std::vector<std::pair<qsizetype, QCborArray>> items; // (index, arguments)
    std::shared_ptr<detail::PoolBatch> batch;
};

// Shared by the ThreadPool and the functions queued on its threads.
// Two locks, never nested engine-then-batch or batch-then-engine:
// - mutex guards the queue, the running batches, state and broken;
// - batchMutex serialises every call into a batch (deliver / fail / complete run the result's
//   QPromise and may run a continuation attached without context right here, which may submit
//   again: hence recursive, and never held together with mutex).
struct ThreadPool::Engine
{
    using Batches = std::vector<std::shared_ptr<detail::PoolBatch>>;

    std::mutex mutex;
    std::deque<ThreadChunk> queue;
    Batches active; // batches of the chunks running now
    State state = State::Running;
    std::exception_ptr broken;
    int threadNumber = 0;

    std::recursive_mutex batchMutex;

    // Set at construction, read-only afterwards.
    std::optional<TaskCall> initializer;
    QString name;
    quint64 id = g_nextEngineId.fetch_add(1);
    std::shared_ptr<detail::Completion> stopped;

    void fail(detail::PoolBatch &batch, std::exception_ptr error)
    {
        std::lock_guard lock(batchMutex);
        batch.fail(error);
    }

    // A call failed: the batch fails, or an imap's goes on (PoolBatch::callsFailed).
    void callFailed(detail::PoolBatch &batch, qsizetype index, std::exception_ptr error)
    {
        std::lock_guard lock(batchMutex);
        batch.callsFailed(index, 1, error);
    }

    void failAll(const Batches &batches, std::exception_ptr error)
    {
        for (const auto &batch : batches)
            fail(*batch, error);
    }

    void deliver(detail::PoolBatch &batch, qsizetype index, const QCborValue &value)
    {
        std::lock_guard lock(batchMutex);
        batch.deliver(index, value); // a value that does not convert fails the call
    }

    // False when the batch is over; a canceled batch fails here (like Pool's).
    bool shouldRun(detail::PoolBatch &batch)
    {
        std::lock_guard lock(batchMutex);
        if (batch.hasEnded())
            return false;
        if (batch.wasCanceled()) {
            fail(batch, std::make_exception_ptr(ValueError(QStringLiteral("the result was canceled"))));
            return false;
        }
        return true;
    }

    // With mutex held: drops the queue; returns every batch queued or running, to fail.
    Batches takeAllLocked()
    {
        Batches out = active;
        for (ThreadChunk &chunk : queue)
            out.push_back(chunk.batch);
        queue.clear();
        return out;
    }

    // With mutex held.
    void maybeStoppedLocked()
    {
        if (state != State::Running && active.empty() && queue.empty())
            stopped->finish(true);
    }

    // Runs on a pool thread: takes the next chunk, if any, and runs it.
    void runNext()
    {
        ThreadChunk chunk;
        bool runInitializer = false;
        {
            std::lock_guard lock(mutex);
            if (queue.empty())
                return;
            chunk = std::move(queue.front());
            queue.pop_front();
            active.push_back(chunk.batch);
            if (t_pool != id) {
                t_pool = id;
                t_threadName = QStringLiteral("%1-Thread-%2").arg(name).arg(++threadNumber);
                runInitializer = initializer.has_value();
            }
        }

        if (runInitializer) { // once per thread, even when it throws
            std::optional<detail::ExceptionInfo> failure;
            try {
                TaskRegistry::instance().call(initializer->name, initializer->args);
            } catch (...) {
                failure = detail::describeCurrentException();
            }
            if (failure) {
                Batches doomed;
                std::exception_ptr error;
                {
                    std::lock_guard lock(mutex);
                    if (!broken) {
                        broken = std::make_exception_ptr(
                            RemoteError(failure->type, failure->message,
                                        QStringLiteral("initializer '%1' of %2").arg(initializer->name, name)));
                        doomed = takeAllLocked();
                    }
                    error = broken;
                }
                failAll(doomed, error);
            }
        }

        for (auto &[index, args] : chunk.items) {
            {
                std::lock_guard lock(mutex);
                if (state == State::Terminated || broken)
                    break;
            }
            if (!shouldRun(*chunk.batch))
                break;
            QCborValue value;
            std::optional<detail::ExceptionInfo> failure;
            try {
                value = TaskRegistry::instance().call(chunk.task, args);
            } catch (...) {
                failure = detail::describeCurrentException();
            }
            if (failure) {
                callFailed(*chunk.batch, index, std::make_exception_ptr(RemoteError(
                                                    failure->type, failure->message,
                                                    QStringLiteral("task '%1' in %2").arg(chunk.task, t_threadName))));
            } else {
                deliver(*chunk.batch, index, value);
            }
        }

        std::lock_guard lock(mutex);
        active.erase(std::find(active.begin(), active.end(), chunk.batch));
        maybeStoppedLocked();
    }
};

ThreadPool::ThreadPool(std::optional<int> processes, PoolOptions options, QObject *parent)
    : PoolBase(processes, parent)
{
    checkOptions(options);
    if (options.taskTimeout.count() > 0)
        throw ValueError(QStringLiteral("taskTimeout is not supported by ThreadPool: a running thread cannot be "
                                        "killed (use qmp::Pool, or AsyncResult::get(timeout) to stop waiting)"));
    if (options.retries > 0)
        throw ValueError(QStringLiteral("retries is not supported by ThreadPool: a thread never dies under a task "
                                        "(use qmp::Pool)"));
    if (options.maxTasksPerChild > 0)
        throw ValueError(QStringLiteral("maxTasksPerChild is not supported by ThreadPool: its threads are not "
                                        "replaced (use qmp::Pool)"));
    m_name = options.name.isEmpty()
        ? QStringLiteral("ThreadPool-%1").arg(g_threadPoolNumber.fetchAndAddRelaxed(1) + 1)
        : options.name;

    m_engine = std::make_shared<Engine>();
    m_engine->name = m_name;
    m_engine->initializer = std::move(options.initializer);
    m_engine->stopped = m_stopped;

    m_threads = std::make_unique<QThreadPool>();
    m_threads->setObjectName(m_name);
    m_threads->setMaxThreadCount(m_processes);
    m_threads->setExpiryTimeout(-1); // the threads live as long as the pool: initializer once per thread
}

ThreadPool::~ThreadPool()
{
    if (m_state != State::Terminated)
        terminate(); // close() without join(): do not wait for queued work in a destructor
    m_stopped->wait(QDeadlineTimer(QDeadlineTimer::Forever));
    m_threads->waitForDone();
}

void ThreadPool::schedule(const QString &task, ArgumentLists argumentLists, int chunksize,
                          const std::shared_ptr<detail::PoolBatch> &batch)
{
    chunksize = effectiveChunksize(argumentLists.size(), chunksize);
    std::vector<ThreadChunk> chunks;
    for (qsizetype i = 0; i < argumentLists.size(); ++i) {
        if (i % chunksize == 0)
            chunks.push_back(ThreadChunk{task, {}, batch});
        chunks.back().items.emplace_back(i, argumentLists.at(i));
    }
    std::exception_ptr broken;
    {
        std::lock_guard lock(m_engine->mutex);
        broken = m_engine->broken;
        if (!broken) {
            for (ThreadChunk &chunk : chunks)
                m_engine->queue.push_back(std::move(chunk));
        }
    }
    if (broken) { // like Pool: the submission returns a result that fails with the reason
        m_engine->fail(*batch, broken);
        return;
    }
    // One run per chunk; each takes whichever chunk is next, so the queue stays first in, first out.
    for (size_t i = 0; i < chunks.size(); ++i)
        m_threads->start([engine = m_engine] { engine->runNext(); });
}

void ThreadPool::closeWorkers()
{
    std::lock_guard lock(m_engine->mutex);
    m_engine->state = State::Closed;
    m_engine->maybeStoppedLocked();
}

void ThreadPool::terminateWorkers()
{
    Engine::Batches doomed;
    {
        std::lock_guard lock(m_engine->mutex);
        m_engine->state = State::Terminated;
        doomed = m_engine->takeAllLocked();
    }
    m_engine->failAll(doomed, std::make_exception_ptr(
                                  ProcessError(QStringLiteral("the pool was terminated before the task finished"))));
    std::lock_guard lock(m_engine->mutex);
    m_engine->maybeStoppedLocked();
}

} // namespace qmp
