#include "processinfo.h"

#include <QFile>
#include <QMutex>
#include <QRandomGenerator>

#include <atomic>
#include <iterator>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace qmp {

namespace {

struct Identity
{
    QMutex mutex;
    std::optional<ProcessInfo> self;
    std::optional<ProcessInfo> parent;
    std::optional<QByteArray> authkey; // made on first use in the main process; a child's comes from its parent
    std::atomic<int> childCounter{0};
};

Identity &identity()
{
    static Identity state;
    return state;
}

// 'Z' (zombie) or 'X' (dead) in /proc/PID/stat, or no such process.
bool hasExited(qint64 pid)
{
    if (pid <= 0)
        return true;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype paren = line.lastIndexOf(')');
    if (paren < 0 || paren + 2 >= line.size())
        return false;
    const char state = line.at(paren + 2);
    return state == 'Z' || state == 'X';
}

} // namespace

ProcessInfo::ProcessInfo(QString name, qint64 pid, bool daemon, QList<int> identity, QByteArray authkey)
    : m_name(std::move(name)), m_pid(pid), m_daemon(daemon), m_identity(std::move(identity)), m_authkey(std::move(authkey))
{
}

bool ProcessInfo::isAlive() const
{
    return !hasExited(m_pid);
}

bool ProcessInfo::join(QDeadlineTimer deadline) const
{
    const int pidfd = int(::syscall(SYS_pidfd_open, pid_t(m_pid), 0));
    if (pidfd < 0)
        return hasExited(m_pid);
    bool exited = false;
    for (;;) {
        // A zombie child makes the pidfd readable as well, so one poll covers both cases.
        pollfd pfd{pidfd, POLLIN, 0};
        const qint64 left = deadline.remainingTime();
        const int r = ::poll(&pfd, 1, left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
        if (r > 0) {
            exited = true;
            break;
        }
        if (r == 0 || errno != EINTR)
            break;
    }
    ::close(pidfd);
    return exited || hasExited(m_pid);
}

QString describeExit(int exitCode)
{
    if (exitCode < 0) {
        const char *name = sigabbrev_np(-exitCode);
        return QStringLiteral("was killed by signal %1 (SIG%2)").arg(-exitCode).arg(QLatin1String(name ? name : "?"));
    }
    return QStringLiteral("exited with code %1").arg(exitCode);
}

ProcessInfo currentProcess()
{
    Identity &state = identity();
    QMutexLocker locker(&state.mutex);
    if (!state.authkey) {
        quint32 words[8];
        QRandomGenerator::system()->generate(std::begin(words), std::end(words));
        state.authkey = QByteArray(reinterpret_cast<const char *>(words), sizeof words);
    }
    if (state.self) {
        const ProcessInfo &self = *state.self;
        return ProcessInfo(self.name(), self.pid(), self.daemon(), self.identity(), *state.authkey);
    }
    return ProcessInfo(QStringLiteral("MainProcess"), qint64(::getpid()), false, {}, *state.authkey);
}

void setCurrentProcessAuthkey(const QByteArray &authkey)
{
    Identity &state = identity();
    QMutexLocker locker(&state.mutex);
    state.authkey = authkey;
}

std::optional<ProcessInfo> parentProcess()
{
    Identity &state = identity();
    QMutexLocker locker(&state.mutex);
    return state.parent;
}

namespace detail {

void setProcessIdentity(const ProcessInfo &self, const std::optional<ProcessInfo> &parent)
{
    Identity &state = identity();
    QMutexLocker locker(&state.mutex);
    state.self = self;
    state.parent = parent;
}

int nextChildNumber()
{
    return ++identity().childCounter;
}

void resetChildNumbers()
{
    identity().childCounter = 0;
}

} // namespace detail

} // namespace qmp
