#include "servicejob.h"

#include "command.h"

#include <QCborArray>

namespace qmp {

namespace {
QStringList stringsOf(const QCborValue &value)
{
    QStringList list;
    for (const QCborValue &item : value.toArray()) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}
} // namespace

QString ServiceJob::commandLine() const
{
    Command command;
    command.program = program;
    command.arguments = arguments;
    return command.displayLine();
}

QString ServiceJob::stateName(State state)
{
    switch (state) {
    case State::Queued: return QStringLiteral("queued");
    case State::Running: return QStringLiteral("running");
    case State::Succeeded: return QStringLiteral("succeeded");
    case State::Failed: return QStringLiteral("failed");
    case State::Killed: return QStringLiteral("killed");
    case State::Lost: return QStringLiteral("lost");
    case State::FailedDependency: return QStringLiteral("failed-dependency");
    }
    return QStringLiteral("queued");
}

ServiceJob::State ServiceJob::stateFromName(const QString &name)
{
    for (State s : {State::Queued, State::Running, State::Succeeded, State::Failed, State::Killed, State::Lost,
                    State::FailedDependency}) {
        if (stateName(s) == name)
            return s;
    }
    return State::Queued;
}

QCborMap ServiceJob::toCbor(bool withEnvironment) const
{
    QCborArray afterIds;
    for (qint64 a : after)
        afterIds.append(a);
    QCborMap map{{QStringLiteral("id"), id},
                    {QStringLiteral("group"), group},
                    {QStringLiteral("label"), label},
                    {QStringLiteral("program"), program},
                    {QStringLiteral("arguments"), QCborArray::fromStringList(arguments)},
                    {QStringLiteral("workdir"), workingDirectory},
                    {QStringLiteral("after"), afterIds},
                    {QStringLiteral("paused"), paused},
                    {QStringLiteral("state"), stateName(state)},
                    {QStringLiteral("exitCode"), exitCode},
                    {QStringLiteral("error"), error},
                    {QStringLiteral("pid"), pid},
                    {QStringLiteral("created"), createdMs},
                    {QStringLiteral("started"), startedMs},
                    {QStringLiteral("ended"), endedMs}};
    if (withEnvironment)
        map.insert(QStringLiteral("environment"), QCborArray::fromStringList(environment));
    return map;
}

ServiceJob ServiceJob::fromCbor(const QCborMap &map)
{
    ServiceJob job;
    job.id = map.value(QStringLiteral("id")).toInteger();
    job.group = map.value(QStringLiteral("group")).toString();
    job.label = map.value(QStringLiteral("label")).toString();
    job.program = map.value(QStringLiteral("program")).toString();
    job.arguments = stringsOf(map.value(QStringLiteral("arguments")));
    job.workingDirectory = map.value(QStringLiteral("workdir")).toString();
    job.environment = stringsOf(map.value(QStringLiteral("environment")));
    for (const QCborValue &a : map.value(QStringLiteral("after")).toArray()) {
        if (a.isInteger())
            job.after.append(a.toInteger());
    }
    job.paused = map.value(QStringLiteral("paused")).toBool();
    job.state = stateFromName(map.value(QStringLiteral("state")).toString());
    job.exitCode = int(map.value(QStringLiteral("exitCode")).toInteger());
    job.error = map.value(QStringLiteral("error")).toString();
    job.pid = map.value(QStringLiteral("pid")).toInteger();
    job.createdMs = map.value(QStringLiteral("created")).toInteger();
    job.startedMs = map.value(QStringLiteral("started")).toInteger();
    job.endedMs = map.value(QStringLiteral("ended")).toInteger();
    return job;
}

} // namespace qmp
