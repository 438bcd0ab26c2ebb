#pragma once
// SlurmWorkerLauncher: how a Pool with PoolOptions::slurm gets its workers. start() listens for
// the workers (RemoteWorkerListener) and requests one allocation (SlurmAllocation) with a CPU per
// worker; once it is granted (ready()), launch() starts each worker as a one-task step of it
// (srun, SlurmStep::wrap) running this program with `--qmp-remote-worker=host:port`, the authkey
// and the worker's token in its environment. The worker that connects back with that token is
// attached to its WorkerHandle; one that does not within SlurmWorkers::connectTimeout is given
// up. release() cancels the allocation and so every step still in it. With
// SlurmWorkers::allocation (one the caller holds) it requests none and releases none: ready()
// follows start() at once. Lives on the pool thread.

#include "qmpcore_export.h"
#include "slurmworkers.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace qmp {

class RemoteWorkerListener;
class SlurmAllocation;
class WorkerHandle;

class QMP_CORE_AUTOTEST_EXPORT SlurmWorkerLauncher : public QObject
{
    Q_OBJECT
public:
    SlurmWorkerLauncher(SlurmWorkers options, QByteArray authkey, QString poolName, QObject *parent = nullptr);
    ~SlurmWorkerLauncher() override; // releases the allocation

    // Listens and requests `workers` CPUs; ready() or failed() follows.
    void start(int workers);
    // Steps can be started: the allocation is granted (false again once Slurm ended it: its
    // salloc exited, SlurmAllocation::ended follows), or the caller's.
    bool isReady() const;
    // Starts worker (not started yet) as a step running this program; throws ProcessError.
    void launch(WorkerHandle *worker, const QCborValue &runMessage);
    // Gives the allocation back (idempotent).
    void release();
    // The allocation the workers run in (valid after start(); its signals say how it goes).
    SlurmAllocation *allocation() const { return m_allocation; }
    // "host:port" the workers connect to (valid after start()).
    QString address() const { return m_address; }

Q_SIGNALS:
    void ready();
    void failed(const QString &message);

private:
    SlurmWorkers m_options;
    QByteArray m_authkey;
    QString m_poolName;
    QString m_address;
    int m_handedOver = -1; // our duplicate of SlurmWorkers::listeningSocket, until the listener takes it
    QString m_error;       // why that duplicate could not be made
    RemoteWorkerListener *m_listener = nullptr;
    SlurmAllocation *m_allocation = nullptr; // ours; nullptr with SlurmWorkers::allocation
    QHash<QByteArray, QPointer<WorkerHandle>> m_waiting; // by token: launched, not connected yet
};

} // namespace qmp
