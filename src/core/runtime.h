#pragma once
// qmp::Runtime — construct it first thing in main(), before QCoreApplication:
//
//     int main(int argc, char *argv[])
//     {
//         qmp::Runtime runtime(argc, argv); // in a worker, runs the task and exits here
//         QCoreApplication app(argc, argv);
//         ...
//     }
//
// When the program was started as a QMP worker (Python's *spawn* start method: the same binary
// re-executed with --qmp-worker=FD), the constructor runs the worker and ends the process; it
// never returns. Otherwise it records the host executable, so that Process and Pool can
// re-execute it, forks the forkserver while this program has one thread (unless told
// ForkServerStart::OnFirstUse), and returns. Anything main() does before the Runtime also runs
// in every worker, so keep it first, before any thread starts. Started as
// `--qmp-salloc-guard ...` (by SlurmAllocation), the program is a SallocGuard and the
// constructor ends the process likewise.
//
// At destruction (the end of main), live children started from this thread are handled like
// Python does at exit: daemon children are terminated, the others are joined.

#include "qmpcore_export.h"
#include <QString>

namespace qmp {

class QMP_CORE_EXPORT Runtime
{
public:
    // When the forkserver (StartMethod::ForkServer) starts.
    enum class ForkServerStart {
        // Forked by the constructor while this program has one thread: nothing is loaded again,
        // so the first workers start about as fast as the later ones. Costs every run a fork,
        // and the copy-on-write faults it brings, whether it starts a process or not.
        AtStartUp,
        // This binary executed anew when a process first needs it (and AtStartUp's fallback
        // when a thread already runs): for programs that seldom start processes.
        OnFirstUse,
    };

    explicit Runtime(int &argc, char **argv, ForkServerStart forkServer = ForkServerStart::AtStartUp);
    ~Runtime();
    Runtime(const Runtime &) = delete;
    Runtime &operator=(const Runtime &) = delete;

    // The Runtime of this process, or nullptr before it is constructed.
    static Runtime *instance();
    // True inside a worker (while its task runs).
    static bool isWorker();

    // The binary that workers re-execute: this program's own, resolved at construction.
    QString hostExecutable() const { return m_hostExecutable; }

private:
    QString m_hostExecutable;
};

// Ends the calling process with code: inside a worker it unwinds the running task first (the
// parent sees exitCode() == code, like Python's sys.exit(n)); elsewhere it calls std::exit.
[[noreturn]] QMP_CORE_EXPORT void exit(int code);

// Python's cpu_count(): the CPUs online. processCpuCount(): the ones this process may use
// (affinity mask), which is what Pool uses by default.
QMP_CORE_EXPORT int cpuCount();
QMP_CORE_EXPORT int processCpuCount();

} // namespace qmp
