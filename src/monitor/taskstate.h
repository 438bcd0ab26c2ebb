#pragma once
// TaskState: what the hub knows of one task of a pool — a chunk of calls of a registered task,
// or one external command — from queued to its end. Plain data; the hub's PoolState owns them.

#include "qmpmonitor_export.h"
#include "poolevent.h"
#include "stuckreason.h"

#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT TaskState
{
    // How far it got. Finished and on are ends; Failed, TimedOut and Lost count as failures,
    // Cancelled (the user's or the program's decision: cancel, terminate, quit) does not.
    enum class State { Queued, Running, Finished, Failed, Cancelled, TimedOut, Lost };

    // A piece of a command's output on one channel (1 stdout, 2 stderr), in the order written.
    struct Output
    {
        int channel = 1;
        QString text;
    };

    quint64 id = 0;       // PoolEvent::taskId
    quint64 batchId = 0;  // the batch it belongs to in the hub (BatchState::id; the history's id)
    quint64 engineBatchId = 0; // PoolEvent::batchId: the submission in its program
    qsizetype index = 0;  // first item's position in its batch
    bool isCommand = false;
    bool single = false;  // PoolEvent::single: one apply / run() call
    bool failsTogether = false; // PoolEvent::failsTogether: a map's task (its batch ends with its end)
    QString name;         // task name, or the command line
    int items = 1;
    State state = State::Queued;
    qint64 workerPid = 0; // the worker running it (a command: its own pid)
    QString host;         // the node it ran on when not on this machine (Slurm); empty: here
    int attempt = 1;
    qint64 queuedMs = 0;  // ms since the Unix epoch
    qint64 startedMs = 0;
    qint64 endedMs = 0;
    qint64 durationNs = 0;
    int exitCode = 0;
    QString message;      // why it failed, in English (the engine's words)
    PoolEvent::Reason reason = PoolEvent::Reason::None; // the same, as data for translated text
    QCborArray reasonArgs;
    QCborValue arguments; // the (first) call's arguments, when the program sent them
    QCborValue result;    // a single call's result
    QList<Output> output; // a command's captured output, the last outputLimit characters
    qint64 outputWritten = 0; // characters ever appended: output holds the last outputSize() of them
    // Each stream on its own, for the history (FinishedJob): its end (the last tailBytes bytes,
    // UTF-8) and how many bytes it had in all — of the current attempt (a retry starts again).
    QByteArray stdoutTail;
    QByteArray stderrTail;
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    StuckReason stuck;      // Kind::None unless the hub flagged it

    bool isDone() const { return state >= State::Finished; }
    bool isFailure() const { return state == State::Failed || state == State::TimedOut || state == State::Lost; }
    // Output of one channel (0: both, in order), joined.
    QString outputText(int channel = 0) const;
    qsizetype outputSize() const;
    // Appends text on channel, keeping the last outputLimit characters.
    void appendOutput(int channel, const QString &text);
    static constexpr qsizetype outputLimit = 64 * 1024;
    static constexpr qsizetype tailBytes = 4096; // = TaskRecord::kTailBytes
    // Forgets the streams' tails and sizes (a retry's attempt starts); output stays for people.
    void restartStreams();
    // What ended with `reason` is: Cancelled, TimedOut or Failed (Lost for the monitor's own).
    static State endStateOf(PoolEvent::Reason reason);
};

} // namespace qmp
