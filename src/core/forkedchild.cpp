#include "forkedchild.h"

#include "errors.h"
#include "forkserver.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

namespace {

struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    int release()
    {
        const int f = fd;
        fd = -1;
        return f;
    }
};

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

int waitMs(QDeadlineTimer deadline)
{
    const qint64 left = deadline.remainingTime();
    return left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30));
}

} // namespace

ForkedChild::ForkedChild(int channelFd, int laneFd, Process::OutputMode mode, const QString &workingDirectory, QObject *parent)
    : QObject(parent)
{
    int status[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, status) != 0)
        throw ProcessError(QStringLiteral("cannot fork a worker: socketpair: %1").arg(errnoText(errno)));
    Fd ours{status[0]}, theirs{status[1]};

    Fd devNull{::open("/dev/null", O_RDWR | O_CLOEXEC)};
    Fd outRead, outWrite, errRead, errWrite;
    ForkServer::Descriptors fds{channelFd, theirs.fd, devNull.fd, STDOUT_FILENO, STDERR_FILENO, laneFd};
    if (mode == Process::OutputMode::Discard) {
        fds.output = fds.error = devNull.fd;
    } else if (mode == Process::OutputMode::Capture) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0)
            throw ProcessError(QStringLiteral("cannot fork a worker: pipe: %1").arg(errnoText(errno)));
        outRead.fd = p[0];
        outWrite.fd = p[1];
        if (::pipe2(p, O_CLOEXEC) != 0)
            throw ProcessError(QStringLiteral("cannot fork a worker: pipe: %1").arg(errnoText(errno)));
        errRead.fd = p[0];
        errWrite.fd = p[1];
        fds.output = outWrite.fd;
        fds.error = errWrite.fd;
    }
    ForkServer::instance().fork(fds, workingDirectory);
    // The server has its copies now (or, if it died with our request unread, nobody will): our
    // copy of its status end must go, or a lost request would leave the recv below waiting for
    // ever instead of reading end of stream.
    ::close(theirs.release());

    // The server answers 'P' + pid, or 'E' + errno when fork() failed.
    char message[5];
    ssize_t n;
    while ((n = ::recv(ours.fd, message, sizeof message, 0)) < 0 && errno == EINTR) {
    }
    if (n != sizeof message || message[0] != 'P') {
        qint32 error = 0;
        if (n == sizeof message)
            std::memcpy(&error, message + 1, sizeof error);
        throw ProcessError(n == sizeof message ? QStringLiteral("the forkserver could not fork: %1").arg(errnoText(error))
                                               : QStringLiteral("the forkserver did not answer (it may have died)"));
    }
    qint32 pid = 0;
    std::memcpy(&pid, message + 1, sizeof pid);
    m_pid = pid;

    m_status = ours.release();
    ::fcntl(m_status, F_SETFL, ::fcntl(m_status, F_GETFL) | O_NONBLOCK);
    m_statusNotifier = new QSocketNotifier(m_status, QSocketNotifier::Read, this);
    connect(m_statusNotifier, &QSocketNotifier::activated, this, &ForkedChild::readStatus);
    m_out.fd = outRead.release();
    m_err.fd = errRead.release();
    watch(m_out, false);
    watch(m_err, true);
}

ForkedChild::~ForkedChild()
{
    if (m_status >= 0)
        ::close(m_status);
    closePipe(m_out);
    closePipe(m_err);
}

void ForkedChild::watch(Pipe &pipe, bool isError)
{
    if (pipe.fd < 0)
        return;
    ::fcntl(pipe.fd, F_SETFL, ::fcntl(pipe.fd, F_GETFL) | O_NONBLOCK);
    pipe.notifier = new QSocketNotifier(pipe.fd, QSocketNotifier::Read, this);
    connect(pipe.notifier, &QSocketNotifier::activated, this, [this, &pipe, isError] { readPipe(pipe, isError, false); });
}

void ForkedChild::closePipe(Pipe &pipe)
{
    delete pipe.notifier;
    pipe.notifier = nullptr;
    if (pipe.fd >= 0)
        ::close(pipe.fd);
    pipe.fd = -1;
}

void ForkedChild::readPipe(Pipe &pipe, bool isError, bool all)
{
    char buffer[64 * 1024];
    bool gotData = false;
    // Up to 1 MiB per notification, so a fast writer's output reaches readers as it flows.
    for (int chunks = 0; pipe.fd >= 0 && (all || chunks < 16); ++chunks) {
        const ssize_t n = ::read(pipe.fd, buffer, sizeof buffer);
        if (n > 0) {
            pipe.buffer.append(buffer, n);
            gotData = true;
            if (n < qsizetype(sizeof buffer) && !all)
                break;
        } else if (n == 0) {
            closePipe(pipe); // every writer is gone
        } else if (errno != EINTR) {
            break; // EAGAIN: empty for now
        }
    }
    if (gotData) {
        if (isError)
            Q_EMIT readyReadStandardError();
        else
            Q_EMIT readyReadStandardOutput();
    }
}

void ForkedChild::readStatus()
{
    char message[5];
    for (;;) {
        const ssize_t n = ::recv(m_status, message, sizeof message, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return; // EAGAIN
        qint32 code = 0;
        if (n == sizeof message && message[0] == 'X') {
            std::memcpy(&code, message + 1, sizeof code);
        } else {
            code = -SIGKILL; // the server died: it kills its workers on the way out
        }
        delete m_statusNotifier;
        m_statusNotifier = nullptr;
        ::close(m_status);
        m_status = -1;
        // Output written before the exit is in the pipes now; take it all.
        readPipe(m_out, false, true);
        readPipe(m_err, true, true);
        m_exitCode = code;
        Q_EMIT finished(code);
        return;
    }
}

void ForkedChild::poll()
{
    if (m_status >= 0)
        readStatus();
}

bool ForkedChild::waitForFinished(QDeadlineTimer deadline)
{
    while (m_status >= 0) {
        pollfd pfds[3] = {{m_status, POLLIN, 0}, {m_out.fd, POLLIN, 0}, {m_err.fd, POLLIN, 0}};
        const int r = ::poll(pfds, 3, waitMs(deadline));
        if (r == 0)
            return false;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (pfds[1].revents)
            readPipe(m_out, false, false);
        if (pfds[2].revents)
            readPipe(m_err, true, false);
        if (pfds[0].revents)
            readStatus();
    }
    return true;
}

void ForkedChild::sendSignal(int sig)
{
    if (isRunning())
        ::kill(pid_t(m_pid), sig);
}

QByteArray ForkedChild::readAllStandardOutput()
{
    return std::exchange(m_out.buffer, {});
}

QByteArray ForkedChild::readAllStandardError()
{
    return std::exchange(m_err.buffer, {});
}

} // namespace qmp
