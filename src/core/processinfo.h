#pragma once
// ProcessInfo: who a process is in QMP's tree — Python's current_process() / parent_process().
// A value type; isAlive() and join() ask the kernel each time they are called.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_EXPORT ProcessInfo
{
public:
    ProcessInfo() = default;
    ProcessInfo(QString name, qint64 pid, bool daemon, QList<int> identity, QByteArray authkey = {});

    // "MainProcess" in the main process, "Process-N" (nested "Process-N:M") in a child.
    QString name() const { return m_name; }
    qint64 pid() const { return m_pid; }
    bool daemon() const { return m_daemon; }
    // The child numbers from the main process down to this one; empty in the main process.
    QList<int> identity() const { return m_identity; }
    // Python's authkey: the secret that authenticates connections (managers, Listener/Client)
    // by default. The main process makes 32 random bytes; a child inherits its parent's (as the
    // parent's Process object had it at start()). Empty for a ProcessInfo made by hand.
    QByteArray authkey() const { return m_authkey; }

    // True while the process exists and has not exited (a zombie counts as exited).
    bool isAlive() const;
    // Waits until the process has exited or the deadline passes; true when it has exited.
    // Works on any process (pidfd), not only on children: a child can wait for its parent.
    bool join(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever)) const;
    bool join(int msecs) const { return join(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs)); }

private:
    QString m_name;
    qint64 m_pid = 0;
    bool m_daemon = false;
    QList<int> m_identity;
    QByteArray m_authkey;
};

// This process. Thread-safe.
QMP_CORE_EXPORT ProcessInfo currentProcess();
// Python's `current_process().authkey = key`: what this process, and children created from now
// on, use. Thread-safe.
QMP_CORE_EXPORT void setCurrentProcessAuthkey(const QByteArray &authkey);
// The QMP process that started this one; nullopt in the main process.
QMP_CORE_EXPORT std::optional<ProcessInfo> parentProcess();

// How a process ended, for messages: "exited with code 3", "was killed by signal 9 (SIGKILL)".
// exitCode as Process::exitCode() gives it (-N for signal N).
QMP_CORE_EXPORT QString describeExit(int exitCode);

namespace detail {
// Set once by the worker before it runs its target.
QMP_CORE_EXPORT void setProcessIdentity(const ProcessInfo &self, const std::optional<ProcessInfo> &parent);
// The next child number of this process (1, 2, 3, ...). Thread-safe.
QMP_CORE_EXPORT int nextChildNumber();
// Starts child numbering again at 1 (a worker, after re-creating its own Process object).
QMP_CORE_EXPORT void resetChildNumbers();
} // namespace detail

} // namespace qmp
