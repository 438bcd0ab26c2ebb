#include "forkserver.h"

#include "errors.h"
#include "inheriteddescriptors.h"
#include "runtime.h"

#include <QByteArray>
#include <QHash>
#include <QScopeGuard>

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <string>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace qmp {

namespace {

constexpr int descriptorCount = 5; // a lane makes it 6
constexpr int serverControlFd = 3;  // the server's control socket, the only descriptor it inherits
constexpr const char serverFlag[] = "--qmp-forkserver=";
// A request's text (working directory and environment) longer than this travels in a memfd,
// passed after the other descriptors; the message itself is then this one marker byte.
constexpr qsizetype inlineTextLimit = 60 * 1024;
constexpr char textInMemfd = '\1';
constexpr char byeMessage[] = "bye"; // stop(): the program is alive and ending its server

QMutex g_instanceMutex;
ForkServer *g_instance = nullptr;
void (*lastWork)(const QSet<qint64> &) = nullptr; // setForkServerLastWork()

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

// fd itself, or a close-on-exec copy of it from 3 up when it is a standard stream's number (a
// program started with that stream closed): a socket of ours must not become its stdin, nor be
// replaced when the server sets up its own streams.
int aboveStandardStreams(int fd)
{
    if (fd > STDERR_FILENO)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    if (moved < 0)
        return fd;
    ::close(fd);
    return moved;
}

// How many threads this process has (0 when /proc cannot say).
int threadCount()
{
    DIR *tasks = ::opendir("/proc/self/task");
    if (!tasks)
        return 0;
    int count = 0;
    while (const dirent *entry = ::readdir(tasks))
        count += entry->d_name[0] != '.' ? 1 : 0;
    ::closedir(tasks);
    return count;
}

// A request's text: the working directory, then each variable of the environment, each ended by
// a NUL byte.
QByteArray requestText(const QString &workingDirectory)
{
    QByteArray text = workingDirectory.toLocal8Bit();
    text.append('\0');
    for (char **variable = environ; variable && *variable; ++variable)
        text.append(*variable, qsizetype(std::strlen(*variable)) + 1);
    return text;
}

// The memfd holding text, or -1 (errno set).
int textMemfd(const QByteArray &text)
{
    const int fd = ::memfd_create("qmp-forkserver-request", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    qsizetype done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.constData() + done, size_t(text.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : ENOSPC;
            ::close(fd);
            errno = error;
            return -1;
        }
        done += n;
    }
    return fd;
}

// Server side: the text of a request whose text came in memfd fd (empty when it cannot be read).
QByteArray readTextMemfd(int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size <= 0)
        return {};
    QByteArray text(qsizetype(info.st_size), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < text.size()) {
        const ssize_t n = ::pread(fd, text.data() + done, size_t(text.size() - done), off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return {};
        done += n;
    }
    return text;
}

// Server side, before a fork: makes this process's environment the request's (after the
// working directory in text), unless it is that already (the common case: the program's did not
// change). Done here rather than in each worker, a worker inherits it without writing a page.
void adoptRequestEnvironment(const QByteArray &text)
{
    const char *end = text.constData() + text.size();
    const char *first = text.constData() + std::strlen(text.constData()) + 1;
    bool same = true;
    char **current = environ;
    for (const char *variable = first; variable < end; variable += std::strlen(variable) + 1) {
        if (!current || !*current || std::strcmp(*current, variable) != 0) {
            same = false;
            break;
        }
        ++current;
    }
    if (same && (!current || !*current))
        return;
    ::clearenv();
    for (const char *variable = first; variable < end; variable += std::strlen(variable) + 1) {
        if (const char *equals = std::strchr(variable, '='); equals && equals != variable)
            ::setenv(std::string(variable, equals).c_str(), equals + 1, 1); // copies both
    }
}

// Worker side, after the fork: enters the request's working directory (the text's first string).
void enterRequestDirectory(const QByteArray &text)
{
    const char *cwd = text.constData();
    if (cwd[0] != '\0' && ::chdir(cwd) != 0)
        std::fprintf(stderr, "qmp worker: cannot enter %s: %s\n", cwd, std::strerror(errno));
}

// A pidfd for process pid (readable once it has ended), or -1 when the kernel has none (< 5.3).
int openPidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return int(::syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

// Server side, when the program's end of the control socket has closed without a "bye": returns
// once the program has ended. The kernel closes a dying process's descriptors before the process
// becomes a zombie, and an object whose creator still looks alive is not reclaimed. A program
// that closed its end and lives on (it closed every descriptor, say) is waited for as long as it
// lives: its workers are gone, and what it leaves behind is reclaimed when it ends.
void awaitProgramEnd(pid_t program, int programPidfd)
{
    if (programPidfd >= 0) {
        pollfd pfd{programPidfd, POLLIN, 0};
        while (::poll(&pfd, 1, -1) < 0 && errno == EINTR) {
        }
        return;
    }
    // No pidfd: the program has ended when this server has been given another parent; polled
    // for two seconds at most.
    for (int i = 0; i < 2000 && ::getppid() == program; ++i)
        ::usleep(1000);
}

} // namespace

std::optional<WorkerDescriptors> ForkServer::startEarly()
{
    if (threadCount() != 1)
        return std::nullopt; // forking a process with threads copies locks they may hold
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return std::nullopt; // instance() tries again on first use, and says why if it fails
    sv[0] = aboveStandardStreams(sv[0]);
    sv[1] = aboveStandardStreams(sv[1]);
    std::fflush(nullptr); // what stdio holds now must not be written twice
    const pid_t program = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(sv[0]);
        ::close(sv[1]);
        return std::nullopt;
    }
    if (pid == 0) {
        // The server: nothing of the program's but its standard error and this socket (each
        // request hands over the streams its worker gets). It must not hold, say, the pipe the
        // program's output goes to, nor read the terminal.
        dropInheritedDescriptors(&sv[1], 1, false);
        const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC); // 0, 1 or 2 when that was closed
        if (null >= 0) {
            ::dup2(null, STDIN_FILENO);
            ::dup2(null, STDOUT_FILENO);
            if (null > STDERR_FILENO)
                ::close(null);
        }
        return serve(sv[1], program); // returns only in the workers it forks
    }
    ::close(sv[1]);
    QMutexLocker locker(&g_instanceMutex);
    auto *server = new ForkServer;
    server->m_control = sv[0];
    server->m_pid = pid;
    g_instance = server;
    return std::nullopt;
}

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
    sv[0] = aboveStandardStreams(sv[0]);
    sv[1] = aboveStandardStreams(sv[1]);
    const QByteArray program = runtime->hostExecutable().toLocal8Bit();
    const QByteArray flag = QByteArray(serverFlag) + QByteArray::number(serverControlFd) + ',' + QByteArray::number(::getpid());
    char *argv[] = {const_cast<char *>(program.constData()), const_cast<char *>(flag.constData()), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The control socket as fd 3 (dup2 onto itself clears FD_CLOEXEC), and nothing else of ours.
    posix_spawn_file_actions_adddup2(&actions, sv[1], serverControlFd);
    posix_spawn_file_actions_addclosefrom_np(&actions, serverControlFd + 1);
    // Its standard error only: it must not hold the pipe the program's output goes to, nor
    // read the terminal (each request hands over its worker's streams).
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
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
    // This program is alive, and waits for the server: it need not wait for us to end.
    while (::send(m_control, byeMessage, sizeof byeMessage - 1, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
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
    const QByteArray text = requestText(workingDirectory);
    int textFd = -1;
    if (text.size() > inlineTextLimit) {
        textFd = textMemfd(text);
        if (textFd < 0)
            throw ProcessError(QStringLiteral("cannot fork a worker: its environment (%1 bytes) cannot be passed on: %2")
                                   .arg(text.size())
                                   .arg(errnoText()));
    }
    int list[descriptorCount + 2] = {fds.channel, fds.status, fds.input, fds.output, fds.error};
    int count = descriptorCount;
    if (fds.lane >= 0)
        list[count++] = fds.lane;
    if (textFd >= 0)
        list[count++] = textFd;
    char control[CMSG_SPACE(sizeof list)] = {};
    char marker = textInMemfd;
    iovec iov = textFd >= 0 ? iovec{&marker, 1} : iovec{const_cast<char *>(text.constData()), size_t(text.size())};
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
    const auto closeText = qScopeGuard([textFd] {
        if (textFd >= 0)
            ::close(textFd);
    });
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

WorkerDescriptors ForkServer::serve(int controlFd, qint64 programPid)
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
    const pid_t program = pid_t(programPid);
    int programPidfd = openPidfd(program); // close-on-exec, as pidfds are
    // At end of stream, wait for the program to end unless it said "bye" (it is alive and
    // waits for us) or has ended already. While the program is our parent its pid is not free,
    // so the pidfd is the program's; one that is no longer our parent has ended (and its pid
    // may be another's now).
    bool awaitProgram = ::getppid() == program;
    if (!awaitProgram && programPidfd >= 0) {
        ::close(programPidfd);
        programPidfd = -1;
    }
    QSet<qint64> created{qint64(program)}; // the program and every worker forked for it (lastWork)
    // Every worker's QCoreApplication sets the locale of its environment: loaded here once, its
    // files are not opened and read again in each worker (unless its environment names another).
    std::setlocale(LC_ALL, "");

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

        static char message[inlineTextLimit + 1];
        int fds[descriptorCount + 2] = {-1, -1, -1, -1, -1, -1, -1};
        char control[CMSG_SPACE(sizeof fds)] = {};
        iovec iov{message, sizeof message};
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
            if (awaitProgram)
                awaitProgramEnd(program, programPidfd);
            if (lastWork) {
                try {
                    lastWork(created);
                } catch (...) {
                    // best effort: `qmp ipc gc` and the next program's janitor do the same
                }
            }
            // As a forked worker ends: the program's static destructors are not the server's
            // to run (in a server forked from it, they would only copy pages on write).
            std::fflush(nullptr);
            ::_exit(0);
        }
        cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        const int received = cmsg && cmsg->cmsg_type == SCM_RIGHTS ? int((cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int)) : 0;
        if (received == 0 && n == ssize_t(sizeof byeMessage - 1) && std::memcmp(message, byeMessage, size_t(n)) == 0) {
            awaitProgram = false;
            continue;
        }
        if (received < descriptorCount || received > descriptorCount + 2)
            continue; // not a request of ours; nothing to answer on
        std::memcpy(fds, CMSG_DATA(cmsg), sizeof(int) * size_t(received));
        // The text: inline, or in the memfd that came last (the message is then its marker).
        const bool textFdSent = n == 1 && message[0] == textInMemfd;
        QByteArray text;
        if (textFdSent) {
            text = readTextMemfd(fds[received - 1]);
            ::close(fds[received - 1]);
            fds[received - 1] = -1;
        } else {
            text = QByteArray(message, n);
        }
        const int lane = received - (textFdSent ? 1 : 0) > descriptorCount ? fds[descriptorCount] : -1;
        if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || text.isEmpty() || text.back() != '\0') {
            for (int i : {0, 2, 3, 4, 5, 6}) {
                if (fds[i] >= 0)
                    ::close(fds[i]);
            }
            writeStatus(fds[1], 'E', EMSGSIZE);
            ::close(fds[1]);
            continue;
        }

        adoptRequestEnvironment(text);
        const pid_t serverPid = ::getpid();
        const pid_t pid = ::fork();
        if (pid == 0) {
            // The worker: die with the server, take the request's stdio, keep only the channel
            // and the lane (the server's sockets and everything else are closed).
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != serverPid)
                ::_exit(127);
            ::prctl(PR_SET_NAME, "qmp-worker");
            ::dup2(fds[2], STDIN_FILENO);
            ::dup2(fds[3], STDOUT_FILENO);
            ::dup2(fds[4], STDERR_FILENO);
            const int keep[] = {fds[0], lane};
            dropInheritedDescriptors(keep, 2, false);
            ::signal(SIGINT, SIG_DFL);
            ::sigprocmask(SIG_SETMASK, &previousMask, nullptr);
            enterRequestDirectory(text);
            return WorkerDescriptors{fds[0], lane, false};
        }
        for (int i : {0, 2, 3, 4, 5, 6}) {
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
        created.insert(pid);
    }
}

void setForkServerLastWork(void (*work)(const QSet<qint64> &creators))
{
    lastWork = work;
}

} // namespace qmp
