#pragma once
// qmp::PoolBase — the interface qmp::Pool (worker processes) and qmp::ThreadPool (threads) share:
// apply / applyAsync / map / mapAsync / starmap / starmapAsync / imap / imapUnordered, close /
// terminate / join and their rules, and the plumbing from a submission to its AsyncResult /
// MapResult. A pool class only says how its jobs run (schedule(), closeWorkers(),
// terminateWorkers()), so code written against one pool works with the other, or against
// PoolBase& for both.
//
// Rules common to both: fewer than 1 process is a ValueError; submitting after close() or
// terminate() is a ValueError "Pool not running"; join() before close()/terminate() is a
// ValueError; terminate() fails every unfinished result with ProcessError before it returns. An
// unknown task is a ValueError and a wrong number of arguments a TypeError, both thrown by the
// submitting call.
// What a task throws comes back as qmp::RemoteError (its C++ type and message).

#include "qmpcore_export.h"
#include "argumentlists.h"
#include "asyncresult.h"
#include "cborconvert.h"
#include "imapresult.h"
#include "packedtask.h"
#include "poolbatch.h"
#include "pooloptions.h"
#include "resultpromise.h"
#include "taskcall.h"
#include "taskregistry.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>

#include <concepts>
#include <cstring>

#include <functional>
#include <memory>
#include <optional>
#include <ranges>
#include <type_traits>

namespace qmp {

// The C++ type a task's result arrives as: its return type, or QCborValue for void.
template <typename R>
using TaskValue = std::conditional_t<std::is_void_v<R>, QCborValue, std::remove_cvref_t<R>>;

class QMP_CORE_EXPORT PoolBase : public QObject
{
    Q_OBJECT
public:
    enum class State { Running, Closed, Terminated };
    Q_ENUM(State)

    // Python's callback= of map_async / starmap_async (the whole result list) and error_callback=.
    template <typename T>
    using ListCallback = std::type_identity_t<std::function<void(const QList<T> &)>>;
    using ErrorCallback = std::function<void(const Error &)>;

    ~PoolBase() override;

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
        MapResult<TaskValue<R>> many = submit<TaskValue<R>>(call.name, QList<QCborArray>{call.args}, 1, true, nullptr, {}, true);
        return AsyncResult<TaskValue<R>>(many.future(), many.completion());
    }
    // Python's callback / error_callback: callback gets the value, errorCallback what the task
    // threw (or the ProcessError of terminate(), the ValueError of a cancel). Exactly one of them
    // runs, once, on the thread that owns the pool (through its event loop), after the result is
    // ready. Independent of future(): continuations you attach to it do not replace them.
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
    // callback gets the whole result list (in input order), errorCallback the first error (the
    // one get() throws); exactly one of them runs, once, as with applyAsync — for an empty input
    // too (Python calls neither then).
    template <typename R, typename P, typename Container>
    MapResult<TaskValue<R>> mapAsync(R (*fn)(P), const Container &inputs, int chunksize = 0,
                                     ListCallback<TaskValue<R>> callback = {}, ErrorCallback errorCallback = {})
    {
        return submit<TaskValue<R>>(TaskCall::registeredName(detail::functionAddress(fn)), mapArguments(fn, inputs),
                                    chunksize, true, nullptr, {std::move(callback), std::move(errorCallback)});
    }
    QList<QCborValue> map(const QString &task, const QCborArray &inputs, int chunksize = 0);
    MapResult<QCborValue> mapAsync(const QString &task, const QCborArray &inputs, int chunksize = 0,
                                   ListCallback<QCborValue> callback = {}, ErrorCallback errorCallback = {});

    // --- starmap: each item is an argument list ---
    // A task whose arguments and result are all PackedMapValues (packable.h) sends chunks of more
    // than one call packed, like map (see README, Packed maps).
    template <typename R, typename... P>
    QList<TaskValue<R>> starmap(R (*fn)(P...), const QList<QCborArray> &argumentLists, int chunksize = 0)
    {
        return starmapAsync(fn, argumentLists, chunksize).get();
    }
    // Callbacks as mapAsync's.
    template <typename R, typename... P>
    MapResult<TaskValue<R>> starmapAsync(R (*fn)(P...), const QList<QCborArray> &argumentLists, int chunksize = 0,
                                         ListCallback<TaskValue<R>> callback = {}, ErrorCallback errorCallback = {})
    {
        return submit<TaskValue<R>>(TaskCall::registeredName(detail::functionAddress(fn)),
                                    starmapArguments(fn, argumentLists, chunksize), chunksize, true, nullptr,
                                    {std::move(callback), std::move(errorCallback)});
    }

    // --- imap / imapUnordered: iterate the ImapResult; it yields results as they arrive ---
    // imap in input order (iteration waits for the next one), imapUnordered in completion order.
    // Reading the input may throw: the items read before run, and the iteration yields their
    // results, then throws what the input threw (Python's behaviour).
    template <typename R, typename P, typename Container>
    ImapResult<TaskValue<R>> imap(R (*fn)(P), const Container &inputs, int chunksize = 1)
    {
        return submitImap<TaskValue<R>>(fn, inputs, chunksize, true);
    }
    template <typename R, typename P, typename Container>
    ImapResult<TaskValue<R>> imapUnordered(R (*fn)(P), const Container &inputs, int chunksize = 1)
    {
        return submitImap<TaskValue<R>>(fn, inputs, chunksize, false);
    }
    // The same for a task registered by name, one argument per input, results as CBOR: a batch
    // whose calls end alone (a UI's batch of independent calls: cancelling one cancels that one).
    ImapResult<QCborValue> imap(const QString &task, const QCborArray &inputs, int chunksize = 1);
    ImapResult<QCborValue> imapUnordered(const QString &task, const QCborArray &inputs, int chunksize = 1);

    // No more tasks; what is queued still runs. Later submissions: ValueError.
    void close();
    // Stops now; every unfinished result has failed with ProcessError when it returns (running
    // tasks included: a Pool kills their workers, a ThreadPool drops their values).
    void terminate();
    // Waits until the pool has stopped. Only after close() or terminate() (ValueError).
    void join();
    // join() without waiting: a future that finishes once the pool has stopped (on the pool's
    // thread, or at once when it has). Only after close() or terminate() (ValueError). The future
    // does not hold the pool; destroying the pool stops it, so the future finishes then too.
    QFuture<void> joinAsync() const;

    // Python's default chunksize for n items on this pool.
    int defaultChunksize(qsizetype items) const;
    // The default chunk of calls whose values have any length (texts, byte strings: a packed
    // arena of arenaBytes for `calls` calls): Python's chunk, cut to about kArenaChunkBytes of
    // values (at least one call). Small chunks keep their buffers in reused heap memory instead
    // of fresh pages, and start the workers sooner (bench_pool map_text: Python's 12 500 texts
    // a chunk ran a first map at 0.7 M/s, ~300 at 1.2 M/s).
    static int arenaChunksize(int pythonChunk, qsizetype calls, qsizetype arenaBytes);
    static constexpr qsizetype kArenaChunkBytes = 16 * 1024;

protected:
    // processes: nullopt means processCpuCount(); below 1 is a ValueError.
    PoolBase(std::optional<int> processes, QObject *parent);

    // The option checks both pools make (negative maxTasksPerChild / retries / taskTimeout,
    // an unknown initializer), in Pool's order.
    static void checkOptions(const PoolOptions &options);
    // A fresh batch id, unique in this process (thread-safe).
    static quint64 nextBatchId();
    // chunksize 0 or less: the default for this many items (at least 1).
    int effectiveChunksize(qsizetype items, int chunksize) const;
    // The same for these calls: an arena's default is arenaChunksize().
    int effectiveChunksize(const ArgumentLists &calls, int chunksize) const;

    // Runs the jobs of one submission (argumentLists is not empty); results go to batch.
    virtual void schedule(const QString &task, ArgumentLists argumentLists, int chunksize,
                          const std::shared_ptr<detail::PoolBatch> &batch) = 0;
    // Called once, after state() became Closed / Terminated. terminateWorkers() returns once every
    // unfinished result has failed.
    virtual void closeWorkers() = 0;
    virtual void terminateWorkers() = 0;

    void ensureRunning() const;
    // Whether chunks of a packable task travel packed to where they run (worth converting a
    // starmap's CBOR arguments for): a Pool's to its workers; a ThreadPool calls with CBOR.
    virtual bool sendsPackedChunks() const { return false; }

    int m_processes;
    QString m_name;
    State m_state = State::Running;
    // Finished when the pool has stopped (join() waits for it).
    std::shared_ptr<detail::Completion> m_stopped;

private:
    // One argument per call: stored flat, one array for the whole map.
    template <typename Container>
    static ArgumentLists argumentLists(const Container &inputs)
    {
        QCborArray values;
        for (const auto &item : inputs)
            values.append(toCbor(item));
        return ArgumentLists::flat(std::move(values), 1);
    }

    // A map's arguments: packed (their bytes, no CBOR per item) when the task's argument and
    // result are PackedMapValues and the inputs are of the argument's type, else as CBOR
    // (argumentLists).
    template <typename R, typename P, typename Container>
    static ArgumentLists mapArguments(R (*)(P), const Container &inputs)
    {
        using Argument = std::remove_cvref_t<P>;
        if constexpr (detail::PackableTask<R, P>
                      && std::same_as<std::remove_cvref_t<std::ranges::range_value_t<Container>>, Argument>) {
            const auto count = qsizetype(std::ranges::distance(inputs));
            constexpr qsizetype size = detail::packedSizeOf<Argument>();
            QByteArray bytes;
            if constexpr (Packable<Argument> && std::ranges::contiguous_range<Container>) {
                bytes = QByteArray(count * size, Qt::Uninitialized);
                if (count > 0)
                    std::memcpy(bytes.data(), static_cast<const void *>(std::ranges::data(inputs)), size_t(bytes.size()));
            } else {
                qsizetype dataBytes = -1; // an arena's data, counted first: it is written in one buffer
                if constexpr (!Packable<Argument>) {
                    dataBytes = 0;
                    for (const Argument &item : inputs)
                        dataBytes += detail::packedBytesOf(item);
                }
                ChunkValues::Builder builder(count, size, 1, dataBytes);
                qsizetype i = 0;
                for (const Argument &item : inputs)
                    detail::putPackedValue<Argument>(builder, i++, item);
                bytes = builder.takeBytes();
            }
            return ArgumentLists::packed(ChunkValues(std::move(bytes), size), 1, &packedCallToCbor<Argument>);
        } else {
            return argumentLists(inputs);
        }
    }

    // A starmap's arguments: packed (each call's arguments one after another, no CBOR per call,
    // packedtask.h) when this pool sends packed chunks, the task's arguments and result are
    // PackedMapValues, chunks hold more than one call and every list converts to the task's
    // argument types; else as they are (an argument list that does not convert fails in the
    // worker, as it always did).
    template <typename R, typename... P>
    ArgumentLists starmapArguments(R (*)(P...), const QList<QCborArray> &lists, int chunksize) const
    {
        if constexpr (detail::PackableTask<R, P...>) {
            if (sendsPackedChunks() && effectiveChunksize(lists.size(), chunksize) > 1) { // else every call goes alone, as CBOR
                if (std::optional<ArgumentLists> packed = packStarmap<std::remove_cvref_t<P>...>(lists))
                    return *std::move(packed);
            }
        }
        return lists;
    }
    // lists packed for a task taking A..., or nullopt when one of them does not convert.
    template <PackedMapValue... A>
    static std::optional<ArgumentLists> packStarmap(const QList<QCborArray> &lists)
    {
        constexpr qsizetype size = detail::packedCallSize<A...>();
        ChunkValues::Builder builder(lists.size(), size, qsizetype(sizeof...(A)));
        try {
            for (qsizetype i = 0; i < lists.size(); ++i) {
                const QCborArray &args = lists.at(i);
                if (args.size() != qsizetype(sizeof...(A)))
                    return std::nullopt;
                [&]<std::size_t... K>(std::index_sequence<K...>) {
                    detail::putPackedCall<A...>(builder, i, CborConvert<A>::fromCbor(args.at(qsizetype(K)))...);
                }(std::index_sequence_for<A...>{});
            }
        } catch (...) {
            return std::nullopt;
        }
        return ArgumentLists::packed(ChunkValues(builder.takeBytes(), size, qsizetype(sizeof...(A))), qsizetype(sizeof...(A)),
                                     &packedCallToCbor<A...>);
    }
    // Call `call` of packed arguments A... as CBOR (what the CBOR paths send).
    template <PackedMapValue... A>
    static QCborArray packedCallToCbor(const ChunkValues &values, qsizetype call)
    {
        return std::apply([](const A &...args) { return QCborArray{CborConvert<A>::toCbor(args)...}; },
                          detail::loadPackedCall<A...>(values, call));
    }

    // imap's input, read item by item: what was read before the input threw (inputError).
    template <typename Container>
    static ArgumentLists argumentListsUntilError(const Container &inputs, std::exception_ptr &inputError)
    {
        QCborArray values;
        try {
            for (const auto &item : inputs)
                values.append(toCbor(item));
        } catch (...) {
            inputError = std::current_exception();
        }
        return ArgumentLists::flat(std::move(values), 1);
    }

    template <typename T, typename R, typename P, typename Container>
    ImapResult<T> submitImap(R (*fn)(P), const Container &inputs, int chunksize, bool ordered)
    {
        std::exception_ptr inputError;
        ArgumentLists lists = argumentListsUntilError(inputs, inputError);
        return submitImap<T>(TaskCall::registeredName(detail::functionAddress(fn)), std::move(lists), inputError,
                             chunksize, ordered);
    }
    template <typename T>
    ImapResult<T> submitImap(const QString &task, ArgumentLists lists, std::exception_ptr inputError, int chunksize,
                             bool ordered)
    {
        auto stream = std::make_shared<detail::ImapStream<T>>();
        stream->total = lists.size();
        stream->inputError = inputError;
        MapResult<T> result = submit<T>(task, std::move(lists), chunksize <= 0 ? 1 : chunksize, ordered, stream);
        return ImapResult<T>(result.future(), result.completion(), stream);
    }

    // Schedules one job per argument list; results go to the returned future, in input order
    // when ordered, else in completion order (and to stream, for imap). single: an apply (one
    // call, not a map).
    template <typename T>
    MapResult<T> submit(const QString &task, ArgumentLists argumentLists, int chunksize, bool ordered,
                        std::shared_ptr<detail::ImapStream<T>> stream = nullptr, detail::BatchCallbacks<T> callbacks = {},
                        bool single = false)
    {
        ensureRunning();
        if (argumentLists.isEmpty()) {
            if (!TaskRegistry::instance().lookup(task)) // the name at least must be known
                TaskRegistry::instance().checkCall(task, {});
        } else {
            const TaskRegistry::Entry &entry = TaskRegistry::instance().checkCall(task, argumentLists.at(0));
            if (entry.arity >= 0 && argumentLists.uniformArity() != entry.arity) {
                for (qsizetype i = 0; i < argumentLists.size(); ++i)
                    TaskRegistry::instance().checkCall(task, argumentLists.at(i)); // throws, naming the task
            }
        }
        const qsizetype n = argumentLists.size();
        auto [result, batch] = makeBatch<T>(n, ordered, std::move(stream), this, std::move(callbacks));
        batch->single = single;
        if (n == 0)
            batch->succeed();
        else
            schedule(task, std::move(argumentLists), chunksize, batch);
        return result;
    }

protected:
    // A result for n items and the batch that fills it (the pool thread calls its functions):
    // values convert through CborConvert<T>; in input order when ordered, else as they come.
    // stream (imap): the values go there too, and the input's error, if reading it threw, ends
    // the future after the last value. callbacks, if any, are posted to owner's thread when the
    // batch ends (before the result becomes ready, so they are queued once wait() returns).
    template <typename T>
    static std::pair<MapResult<T>, std::shared_ptr<detail::PoolBatch>>
    makeBatch(qsizetype n, bool ordered, std::shared_ptr<detail::ImapStream<T>> stream = nullptr,
              PoolBase *owner = nullptr, detail::BatchCallbacks<T> callbacks = {})
    {
        auto promise = std::make_shared<detail::ResultPromise<T>>();
        auto completion = std::make_shared<detail::Completion>();
        QFuture<T> future = promise->future();
        promise->reportStarted();
        promise->setProgressRange(0, int(n));
        auto batch = std::make_shared<detail::PoolBatch>(n);
        batch->id = completion->batchId = nextBatchId();
        batch->completion = completion;
        if (callbacks.success || callbacks.error)
            completion->watched(); // nobody may wait for it: a direct call completes without help
        auto delivered = std::make_shared<int>(0);
        batch->onValue = [promise, ordered, delivered, stream](qsizetype index, const QCborValue &value) {
            T converted = CborConvert<T>::fromCbor(value);
            if (stream)
                stream->add(index, {converted, nullptr}, ordered);
            promise->reportAndMoveResult(std::move(converted), ordered ? int(index) : -1);
            promise->setProgressValue(++*delivered);
        };
        batch->onValues = [promise, ordered, delivered, stream](qsizetype firstIndex, const QCborArray &values) {
            QList<T> converted; // all or nothing: a TypeError leaves the promise untouched
            converted.reserve(values.size());
            for (const QCborValue &value : values)
                converted.append(CborConvert<T>::fromCbor(value));
            if (stream) {
                for (qsizetype i = 0; i < converted.size(); ++i)
                    stream->add(firstIndex + i, {converted.at(i), nullptr}, ordered);
            }
            promise->reportResults(converted, ordered ? int(firstIndex) : -1); // one store entry for all
            *delivered += int(values.size());
            promise->setProgressValue(*delivered);
        };
        if constexpr (PackedMapValue<T>) {
            batch->onPackedValues = [promise, ordered, delivered, stream](qsizetype firstIndex, const ChunkValues &values) {
                const QList<T> converted = values.toList<T>(); // one copy (Packable); TypeError before storing any
                if (stream) {
                    for (qsizetype i = 0; i < converted.size(); ++i)
                        stream->add(firstIndex + i, {converted.at(i), nullptr}, ordered);
                }
                promise->reportResults(converted, ordered ? int(firstIndex) : -1); // one store entry for all
                *delivered += int(converted.size());
                promise->setProgressValue(*delivered);
            };
        }
        batch->onFailed = [promise, completion, stream, owner, onError = callbacks.error](std::exception_ptr error) {
            if (stream)
                stream->end(error);
            promise->reportException(error);
            promise->reportFinished();
            if (onError)
                postErrorCallback(owner, onError, error);
            completion->finish(false);
        };
        batch->onCompleted = [promise, completion, stream, owner, onSuccess = callbacks.success, onError = callbacks.error] {
            const std::exception_ptr error = stream ? stream->futureError() : nullptr;
            if (stream)
                stream->end(nullptr);
            if (error)
                promise->reportException(error);
            promise->reportFinished();
            if (error && onError)
                postErrorCallback(owner, onError, error);
            else if (!error && onSuccess)
                postCallback(owner, [onSuccess, values = detail::storedResults(promise->future())] { onSuccess(values); });
            completion->finish(!error);
        };
        if (stream) {
            batch->onItemFailed = [stream, ordered, delivered, promise](qsizetype index, std::exception_ptr error) {
                stream->add(index, {std::nullopt, error}, ordered);
                promise->setProgressValue(++*delivered);
            };
        }
        batch->isCanceled = [promise] { return promise->isCanceled(); };
        return {MapResult<T>(future, completion), batch};
    }

private:
    // Runs call on owner's thread, later (queued); an exception it throws is reported with
    // qWarning, not lost in the event loop.
    static void postCallback(PoolBase *owner, std::function<void()> call);
    static void postErrorCallback(PoolBase *owner, const ErrorCallback &onError, std::exception_ptr error);
};

} // namespace qmp
