#pragma once

#include "qmpcore_export.h"
// WorkerMain: the life of a worker (a one-shot Process's or a Pool's), from the run message to
// the exit code.
// Used by Runtime only; a separate class so the parent-side code never links worker details.

namespace qmp {

// The descriptors a worker is started with: its frame channel to the parent, and for a pool
// worker its lane (WorkerLane), -1 otherwise. A remote pool worker (RemoteWorker: on another
// node, connected over TCP) has no lane of its parent's and keeps one of its own.
struct QMP_CORE_AUTOTEST_EXPORT WorkerDescriptors
{
    int channel = -1;
    int lane = -1;
    bool remote = false;
};

class QMP_CORE_AUTOTEST_EXPORT WorkerMain
{
public:
    enum class Exit {
        Normal, // return the code: the caller exits through std::exit (static destructors run)
        Fast    // flush stdio and _exit(code): for forked workers, whose teardown would only
                // copy-on-write pages shared with the forkserver (Python's fork workers do so)
    };
    // Reads the run message from the channel, runs the target (or serves a pool's calls),
    // replies, and returns the exit code.
    static int run(WorkerDescriptors fds, int &argc, char **argv, Exit exit);
};

} // namespace qmp
