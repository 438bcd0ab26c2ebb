#include "workerhandle.h"

#include "errors.h"
#include "forkedchild.h"
#include "framechannel.h"
#include "inheriteddescriptors.h"
#include "runtime.h"

#include <QDir>
#include <QProcess>

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

void WorkerHandle::send(const QCborValue &frame)
{
    if (m_channel)
        m_channel->send(frame);
}

void WorkerHandle::send(const QList<QCborValue> &frames)
{
    if (m_channel)
        m_channel->send(frames);
}

void WorkerHandle::sendEncoded(QByteArray frames)
{
    if (m_channel)
        m_channel->sendEncoded(std::move(frames));
}

void WorkerHandle::closeChannel()
{
    if (m_channel)
        m_channel->close();
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

qsizetype WorkerHandle::bytesToWrite() const
{
    return m_channel ? m_channel->bytesToWrite() : 0;
}

} // namespace qmp
