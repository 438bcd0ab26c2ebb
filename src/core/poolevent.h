#pragma once
// PoolEvent: one thing that happened in a Pool, for monitoring (the hub, the studio, qmp ps).
// Pool::events() delivers them in batches, in order, on the Pool's thread (Pool::eventsNow() the
// same from the pool's internal thread), and only while a receiver is connected: with nobody
// listening, recording costs nothing.
//
// A "task" here is what a worker runs at once: a chunk of calls of one registered task, or one
// external command (isCommand). Its taskId is unique in its pool; batchId ties it to the
// submission (AsyncResult / MapResult::batchId()) and index to its place in that submission.
//
// How a task failed (or a worker ended) is said twice: `message`, an English sentence for library
// users and logs, and `reason` + `reasonArgs`, the same as data, for UIs that word it in their
// own language (the studio, `qmp` in Chinese).

#include "qmpcore_export.h"
#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QMetaType>
#include <QString>

namespace qmp {

struct QMP_CORE_EXPORT PoolEvent
{
    enum class Kind {
        TaskQueued,    // entered the queue
        TaskStarted,   // began on worker `workerPid` (for a command: the command's own pid)
        TaskFinished,  // ended well after durationNs
        TaskFailed,    // ended badly: reason (and message) say how; exitCode for a command or a lost worker
        TaskOutput,    // a command wrote `message` on channel `channel` (1 stdout, 2 stderr)
        WorkerStarted,
        WorkerExited,  // exitCode: its code, or -signal
        Paused,
        Resumed,
        SlurmJob,      // the pool's Slurm allocation (PoolOptions::slurm) changed: slurmJobId, slurmState, message
        WorkerPlaced,  // a worker on another machine connected: workerPid (the srun here standing for it), host, slurmStep
    };
    // Why a task failed or was not run (TaskFailed), with its reasonArgs. The stored values are part
    // of the monitor protocol and of the history file: never renumber, only add.
    enum class Reason {
        None = 0,
        Error = 1,            // the task threw: [type, message, where]
        ChunkErrors = 2,      // calls of a chunk threw: [failed, calls, first type, first message]
        WorkerDied = 3,       // its worker ended while running it: [exitCode] (-N: signal N)
        CommandFailed = 4,    // a command exited non-zero or was killed: [exitCode]
        TimedOut = 5,         // killed past its timeout: [timeout ms]
        Cancelled = 6,        // cancelled by the user while it ran
        CancelledQueued = 7,  // cancelled by the user before it started
        WorkerTerminated = 8, // the user terminated its worker (or its command's process)
        PoolTerminated = 9,   // the pool was terminated (before it started, when attempt shows no start)
        BatchFailed = 10,     // not run: another task of its batch failed
        ResultCanceled = 11,  // not run: the caller canceled the result
        CannotStart = 12,     // a command could not run: [program, error]
        PoolBroken = 13,      // the pool cannot run tasks any more: [message]
        ProgramExited = 14,   // monitor side: the program went away before the task ended
        PoolGone = 15,        // monitor side: the pool was destroyed before the task ended
    };
    Kind kind = Kind::TaskQueued;
    qint64 timeNs = 0;     // CLOCK_MONOTONIC
    quint64 taskId = 0;
    quint64 batchId = 0;
    qsizetype index = 0;   // position of the task's first item in its batch
    bool isCommand = false;
    bool single = false;   // its batch is one apply / applyAsync call or one run() command, not a map
    // TaskQueued: its batch ends as a whole when one of its tasks fails or is cancelled (a map,
    // a starmap, as Python's do): the batch's tasks that have not started then never run
    // (Reason::BatchFailed). False for single calls, an imap's calls and commands, which end alone.
    bool failsTogether = false;
    QString task;          // task name, or the command line of a command
    int items = 0;         // calls in the chunk (1 for commands)
    int attempt = 1;       // 2 and up: a retry
    qint64 workerPid = 0;
    qint64 durationNs = 0;
    int exitCode = 0;
    int channel = 0;
    QString message;
    // Where it runs when not on this machine (a Slurm node): WorkerPlaced, and TaskStarted /
    // TaskFinished / TaskFailed of work that ran there. Empty: this machine (or not known yet).
    QString host;
    // Slurm: SlurmJob's allocation — its job id and its state as squeue names it (PENDING, RUNNING,
    // FAILED, CANCELLED; message: squeue's reason while PENDING, Slurm's error when FAILED) — and
    // WorkerPlaced's step ("job.step").
    qint64 slurmJobId = 0;
    QString slurmState;
    QString slurmStep;
    Reason reason = Reason::None;
    QCborArray reasonArgs;
    // TaskQueued of a registered task: the arguments of its first call (a CBOR array); of a
    // command: [program, [arguments], working directory, timeout ms, retries].
    // TaskFinished of a single call: its result. Invalid otherwise. Shared, not copied.
    QCborValue arguments;
    QCborValue result;
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::PoolEvent)
