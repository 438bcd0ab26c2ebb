#include "serviceconnection.h"

#include "monitorclient.h"
#include "monitorhub.h"
#include "serviceclient.h"
#include "servicerequest.h"
#include "studiosession.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace qmp {

ServiceConnection::ServiceConnection(StudioSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    m_poll = new QTimer(this);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &ServiceConnection::refresh);
    m_poll->start();
    QTimer::singleShot(0, this, &ServiceConnection::refresh);
}

QString ServiceConnection::qmpExecutable()
{
    const auto runnable = [](const QString &path) {
        const QFileInfo info(path);
        return info.isFile() && info.isExecutable();
    };
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/qmp");
    if (runnable(beside))
        return beside;
#ifdef QMP_BUILD_TREE_QMP
    if (runnable(QStringLiteral(QMP_BUILD_TREE_QMP)))
        return QStringLiteral(QMP_BUILD_TREE_QMP);
#endif
    return QStandardPaths::findExecutable(QStringLiteral("qmp"));
}

ServiceConnection::Submitted ServiceConnection::submit(const BatchSpec &spec)
{
    Submitted result;
    if (spec.kind != BatchSpec::Kind::Commands) {
        result.error = tr("The QMP service runs commands, not registered tasks: run this batch in the studio");
        return result;
    }
    if (spec.commands.isEmpty()) {
        result.error = tr("There is nothing to run: the batch has no commands");
        return result;
    }
    const QString program = qmpExecutable();
    if (program.isEmpty()) {
        result.error = tr("The QMP service cannot start: the qmp program is not installed (not beside qmp-studio, not on PATH)");
        return result;
    }
    ServiceClient client;
    client.setProgram(program);
    QString error;
    if (!client.connect(true, &error)) {
        // ServiceClient's sentence as it is ("the QMP service cannot start: ...", "permission denied on ...").
        result.error = error.isEmpty() ? tr("The QMP service cannot be reached") : error.left(1).toUpper() + error.mid(1);
        return result;
    }
    const QString group = spec.poolName.isEmpty() ? QStringLiteral("default") : spec.poolName;
    ServiceRequest parallel;
    parallel.op = ServiceRequest::Op::Parallel;
    parallel.group = group;
    parallel.parallel = std::clamp(spec.processes, 1, ServiceRequest::maxParallel);
    const std::optional<QCborMap> set = client.request(parallel.toCbor(), &error);
    if (!set || !set->value(QStringLiteral("ok")).toBool()) {
        result.error = tr("The QMP service refused the batch: %1").arg(set ? set->value(QStringLiteral("error")).toString() : error);
        return result;
    }
    // All the requests first, then the replies (in order): no round trip per job.
    const QStringList environment = QProcessEnvironment::systemEnvironment().toStringList();
    for (const Command &command : spec.commands) {
        ServiceRequest request;
        request.op = ServiceRequest::Op::Submit;
        request.job.group = group;
        request.job.program = command.program;
        request.job.arguments = command.arguments;
        request.job.workingDirectory = command.workingDirectory.isEmpty() ? QDir::currentPath() : command.workingDirectory;
        request.job.environment = command.environment.isEmpty() ? environment : command.environment.toStringList();
        if (!client.send(request.toCbor(), &error)) {
            result.error = tr("The QMP service closed the connection: %1").arg(error);
            return result;
        }
    }
    for (qsizetype i = 0; i < spec.commands.size(); ++i) {
        const std::optional<QCborMap> answer = client.receive(&error);
        if (!answer || !answer->value(QStringLiteral("ok")).toBool()) {
            result.error = tr("The QMP service took %1 of %2 jobs, then: %3")
                               .arg(result.jobIds.size())
                               .arg(spec.commands.size())
                               .arg(answer ? answer->value(QStringLiteral("error")).toString() : error);
            return result;
        }
        result.jobIds.append(answer->value(QStringLiteral("id")).toInteger());
    }
    refresh();
    return result;
}

std::optional<ServiceConnection::Work> ServiceConnection::unfinishedWork() const
{
    ServiceClient client;
    QString error;
    if (!client.connect(false, &error))
        return std::nullopt;
    ServiceRequest status;
    status.op = ServiceRequest::Op::Status;
    const std::optional<QCborMap> answer = client.request(status.toCbor(), &error);
    if (!answer || !answer->value(QStringLiteral("ok")).toBool())
        return std::nullopt;
    Work work;
    for (const QCborValue &job : answer->value(QStringLiteral("jobs")).toArray()) {
        const ServiceJob::State state = ServiceJob::stateFromName(job[QStringLiteral("state")].toString());
        work.running += state == ServiceJob::State::Running ? 1 : 0;
        work.queued += state == ServiceJob::State::Queued ? 1 : 0;
    }
    return work;
}

MonitorClient *ServiceConnection::client() const
{
    return m_client && m_client->isConnected() ? m_client.data() : nullptr;
}

bool ServiceConnection::isServicePool(int poolId) const
{
    return m_client && m_client->poolIds().contains(poolId);
}

int ServiceConnection::poolOfGroup(const QString &group) const
{
    if (!m_client)
        return 0;
    // A pool of another program is listed as "NAME · PROGRAM (pid N)" (MonitorClient).
    const QString name = QStringLiteral("qmp service/%1").arg(group);
    const MonitorHub *hub = m_session->hub();
    for (int id : m_client->poolIds()) {
        const PoolState *pool = hub->pool(id);
        if (pool && pool->lifecycle() != PoolState::Lifecycle::Gone
            && (pool->name() == name || pool->name().startsWith(name + QStringLiteral(" · "))))
            return id;
    }
    return 0;
}

void ServiceConnection::refresh()
{
    if (client())
        return;
    ServiceClient service;
    QString error;
    if (!service.connect(false, &error))
        return; // no service yet: the next poll looks again
    ServiceRequest status;
    status.op = ServiceRequest::Op::Status;
    const std::optional<QCborMap> answer = service.request(status.toCbor(), &error);
    const qint64 pid = answer ? answer->value(QStringLiteral("pid")).toInteger() : 0;
    if (pid <= 0)
        return; // an older service that does not say its pid
    MonitorClient *attachedNow = m_session->attachToProcess(pid, &error);
    if (!attachedNow)
        return;
    // A service that stopped left its groups listed as gone: the running one replaces them.
    delete m_client.data();
    m_client = attachedNow;
    connect(attachedNow, &MonitorClient::ready, this, &ServiceConnection::attached);
}

} // namespace qmp
