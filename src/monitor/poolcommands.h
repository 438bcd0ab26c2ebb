#pragma once
// PoolCommands: how the hub and its controls hand external commands to a pool of this program.
// A pool runs them itself (Pool::runAll, Pool::run) — unless its workers are on a Slurm cluster
// (PoolOptions::slurm with workers): then each command is a RemoteCommand task sent to a free
// worker, which runs it on its node, as `qmp run --slurm` runs its jobs (one allocation, no step
// per command). PoolState shows such a task as its command (line, exit code, output, node).
// Stateless; call on the pool's owner thread.

#include "qmpmonitor_export.h"
#include "command.h"
#include "commandresult.h"

#include <QList>

namespace qmp {

class Pool;

struct QMP_MONITOR_EXPORT PoolCommands
{
    // Whether pool's commands run on its workers (a pool on Slurm that has workers).
    static bool runOnWorkers(const Pool &pool);
    // Submits commands as one batch (each ends alone); returns the pool's id of the submission
    // (PoolEvent::batchId). On workers, options.retries is not used (the pool's retries run a
    // command again whose worker was lost); a non-zero exit is the command's result there.
    // Throws Error when the pool takes no work.
    static quint64 submit(Pool &pool, const QList<Command> &commands, const CommandOptions &options);
    // Submits one command on its own (Pool::run; on workers, one apply): it joins the pool's batch
    // of single calls. Throws Error when the pool takes no work.
    static void runOne(Pool &pool, const Command &command, const CommandOptions &options);
};

} // namespace qmp
