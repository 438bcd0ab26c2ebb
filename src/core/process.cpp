#include "process.h"

#include "framedecoder.h"
#include "inflightregistry.h"
#include "workerhandle.h"
#include "processclassregistry.h"
#include "processinfo.h"
#include "runtime.h"
#include "workerprotocol.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <unistd.h>

namespace qmp {

namespace {

// Every started, not yet finished Process of this program, for activeChildren().
struct LiveProcesses
{
    QMutex mutex;
    QList<Process *> list;
};

LiveProcesses &liveProcesses()
{
    static LiveProcesses live;
    return live;
}

void trackLive(Process *p, bool live)
{
    LiveProcesses &l = liveProcesses();
    QMutexLocker locker(&l.mutex);
    if (live)
        l.list.append(p);
    else
        l.list.removeAll(p);
}

QString nameFromIdentity(const QList<int> &identity)
{
    QStringList parts;
    for (int n : identity)
        parts.append(QString::number(n));
    return QStringLiteral("Process-") + parts.join(QLatin1Char(':'));
}

} // namespace

QString TaskCall::registeredName(const void *functionAddress)
{
    const QString name = TaskRegistry::instance().nameOf(functionAddress);
    if (name.isEmpty()) {
        throw ValueError(QStringLiteral("this function is not a registered task: add QMP_TASK(function) next to "
                                        "its definition, or call qmp::registerTask(\"name\", &function)"));
    }
    return name;
}

Process::Process(QObject *parent)
    : QObject(parent)
{
    m_identity = currentProcess().identity();
    m_identity.append(detail::nextChildNumber());
    m_name = nameFromIdentity(m_identity);
    m_daemon = currentProcess().daemon();
    m_startMethod = defaultStartMethod();
    m_authkey = currentProcess().authkey();
}

Process::Process(TaskCall call, QObject *parent)
    : Process(parent)
{
    m_inFlight = InFlightRegistry::claim(call.args);
    m_target = std::move(call);
}

Process::Process(Command command, QObject *parent)
    : Process(parent)
{
    m_target = std::move(command);
}

Process::~Process()
{
    if (m_state == State::Running) {
        if (m_daemon) {
            stop(SIGTERM);
            if (!waitUntilFinished(QDeadlineTimer(2000)))
                stop(SIGKILL);
        }
        waitUntilFinished(QDeadlineTimer(QDeadlineTimer::Forever));
    }
    trackLive(this, false);
}

void Process::ensureNotClosed(const char *operation) const
{
    if (m_state == State::Closed)
        throw ValueError(QStringLiteral("%1: process object '%2' is closed").arg(QLatin1String(operation), m_name));
}

void Process::ensureConfigurable(const char *what) const
{
    ensureNotClosed(what);
    if (m_state != State::NotStarted)
        throw ProcessError(QStringLiteral("%1: process '%2' has already started").arg(QLatin1String(what), m_name));
}

void Process::setName(const QString &name)
{
    ensureNotClosed("setName");
    m_name = name; // Python allows renaming at any time; only the parent's copy changes
}

void Process::setDaemon(bool daemon)
{
    ensureConfigurable("setDaemon");
    m_daemon = daemon;
}

void Process::setOutputMode(OutputMode mode)
{
    ensureConfigurable("setOutputMode");
    m_outputMode = mode;
}

void Process::setStartMethod(StartMethod method)
{
    ensureConfigurable("setStartMethod");
    m_startMethod = method;
}

void Process::setAuthkey(const QByteArray &authkey)
{
    ensureConfigurable("setAuthkey");
    m_authkey = authkey;
}

void Process::setTarget(TaskCall call)
{
    ensureConfigurable("setTarget");
    m_inFlight = InFlightRegistry::claim(call.args);
    m_target = std::move(call);
}

void Process::setTarget(Command command)
{
    ensureConfigurable("setTarget");
    m_inFlight.reset();
    m_target = std::move(command);
}

void Process::start()
{
    ensureNotClosed("start");
    if (m_state != State::NotStarted)
        throw ProcessError(QStringLiteral("cannot start a process twice ('%1')").arg(m_name));
    if (currentProcess().daemon())
        throw ProcessError(QStringLiteral("daemonic processes are not allowed to have children ('%1' was not started)")
                               .arg(m_name));
    if (!QCoreApplication::instance()) {
        throw ProcessError(QStringLiteral("qmp::Process::start: no QCoreApplication exists; construct one in main() "
                                          "right after qmp::Runtime"));
    }
    try {
        if (const auto *command = std::get_if<Command>(&m_target); command && typeid(*this) == typeid(Process))
            startCommand(*command);
        else
            startTask();
    } catch (...) {
        m_inFlight.reset(); // nothing reaches a child any more
        throw;
    }
}

void Process::startCommand(const Command &command)
{
    if (command.program.isEmpty())
        throw ValueError(QStringLiteral("process '%1': the command has no program").arg(m_name));
    m_process = new QProcess(this);
    prepareChildProcess(m_process, m_outputMode, -1);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        onChildFinished(status == QProcess::CrashExit ? -code : code);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &Process::standardOutputReady);
    connect(m_process, &QProcess::readyReadStandardError, this, &Process::standardErrorReady);
    if (!command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(command.workingDirectory);
    if (!command.environment.isEmpty())
        m_process->setProcessEnvironment(command.environment);
    m_process->start(command.program, command.arguments, QIODevice::ReadOnly);
    if (!m_process->waitForStarted(-1)) {
        const QString why = m_process->errorString();
        delete m_process;
        m_process = nullptr;
        throw ProcessError(QStringLiteral("cannot start '%1' for process '%2': %3").arg(command.program, m_name, why));
    }
    m_pid = m_process->processId();
    m_state = State::Running;
    trackLive(this, true);
    Q_EMIT started();
}

void Process::startTask()
{
    if (!Runtime::instance()) {
        throw ProcessError(QStringLiteral("process '%1': task targets need a qmp::Runtime constructed first in "
                                          "main()")
                               .arg(m_name));
    }
    QCborMap run = wire::runMessage(m_name, m_identity, m_daemon, m_authkey, m_startMethod);
    const QString className = ProcessClassRegistry::instance().nameOf(typeid(*this));
    if (!className.isEmpty()) {
        run.insert(QStringLiteral("class"), className);
        run.insert(QStringLiteral("state"), saveState());
    }
    if (const auto *call = std::get_if<TaskCall>(&m_target)) {
        TaskRegistry::instance().checkCall(call->name, call->args);
        run.insert(QStringLiteral("task"),
                   QCborMap{{QStringLiteral("name"), call->name}, {QStringLiteral("args"), call->args}});
    } else if (className.isEmpty() && typeid(*this) != typeid(Process)) {
        throw ProcessError(QStringLiteral("process '%1': its class (%2) is not registered; add QMP_PROCESS(Class) "
                                          "after the class so the child can re-create it and call its run()")
                               .arg(m_name, QString::fromLatin1(typeid(*this).name())));
    } else if (className.isEmpty()) {
        throw ValueError(QStringLiteral("process '%1' has no target: give it a task or a command, or subclass "
                                        "Process and override run()")
                             .arg(m_name));
    }
    FrameDecoder::encode(run); // a message above the frame limit throws here, before anything starts
    m_inFlight = InFlightRegistry::claim(QCborArray{run}); // the arguments', and saveState()'s

    auto *worker = new WorkerHandle(m_startMethod, m_outputMode, this);
    connect(worker, &WorkerHandle::frameReceived, this, &Process::onFrame);
    connect(worker, &WorkerHandle::finished, this, &Process::onChildFinished);
    connect(worker, &WorkerHandle::standardOutputReady, this, &Process::standardOutputReady);
    connect(worker, &WorkerHandle::standardErrorReady, this, &Process::standardErrorReady);
    try {
        worker->start(run);
    } catch (...) {
        delete worker;
        throw;
    }
    m_worker = worker;
    m_pid = worker->pid();
    m_state = State::Running;
    trackLive(this, true);
    Q_EMIT started();
}

void Process::onFrame(const QCborValue &frame)
{
    const QString type = frame[wire::kType].toString();
    if (type == wire::kResult)
        m_result = frame[QStringLiteral("value")];
    else if (type == wire::kError)
        m_error = wire::errorFromCbor(frame);
}

void Process::onChildFinished(int exitCode)
{
    if (m_state != State::Running)
        return;
    m_exitCode = exitCode;
    m_state = State::Finished;
    m_inFlight.reset(); // the child has taken (or can no longer take) what the arguments lent
    trackLive(this, false);
    Q_EMIT finished();
}

bool Process::waitUntilFinished(QDeadlineTimer deadline)
{
    if (m_state != State::Running)
        return m_state == State::Finished;
    if (!QCoreApplication::instance() || !QThread::currentThread()->eventDispatcher()) {
        // No event loop to run (program shutdown): the result is not needed any more.
        if (m_worker)
            m_worker->waitForExit(deadline);
        else
            m_process->waitForFinished(deadline.isForever() ? -1 : int(qMax<qint64>(0, deadline.remainingTime())));
        return m_state == State::Finished;
    }
    if (deadline.hasExpired()) {
        pollChild();
        return m_state == State::Finished;
    }
    QEventLoop loop;
    connect(this, &Process::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    if (!deadline.isForever()) {
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(std::chrono::milliseconds(qMax<qint64>(0, deadline.remainingTime())));
    }
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return m_state == State::Finished;
}

bool Process::join(QDeadlineTimer deadline)
{
    ensureNotClosed("join");
    if (m_state == State::NotStarted)
        throw ProcessError(QStringLiteral("can only join a started process ('%1')").arg(m_name));
    return waitUntilFinished(deadline);
}

bool Process::isAlive()
{
    ensureNotClosed("isAlive");
    pollChild();
    return m_state == State::Running;
}

void Process::stop(int sig)
{
    if (m_state != State::Running)
        return;
    if (m_worker)
        m_worker->sendSignal(sig);
    else if (sig == SIGKILL)
        m_process->kill();
    else if (sig == SIGTERM)
        m_process->terminate();
    else if (m_process->state() != QProcess::NotRunning)
        ::kill(pid_t(m_process->processId()), sig);
}

void Process::signalStarted(int sig, const char *operation)
{
    ensureNotClosed(operation);
    if (m_state == State::NotStarted)
        throw ProcessError(QStringLiteral("cannot %1 process '%2': it was never started").arg(QLatin1String(operation), m_name));
    stop(sig);
}

void Process::terminate()
{
    signalStarted(SIGTERM, "terminate");
}

void Process::kill()
{
    signalStarted(SIGKILL, "kill");
}

void Process::interrupt()
{
    signalStarted(SIGINT, "interrupt");
}

void Process::close()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Running && isAlive()) {
        throw ValueError(QStringLiteral("cannot close process '%1' while it is still running; join() or "
                                        "terminate() it first")
                             .arg(m_name));
    }
    delete m_process;
    m_process = nullptr;
    delete m_worker;
    m_worker = nullptr;
    m_state = State::Closed;
}

void Process::run()
{
    if (const auto *call = std::get_if<TaskCall>(&m_target)) {
        m_result = TaskRegistry::instance().call(call->name, call->args);
        return;
    }
    if (std::holds_alternative<Command>(m_target))
        throw ProcessError(QStringLiteral("process '%1': a command target runs through start(), not run()").arg(m_name));
    throw ValueError(QStringLiteral("process '%1' has no target to run").arg(m_name));
}

qint64 Process::pid() const
{
    ensureNotClosed("pid");
    return m_pid;
}

std::optional<int> Process::exitCode() const
{
    ensureNotClosed("exitCode");
    return m_exitCode;
}

QCborValue Process::result() const
{
    return m_result;
}

std::optional<RemoteError> Process::error() const
{
    return m_error;
}

void Process::pollChild()
{
    if (m_state != State::Running)
        return;
    if (m_worker)
        m_worker->poll();
    else
        m_process->waitForFinished(0); // handles a pending exit now
}

QByteArray Process::readAllStandardOutput()
{
    if (m_outputMode != OutputMode::Capture)
        return {};
    return m_worker ? m_worker->readAllStandardOutput() : m_process ? m_process->readAllStandardOutput() : QByteArray();
}

QByteArray Process::readAllStandardError()
{
    if (m_outputMode != OutputMode::Capture)
        return {};
    return m_worker ? m_worker->readAllStandardError() : m_process ? m_process->readAllStandardError() : QByteArray();
}

QList<Process *> activeChildren()
{
    QList<QPointer<Process>> candidates;
    {
        LiveProcesses &l = liveProcesses();
        QMutexLocker locker(&l.mutex);
        for (Process *p : l.list)
            candidates.append(p);
    }
    QList<Process *> alive;
    for (const QPointer<Process> &p : candidates) {
        if (p && p->thread() == QThread::currentThread() && p->isAlive())
            alive.append(p);
    }
    return alive;
}

} // namespace qmp
