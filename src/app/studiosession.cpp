#include "studiosession.h"

#include "demotasks.h"
#include "errors.h"
#include "historyrecorder.h"
#include "historystore.h"
#include "hubsampler.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "procsampler.h"
#include "serviceconnection.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>

#include <algorithm>

namespace qmp {

StudioSession::StudioSession(const QString &historyPath, MonitorOptions options, QObject *parent)
    : QObject(parent)
    , m_hub(new MonitorHub(options, this))
    , m_history(new HistoryStore(historyPath, this))
    , m_sampler(new ProcSampler(this))
{
    m_recorder = new HistoryRecorder(m_hub, m_history, this);
    // An attached program that records in this same history (another studio, qmp run) is not
    // recorded twice.
    m_recorder->setSkip([this](int poolId) {
        const QString ours = QFileInfo(m_history->path()).absoluteFilePath();
        for (const QPointer<MonitorClient> &client : std::as_const(m_clients)) {
            if (client && client->poolIds().contains(poolId))
                return client->historyPath() == ours;
        }
        return false;
    });
    m_hubSampler = new HubSampler(m_hub, m_sampler, this);
}

StudioSession::~StudioSession()
{
    // The attached programs' clients first: they update the hub as they go (a child QObject
    // would be deleted after the hub, which is older). Detaching ends none of their programs'
    // tasks: those programs go on, and their batches stay theirs in the history.
    for (const QPointer<MonitorClient> &client : std::as_const(m_clients))
        delete client.data();
    m_clients.clear();
    // Quitting stops this studio's own pools. Their unfinished tasks end as cancelled, and those
    // ends are recorded in the history, so no batch stays "running" there forever: wait (briefly)
    // for the pools' last events before the pools go.
    bool waiting = false;
    for (int id : m_hub->poolIds()) {
        const PoolState *pool = m_hub->pool(id);
        if (m_hub->isLocal(id) && pool && pool->queuedTasks() + pool->runningTasks() > 0)
            waiting = m_hub->terminate(id) || waiting;
    }
    const QDeadlineTimer deadline(2000);
    const auto unfinished = [this] {
        for (int id : m_hub->poolIds()) {
            const PoolState *pool = m_hub->pool(id);
            if (pool && pool->queuedTasks() + pool->runningTasks() > 0)
                return true;
        }
        return false;
    };
    while (waiting && unfinished() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        m_hub->flush();
    }
    for (int id : m_hub->poolIds())
        m_hub->remove(id);
    m_hub->flush();
}

MonitorClient *StudioSession::attach(const MonitorEndpoint &endpoint, QString *error)
{
    auto *client = new MonitorClient(m_hub, this);
    if (!client->attach(endpoint)) {
        *error = client->errorString();
        delete client;
        return nullptr;
    }
    m_clients.append(client);
    connect(client, &MonitorClient::ready, this, [this, client] { Q_EMIT programAttached(client); });
    connect(client, &MonitorClient::detached, this, [this, client](const QString &reason) {
        Q_EMIT programDetached(client, reason);
    });
    connect(client, &MonitorClient::commandFinished, this, [this, client](qint64, bool ok, const QString &error) {
        if (!ok)
            Q_EMIT programRefused(client, error);
    });
    return client;
}

MonitorClient *StudioSession::attachToProcess(qint64 pid, QString *error)
{
    const QList<MonitorEndpoint> endpoints = MonitorProtocol::discover();
    const auto endpoint = std::find_if(endpoints.begin(), endpoints.end(),
                                       [pid](const MonitorEndpoint &e) { return e.pid == pid; });
    if (endpoint == endpoints.end()) {
        *error = tr("process %1 does not serve a monitor socket (start it with QMP_MONITOR=1)").arg(pid);
        return nullptr;
    }
    return attach(*endpoint, error);
}

QList<MonitorClient *> StudioSession::attachedPrograms() const
{
    QList<MonitorClient *> clients;
    for (const QPointer<MonitorClient> &client : m_clients) {
        if (client)
            clients.append(client);
    }
    return clients;
}

ServiceConnection *StudioSession::service()
{
    if (!m_service)
        m_service = new ServiceConnection(this, this);
    return m_service;
}

StudioSession::Launch StudioSession::launch(const BatchSpec &spec)
{
    Launch result;
    if (spec.target == LaunchTarget::Kind::Service) {
        const ServiceConnection::Submitted submitted = service()->submit(spec);
        result.error = submitted.error;
        result.batchId = submitted.jobIds.isEmpty() ? 0 : quint64(submitted.jobIds.first());
        result.poolId = m_service->poolOfGroup(spec.poolName);
        if (result.ok())
            Q_EMIT launched(result.poolId, result.batchId);
        return result;
    }
    QCborArray arguments;
    if (spec.kind == BatchSpec::Kind::Task) {
        if (!DemoTasks::isDemoTask(spec.task)) {
            result.error = tr("There is no task named '%1'").arg(spec.task);
            return result;
        }
        const bool numbers = DemoTasks::inputOf(spec.task) == DemoTasks::Input::Number;
        for (const QString &input : spec.inputs) {
            if (!numbers) {
                arguments.append(input);
                continue;
            }
            bool ok = false;
            const qint64 value = input.trimmed().toLongLong(&ok);
            if (!ok) {
                result.error = tr("%1 takes a whole number, but one input is '%2'").arg(spec.task, input);
                return result;
            }
            arguments.append(value);
        }
        if (arguments.isEmpty()) {
            result.error = tr("There is nothing to run: the batch has no inputs");
            return result;
        }
    } else if (spec.commands.isEmpty()) {
        result.error = tr("There is nothing to run: the batch has no commands");
        return result;
    }

    quint64 submission = 0; // the pool's own id of the submission
    try {
        if (spec.poolId == 0) {
            const QString name = spec.poolName.isEmpty() ? tr("Pool") : spec.poolName;
            const bool tasks = spec.kind == BatchSpec::Kind::Task; // a command's timeout is its own
            std::optional<SlurmWorkers> slurm;
            if (spec.target.isSlurm()) {
                slurm.emplace();
                slurm->partition = spec.target.partition;
                slurm->jobName = QStringLiteral("qmp-studio");
            }
            // On Slurm, commands too run on the pool's workers (one step each for the pool's
            // life, Pool::runAll), with their own timeout and retries, as commands run here.
            result.poolId = m_hub->createPool(name, spec.processes, tasks ? spec.timeout.count() : 0,
                                              tasks ? spec.retries : 0, slurm);
        } else {
            if (!m_hub->isLocal(spec.poolId)) {
                result.error = tr("The pool is gone; choose another pool or a new one");
                return result;
            }
            if (!m_hub->takesWork(spec.poolId)) {
                result.error = tr("The pool %1 is closed and takes no more work; choose another pool or a new one")
                                   .arg(m_hub->pool(spec.poolId)->name());
                return result;
            }
            result.poolId = spec.poolId;
        }
        if (spec.kind == BatchSpec::Kind::Commands) {
            submission = m_hub->submitCommands(result.poolId, spec.commands, spec.timeout.count(), spec.retries);
        } else {
            // Independent calls in one batch (an imap's): cancelling, or a failure of, one task
            // ends that task only — a map would end as a whole, its unstarted tasks with it.
            submission = m_hub->submitCalls(result.poolId, spec.task, arguments);
        }
    } catch (const Error &error) {
        result.error = tr("The batch could not start: %1").arg(QString::fromUtf8(error.what()));
        return result;
    }
    m_hub->setBatchTitle(result.poolId, submission, spec.title.isEmpty() ? spec.task : spec.title);
    if (spec.kind == BatchSpec::Kind::Commands && !spec.commandTemplate.isEmpty())
        m_hub->setBatchTemplate(result.poolId, submission, spec.commandTemplate, spec.shell);
    // The batch's number everywhere: in the dashboard, the History tab and `qmp history`.
    result.batchId = m_hub->pool(result.poolId)->batchOfSubmission(submission);
    Q_EMIT launched(result.poolId, result.batchId);
    return result;
}

StudioSession::Launch StudioSession::startDemo()
{
    BatchSpec primes;
    primes.kind = BatchSpec::Kind::Task;
    primes.task = QStringLiteral("demo.primeCount");
    primes.title = tr("Demo: prime counts");
    primes.poolName = tr("Demo");
    primes.processes = 2;
    for (int i = 0; i < 60; ++i)
        primes.inputs.append(QString::number(300'000 + (i % 7) * 450'000));
    const Launch first = launch(primes);
    if (!first.ok())
        return first;

    BatchSpec sleeps;
    sleeps.kind = BatchSpec::Kind::Task;
    sleeps.task = QStringLiteral("demo.sleep");
    sleeps.title = tr("Demo: sleeps");
    sleeps.poolId = first.poolId;
    for (int i = 0; i < 40; ++i)
        sleeps.inputs.append(QString::number(150 + (i * 137) % 900));
    const Launch second = launch(sleeps);
    if (!second.ok())
        return second;

    QStringList jobs;
    for (int i = 1; i <= 12; ++i)
        jobs.append(QString::number(i));
    BatchSpec commands = BatchSpec::fromTemplate(
        QStringLiteral("for s in 1 2 3 4 5; do echo \"job {}: step $s\"; sleep 0.4; done"), jobs);
    commands.poolId = first.poolId;
    return launch(commands);
}

} // namespace qmp
