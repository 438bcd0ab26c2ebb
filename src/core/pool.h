#pragma once
// qmp::Pool — Python's multiprocessing.Pool: N persistent worker processes running registered
// tasks. Results come back as QFutures (AsyncResult / MapResult carry Python's get / wait /
// ready / successful on top).
//
// The pool runs on its own thread, so waiting (get(), map()) never needs the caller's event
// loop, and a GUI stays responsive. Callbacks of applyAsync run on the thread that owns the Pool
// (its event loop must run). Methods are safe to call from the owner's thread.
//
// Beyond Python: a worker that dies (SIGKILL, segfault, abort, exit) fails exactly the task it
// was running with a WorkerLostError naming the worker's pid, how it ended and the task — or
// retries it (PoolOptions::retries) — and is replaced; no get() ever hangs (Python: bpo-22393).
// A task past PoolOptions::taskTimeout is killed with its worker and fails with TimeoutError.
// terminate() fails every unfinished result instead of leaving it pending forever. An
// initializer that throws breaks the pool with that error instead of respawning forever.
// Workers may start processes of their own (Python's pool workers are daemons and may not).

#include "asyncresult.h"
#include "cborconvert.h"
#include "poolengine.h"
#include "pooloptions.h"
#include "taskcall.h"
#include "taskregistry.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <memory>
#include <optional>
#include <type_traits>

class QThread;

namespace qmp {

// The C++ type a task's result arrives as: its return type, or QCborValue for void.
template <typename R>
using TaskValue = std::conditional_t<std::is_void_v<R>, QCborValue, std::remove_cvref_t<R>>;

class Pool : public QObject
{
    Q_OBJECT
public:
    enum class State { Running, Closed, Terminated };
    Q_ENUM(State)

    // processes: nullopt means processCpuCount(); below 1 is a ValueError. Starts the workers.
    explicit Pool(std::optional<int> processes = std::nullopt, PoolOptions options = {}, QObject *parent = nullptr);
    // Like Python's `with Pool() as p:` — terminates (unfinished results fail), then joins.
    ~Pool() override;

    int processes() const { return m_processes; }
    QString name() const { return m_name; }
    State state() const { return m_state; }

    // --- apply ---
    template <typename R, typename... P, typename... A>
    TaskValue<R> apply(R (*fn)(P...), A &&...args)
    {
        return applyAsync(fn, std::forward<A>(args)...).get();
    }
    QCborValue apply(const TaskCall &call) { return applyAsync(call).get(); }

    template <typename R, typename... P, typename... A>
    AsyncResult<TaskValue<R>> applyAsync(R (*fn)(P...), A &&...args)
    {
        const TaskCall call = TaskCall::of(fn, std::forward<A>(args)...);
        MapResult<TaskValue<R>> many = submit<TaskValue<R>>(call.name, {call.args}, 1, true);
        return AsyncResult<TaskValue<R>>(many.future(), many.completion());
    }
    // callback gets the value, errorCallback what the task threw; both on the Pool's thread.
    AsyncResult<QCborValue> applyAsync(const TaskCall &call,
                                       std::function<void(const QCborValue &)> callback = {},
                                       std::function<void(const Error &)> errorCallback = {});

    // --- map: one task per item, results in input order ---
    // chunksize 0: Python's default, ceil(len / (4 * processes)).
    template <typename R, typename P, typename Container>
    QList<TaskValue<R>> map(R (*fn)(P), const Container &inputs, int chunksize = 0)
    {
        return mapAsync(fn, inputs, chunksize).get();
    }
    template <typename R, typename P, typename Container>
    MapResult<TaskValue<R>> mapAsync(R (*fn)(P), const Container &inputs, int chunksize = 0)
    {
        QList<QCborArray> args;
        for (const auto &item : inputs)
            args.append(QCborArray{toCbor(item)});
        return submit<TaskValue<R>>(TaskCall::registeredName(detail::functionAddress(fn)), std::move(args),
                                    chunksize, true);
    }
    QList<QCborValue> map(const QString &task, const QCborArray &inputs, int chunksize = 0);
    MapResult<QCborValue> mapAsync(const QString &task, const QCborArray &inputs, int chunksize = 0);

    // --- starmap: each item is an argument list ---
    template <typename R, typename... P>
    QList<TaskValue<R>> starmap(R (*fn)(P...), const QList<QCborArray> &argumentLists, int chunksize = 0)
    {
        return starmapAsync(fn, argumentLists, chunksize).get();
    }
    template <typename R, typename... P>
    MapResult<TaskValue<R>> starmapAsync(R (*fn)(P...), const QList<QCborArray> &argumentLists, int chunksize = 0)
    {
        return submit<TaskValue<R>>(TaskCall::registeredName(detail::functionAddress(fn)), argumentLists,
                                    chunksize, true);
    }

    // --- imap / imapUnordered: iterate the QFuture; it yields results as they arrive ---
    // imap in input order (iteration waits for the next one), imapUnordered in completion order.
    template <typename R, typename P, typename Container>
    QFuture<TaskValue<R>> imap(R (*fn)(P), const Container &inputs, int chunksize = 1)
    {
        return iterate<TaskValue<R>>(fn, inputs, chunksize, true);
    }
    template <typename R, typename P, typename Container>
    QFuture<TaskValue<R>> imapUnordered(R (*fn)(P), const Container &inputs, int chunksize = 1)
    {
        return iterate<TaskValue<R>>(fn, inputs, chunksize, false);
    }

    // No more tasks; workers finish what is queued, then exit. Later submissions: ValueError.
    void close();
    // Stops the workers now; every unfinished result fails with ProcessError.
    void terminate();
    // Waits until every worker has exited. Only after close() or terminate() (ValueError).
    void join();

    // Python's default chunksize for n items on this pool.
    int defaultChunksize(qsizetype items) const;

signals:
    void workerStarted(qint64 pid);
    void workerExited(qint64 pid, int exitCode);

private:
    template <typename T, typename R, typename P, typename Container>
    QFuture<T> iterate(R (*fn)(P), const Container &inputs, int chunksize, bool ordered)
    {
        QList<QCborArray> args;
        for (const auto &item : inputs)
            args.append(QCborArray{toCbor(item)});
        return submit<T>(TaskCall::registeredName(detail::functionAddress(fn)), std::move(args),
                         chunksize <= 0 ? 1 : chunksize, ordered)
            .future();
    }

    // Queues one job per argument list; results go to the returned future, in input order when
    // ordered, else in completion order.
    template <typename T>
    MapResult<T> submit(const QString &task, QList<QCborArray> argumentLists, int chunksize, bool ordered)
    {
        ensureRunning();
        if (argumentLists.isEmpty()) {
            if (!TaskRegistry::instance().lookup(task)) // the name at least must be known
                TaskRegistry::instance().checkCall(task, {});
        } else {
            const TaskRegistry::Entry &entry = TaskRegistry::instance().checkCall(task, argumentLists.first());
            for (const QCborArray &args : argumentLists) {
                if (entry.arity >= 0 && args.size() != entry.arity)
                    TaskRegistry::instance().checkCall(task, args); // throws, naming the task
            }
        }
        auto promise = std::make_shared<QPromise<T>>();
        auto completion = std::make_shared<detail::Completion>();
        QFuture<T> future = promise->future();
        promise->start();
        const qsizetype n = argumentLists.size();
        promise->setProgressRange(0, int(n));
        auto batch = std::make_shared<detail::PoolBatch>();
        batch->remaining = n;
        batch->deliver = [promise, ordered, delivered = 0](qsizetype index, const QCborValue &value) mutable {
            T converted = CborConvert<T>::fromCbor(value);
            if (ordered)
                promise->addResult(std::move(converted), int(index));
            else
                promise->addResult(std::move(converted));
            promise->setProgressValue(++delivered);
        };
        batch->fail = [promise, completion](std::exception_ptr error) {
            promise->setException(error);
            promise->finish();
            completion->finish(false);
        };
        batch->complete = [promise, completion] {
            promise->finish();
            completion->finish(true);
        };
        batch->isCanceled = [promise] { return promise->isCanceled(); };
        if (n == 0) {
            batch->ended = true;
            batch->complete();
        } else {
            post(makeJobs(task, std::move(argumentLists), chunksize, batch));
        }
        return MapResult<T>(future, completion);
    }

    std::vector<detail::PoolJob> makeJobs(const QString &task, QList<QCborArray> argumentLists, int chunksize,
                                          const std::shared_ptr<detail::PoolBatch> &batch);
    void post(std::vector<detail::PoolJob> jobs);
    void ensureRunning() const;

    int m_processes;
    QString m_name;
    State m_state = State::Running;
    QThread *m_thread = nullptr;
    PoolEngine *m_engine = nullptr;
    std::shared_ptr<detail::Completion> m_stopped;
};

} // namespace qmp
