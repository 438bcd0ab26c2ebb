#include "pool.h"

#include "runtime.h"

#include <QAtomicInt>
#include <QThread>

namespace qmp {

namespace {
QAtomicInt g_poolNumber;
}

Pool::Pool(std::optional<int> processes, PoolOptions options, QObject *parent)
    : QObject(parent)
    , m_processes(processes.value_or(processCpuCount()))
    , m_stopped(std::make_shared<detail::Completion>())
{
    if (m_processes < 1)
        throw ValueError(QStringLiteral("Number of processes must be at least 1 (got %1)").arg(m_processes));
    if (options.maxTasksPerChild < 0)
        throw ValueError(QStringLiteral("maxTasksPerChild must be 0 (no limit) or positive (got %1)")
                             .arg(options.maxTasksPerChild));
    if (options.retries < 0)
        throw ValueError(QStringLiteral("retries must be 0 or positive (got %1)").arg(options.retries));
    if (options.taskTimeout.count() < 0)
        throw ValueError(QStringLiteral("taskTimeout must be 0 (none) or positive"));
    if (options.initializer)
        TaskRegistry::instance().checkCall(options.initializer->name, options.initializer->args);
    if (!Runtime::instance())
        throw ProcessError(QStringLiteral("qmp::Pool needs a qmp::Runtime constructed first in main()"));
    m_name = options.name.isEmpty() ? QStringLiteral("Pool-%1").arg(g_poolNumber.fetchAndAddRelaxed(1) + 1)
                                    : options.name;

    m_thread = new QThread;
    m_thread->setObjectName(m_name);
    m_engine = new PoolEngine(m_processes, std::move(options), m_name, m_stopped);
    m_engine->moveToThread(m_thread);
    connect(m_engine, &PoolEngine::workerStarted, this, &Pool::workerStarted);
    connect(m_engine, &PoolEngine::workerExited, this, &Pool::workerExited);
    m_thread->start();
    QMetaObject::invokeMethod(m_engine, &PoolEngine::startWorkers, Qt::QueuedConnection);
}

Pool::~Pool()
{
    if (m_state == State::Running)
        terminate();
    else if (m_state == State::Closed)
        terminate(); // close() without join(): do not wait for queued work in a destructor
    m_stopped->wait(QDeadlineTimer(QDeadlineTimer::Forever));
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void Pool::ensureRunning() const
{
    if (m_state != State::Running)
        throw ValueError(QStringLiteral("Pool not running: %1 was %2").arg(m_name, m_state == State::Closed
                                                                                        ? QStringLiteral("closed")
                                                                                        : QStringLiteral("terminated")));
}

int Pool::defaultChunksize(qsizetype items) const
{
    if (items <= 0)
        return 0;
    const qsizetype per = qsizetype(m_processes) * 4;
    return int(items / per + (items % per ? 1 : 0));
}

std::vector<detail::PoolJob> Pool::makeJobs(const QString &task, QList<QCborArray> argumentLists, int chunksize,
                                            const std::shared_ptr<detail::PoolBatch> &batch)
{
    if (chunksize <= 0)
        chunksize = qMax(1, defaultChunksize(argumentLists.size()));
    std::vector<detail::PoolJob> jobs;
    jobs.reserve(size_t(argumentLists.size() / chunksize + 1));
    for (qsizetype first = 0; first < argumentLists.size(); first += chunksize) {
        detail::PoolJob job;
        job.task = task;
        job.items = argumentLists.mid(first, chunksize);
        job.index = first;
        job.batch = batch;
        jobs.push_back(std::move(job));
    }
    return jobs;
}

void Pool::post(std::vector<detail::PoolJob> jobs)
{
    auto shared = std::make_shared<std::vector<detail::PoolJob>>(std::move(jobs));
    PoolEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, shared] { engine->submit(std::move(*shared)); }, Qt::QueuedConnection);
}

AsyncResult<QCborValue> Pool::applyAsync(const TaskCall &call, std::function<void(const QCborValue &)> callback,
                                         std::function<void(const Error &)> errorCallback)
{
    MapResult<QCborValue> many = submit<QCborValue>(call.name, {call.args}, 1, true);
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

QList<QCborValue> Pool::map(const QString &task, const QCborArray &inputs, int chunksize)
{
    return mapAsync(task, inputs, chunksize).get();
}

MapResult<QCborValue> Pool::mapAsync(const QString &task, const QCborArray &inputs, int chunksize)
{
    QList<QCborArray> args;
    args.reserve(inputs.size());
    for (const QCborValue &item : inputs)
        args.append(QCborArray{item});
    return submit<QCborValue>(task, std::move(args), chunksize, true);
}

void Pool::close()
{
    if (m_state != State::Running)
        return;
    m_state = State::Closed;
    QMetaObject::invokeMethod(m_engine, &PoolEngine::closePool, Qt::QueuedConnection);
}

void Pool::terminate()
{
    if (m_state == State::Terminated)
        return;
    m_state = State::Terminated;
    QMetaObject::invokeMethod(m_engine, &PoolEngine::terminatePool, Qt::QueuedConnection);
}

void Pool::join()
{
    if (m_state == State::Running)
        throw ValueError(QStringLiteral("join(): close() or terminate() %1 first").arg(m_name));
    m_stopped->wait(QDeadlineTimer(QDeadlineTimer::Forever));
}

} // namespace qmp
