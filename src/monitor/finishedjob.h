#pragma once
// FinishedJob: what came of one job that ended — an external command or a call of a registered
// task — whoever ran it, and the one mapping of it to the history's TaskRecord (toRecord()).
// The studio's HistoryRecorder fills one from the hub's TaskState, `qmp run` from the
// CommandResult its pool returned (fromResult()), so both record a job the same way: its end
// (a timed-out job as timed out), exit code and signal, stdout and stderr apart with their full
// sizes, times, why it failed (message and reason) and, for a command, how to run it again.
// Plain value, any thread.

#include "qmpmonitor_export.h"
#include "command.h"
#include "poolevent.h"
#include "taskrecord.h"

#include <QByteArray>
#include <QCborArray>
#include <QString>

#include <chrono>
#include <optional>

namespace qmp {

struct CommandResult;

struct QMP_MONITOR_EXPORT FinishedJob
{
    enum class End { Finished, Failed, TimedOut, Cancelled, Lost };

    qint64 batchId = 0;
    qint64 seq = 0;                   // from 1
    std::optional<Command> command;   // a command, as it ran (no program: not known); nullopt: a task call
    QString name;                     // a task call's task; a command's line (empty: CommandTemplate::lineOf)
    End end = End::Finished;
    int exitCode = 0;                 // -N when killed by signal N
    QString host;                     // where it ran (a Slurm node); empty: this machine
    qint64 pid = 0;                   // the worker, or the command's own process
    int attempts = 1;
    qint64 queuedMs = 0;              // ms since the Unix epoch; startMs 0: it never started
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 durationNs = 0;            // of the last attempt
    QString message;                  // why it failed, in English; empty: said from reason
    PoolEvent::Reason reason = PoolEvent::Reason::None;
    QCborArray reasonArgs;
    QByteArray standardOutput;        // what was kept of each stream: at least its end
    QByteArray standardError;
    qint64 stdoutBytes = -1;          // each stream's size in all; -1: the size of what was kept
    qint64 stderrBytes = -1;

    // A command's result as its pool returned it (timeout: the one it ran with).
    static FinishedJob fromResult(const CommandResult &result, std::chrono::milliseconds timeout);
    TaskRecord toRecord() const;
};

} // namespace qmp
