#pragma once
// SlurmWorkers: a Pool whose workers run as Slurm tasks on a cluster's nodes (PoolOptions::slurm),
// the way dask-jobqueue's SLURMCluster starts Dask workers. The pool obtains one allocation of
// as many CPUs as it has workers (salloc, SlurmAllocation), starts each worker as a one-task step of it
// (srun) running this same program, and the worker connects back to the pool over TCP,
// authenticated with the pool's authkey (the HMAC challenge of Python's multiprocessing, as the
// manager's TCP transport does). Assumptions: a shared filesystem (the program and the working
// directory have the same paths on the nodes) and nodes that reach this host on `port`.

#include "qmpcore_export.h"

#include <QString>
#include <QStringList>

#include <chrono>

namespace qmp {

struct QMP_CORE_EXPORT SlurmWorkers
{
    QString partition;         // empty: the cluster's default
    QString timeLimit;         // Slurm's --time format ("30", "2:00:00"); empty: the default
    QString jobName = QStringLiteral("qmp-pool");
    QStringList sallocArguments; // more salloc options (e.g. --account=...), as given
    QStringList srunArguments;   // more srun options per worker step (e.g. --mem-per-cpu=2G)
    // The host name or address the nodes connect to; empty: this machine's host name (the pool
    // then listens on every interface). 127.0.0.1 for a cluster on this machine.
    QString address;
    // The TCP port the pool listens on; 0: any free one (open a fixed one in a firewall).
    quint16 port = 0;
    // A TCP socket listening already (one the caller bound to check address and port before it
    // asked Slurm for anything): the pool listens on a duplicate of it, taken when the Pool is
    // constructed, instead of binding port itself — the port is never free in between. The
    // caller keeps its own descriptor (and may close it once the Pool exists). address still
    // names where the workers connect. -1: the pool binds port.
    int listeningSocket = -1;
    // A worker that has not connected back this long after its step was started is given up
    // (killed; the pool reports it and starts another).
    std::chrono::milliseconds connectTimeout{60000};
    // The id of an allocation the caller holds already (salloc --no-shell): the workers are
    // steps of it, and the pool neither requests nor gives back one of its own (partition,
    // timeLimit, jobName and sallocArguments are then unused). 0: the pool requests one.
    qint64 allocation = 0;
};

} // namespace qmp
