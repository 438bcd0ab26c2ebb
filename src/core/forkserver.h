#pragma once
// ForkServer: the forkserver start method (see startmethod.h).
//
// Parent side: Runtime's constructor forks the server from this program while it is still
// single-threaded (startEarly(): the libraries are loaded already, which is most of what an exec
// of a Qt program costs). Otherwise, or when that server is gone, instance() starts one on
// first use as this binary executed anew with --qmp-forkserver=FD,PID. fork() hands the server
// the descriptors of one new worker. Thread-safe.
// The server is a child of this process; it exits when this process closes its end (at
// shutdown() or when this process dies, however it dies) and takes its workers with it. Its last
// work (setForkServerLastWork) waits until this process has ended, unless shutdown() said "bye"
// first: the kernel closes a dying process's descriptors before the process has ended.
//
// Server side: serve() runs the server loop; it returns only inside a freshly forked worker,
// with the worker's channel descriptor, for Runtime to run the worker.
//
// Protocol: each request is one SOCK_SEQPACKET message carrying, as SCM_RIGHTS, the worker's
// channel, a status socket, stdin, stdout and stderr (and its lane, for a pool worker), plus the
// working directory and the environment of this moment as text (in a memfd passed last when they
// are too long for one message). On the status socket the server writes {pid} after the fork
// and {exit} when the worker has ended (exit code, or -signal), then closes it. The worker keeps
// only the channel, its lane and stdio: the server starts with no descriptor of its parent's but
// its control socket, and closes everything else in each worker it forks. A message with no
// descriptors that reads "bye" comes last from a program that is shutting its server down.

#include "qmpcore_export.h"
#include "workermain.h"

#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT ForkServer
{
public:
    struct Descriptors
    {
        int channel = -1; // the worker's end of its frame channel
        int status = -1;  // the server's end of the status socket
        int input = -1;
        int output = -1;
        int error = -1;
        int lane = -1; // a pool worker's lane (WorkerLane), or -1
    };

    // Runtime's constructor, first thing in main(): forks the server from this process if it
    // has one thread only (else it returns and instance() execs one on first use). Returns
    // nullopt in this process, and in each worker the server forks what serve() returns.
    static std::optional<WorkerDescriptors> startEarly();
    // The running server of this process, started if needed. Throws ProcessError.
    static ForkServer &instance();
    // Stops the server if it runs (Runtime does this at exit); it kills what it still runs.
    static void shutdown();

    // Asks for a worker, which starts in workingDirectory (empty: the server's) with the
    // environment of this moment. The descriptors stay owned by the caller (they are copied).
    // Throws ProcessError when the server is gone.
    void fork(const Descriptors &fds, const QString &workingDirectory);

    qint64 pid() const { return m_pid; }
    // The pid of this process's server, or 0 when none runs. Does not start one.
    static qint64 runningPid();

    // Server side: never returns in the server; returns, in each new worker, the descriptors it
    // was given (every other descriptor is closed). programPid: the program it serves, its parent.
    static WorkerDescriptors serve(int controlFd, qint64 programPid);

private:
    ForkServer() = default;
    void launch();
    void stop();

    QMutex m_mutex;
    int m_control = -1;
    qint64 m_pid = 0;
};

// Server side: what the server does last, once the program it served has gone (however it went:
// a signal runs none of its destructors) and every worker has been reaped. It is given the pids
// of the program and of every worker the server forked. libqmp's IPC layer sets it when it is
// loaded, to reclaim the IPC objects those processes created that nobody is attached to any more:
// the program's own, when a signal ended it. Set at load time, before a server starts.
QMP_CORE_EXPORT void setForkServerLastWork(void (*work)(const QSet<qint64> &creators));

} // namespace qmp
