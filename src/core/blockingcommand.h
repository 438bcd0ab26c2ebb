#pragma once
// BlockingCommand: runs one external command on this machine to its end, in the calling thread,
// without an event loop — for a pool worker that runs a command as its task (RemoteCommand), on
// a Slurm node say. As the pool's own CommandRunner does: the command leads its own process
// group (a timeout kills the whole tree with SIGKILL), dies with its parent (PR_SET_PDEATHSIG),
// reads /dev/null, and its stdout and stderr are captured apart. Program, arguments, working
// directory and environment may hold bytes (SurrogateEscape text); they reach the program as
// those bytes. A program that cannot be found is a result that did not start (exit 127).
// Stateless; thread-safe.

#include "qmpcore_export.h"
#include "commandresult.h"

#include <chrono>

namespace qmp {

struct QMP_CORE_AUTOTEST_EXPORT BlockingCommand
{
    // Runs command; past timeout (0: none) kills its process group and sets timedOut. The
    // result's host is left empty (the caller knows where it runs).
    static CommandResult run(const Command &command, std::chrono::milliseconds timeout);
};

} // namespace qmp
