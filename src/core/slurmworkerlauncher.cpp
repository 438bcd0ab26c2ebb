#include "slurmworkerlauncher.h"

#include "authenticator.h"
#include "command.h"
#include "errors.h"
#include "remoteworker.h"
#include "remoteworkerlistener.h"
#include "runtime.h"
#include "slurmallocation.h"
#include "slurmstep.h"
#include "workerhandle.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace qmp {

SlurmWorkerLauncher::SlurmWorkerLauncher(SlurmWorkers options, QByteArray authkey, QString poolName, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_authkey(std::move(authkey)), m_poolName(std::move(poolName))
{
    if (m_options.listeningSocket >= 0) {
        m_handedOver = ::fcntl(m_options.listeningSocket, F_DUPFD_CLOEXEC, 0); // now, while the caller holds it
        if (m_handedOver < 0)
            m_error = QString::fromLocal8Bit(std::strerror(errno));
    }
}

SlurmWorkerLauncher::~SlurmWorkerLauncher()
{
    release();
    if (m_handedOver >= 0)
        ::close(m_handedOver);
}

void SlurmWorkerLauncher::start(int workers)
{
    m_listener = new RemoteWorkerListener(m_authkey, this);
    QString host = m_options.address;
    QString listenHost = host;
    if (host.isEmpty()) {
        char name[256] = {};
        ::gethostname(name, sizeof name - 1);
        host = QString::fromLocal8Bit(name);
        listenHost = QStringLiteral("0.0.0.0");
    }
    const auto withPort = [](const QString &h, quint16 port) {
        return h.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(h).arg(port) : QStringLiteral("%1:%2").arg(h).arg(port);
    };
    bool listening = false;
    if (m_options.listeningSocket >= 0)
        listening = m_handedOver >= 0 && m_listener->adopt(std::exchange(m_handedOver, -1));
    else
        listening = m_listener->listen(withPort(listenHost, m_options.port));
    if (!listening) {
        const QString why = QStringLiteral("%1: cannot listen for its Slurm workers on %2: %3")
                                .arg(m_poolName, withPort(listenHost, m_options.port),
                                     m_error.isEmpty() ? m_listener->errorString() : m_error);
        QTimer::singleShot(0, this, [this, why] { Q_EMIT failed(why); });
        return;
    }
    m_address = withPort(host, m_listener->port());
    connect(m_listener, &RemoteWorkerListener::workerConnected, this,
            [this](const RemoteWorker::Hello &hello, int fd) {
                const QPointer<WorkerHandle> worker = m_waiting.take(hello.token);
                if (!worker) {
                    ::close(fd); // given up already, or a stale step: it reads end-of-stream and exits
                    return;
                }
                QString where = QStringLiteral("pid %1 on %2").arg(hello.pid).arg(hello.host);
                if (!hello.step.isEmpty())
                    where += QStringLiteral(", step %1").arg(hello.step);
                worker->attachChannel(fd, hello.host, hello.step, where);
            });
    connect(m_listener, &RemoteWorkerListener::connectionRefused, this, [this](const QString &why) {
        qWarning("qmp: %s: refused a connection on %s: %s", qPrintable(m_poolName), qPrintable(m_address), qPrintable(why));
    });
    if (m_options.allocation > 0) {
        QTimer::singleShot(0, this, &SlurmWorkerLauncher::ready); // the caller's, granted already
        return;
    }
    m_allocation = new SlurmAllocation(this);
    connect(m_allocation, &SlurmAllocation::granted, this, &SlurmWorkerLauncher::ready);
    connect(m_allocation, &SlurmAllocation::failed, this, [this](const QString &message) {
        Q_EMIT failed(QStringLiteral("%1: no Slurm allocation for its workers: %2").arg(m_poolName, message));
    });
    SlurmAllocation::Request request;
    request.tasks = workers;
    request.partition = m_options.partition;
    request.timeLimit = m_options.timeLimit;
    request.name = m_options.jobName;
    request.extraArguments = m_options.sallocArguments;
    m_allocation->request(request);
}

bool SlurmWorkerLauncher::isReady() const
{
    if (m_options.allocation > 0)
        return !m_address.isEmpty(); // listening
    return m_allocation && m_allocation->state() == SlurmAllocation::State::Granted;
}

void SlurmWorkerLauncher::launch(WorkerHandle *worker, const QCborValue &runMessage)
{
    Q_ASSERT(isReady());
    const QByteArray token = Authenticator::randomKey().toHex();
    Command program;
    program.program = Runtime::instance()->hostExecutable();
    program.arguments = {QLatin1String(RemoteWorker::flag) + m_address};
    const Command step = SlurmStep::wrap(program, m_options.allocation > 0 ? m_options.allocation : m_allocation->jobId(),
                                        m_options.srunArguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QLatin1String(RemoteWorker::authkeyVariable), QString::fromLatin1(m_authkey.toHex()));
    environment.insert(QLatin1String(RemoteWorker::tokenVariable), QString::fromLatin1(token));
    worker->startRemote(runMessage, step.program, step.arguments, environment);
    m_waiting.insert(token, worker);
    const qint64 timeoutMs = m_options.connectTimeout.count();
    QTimer::singleShot(std::chrono::milliseconds(timeoutMs), this, [this, token, timeoutMs] {
        if (const QPointer<WorkerHandle> worker = m_waiting.take(token); worker) {
            worker->abandon(QStringLiteral("did not connect back to %1 within %2 s (can the nodes reach this host "
                                           "and port? a firewall?)")
                                .arg(m_address)
                                .arg(double(timeoutMs) / 1000));
        }
    });
}

void SlurmWorkerLauncher::release()
{
    if (m_allocation)
        m_allocation->release();
}

} // namespace qmp
