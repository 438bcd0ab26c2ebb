#pragma once
// ForkedChild: the parent's handle on one worker forked by the ForkServer — what QProcess is
// for an exec'd child: pid, signals, captured output, exit code. Lives in its creator's thread.
//
// finished() fires exactly once, after the exit code is known and captured output is drained.

#include "qmpcore_export.h"
#include "process.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>

#include <optional>

class QSocketNotifier;

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT ForkedChild : public QObject
{
    Q_OBJECT
public:
    // Forks a worker whose channel end is channelFd, with laneFd (a pool worker's lane, or -1)
    // (both copied, not taken). Blocks until the worker has a pid. Throws ProcessError when the
    // forkserver cannot fork.
    ForkedChild(int channelFd, int laneFd, Process::OutputMode mode, const QString &workingDirectory, QObject *parent);
    ~ForkedChild() override;

    qint64 pid() const { return m_pid; }
    bool isRunning() const { return !m_exitCode.has_value(); }
    std::optional<int> exitCode() const { return m_exitCode; }
    // Sends sig to the worker while it runs; a no-op once it has exited.
    void sendSignal(int sig);
    // Handles what has arrived (exit, output) without blocking.
    void poll();
    // Blocks without an event loop until the worker exits or the deadline passes.
    bool waitForFinished(QDeadlineTimer deadline);

    QByteArray readAllStandardOutput();
    QByteArray readAllStandardError();

Q_SIGNALS:
    void finished(int exitCode);
    void readyReadStandardOutput();
    void readyReadStandardError();

private:
    struct Pipe
    {
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
        QByteArray buffer;
    };
    void readStatus();
    // Reads what the pipe holds (all of it, or a bounded slice) and says so.
    void readPipe(Pipe &pipe, bool isError, bool all);
    void closePipe(Pipe &pipe);
    void watch(Pipe &pipe, bool isError);

    qint64 m_pid = 0;
    int m_status = -1;
    QSocketNotifier *m_statusNotifier = nullptr;
    Pipe m_out;
    Pipe m_err;
    std::optional<int> m_exitCode;
};

} // namespace qmp
