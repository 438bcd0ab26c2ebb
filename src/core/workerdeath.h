#pragma once
// WorkerDeath: what becomes of the call a pool worker was running when it ended — the error the
// call fails with and the TaskFailed event that reports it — decided from the facts alone (who
// killed the worker and why, how it exited, how far into a chunk it was). PoolEngine asks it for
// every worker that dies with a call begun. Internal.

#include "qmpcore_export.h"
#include "poolevent.h"

#include <QCborArray>
#include <QString>

#include <exception>

namespace qmp {

struct QMP_CORE_AUTOTEST_EXPORT WorkerDeath
{
    enum class Cause {
        Cancelled,      // cancelTask() killed the worker to end this call: CancelledError
        PoolTerminated, // terminate() while it ran: ProcessError
        TimedOut,       // it ran past the pool's task timeout, so the engine killed it: TimeoutError
        Terminated,     // the engine killed the worker for another reason (terminateWorker): WorkerLostError
        Died,           // it exited or was killed from outside: WorkerLostError naming how
    };

    // What is known when the worker has gone.
    struct Facts
    {
        qint64 workerPid = 0;
        int exitCode = 0;      // negative: the signal that ended it
        QString task;
        quint64 taskId = 0;    // the job's id (PoolEvent::taskId)
        qsizetype firstIndex = 0; // its first item's position in the batch
        qsizetype calls = 1;      // how many calls the job has (a chunk: more than 1)
        quint64 began = 1;        // calls of the job the worker had begun (the last may have run in part)
        bool cancelled = false;   // cancelTask() killed the worker for this job
        bool poolTerminated = false;
        bool timedOut = false;    // the engine killed the worker because this job ran past its timeout
        qint64 timeoutMs = 0;     // the pool's task timeout
        QString killedBecause;    // set when the engine killed the worker: why (e.g. "was terminated by the user")
    };

    Cause cause = Cause::Died;
    std::exception_ptr error;            // what the call (every call of the chunk) fails with
    PoolEvent::Reason reason = PoolEvent::Reason::WorkerDied;
    QCborArray reasonArgs;               // the reason's values (PoolEvent::reasonArgs)
    QString eventMessage;                // the TaskFailed event's message

    // The first that applies, in this order: cancelled, pool terminated, timed out, killed by the
    // engine, died.
    static WorkerDeath classify(const Facts &facts);
};

} // namespace qmp
