#include "sallocguard.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qmp {

namespace {
constexpr int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};

std::int64_t monotonicMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return std::int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// The parent of process pid, from /proc/PID/stat ("pid (comm) state ppid ..."; comm may hold
// spaces and parentheses, so the fields are read after its last ')'). -1 when it is gone.
pid_t parentOf(const char *pid)
{
    char path[sizeof "/proc//stat" + 256]; // a d_name is at most 255 bytes
    std::snprintf(path, sizeof path, "/proc/%s/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char text[512];
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    const char *close = std::strrchr(text, ')');
    int ppid = -1;
    char state = 0;
    if (!close || std::sscanf(close + 1, " %c %d", &state, &ppid) != 2)
        return -1;
    return pid_t(ppid);
}

// SIGKILL to every process whose parent this one is. True when there was one.
bool killChildren()
{
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return false;
    const pid_t self = ::getpid();
    bool any = false;
    while (const dirent *entry = ::readdir(proc)) {
        char *end = nullptr;
        const long pid = std::strtol(entry->d_name, &end, 10);
        if (pid <= 0 || *end != '\0' || pid == self || parentOf(entry->d_name) != self)
            continue;
        ::kill(pid_t(pid), SIGKILL);
        any = true;
    }
    ::closedir(proc);
    return any;
}

// After salloc: what it left (its command, a copy of it stuck before an exec) came to this
// subreaper; kill and reap all of it, the orphans of the killed included. Gives up after 10 s
// (a process in uninterruptible sleep cannot die sooner; nothing here can do more for it).
void endWhatSallocLeft()
{
    const std::int64_t giveUp = monotonicMs() + 10000;
    for (;;) {
        killChildren();
        int status = 0;
        while (::waitpid(-1, &status, WNOHANG) > 0) {
        }
        if (::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD)
            return;
        if (monotonicMs() > giveUp) {
            std::fprintf(stderr, "qmp: a process salloc left does not end\n");
            return;
        }
        const timespec pause{0, 10 * 1000 * 1000};
        ::nanosleep(&pause, nullptr);
    }
}
} // namespace

int SallocGuard::run(char **argv)
{
    if (!argv || !argv[0]) {
        std::fprintf(stderr, "qmp: %s needs salloc's command line\n", flag);
        return 2;
    }
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    // The signals are taken with sigtimedwait(): blocked, and not ignored (an ignored signal is
    // never pending; SIG_IGN survives the exec from a program that ignored one).
    sigset_t waited;
    sigemptyset(&waited);
    for (const int signal : forwarded)
        sigaddset(&waited, signal);
    sigaddset(&waited, SIGCHLD);
    sigset_t original;
    ::sigprocmask(SIG_BLOCK, &waited, &original);
    for (const int signal : forwarded)
        std::signal(signal, SIG_DFL);
    std::signal(SIGCHLD, SIG_DFL);

    const pid_t guard = ::getpid();
    const pid_t salloc = ::fork();
    if (salloc < 0) {
        std::fprintf(stderr, "qmp: cannot start salloc: %s\n", std::strerror(errno));
        return 127;
    }
    if (salloc == 0) {
        ::sigprocmask(SIG_SETMASK, &original, nullptr);
        // The guard killed (SIGKILL: it cannot pass anything on): salloc still gives the
        // allocation back.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != guard)
            ::_exit(127);
        ::execv(argv[0], argv);
        std::fprintf(stderr, "qmp: cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }

    // After the first signal passed on: when salloc gets SIGKILL if it has not ended (-1: no
    // signal yet; 0: killed).
    std::int64_t killAt = -1;
    int status = 0;
    for (bool ended = false; !ended;) {
        siginfo_t info{};
        int signal;
        if (killAt <= 0) {
            signal = ::sigwaitinfo(&waited, &info);
        } else {
            const std::int64_t left = std::max<std::int64_t>(0, killAt - monotonicMs());
            const timespec wait{time_t(left / 1000), long(left % 1000) * 1000000};
            signal = ::sigtimedwait(&waited, &info, &wait);
            if (signal < 0 && errno == EAGAIN) {
                ::kill(salloc, SIGKILL);
                killAt = 0;
            }
        }
        if (signal > 0 && signal != SIGCHLD) {
            ::kill(salloc, signal);
            if (killAt < 0)
                killAt = monotonicMs() + graceSeconds * 1000;
        }
        // Reap salloc, and any orphan of salloc's that came here meanwhile.
        int childStatus = 0;
        while (const pid_t child = ::waitpid(-1, &childStatus, WNOHANG)) {
            if (child < 0)
                break;
            if (child == salloc) {
                status = childStatus;
                ended = true;
            }
        }
    }
    endWhatSallocLeft();
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

} // namespace qmp
