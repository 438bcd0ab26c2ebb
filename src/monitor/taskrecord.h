#pragma once
// TaskRecord: one finished task or command as the history keeps it — everything the studio's
// task table, `qmp` queries and a GNU parallel joblog (Seq, Host, Starttime, JobRuntime, Send,
// Receive, Exitval, Signal, Command) need — and, for a command, how to run it again exactly
// (argv / shell: stored as it ran, so a re-run parses nothing). FinishedJob makes them.

#include "qmpmonitor_export.h"
#include "command.h"

#include <QByteArray>
#include <QCborArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace qmp {

struct QMP_MONITOR_EXPORT TaskRecord
{
    enum class Kind { Task = 0, Command = 1 };
    // How it ended (the stored integer values are part of the file format: never renumber).
    enum class State { Finished = 0, Failed = 1, TimedOut = 2, Cancelled = 3, Lost = 4 };
    // stdoutTail / stderrTail keep at most this many bytes (the end of the output).
    static constexpr qsizetype kTailBytes = 4096;

    qint64 id = 0;            // given by the history when written; 0 in a record not read back
    qint64 batchId = 0;       // BatchRecord::id
    qint64 seq = 0;           // position in the batch, from 1 (joblog Seq)
    Kind kind = Kind::Task;
    QString name;             // task name, or the whole command line (joblog Command)
    State state = State::Finished;
    QString host;             // empty: this machine (joblog Host ":")
    qint64 workerPid = 0;
    int exitCode = 0;         // the exit code, or -N when killed by signal N
    qint64 startMs = 0;       // ms since the Unix epoch (joblog Starttime)
    qint64 durationNs = 0;    // of the last attempt (joblog JobRuntime)
    int attempts = 1;
    QString message;          // error text of a failed task, empty otherwise
    qint64 inputBytes = 0;    // bytes sent to its stdin (joblog Send)
    qint64 stdoutBytes = 0;   // bytes it wrote (joblog Receive)
    qint64 stderrBytes = 0;
    QByteArray stdoutTail;    // the last kTailBytes of stdout, when captured
    QByteArray stderrTail;
    // Since schema 2 (0 / empty in older records):
    qint64 queuedMs = 0;      // when it entered the queue
    qint64 endMs = 0;         // when it ended
    int reason = 0;           // PoolEvent::Reason: why it failed, as data (message says it in English)
    QCborArray reasonArgs;
    QString arguments;        // a short rendering of the (first) call's arguments, for people
    QString result;           // a short rendering of a single call's result
    // Since schema 3, commands only (empty in tasks and in older records): how it ran. shell:
    // argv is the one line /bin/sh -c ran; otherwise argv is the program and its arguments.
    QStringList argv;
    bool shell = false;

    // Keeps command as argv / shell (a /bin/sh -c LINE command as its line).
    void setCommand(const Command &command);
    // The command to run it again, exactly as it ran; nullopt when none was kept (a task call, a
    // record of an older QMP).
    std::optional<Command> command() const;

    // False for one that ended while it waited (cancelled while queued): no exit value, no run time.
    bool started() const { return startMs != 0; }
    int exitValue() const { return exitCode >= 0 ? exitCode : 0; } // joblog Exitval
    int signal() const { return exitCode < 0 ? -exitCode : 0; }    // joblog Signal
    bool operator==(const TaskRecord &) const = default;

    // "finished", "failed", "timed-out", "cancelled", "lost" (for JSON and logs; not translated).
    static QString stateName(State state)
    {
        switch (state) {
        case State::Finished: return QStringLiteral("finished");
        case State::Failed: return QStringLiteral("failed");
        case State::TimedOut: return QStringLiteral("timed-out");
        case State::Cancelled: return QStringLiteral("cancelled");
        case State::Lost: return QStringLiteral("lost");
        }
        return QString();
    }
};

} // namespace qmp
