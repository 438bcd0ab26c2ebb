#pragma once
// PoolEvent: one thing that happened in a Pool, for monitoring (the hub, the studio, qmp ps).
// Pool::events() delivers them in batches, in order, on the Pool's thread (Pool::eventsNow() the
// same from the pool's internal thread), and only while a receiver is connected: with nobody
// listening, recording costs nothing.
//
// A "task" here is what a worker runs at once: a chunk of calls of one registered task, or one
// external command (isCommand). Its taskId is unique in its pool; batchId ties it to the
// submission (AsyncResult / MapResult::batchId()) and index to its place in that submission.

#include <QList>
#include <QMetaType>
#include <QString>

namespace qmp {

struct PoolEvent
{
    enum class Kind {
        TaskQueued,    // entered the queue
        TaskStarted,   // began on worker `workerPid` (for a command: the command's own pid)
        TaskFinished,  // ended well after durationNs
        TaskFailed,    // ended badly: message says how; exitCode for a command or a lost worker
        TaskOutput,    // a command wrote `message` on channel `channel` (1 stdout, 2 stderr)
        WorkerStarted,
        WorkerExited,  // exitCode: its code, or -signal
        Paused,
        Resumed,
    };
    Kind kind = Kind::TaskQueued;
    qint64 timeNs = 0;     // CLOCK_MONOTONIC
    quint64 taskId = 0;
    quint64 batchId = 0;
    qsizetype index = 0;   // position of the task's first item in its batch
    bool isCommand = false;
    QString task;          // task name, or the command line of a command
    int items = 0;         // calls in the chunk (1 for commands)
    int attempt = 1;       // 2 and up: a retry
    qint64 workerPid = 0;
    qint64 durationNs = 0;
    int exitCode = 0;
    int channel = 0;
    QString message;
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::PoolEvent)
