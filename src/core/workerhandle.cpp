#include "workerhandle.h"

#include "errors.h"
#include "forkedchild.h"
#include "framechannel.h"
#include "inheriteddescriptors.h"
#include "rawoutput.h"
#include "runtime.h"
#include "slurmstep.h"
#include "slurmstepsignals.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

void prepareChildProcess(QProcess *process, Process::OutputMode mode, int keepFd, int keepFd2)
{
    process->setStandardInputFile(QProcess::nullDevice());
    switch (mode) {
    case Process::OutputMode::Inherit:
        process->setProcessChannelMode(QProcess::ForwardedChannels);
        break;
    case Process::OutputMode::Capture:
        process->setProcessChannelMode(QProcess::SeparateChannels);
        break;
    case Process::OutputMode::Discard:
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(QProcess::nullDevice());
        break;
    }
    const pid_t parentPid = ::getpid();
    // Runs in the child between fork and exec: async-signal-safe calls only.
    process->setChildProcessModifier([parentPid, keepFd, keepFd2] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parentPid)
            ::_exit(127); // the parent died before prctl took effect
        const int keep[] = {keepFd, keepFd2};
        dropInheritedDescriptors(keep, 2, true); // close-on-exec: QProcess still reports exec errors
        for (int fd : keep) {
            if (fd >= 0)
                ::fcntl(fd, F_SETFD, 0);
        }
    });
}

WorkerHandle::WorkerHandle(StartMethod method, Process::OutputMode outputMode, QObject *parent)
    : QObject(parent), m_method(method), m_outputMode(outputMode)
{
}

WorkerHandle::~WorkerHandle()
{
    if (isRunning()) {
        sendSignal(SIGKILL);
        waitForExit(QDeadlineTimer(5000));
    }
}

void WorkerHandle::start(const QCborValue &runMessage, int laneFd)
{
    Runtime *runtime = Runtime::instance();
    if (!runtime)
        throw ProcessError(QStringLiteral("workers need a qmp::Runtime constructed first in main()"));
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw ProcessError(QStringLiteral("cannot start a worker: socketpair: %1").arg(qt_error_string(errno)));
    m_channel = new FrameChannel(fds[0], this);
    connect(m_channel, &FrameChannel::frameReceived, this, &WorkerHandle::frameReceived);
    connect(m_channel, &FrameChannel::framesDelivered, this, &WorkerHandle::framesDelivered);
    try {
        if (m_method == StartMethod::ForkServer) {
            m_forked = new ForkedChild(fds[1], laneFd, m_outputMode, QDir::currentPath(), this);
            connect(m_forked, &ForkedChild::finished, this, &WorkerHandle::onExit);
            connect(m_forked, &ForkedChild::readyReadStandardOutput, this, &WorkerHandle::standardOutputReady);
            connect(m_forked, &ForkedChild::readyReadStandardError, this, &WorkerHandle::standardErrorReady);
            m_pid = m_forked->pid();
        } else {
            m_process = new QProcess(this);
            prepareChildProcess(m_process, m_outputMode, fds[1], laneFd);
            connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
                onExit(status == QProcess::CrashExit ? -code : code);
            });
            connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerHandle::standardOutputReady);
            connect(m_process, &QProcess::readyReadStandardError, this, &WorkerHandle::standardErrorReady);
            const QString program = runtime->hostExecutable();
            const QString descriptors = laneFd >= 0 ? QStringLiteral("%1,%2").arg(fds[1]).arg(laneFd) : QString::number(fds[1]);
            m_process->start(program, {QStringLiteral("--qmp-worker=") + descriptors}, QIODevice::ReadOnly);
            if (!m_process->waitForStarted(-1)) {
                throw ProcessError(
                    QStringLiteral("cannot start the worker '%1': %2").arg(program, m_process->errorString()));
            }
            m_pid = m_process->processId();
        }
    } catch (...) {
        ::close(fds[1]);
        delete m_channel;
        m_channel = nullptr;
        delete m_process;
        m_process = nullptr;
        throw;
    }
    ::close(fds[1]);
    m_channel->send(runMessage);
    // The worker reads its run message first thing; a failed write shows as its exit.
    m_channel->flush();
}

void WorkerHandle::startRemote(const QCborValue &runMessage, const QString &program, const QStringList &arguments,
                               const QProcessEnvironment &environment)
{
    m_remote = true;
    m_queued += FrameDecoder::encode(runMessage, FrameDecoder::defaultMaxFrameSize);
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(environment);
    prepareChildProcess(m_process, m_outputMode, -1);
    const bool readSlurm = m_outputMode == Process::OutputMode::Inherit;
    if (readSlurm) {
        // srun's stderr is read here: Slurm's own lines say why the step ended, the rest is the
        // worker's and goes on to ours.
        m_process->setProcessChannelMode(QProcess::ForwardedOutputChannel);
        connect(m_process, &QProcess::readyReadStandardError, this, [this] { readSlurmLines(false); });
    } else {
        connect(m_process, &QProcess::readyReadStandardError, this, &WorkerHandle::standardErrorReady);
    }
    connect(m_process, &QProcess::finished, this, [this, readSlurm](int code, QProcess::ExitStatus status) {
        if (readSlurm) {
            readSlurmLines(true);
            noteSlurmVerdict(status == QProcess::CrashExit ? -code : code);
        }
        // srun passes the task's exit on: 128 + N when signal N ended it.
        if (status == QProcess::CrashExit)
            code = -code;
        else if (code > 128 && code < 128 + 65)
            code = -(code - 128);
        if (m_channel) {
            m_channel->drain(); // what the worker wrote before it ended
            m_channel->close();
        }
        onExit(code);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerHandle::standardOutputReady);
    m_process->start(program, arguments, QIODevice::ReadOnly);
    if (!m_process->waitForStarted(-1)) {
        const QString why = m_process->errorString();
        delete m_process;
        m_process = nullptr;
        throw ProcessError(QStringLiteral("cannot start the worker's step '%1': %2").arg(program, why));
    }
    m_pid = m_process->processId();
}

void WorkerHandle::readSlurmLines(bool atEnd)
{
    static const QRegularExpression slurmLine(QStringLiteral("^(srun|slurmstepd(-\\S+)?): "));
    m_stderrPartial += m_process->readAllStandardError();
    qsizetype start = 0;
    QByteArray passOn;
    for (;;) {
        qsizetype end = m_stderrPartial.indexOf('\n', start);
        if (end < 0 && atEnd && start < m_stderrPartial.size())
            end = m_stderrPartial.size();
        if (end < 0)
            break;
        const QByteArray line = m_stderrPartial.mid(start, end - start + 1);
        start = end + 1;
        if (slurmLine.match(QString::fromUtf8(line)).hasMatch()) {
            if (m_slurmLines.size() < 256 * 1024) // what a verdict needs is a few lines
                m_slurmLines += line.endsWith('\n') ? line : line + '\n';
        } else {
            passOn += line;
        }
    }
    m_stderrPartial.remove(0, std::min(start, m_stderrPartial.size()));
    RawOutput::writeAll(STDERR_FILENO, passOn);
}

void WorkerHandle::noteSlurmVerdict(int srunExitCode)
{
    CommandResult step;
    step.started = true;
    step.exitCode = srunExitCode;
    step.standardError = std::exchange(m_slurmLines, {});
    const SlurmStep::State state = SlurmStep::interpret(step);
    const bool slurmEndedIt = state == SlurmStep::State::Cancelled || state == SlurmStep::State::TimedOut
                              || state == SlurmStep::State::NodeFailed || state == SlurmStep::State::NotLaunched;
    if (slurmEndedIt && !step.error.isEmpty() && m_lostReason.isEmpty())
        m_lostReason = step.error;
}

void WorkerHandle::attachChannel(int fd, const QString &host, const QString &step, const QString &where)
{
    if (m_channel || !isRunning()) {
        ::close(fd);
        return;
    }
    m_host = host;
    m_step = step;
    m_where = where;
    m_channel = new FrameChannel(fd, this);
    connect(m_channel, &FrameChannel::frameReceived, this, &WorkerHandle::frameReceived);
    connect(m_channel, &FrameChannel::framesDelivered, this, &WorkerHandle::framesDelivered);
    connect(m_channel, &FrameChannel::closed, this, &WorkerHandle::onRemoteChannelClosed);
    m_channel->sendEncoded(std::exchange(m_queued, {}));
    Q_EMIT placed();
}

void WorkerHandle::abandon(const QString &why)
{
    if (!isRunning())
        return;
    if (m_lostReason.isEmpty())
        m_lostReason = why;
    sendSignal(SIGKILL);
}

void WorkerHandle::onRemoteChannelClosed()
{
    // The worker ended (srun follows), or its node or the network failed (srun may not notice
    // for minutes): a grace period, then it counts as lost.
    if (!isRunning())
        return;
    QTimer::singleShot(10000, this, [this] {
        if (isRunning() && m_lostReason.isEmpty())
            m_lostReason = QStringLiteral("lost its connection to the pool (its node failed or the network broke)");
        killRemoteLater();
        if (isRunning())
            m_process->kill();
    });
}

void WorkerHandle::killRemoteLater()
{
    if (m_killScheduled)
        return;
    m_killScheduled = true;
    // The step normally ends at once; srun itself goes if it has not after a while.
    QTimer::singleShot(5000, this, [this] {
        if (isRunning())
            m_process->kill();
    });
}

void WorkerHandle::send(const QCborValue &frame)
{
    if (m_remote && !m_channel) {
        m_queued += FrameDecoder::encode(frame, FrameDecoder::defaultMaxFrameSize);
        return;
    }
    if (m_channel)
        m_channel->send(frame);
}

void WorkerHandle::send(const QList<QCborValue> &frames)
{
    if (m_remote && !m_channel) {
        for (const QCborValue &frame : frames)
            m_queued += FrameDecoder::encode(frame, FrameDecoder::defaultMaxFrameSize);
        return;
    }
    if (m_channel)
        m_channel->send(frames);
}

void WorkerHandle::sendEncoded(QByteArray frames)
{
    if (m_remote && !m_channel) {
        m_queued += frames; // sent in order once it connects
        return;
    }
    if (m_channel)
        m_channel->sendEncoded(std::move(frames));
}

void WorkerHandle::closeChannel()
{
    if (m_channel) {
        m_channel->close();
    } else if (m_remote && isRunning()) {
        // Told to go before it connected (a replacement the pool no longer needs): it would wait
        // for work that never comes. srun cancels its step on SIGTERM; SIGKILL follows if not.
        ::kill(pid_t(m_pid), SIGTERM);
        killRemoteLater();
    }
}

void WorkerHandle::onExit(int exitCode)
{
    if (m_exitCode)
        return;
    if (m_channel) {
        // The worker wrote its frames before exiting, so they are all in the socket now.
        m_channel->drain();
        m_channel->close();
    }
    m_exitCode = exitCode;
    Q_EMIT finished(exitCode);
}

void WorkerHandle::sendSignal(int sig)
{
    if (!isRunning())
        return;
    if (m_remote) {
        if (!m_step.isEmpty()) {
            if (!m_stepSignals)
                m_stepSignals = new SlurmStepSignals(m_step, this); // in order: a STOP never overtakes its CONT
            m_stepSignals->send(sig);
            if (sig == SIGKILL) {
                if (m_channel)
                    m_channel->close(); // nothing it says from now on counts
                killRemoteLater();
            }
        } else if (sig == SIGKILL || sig == SIGTERM) {
            // Not connected yet: its step, if it starts, finds nobody waiting and ends.
            ::kill(pid_t(m_pid), SIGKILL);
        }
        return;
    }
    if (m_forked)
        m_forked->sendSignal(sig);
    else if (m_process)
        ::kill(pid_t(m_pid), sig);
}

void WorkerHandle::poll()
{
    if (!isRunning())
        return;
    if (m_forked)
        m_forked->poll();
    else if (m_process)
        m_process->waitForFinished(0);
}

bool WorkerHandle::waitForExit(QDeadlineTimer deadline)
{
    if (!isRunning())
        return m_exitCode.has_value();
    if (m_channel)
        m_channel->close(); // nobody will read the worker's frames: let its writes fail, not block
    const int grace = deadline.isForever() ? 2000 : int(qMin<qint64>(2000, qMax<qint64>(0, deadline.remainingTime())));
    if (m_remote && !m_process->waitForFinished(grace)) {
        m_process->kill(); // srun: its step ends with the allocation
    }
    if (m_forked)
        m_forked->waitForFinished(deadline);
    else
        m_process->waitForFinished(deadline.isForever() ? -1 : int(qMax<qint64>(0, deadline.remainingTime())));
    return m_exitCode.has_value();
}

QByteArray WorkerHandle::readAllStandardOutput()
{
    return m_forked ? m_forked->readAllStandardOutput() : m_process ? m_process->readAllStandardOutput() : QByteArray();
}

QByteArray WorkerHandle::readAllStandardError()
{
    return m_forked ? m_forked->readAllStandardError() : m_process ? m_process->readAllStandardError() : QByteArray();
}

int WorkerHandle::duplicateChannel() const
{
    if (!m_channel || !m_channel->isOpen())
        return -1;
    return ::fcntl(m_channel->descriptor(), F_DUPFD_CLOEXEC, 0);
}

void WorkerHandle::setChannelReadGate(std::shared_ptr<ChannelReadGate> gate)
{
    if (m_channel)
        m_channel->setReadGate(std::move(gate));
}

void WorkerHandle::setChannelReading(bool reading)
{
    if (m_channel)
        m_channel->setReading(reading);
}

qsizetype WorkerHandle::bytesToWrite() const
{
    return m_channel ? m_channel->bytesToWrite() : 0;
}

} // namespace qmp
