#pragma once
// CommandOptions and CommandResult: how a Pool runs one external command, and what came of it.

#include "qmpcore_export.h"
#include "cborconvert.h"
#include "command.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>

#include <chrono>
#include <functional>

namespace qmp {

struct CommandResult;

struct QMP_CORE_EXPORT CommandOptions
{
    // Past this, the command's whole process group is killed (timedOut); 0: no limit.
    std::chrono::milliseconds timeout{0};
    // A command that fails (non-zero exit, signal, timeout, cannot start) runs again, up to this
    // many more times (GNU parallel's --retries counts the same way).
    int retries = 0;
    // Keep stdout / stderr in the result; otherwise they are the parent's.
    bool captureOutput = true;
    // How a timeout, a cancel or a terminate ends it: 0 kills the process group at once
    // (SIGKILL); more sends SIGTERM first and SIGKILL after this long, for programs that must
    // clean up what they started elsewhere (srun cancels its Slurm step on SIGTERM, and leaves
    // the step running when it is killed).
    std::chrono::milliseconds killGrace{0};
    // Reads each attempt's result before the pool judges it (retries, events, delivery), on the
    // pool thread: for a wrapper that reports in its own way, such as srun (SlurmStep::interpret
    // turns a step Slurm ended into a failure and names the node in host). Empty: none.
    std::function<void(CommandResult &)> interpret;
    // With captureOutput: append stdout / stderr to these files as the command writes them
    // (nothing of that stream is kept in the result). Empty: capture it. A file that cannot be
    // opened fails the command (it does not start).
    QString standardOutputFile{};
    QString standardErrorFile{};
    // With captureOutput: each file is made (mode 0600, appending) when the first bytes of its
    // stream come, through a pipe to the pool's thread, instead of being opened before the start:
    // a stream the command never writes makes no file, and starting it does no file-system work.
    // A file whose folder cannot be written fails the command as not started, saying which file
    // and why. A file that cannot be made or written later (a full disk) does not stop the
    // command: the rest of that stream (its last MiB) is in the result, and error says which file
    // and why (the command may still be ok()).
    bool outputFilesOnDemand = false;
};

// A non-zero exit is a result, not an error: ok() says whether the command succeeded.
struct QMP_CORE_EXPORT CommandResult
{
    QString program;
    QStringList arguments;
    bool started = false;     // false: it could not run at all (error says why)
    QString error;
    qint64 pid = 0;
    QString host;             // where it ran when not on this machine (a Slurm node); else empty
    int exitCode = 0;         // -N when killed by signal N
    bool timedOut = false;
    int attempts = 0;         // 1 when it succeeded (or gave up) the first time
    qint64 startTimeMs = 0;   // ms since the epoch, when the last attempt started
    qint64 durationNs = 0;    // of the last attempt
    QByteArray standardOutput;
    QByteArray standardError;

    bool ok() const { return started && exitCode == 0 && !timedOut; }
};

template <>
struct CborConvert<CommandResult>
{
    static QCborValue toCbor(const CommandResult &r)
    {
        return QCborMap{{QStringLiteral("program"), r.program},
                        {QStringLiteral("arguments"), QCborArray::fromStringList(r.arguments)},
                        {QStringLiteral("started"), r.started},
                        {QStringLiteral("error"), r.error},
                        {QStringLiteral("pid"), r.pid},
                        {QStringLiteral("host"), r.host},
                        {QStringLiteral("exitCode"), r.exitCode},
                        {QStringLiteral("timedOut"), r.timedOut},
                        {QStringLiteral("attempts"), r.attempts},
                        {QStringLiteral("startTimeMs"), r.startTimeMs},
                        {QStringLiteral("durationNs"), r.durationNs},
                        {QStringLiteral("stdout"), r.standardOutput},
                        {QStringLiteral("stderr"), r.standardError}};
    }
    static CommandResult fromCbor(const QCborValue &v)
    {
        CommandResult r;
        r.program = v[QStringLiteral("program")].toString();
        r.arguments = CborConvert<QStringList>::fromCbor(v[QStringLiteral("arguments")]);
        r.started = v[QStringLiteral("started")].toBool();
        r.error = v[QStringLiteral("error")].toString();
        r.pid = cborInteger(v[QStringLiteral("pid")]);
        r.host = v[QStringLiteral("host")].toString();
        r.exitCode = int(cborInteger(v[QStringLiteral("exitCode")]));
        r.timedOut = v[QStringLiteral("timedOut")].toBool();
        r.attempts = int(cborInteger(v[QStringLiteral("attempts")]));
        r.startTimeMs = cborInteger(v[QStringLiteral("startTimeMs")]);
        r.durationNs = cborInteger(v[QStringLiteral("durationNs")]);
        r.standardOutput = v[QStringLiteral("stdout")].toByteArray();
        r.standardError = v[QStringLiteral("stderr")].toByteArray();
        return r;
    }
};

} // namespace qmp
