#include "remotecommand.h"

#include "blockingcommand.h"
#include "errors.h"
#include "surrogateescape.h"

#include <QCborMap>

#include <csignal>
#include <thread>
#include <unistd.h>

namespace qmp {

namespace {

QCborArray bytesOf(const QStringList &texts)
{
    QCborArray bytes;
    for (const QString &text : texts)
        bytes.append(SurrogateEscape::encode(text));
    return bytes;
}

QStringList textsOf(const QCborValue &bytes)
{
    QStringList texts;
    for (const QCborValue &value : bytes.toArray())
        texts.append(SurrogateEscape::decode(value.toByteArray()));
    return texts;
}

// Where this worker runs: the Slurm node's name (what squeue and the joblog's Host show), else
// the host name.
QString thisNode()
{
    const QByteArray node = qgetenv("SLURMD_NODENAME");
    if (!node.isEmpty())
        return QString::fromLocal8Bit(node);
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return QString::fromLocal8Bit(name);
}

[[maybe_unused]] const bool registered = registerTask(QLatin1String(RemoteCommand::taskName), TaskFunction(&RemoteCommand::runHere));

} // namespace

TaskCall RemoteCommand::call(const Command &command, std::chrono::milliseconds timeout)
{
    QCborMap call{{QStringLiteral("program"), SurrogateEscape::encode(command.program)},
                  {QStringLiteral("arguments"), bytesOf(command.arguments)},
                  {QStringLiteral("directory"), SurrogateEscape::encode(command.workingDirectory)},
                  {QStringLiteral("timeoutMs"), qint64(timeout.count())}};
    if (!command.environment.isEmpty())
        call.insert(QStringLiteral("environment"), bytesOf(command.environment.toStringList()));
    return TaskCall{QLatin1String(taskName), QCborArray{call}};
}

CommandResult RemoteCommand::result(const QCborValue &value, const Command &command)
{
    CommandResult result = CborConvert<CommandResult>::fromCbor(value);
    result.program = command.program;
    result.arguments = command.arguments;
    return result;
}

std::optional<RemoteCommand::Call> RemoteCommand::decode(const QCborValue &arguments)
{
    const QCborArray array = arguments.toArray();
    const QCborValue call = array.size() == 1 ? array.at(0) : QCborValue();
    if (!call.isMap() || !call[QStringLiteral("program")].isByteArray())
        return std::nullopt;
    Call decoded;
    Command &command = decoded.command;
    command.program = SurrogateEscape::decode(call[QStringLiteral("program")].toByteArray());
    command.arguments = textsOf(call[QStringLiteral("arguments")]);
    command.workingDirectory = SurrogateEscape::decode(call[QStringLiteral("directory")].toByteArray());
    if (call[QStringLiteral("environment")].isArray()) {
        for (const QString &variable : textsOf(call[QStringLiteral("environment")])) {
            const qsizetype equals = variable.indexOf(QLatin1Char('='));
            if (equals > 0)
                command.environment.insert(variable.left(equals), variable.mid(equals + 1));
        }
    }
    decoded.timeout = std::chrono::milliseconds(call[QStringLiteral("timeoutMs")].toInteger());
    return decoded;
}

QCborValue RemoteCommand::runHere(const QCborArray &arguments)
{
    const std::optional<Call> call = decode(arguments);
    if (!call)
        throw TypeError(QStringLiteral("%1: expects one map with the command's program, arguments, directory and timeoutMs")
                            .arg(QLatin1String(taskName)));
    const Command &command = call->command;
    const std::chrono::milliseconds timeout = call->timeout;
    CommandResult result = BlockingCommand::run(command, timeout);
    if (!result.timedOut && (result.exitCode == -SIGKILL || result.exitCode == -SIGTERM)) {
        // Killed from outside: when it is the worker's whole Slurm step that is ending (scancel,
        // a time limit, a node failure), this worker goes too in a moment, and the job is then
        // reported with Slurm's verdict instead of as a plain signal. Answer a little later.
        std::this_thread::sleep_for(killedAnswerDelay);
    }
    result.host = thisNode();
    result.program.clear(); // the caller has them (as bytes, which CBOR text would not keep)
    result.arguments.clear();
    return CborConvert<CommandResult>::toCbor(result);
}

} // namespace qmp
