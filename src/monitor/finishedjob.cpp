#include "finishedjob.h"

#include "commandresult.h"
#include "commandtemplate.h"
#include "processinfo.h"

#include <QDateTime>

namespace qmp {

FinishedJob FinishedJob::fromResult(const CommandResult &result, std::chrono::milliseconds timeout)
{
    FinishedJob job;
    Command command;
    command.program = result.program;
    command.arguments = result.arguments;
    job.command = command;
    job.end = result.ok() ? End::Finished : result.timedOut ? End::TimedOut : End::Failed;
    job.exitCode = result.started ? result.exitCode : 127;
    job.pid = result.pid;
    job.host = result.host;
    job.attempts = std::max(result.attempts, 1);
    job.startMs = result.startTimeMs;
    job.durationNs = result.durationNs;
    job.endMs = result.startTimeMs ? result.startTimeMs + result.durationNs / 1'000'000 : QDateTime::currentMSecsSinceEpoch();
    job.message = result.error;
    // The reason the engine gives the same end (CommandRunner): data for translated text.
    if (!result.started) {
        job.reason = PoolEvent::Reason::CannotStart;
        job.reasonArgs = {result.program, result.error};
    } else if (result.timedOut) {
        job.reason = PoolEvent::Reason::TimedOut;
        job.reasonArgs = {qint64(timeout.count())};
    } else if (!result.ok()) {
        job.reason = PoolEvent::Reason::CommandFailed;
        job.reasonArgs = {qint64(result.exitCode)};
    }
    job.standardOutput = result.standardOutput;
    job.standardError = result.standardError;
    return job;
}

TaskRecord FinishedJob::toRecord() const
{
    TaskRecord record;
    record.batchId = batchId;
    record.seq = seq;
    record.kind = command ? TaskRecord::Kind::Command : TaskRecord::Kind::Task;
    record.name = name;
    record.host = host;
    if (command && !command->program.isEmpty()) {
        record.setCommand(*command);
        if (record.name.isEmpty())
            record.name = CommandTemplate::lineOf(*command);
    }
    switch (end) {
    case End::Finished: record.state = TaskRecord::State::Finished; break;
    case End::Failed: record.state = TaskRecord::State::Failed; break;
    case End::TimedOut: record.state = TaskRecord::State::TimedOut; break;
    case End::Cancelled: record.state = TaskRecord::State::Cancelled; break;
    case End::Lost: record.state = TaskRecord::State::Lost; break;
    }
    record.workerPid = pid;
    record.exitCode = exitCode;
    record.attempts = std::max(attempts, 1);
    record.queuedMs = queuedMs;
    record.startMs = startMs;
    record.endMs = endMs;
    record.durationNs = durationNs;
    record.reason = int(reason);
    record.reasonArgs = reasonArgs;
    record.message = message;
    if (record.message.isEmpty() && end == End::TimedOut) {
        const qint64 ms = reasonArgs.isEmpty() ? 0 : reasonArgs.at(0).toInteger();
        record.message = ms > 0 ? QStringLiteral("timed out after %1 ms").arg(ms) : QStringLiteral("timed out");
    } else if (record.message.isEmpty() && end == End::Failed && command) {
        record.message = describeExit(exitCode);
    }
    record.stdoutBytes = stdoutBytes >= 0 ? stdoutBytes : standardOutput.size();
    record.stderrBytes = stderrBytes >= 0 ? stderrBytes : standardError.size();
    record.stdoutTail = standardOutput.right(TaskRecord::kTailBytes);
    record.stderrTail = standardError.right(TaskRecord::kTailBytes);
    return record;
}

} // namespace qmp
