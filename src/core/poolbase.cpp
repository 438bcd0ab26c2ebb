#include "poolbase.h"

#include "runtime.h"

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

AsyncResult<QCborValue> PoolBase::applyAsync(const TaskCall &call, std::function<void(const QCborValue &)> callback,
                                             std::function<void(const Error &)> errorCallback)
{
    MapResult<QCborValue> many = submit<QCborValue>(call.name, QList<QCborArray>{call.args}, 1, true, true);
    QFuture<QCborValue> future = many.future();
    if (callback || errorCallback) {
        future.then(this, [callback](const QCborValue &value) {
                  if (callback)
                      callback(value);
              })
            .onFailed(this, [errorCallback](const Error &error) {
                if (errorCallback)
                    errorCallback(error);
            });
    }
    return AsyncResult<QCborValue>(future, many.completion());
}

QList<QCborValue> PoolBase::map(const QString &task, const QCborArray &inputs, int chunksize)
{
    return mapAsync(task, inputs, chunksize).get();
}

MapResult<QCborValue> PoolBase::mapAsync(const QString &task, const QCborArray &inputs, int chunksize)
{
    return submit<QCborValue>(task, ArgumentLists::flat(inputs, 1), chunksize, true);
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

} // namespace qmp
