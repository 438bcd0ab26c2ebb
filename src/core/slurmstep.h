#pragma once
// SlurmStep: one command run as a step of a Slurm allocation, through `srun`, on whichever node
// of the allocation has a free CPU (the working directory and the program must exist there: a
// shared filesystem, as on every Slurm cluster). srun runs here as an ordinary local command, so
// the pool's timeouts, retries, output capture and cancelling all apply to it; what Slurm says
// about the step comes back as lines in srun's stderr, which interpret() reads and removes.

#include "qmpcore_export.h"
#include "command.h"
#include "commandresult.h"

#include <QStringList>

namespace qmp {

struct QMP_CORE_EXPORT SlurmStep
{
    enum class State {
        Completed,   // exit 0
        Failed,      // a non-zero exit (exitCode)
        Signalled,   // ended by a signal (exitCode -N)
        Cancelled,   // scancel, or ended by us (timeout, halt, a signal to qmp)
        TimedOut,    // the allocation's or the step's Slurm time limit
        NodeFailed,  // the node it ran on failed
        NotLaunched, // Slurm could not create the step (the allocation ended, bad arguments)
    };

    // srun of command inside allocation jobId, one task on one CPU of its own; extraArguments go
    // to srun before the command (e.g. --mem-per-cpu=2G where memory is a consumable resource).
    static Command wrap(const Command &command, qint64 jobId, const QStringList &extraArguments = {});
    // What `qmp run --slurm` and a Pool with PoolOptions::slurm do to each command they run in
    // allocation jobId: command becomes its srun step (wrap()), and options get killGrace (srun
    // cancels its step on SIGTERM) and interpret() (before retries: Slurm's verdict counts).
    static void runInAllocation(Command &command, CommandOptions &options, qint64 jobId,
                                const QStringList &extraArguments = {});

    // Reads what srun and slurmstepd wrote about the step into result's stderr: removes those lines,
    // sets exitCode (-N for a task killed by signal N; 255 when Slurm ended the step and srun still
    // exited 0, as it does on a node failure), and for anything but a plain exit says in
    // error what Slurm reported (e.g. "Slurm: TIMEOUT: the time limit was reached (step 12.3 on
    // node7)"), and in host the node srun --verbose says it ran on. Returns the step's state.
    // Give it to the pool as CommandOptions::interpret so retries and events see its verdict.
    static State interpret(CommandResult &result);

    // The node a verdict of interpret() names ("... (step 12.3 on node7)", "the node node7
    // failed"), or empty.
    static QString nodeOf(const QString &verdict);

    // Slurm's name for a state, as squeue and sacct print it (COMPLETED, TIMEOUT, NODE_FAIL, ...).
    static QString stateName(State state);

    // How long srun gets after SIGTERM to cancel its step before it is killed (which would leave
    // the step running): Slurm's default KillWait (30 s) plus a margin.
    static constexpr std::chrono::milliseconds killGrace{35000};
};

} // namespace qmp
