#pragma once
// WorkerMain: the life of a one-shot Process worker, from the run message to the exit code.
// Used by Runtime only; a separate class so the parent-side code never links worker details.

namespace qmp {

class WorkerMain
{
public:
    // Reads the run message from fd, runs the target, replies, and returns the exit code.
    static int run(int fd, int &argc, char **argv);
};

} // namespace qmp
