#pragma once
// RemoteCommandJob: the pool's side of RemoteCommand. A Pool whose workers run elsewhere (on a
// Slurm cluster's nodes, PoolOptions::slurm without commandsOnly) runs its external commands
// (Pool::run / runAll) on those workers: each attempt of a command becomes one qmp.command task,
// and its answer becomes the command's CommandResult in the submission, as CommandRunner
// delivers a command run here. Internal to PoolEngine; everything runs on the pool thread.
//
// What a result holds there: the command as given, its output, exit code or signal and timedOut
// (the worker enforces CommandOptions::timeout on its node), attempts, host (the node).
// CommandOptions::interpret reads each attempt's result and retries run a failed command again
// (on any worker); with captureOutput false the output is written to this process's stdout /
// stderr, and the output files (standardOutputFile / standardErrorFile) get it appended, once
// the command has ended. killGrace is not used: a timeout kills the command's process group at
// once. When the task itself fails, the result says why with started false: "cancelled by the
// user" (Pool::cancelTask / cancelCommands, never retried), its worker was lost (a node failure,
// a step cancelled) or ran past PoolOptions::taskTimeout (timedOut). Only the pool's end
// (terminate(), workers that cannot start) fails the submission, as for commands run here.

#include "qmpcore_export.h"
#include "commandrunner.h"

#include <functional>

namespace qmp {

namespace detail {
struct PoolJob;
}

struct QMP_CORE_AUTOTEST_EXPORT RemoteCommandJob
{
    // Queues job's next attempt (a failed one that may run again) as a task again.
    using Again = std::function<void(CommandJob job)>;

    // The task that runs job's command once on a worker (this attempt counted in job.attempts):
    // a qmp.command call in a batch of its own that carries the submission's id (PoolEvent::
    // batchId, so events and Pool::cancelCommands find it) and hands the outcome to job's
    // submission at job.index, or to again while job.options.retries allow another attempt.
    // The task has job.id, so every attempt is one task to monitors (PoolEvent::attempt counts
    // them); its PoolJob::attempts are the attempts before this one.
    static detail::PoolJob task(CommandJob job, Again again);
    // Whether task (a PoolJob) runs a command of submission batchId.
    static bool isOfSubmission(const detail::PoolJob &task, quint64 batchId);
};

} // namespace qmp
