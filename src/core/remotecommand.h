#pragma once
// RemoteCommand: an external command run by a pool worker as a task — a built-in task of every
// program with a qmp::Runtime — so that a pool whose workers run elsewhere (on a Slurm cluster's
// nodes, PoolOptions::slurm) runs the command where its worker is, with no new process or
// Slurm step per command: `qmp run --slurm` hands its jobs to such persistent workers.
// The worker runs it with BlockingCommand (its own process group, timeout, output captured) and
// answers with the CommandResult, host set to the node (SLURMD_NODENAME, else its host name).
// Arguments travel as bytes, so SurrogateEscape text (file names that are not UTF-8) survives.
// Stateless; the task is registered at static-initialisation time.

#include "qmpcore_export.h"
#include "commandresult.h"
#include "taskcall.h"

#include <chrono>
#include <optional>

namespace qmp {

struct QMP_CORE_EXPORT RemoteCommand
{
    static constexpr char taskName[] = "qmp.command";
    // A command killed by SIGKILL or SIGTERM (not by its timeout) is answered this much later:
    // if its worker's step is being ended, the worker is gone first and the job fails with Slurm's
    // verdict (its own processes and the worker die in the same moment, in no set order).
    static constexpr std::chrono::milliseconds killedAnswerDelay{500};

    // What a call carries: the command and its timeout (0: none).
    struct Call
    {
        Command command;
        std::chrono::milliseconds timeout{0};
    };

    // The call that runs command on a worker, killed (timedOut) past timeout (0: none).
    static TaskCall call(const Command &command, std::chrono::milliseconds timeout);
    // The command and timeout of a call's arguments (TaskCall::arguments of call(), as a task
    // event carries them); nullopt for anything else.
    static std::optional<Call> decode(const QCborValue &arguments);
    // What the worker answered (the task's value) for command, whose program and arguments the
    // result names as given (the answer does not carry them back).
    static CommandResult result(const QCborValue &value, const Command &command);
    // The task itself: runs the call's command here and returns its CommandResult (for tests;
    // workers reach it by name). Throws TypeError for arguments that are no such call.
    static QCborValue runHere(const QCborArray &arguments);
};

} // namespace qmp
