#pragma once
// PoolEvent: one thing that happened in a Pool, for monitoring (the hub, the studio, qmp ps).
// Pool::events() delivers them in batches, in order, on the Pool's thread, and only while a
// receiver is connected: with nobody listening, recording costs nothing.

#include <QList>
#include <QMetaType>
#include <QString>

namespace qmp {

struct PoolEvent
{
    enum class Kind {
        TaskQueued,    // a chunk of `items` calls of `task` entered the queue
        TaskStarted,   // it became the running chunk of worker `workerPid`
        TaskFinished,  // it ended well after durationNs
        TaskFailed,    // it ended badly: message says how
        WorkerStarted,
        WorkerExited,  // exitCode: its code, or -signal
        Paused,
        Resumed,
    };
    Kind kind = Kind::TaskQueued;
    qint64 timeNs = 0;   // CLOCK_MONOTONIC
    quint64 taskId = 0;  // chunk id, unique in its pool
    QString task;        // task name, or the program of a command
    int items = 0;       // calls in the chunk (1 for commands)
    qint64 workerPid = 0;
    qint64 durationNs = 0;
    int exitCode = 0;
    QString message;
};

} // namespace qmp

Q_DECLARE_METATYPE(qmp::PoolEvent)
