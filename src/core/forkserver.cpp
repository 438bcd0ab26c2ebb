#include "forkserver.h"

#include "errors.h"
#include "inheriteddescriptors.h"
#include "runtime.h"

#include <QByteArray>
#include <QHash>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace qmp {

namespace {

constexpr int descriptorCount = 5; // a lane makes it 6
constexpr int serverControlFd = 3;  // the server's control socket, the only descriptor it inherits
constexpr const char serverFlag[] = "--qmp-forkserver=";

QMutex g_instanceMutex;
ForkServer *g_instance = nullptr;
void (*lastWork)() = nullptr; // setForkServerLastWork()

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A status message: 'P' + pid, or 'X' + exit code (negative for a signal). 5 bytes.
void writeStatus(int fd, char kind, qint32 value)
{
    char buffer[5];
    buffer[0] = kind;
    std::memcpy(buffer + 1, &value, sizeof value);
    while (::send(fd, buffer, sizeof buffer, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

} // namespace

ForkServer &ForkServer::instance()
{
    QMutexLocker locker(&g_instanceMutex);
    if (!g_instance) {
        auto *server = new ForkServer;
        try {
            server->launch();
        } catch (...) {
            delete server;
            throw;
        }
        g_instance = server;
    }
    return *g_instance;
}

qint64 ForkServer::runningPid()
{
    QMutexLocker locker(&g_instanceMutex);
    return g_instance ? g_instance->m_pid : 0;
}

void ForkServer::shutdown()
{
    QMutexLocker locker(&g_instanceMutex);
    if (g_instance) {
        g_instance->stop();
        delete g_instance;
        g_instance = nullptr;
    }
}

void ForkServer::launch()
{
    Runtime *runtime = Runtime::instance();
    if (!runtime)
        throw ProcessError(QStringLiteral("the forkserver needs a qmp::Runtime constructed first in main()"));
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        throw ProcessError(QStringLiteral("cannot start the forkserver: socketpair: %1").arg(errnoText()));
    const QByteArray program = runtime->hostExecutable().toLocal8Bit();
    const QByteArray flag = QByteArray(serverFlag) + QByteArray::number(serverControlFd);
    char *argv[] = {const_cast<char *>(program.constData()), const_cast<char *>(flag.constData()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The control socket as fd 3 (dup2 onto itself clears FD_CLOEXEC), and nothing else of ours.
    posix_spawn_file_actions_adddup2(&actions, sv[1], serverControlFd);
    posix_spawn_file_actions_addclosefrom_np(&actions, serverControlFd + 1);
    // Bind every symbol in the server once, so forked workers do not each write their own
    // copy of the relocation tables (copy-on-write faults are most of a fork's cost).
    QList<QByteArray> env;
    for (char **e = environ; *e; ++e) {
        if (std::strncmp(*e, "LD_BIND_NOW=", 12) != 0)
            env.append(QByteArray(*e));
    }
    env.append(QByteArrayLiteral("LD_BIND_NOW=1"));
    QList<char *> envp;
    for (QByteArray &e : env)
        envp.append(e.data());
    envp.append(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.constData(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(sv[1]);
    if (rc != 0) {
        ::close(sv[0]);
        throw ProcessError(QStringLiteral("cannot start the forkserver '%1': %2")
                               .arg(runtime->hostExecutable(), QString::fromLocal8Bit(std::strerror(rc))));
    }
    m_control = sv[0];
    m_pid = pid;
}

void ForkServer::stop()
{
    if (m_control < 0)
        return;
    ::close(m_control); // the server sees end of stream, kills its workers and exits
    m_control = -1;
    int status = 0;
    while (::waitpid(pid_t(m_pid), &status, 0) < 0 && errno == EINTR) {
    }
}

void ForkServer::fork(const Descriptors &fds, const QString &workingDirectory)
{
    QMutexLocker locker(&m_mutex);
    if (m_control < 0)
        throw ProcessError(QStringLiteral("the forkserver has been shut down"));
    const QByteArray cwd = workingDirectory.toLocal8Bit();
    const int list[descriptorCount + 1] = {fds.channel, fds.status, fds.input, fds.output, fds.error, fds.lane};
    const int count = fds.lane >= 0 ? descriptorCount + 1 : descriptorCount;
    char control[CMSG_SPACE(sizeof list)] = {};
    iovec iov{const_cast<char *>(cwd.constData()), size_t(cwd.size())};
    char empty = 0;
    if (cwd.isEmpty())
        iov = iovec{&empty, 1};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * count);
    cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * count);
    std::memcpy(CMSG_DATA(cmsg), list, sizeof(int) * count);
    for (bool relaunched = false;;) {
        if (::sendmsg(m_control, &msg, MSG_NOSIGNAL) >= 0)
            return;
        if (errno == EINTR)
            continue;
        if (relaunched || (errno != EPIPE && errno != ECONNRESET && errno != ENOTCONN))
            break;
        // The server died (killed from outside, say): its workers went with it. Start another.
        stop();
        launch();
        relaunched = true;
    }
    throw ProcessError(QStringLiteral("the forkserver (pid %1) is gone: %2").arg(m_pid).arg(errnoText()));
}

WorkerDescriptors ForkServer::serve(int controlFd)
{
    ::fcntl(controlFd, F_SETFD, FD_CLOEXEC);
    ::prctl(PR_SET_NAME, "qmp-forkserver");
    // Child exits arrive as a readable signalfd, so one poll() covers requests and exits.
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigset_t previousMask;
    ::sigprocmask(SIG_BLOCK, &chld, &previousMask);
    // Ctrl+C in a terminal reaches the whole process group: the server outlives it (its parent
    // decides), and each worker gets the default disposition back.
    ::signal(SIGINT, SIG_IGN);
    const int sigfd = ::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sigfd < 0) {
        std::fprintf(stderr, "qmp-forkserver: signalfd failed: %s\n", std::strerror(errno));
        std::exit(3);
    }
    QHash<pid_t, int> statusOf; // worker pid -> the server's end of its status socket

    for (;;) {
        pollfd pfds[2] = {{controlFd, POLLIN, 0}, {sigfd, POLLIN, 0}};
        if (::poll(pfds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            std::exit(3);
        }
        if (pfds[1].revents & POLLIN) {
            signalfd_siginfo info;
            while (::read(sigfd, &info, sizeof info) > 0) {
            }
            int status = 0;
            pid_t pid;
            while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
                const int fd = statusOf.take(pid);
                if (fd <= 0)
                    continue;
                writeStatus(fd, 'X', WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status));
                ::close(fd);
            }
        }
        if (!(pfds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;

        char cwd[4096];
        int fds[descriptorCount + 1] = {-1, -1, -1, -1, -1, -1};
        char control[CMSG_SPACE(sizeof fds)] = {};
        iovec iov{cwd, sizeof cwd - 1};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(controlFd, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            // The parent closed its end or died: take every worker down with us.
            for (auto it = statusOf.cbegin(); it != statusOf.cend(); ++it)
                ::kill(it.key(), SIGKILL);
            while (::waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
            }
            if (lastWork) {
                try {
                    lastWork();
                } catch (...) {
                    // best effort: `qmp ipc gc` and the next program's janitor do the same
                }
            }
            std::exit(0);
        }
        cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS
            || (cmsg->cmsg_len != CMSG_LEN(sizeof(int) * descriptorCount) && cmsg->cmsg_len != CMSG_LEN(sizeof fds)))
            continue; // not a request of ours; nothing to answer on
        std::memcpy(fds, CMSG_DATA(cmsg), cmsg->cmsg_len - CMSG_LEN(0));
        cwd[n] = '\0';

        const pid_t serverPid = ::getpid();
        const pid_t pid = ::fork();
        if (pid == 0) {
            // The worker: die with the server, take the request's stdio, keep only the channel
            // and the lane (the server's sockets and everything else are closed).
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != serverPid)
                ::_exit(127);
            ::prctl(PR_SET_NAME, "qmp-worker");
            ::unsetenv("LD_BIND_NOW"); // the user's programs should not inherit our loader tuning
            ::dup2(fds[2], STDIN_FILENO);
            ::dup2(fds[3], STDOUT_FILENO);
            ::dup2(fds[4], STDERR_FILENO);
            const int keep[] = {fds[0], fds[5]};
            dropInheritedDescriptors(keep, 2, false);
            ::signal(SIGINT, SIG_DFL);
            ::sigprocmask(SIG_SETMASK, &previousMask, nullptr);
            if (cwd[0] != '\0' && ::chdir(cwd) != 0)
                std::fprintf(stderr, "qmp worker: cannot enter %s: %s\n", cwd, std::strerror(errno));
            return WorkerDescriptors{fds[0], fds[5], false};
        }
        for (int i : {0, 2, 3, 4, 5}) {
            if (fds[i] >= 0)
                ::close(fds[i]);
        }
        if (pid < 0) {
            writeStatus(fds[1], 'E', errno);
            ::close(fds[1]);
            continue;
        }
        writeStatus(fds[1], 'P', qint32(pid));
        statusOf.insert(pid, fds[1]);
    }
}

void setForkServerLastWork(void (*work)())
{
    lastWork = work;
}

} // namespace qmp
