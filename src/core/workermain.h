#pragma once
// WorkerMain: the life of a one-shot Process worker, from the run message to the exit code.
// Used by Runtime only; a separate class so the parent-side code never links worker details.

namespace qmp {

class WorkerMain
{
public:
    enum class Exit {
        Normal, // return the code: the caller exits through std::exit (static destructors run)
        Fast    // flush stdio and _exit(code): for forked workers, whose teardown would only
                // copy-on-write pages shared with the forkserver (Python's fork workers do so)
    };
    // Reads the run message from fd, runs the target, replies, and returns the exit code.
    static int run(int fd, int &argc, char **argv, Exit exit);
};

} // namespace qmp
