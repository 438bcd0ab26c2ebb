#include "remotecommandjob.h"

#include "errors.h"
#include "poolengine.h"
#include "remotecommand.h"

#include <QFile>

#include <cstdio>
#include <memory>

namespace qmp {

namespace {

// Appends bytes to the file at path; false when it cannot be written.
bool appendTo(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(bytes) == bytes.size();
}

// Where the output goes that the options do not keep in the result: this process's stdout /
// stderr (captureOutput false), or the output files.
void placeOutput(const CommandOptions &options, CommandResult &result)
{
    if (!options.captureOutput) {
        std::fwrite(result.standardOutput.constData(), 1, size_t(result.standardOutput.size()), stdout);
        std::fflush(stdout);
        std::fwrite(result.standardError.constData(), 1, size_t(result.standardError.size()), stderr);
        result.standardOutput.clear();
        result.standardError.clear();
        return;
    }
    const auto toFile = [&result](const QString &path, QByteArray &bytes) {
        if (path.isEmpty())
            return;
        if (!appendTo(path, bytes) && result.error.isEmpty())
            result.error = QStringLiteral("cannot write the command's output to %1").arg(path);
        bytes.clear();
    };
    toFile(options.standardOutputFile, result.standardOutput);
    toFile(options.standardErrorFile, result.standardError);
}

// One attempt of job ended with result: run again, or delivered.
void attemptEnded(CommandJob &job, CommandResult result, bool mayRetry, const RemoteCommandJob::Again &again)
{
    result.attempts = job.attempts;
    if (job.options.interpret)
        job.options.interpret(result);
    if (job.batch->hasEnded())
        return;
    if (!result.ok() && mayRetry && job.attempts <= job.options.retries) {
        again(std::move(job));
        return;
    }
    placeOutput(job.options, result);
    job.batch->deliver(job.index, CborConvert<CommandResult>::toCbor(result));
}

} // namespace

detail::PoolJob RemoteCommandJob::task(CommandJob job, Again again)
{
    ++job.attempts;
    const TaskCall call = RemoteCommand::call(job.command, job.options.timeout);
    auto submission = job.batch;
    auto batch = std::make_shared<detail::PoolBatch>(1);
    batch->id = submission->id;
    batch->single = submission->single;
    batch->isCanceled = [submission] { return submission->wasCanceled(); };
    const qsizetype index = job.index;
    auto held = std::make_shared<CommandJob>(std::move(job));
    batch->onValue = [held, again](qsizetype, const QCborValue &value) {
        attemptEnded(*held, RemoteCommand::result(value, held->command), true, again);
    };
    // Each command ends alone (as commands run here do): its failure is its own result.
    const auto failed = [held, again](std::exception_ptr error) {
        CommandResult result;
        result.program = held->command.program;
        result.arguments = held->command.arguments;
        bool mayRetry = true;
        try {
            std::rethrow_exception(error);
        } catch (const CancelledError &) {
            result.error = QStringLiteral("cancelled by the user");
            mayRetry = false;
        } catch (const TimeoutError &e) {
            result.error = e.message();
            result.timedOut = true;
        } catch (const WorkerLostError &e) {
            result.error = e.message();
        } catch (...) {
            held->batch->fail(error); // the pool ended (terminate, no workers), or no such result
            return;
        }
        attemptEnded(*held, std::move(result), mayRetry, again);
    };
    batch->onItemFailed = [failed](qsizetype, std::exception_ptr error) { failed(error); };
    batch->onFailed = failed;
    detail::PoolJob task;
    task.task = call.name;
    task.items = ArgumentLists({call.args});
    task.index = index; // its place in the submission (PoolEvent::index); its batch ignores it
    task.batch = std::move(batch);
    task.id = held->id; // every attempt is the same task to monitors, its attempt counted
    task.attempts = held->attempts - 1;
    return task;
}

bool RemoteCommandJob::isOfSubmission(const detail::PoolJob &task, quint64 batchId)
{
    return task.batch && task.batch->id == batchId && task.task == QLatin1String(RemoteCommand::taskName);
}

} // namespace qmp
