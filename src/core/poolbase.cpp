#include "poolbase.h"

#include "runtime.h"

#include <QPromise>

#include <atomic>

namespace qmp {

PoolBase::PoolBase(std::optional<int> processes, QObject *parent)
    : QObject(parent)
    , m_processes(processes.value_or(processCpuCount()))
    , m_stopped(std::make_shared<detail::Completion>())
{
    if (m_processes < 1)
        throw ValueError(QStringLiteral("Number of processes must be at least 1 (got %1)").arg(m_processes));
}

PoolBase::~PoolBase() = default;

quint64 PoolBase::nextBatchId()
{
    static std::atomic<quint64> last{0};
    return ++last;
}

void PoolBase::checkOptions(const PoolOptions &options)
{
    if (options.maxTasksPerChild < 0)
        throw ValueError(QStringLiteral("maxTasksPerChild must be 0 (no limit) or positive (got %1)")
                             .arg(options.maxTasksPerChild));
    if (options.retries < 0)
        throw ValueError(QStringLiteral("retries must be 0 or positive (got %1)").arg(options.retries));
    if (options.taskTimeout.count() < 0)
        throw ValueError(QStringLiteral("taskTimeout must be 0 (none) or positive"));
    if (options.initializer)
        TaskRegistry::instance().checkCall(options.initializer->name, options.initializer->args);
}

void PoolBase::ensureRunning() const
{
    if (m_state != State::Running)
        throw ValueError(QStringLiteral("Pool not running: %1 was %2").arg(m_name, m_state == State::Closed
                                                                                        ? QStringLiteral("closed")
                                                                                        : QStringLiteral("terminated")));
}

int PoolBase::defaultChunksize(qsizetype items) const
{
    if (items <= 0)
        return 0;
    const qsizetype per = qsizetype(m_processes) * 4;
    return int(items / per + (items % per ? 1 : 0));
}

int PoolBase::effectiveChunksize(qsizetype items, int chunksize) const
{
    return chunksize > 0 ? chunksize : qMax(1, defaultChunksize(items));
}

int PoolBase::arenaChunksize(int pythonChunk, qsizetype calls, qsizetype arenaBytes)
{
    if (calls <= 0 || arenaBytes <= 0)
        return qMax(1, pythonChunk);
    const qsizetype fitting = qMax<qsizetype>(1, kArenaChunkBytes * calls / arenaBytes);
    return int(qMin<qsizetype>(fitting, qMax(1, pythonChunk)));
}

int PoolBase::effectiveChunksize(const ArgumentLists &calls, int chunksize) const
{
    if (chunksize > 0 || !calls.isPacked() || calls.packedItemSize() != ChunkValues::kVariableSize)
        return effectiveChunksize(calls.size(), chunksize);
    return arenaChunksize(defaultChunksize(calls.size()), calls.size(), calls.packedValues().byteSize());
}

AsyncResult<QCborValue> PoolBase::applyAsync(const TaskCall &call, std::function<void(const QCborValue &)> callback,
                                             std::function<void(const Error &)> errorCallback)
{
    detail::BatchCallbacks<QCborValue> callbacks;
    if (callback)
        callbacks.success = [callback](const QList<QCborValue> &values) { callback(values.value(0)); };
    callbacks.error = std::move(errorCallback);
    MapResult<QCborValue> many =
        submit<QCborValue>(call.name, QList<QCborArray>{call.args}, 1, true, nullptr, std::move(callbacks), true);
    return AsyncResult<QCborValue>(many.future(), many.completion());
}

void PoolBase::postCallback(PoolBase *owner, std::function<void()> call)
{
    QMetaObject::invokeMethod(
        owner,
        [owner, call = std::move(call)] {
            try {
                call();
            } catch (const std::exception &e) {
                qWarning("qmp: a callback of %s threw: %s", qPrintable(owner->name()), e.what());
            } catch (...) {
                qWarning("qmp: a callback of %s threw a non-standard exception", qPrintable(owner->name()));
            }
        },
        Qt::QueuedConnection);
}

void PoolBase::postErrorCallback(PoolBase *owner, const ErrorCallback &onError, std::exception_ptr error)
{
    postCallback(owner, [onError, error] {
        try {
            std::rethrow_exception(error);
        } catch (const Error &e) {
            onError(e);
        } catch (const std::exception &e) {
            onError(Error(QString::fromUtf8(e.what())));
        }
    });
}

QList<QCborValue> PoolBase::map(const QString &task, const QCborArray &inputs, int chunksize)
{
    return mapAsync(task, inputs, chunksize).get();
}

MapResult<QCborValue> PoolBase::mapAsync(const QString &task, const QCborArray &inputs, int chunksize,
                                         ListCallback<QCborValue> callback, ErrorCallback errorCallback)
{
    return submit<QCborValue>(task, ArgumentLists::flat(inputs, 1), chunksize, true,
                              nullptr, {std::move(callback), std::move(errorCallback)});
}

ImapResult<QCborValue> PoolBase::imap(const QString &task, const QCborArray &inputs, int chunksize)
{
    return submitImap<QCborValue>(task, ArgumentLists::flat(inputs, 1), nullptr, chunksize, true);
}

ImapResult<QCborValue> PoolBase::imapUnordered(const QString &task, const QCborArray &inputs, int chunksize)
{
    return submitImap<QCborValue>(task, ArgumentLists::flat(inputs, 1), nullptr, chunksize, false);
}

void PoolBase::close()
{
    if (m_state != State::Running)
        return;
    m_state = State::Closed;
    closeWorkers();
}

void PoolBase::terminate()
{
    if (m_state == State::Terminated)
        return;
    m_state = State::Terminated;
    terminateWorkers();
}

void PoolBase::join()
{
    if (m_state == State::Running)
        throw ValueError(QStringLiteral("join(): close() or terminate() %1 first").arg(m_name));
    m_stopped->wait(QDeadlineTimer(QDeadlineTimer::Forever));
}

QFuture<void> PoolBase::joinAsync() const
{
    if (m_state == State::Running)
        throw ValueError(QStringLiteral("joinAsync(): close() or terminate() %1 first").arg(m_name));
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    QFuture<void> future = promise->future();
    m_stopped->onFinished([promise](bool) { promise->finish(); });
    return future;
}

} // namespace qmp
