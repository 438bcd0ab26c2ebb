#include "blockingcommand.h"

#include "monotonicclock.h"
#include "programsearch.h"
#include "surrogateescape.h"

#include <QDateTime>

#include <vector>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace qmp {

namespace {

void closeQuietly(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// Reads what fd has now into into; false at its end (or an error).
bool readAvailable(int fd, QByteArray &into)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, n);
            if (size_t(n) < sizeof buffer)
                return true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        return false;
    }
}

} // namespace

CommandResult BlockingCommand::run(const Command &command, std::chrono::milliseconds timeout)
{
    CommandResult result;
    result.program = command.program;
    result.arguments = command.arguments;
    result.attempts = 1;
    result.startTimeMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 startedNs = monotonicNs();

    // Everything the child needs, prepared before the fork: it only calls async-signal-safe functions.
    QList<QByteArray> args{SurrogateEscape::encode(command.program)};
    for (const QString &argument : command.arguments)
        args.append(SurrogateEscape::encode(argument));
    QList<QByteArray> env;
    for (const QString &variable : command.environment.toStringList())
        env.append(SurrogateEscape::encode(variable));
    const QByteArray directory = SurrogateEscape::encode(command.workingDirectory);
    const QByteArray path = ProgramSearch::find(args.first(), command);
    if (path.isEmpty()) {
        result.error = QStringLiteral("cannot run '%1': no such program on PATH").arg(command.program);
        result.exitCode = 127; // what a shell reports for a command it cannot run
        return result;
    }
    std::vector<char *> argv;
    for (QByteArray &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (QByteArray &variable : env)
        envp.push_back(variable.data());
    envp.push_back(nullptr);

    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devNull < 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        result.error = QStringLiteral("cannot run '%1': %2").arg(command.program, QString::fromLocal8Bit(std::strerror(errno)));
        result.exitCode = 127;
        for (int *fd : {&out[0], &out[1], &err[0], &err[1]})
            closeQuietly(*fd);
        if (devNull >= 0)
            ::close(devNull);
        return result;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0); // its own group: a timeout kills the whole tree
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        ::dup2(devNull, 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        int error = 0;
        if (!directory.isEmpty() && ::chdir(directory.constData()) != 0)
            error = errno;
        if (error == 0) {
            ::execve(path.constData(), argv.data(), env.isEmpty() ? environ : envp.data());
            error = errno;
        }
        static const char prefix[] = "qmp: cannot run '";
        [[maybe_unused]] ssize_t n = ::write(2, prefix, sizeof(prefix) - 1);
        n = ::write(2, argv[0], std::strlen(argv[0]));
        const char *why = ::strerrordesc_np(error);
        n = ::write(2, "': ", 3);
        if (why)
            n = ::write(2, why, std::strlen(why));
        n = ::write(2, "\n", 1);
        ::_exit(error == ENOENT ? 127 : 126);
    }
    ::close(devNull);
    closeQuietly(out[1]);
    closeQuietly(err[1]);
    if (pid < 0) {
        result.error = QStringLiteral("cannot run '%1': %2").arg(command.program, QString::fromLocal8Bit(std::strerror(errno)));
        result.exitCode = 127;
        closeQuietly(out[0]);
        closeQuietly(err[0]);
        return result;
    }
    ::setpgid(pid, pid); // also here: no race with a kill before the child ran
    result.started = true;
    result.pid = pid;
    for (int fd : {out[0], err[0]})
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    int exited = int(::syscall(SYS_pidfd_open, pid, 0)); // readable once it has exited; -1 on old kernels: the pipes' end says it
    const qint64 deadlineNs = timeout.count() > 0 ? startedNs + qint64(timeout.count()) * 1'000'000 : 0;
    int status = 0;
    bool reaped = false;
    while (!reaped) {
        pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {exited, POLLIN, 0}};
        int wait = -1;
        if (deadlineNs > 0 && !result.timedOut)
            wait = int(std::max<qint64>(0, (deadlineNs - monotonicNs() + 999'999) / 1'000'000));
        const int ready = ::poll(fds, 3, wait);
        if (ready < 0 && errno != EINTR)
            break;
        if (ready == 0 && deadlineNs > 0 && !result.timedOut && monotonicNs() >= deadlineNs) {
            result.timedOut = true;
            ::kill(-pid, SIGKILL);
            continue;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
                && !readAvailable(fds[i].fd, i == 0 ? result.standardOutput : result.standardError))
                closeQuietly(i == 0 ? out[0] : err[0]);
        }
        const bool childEnded = exited >= 0 ? (fds[2].revents & POLLIN) != 0 : (out[0] < 0 && err[0] < 0);
        if (childEnded) {
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            reaped = true;
        }
    }
    if (!reaped) {
        ::kill(-pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    // What it wrote before it ended (what its background children write later is not waited for).
    for (int i = 0; i < 2; ++i) {
        int &fd = i == 0 ? out[0] : err[0];
        if (fd >= 0)
            readAvailable(fd, i == 0 ? result.standardOutput : result.standardError);
        closeQuietly(fd);
    }
    closeQuietly(exited);
    result.exitCode = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    result.durationNs = monotonicNs() - startedNs;
    return result;
}

} // namespace qmp
