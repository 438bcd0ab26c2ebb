#include "poolcommands.h"

#include "pool.h"
#include "remotecommand.h"

#include <QCborArray>

namespace qmp {

bool PoolCommands::runOnWorkers(const Pool &pool)
{
    return pool.options().slurm.has_value() && !pool.options().commandsOnly;
}

quint64 PoolCommands::submit(Pool &pool, const QList<Command> &commands, const CommandOptions &options)
{
    if (!runOnWorkers(pool))
        return pool.runAll(commands, options).batchId();
    QCborArray calls;
    for (const Command &command : commands)
        calls.append(RemoteCommand::call(command, options.timeout).args.at(0));
    return pool.imapUnordered(QLatin1String(RemoteCommand::taskName), calls, 1).batchId();
}

void PoolCommands::runOne(Pool &pool, const Command &command, const CommandOptions &options)
{
    if (runOnWorkers(pool))
        pool.applyAsync(RemoteCommand::call(command, options.timeout));
    else
        pool.run(command, options);
}

} // namespace qmp
