#pragma once
// TaskState: what the hub knows of one task of a pool — a chunk of calls of a registered task,
// or one external command — from queued to its end. Plain data; the hub's PoolState owns them.

#include "stuckreason.h"

#include <QString>
#include <QtGlobal>

namespace qmp {

struct TaskState
{
    enum class State { Queued, Running, Finished, Failed };

    quint64 id = 0;       // PoolEvent::taskId
    quint64 batchId = 0;
    qsizetype index = 0;  // first item's position in its batch
    bool isCommand = false;
    QString name;         // task name, or the command line
    int items = 1;
    State state = State::Queued;
    qint64 workerPid = 0; // the worker running it (a command: its own pid)
    int attempt = 1;
    qint64 queuedMs = 0;  // ms since the Unix epoch
    qint64 startedMs = 0;
    qint64 endedMs = 0;
    qint64 durationNs = 0;
    int exitCode = 0;
    QString message;      // why it failed
    QString output;       // a command's captured output, the last outputLimit characters
    StuckReason stuck;      // Kind::None unless the hub flagged it

    bool isDone() const { return state == State::Finished || state == State::Failed; }
    static constexpr qsizetype outputLimit = 64 * 1024;
};

} // namespace qmp
