#include "servicerequest.h"

#include <QCborArray>
#include <QCborMap>

namespace qmp {

namespace {
constexpr ServiceRequest::Op allOps[] = {
    ServiceRequest::Op::Submit, ServiceRequest::Op::Status,   ServiceRequest::Op::Log,     ServiceRequest::Op::Follow,
    ServiceRequest::Op::Kill,   ServiceRequest::Op::Wait,     ServiceRequest::Op::Pause,   ServiceRequest::Op::Resume,
    ServiceRequest::Op::Parallel, ServiceRequest::Op::Restart, ServiceRequest::Op::Remove, ServiceRequest::Op::Clean,
    ServiceRequest::Op::Stop};

bool isStringList(const QCborValue &value)
{
    if (!value.isArray())
        return false;
    for (const QCborValue &item : value.toArray()) {
        if (!item.isString())
            return false;
    }
    return true;
}

// A present field of the wrong type is an error; an absent one is fine.
bool optionalString(const QCborMap &map, const QString &key, QString *error)
{
    const QCborValue v = map.value(key);
    if (v.isUndefined() || v.isString())
        return true;
    *error = QStringLiteral("'%1' must be a string").arg(key);
    return false;
}
} // namespace

QString ServiceRequest::opName(Op op)
{
    switch (op) {
    case Op::Submit: return QStringLiteral("submit");
    case Op::Status: return QStringLiteral("status");
    case Op::Log: return QStringLiteral("log");
    case Op::Follow: return QStringLiteral("follow");
    case Op::Kill: return QStringLiteral("kill");
    case Op::Wait: return QStringLiteral("wait");
    case Op::Pause: return QStringLiteral("pause");
    case Op::Resume: return QStringLiteral("resume");
    case Op::Parallel: return QStringLiteral("parallel");
    case Op::Restart: return QStringLiteral("restart");
    case Op::Remove: return QStringLiteral("remove");
    case Op::Clean: return QStringLiteral("clean");
    case Op::Stop: return QStringLiteral("stop");
    }
    return {};
}

std::optional<ServiceRequest> ServiceRequest::parse(const QCborValue &value, QString *error)
{
    if (!value.isMap()) {
        *error = QStringLiteral("a request must be a map");
        return std::nullopt;
    }
    const QCborMap map = value.toMap();
    const QCborValue opValue = map.value(QStringLiteral("op"));
    ServiceRequest request;
    bool known = false;
    for (Op op : allOps) {
        if (opValue.isString() && opValue.toString() == opName(op)) {
            request.op = op;
            known = true;
        }
    }
    if (!known) {
        *error = QStringLiteral("unknown request");
        return std::nullopt;
    }
    const QCborValue id = map.value(QStringLiteral("id"));
    if (!id.isUndefined() && (!id.isInteger() || id.toInteger() <= 0)) {
        *error = QStringLiteral("'id' must be a job id (a positive integer)");
        return std::nullopt;
    }
    request.id = id.toInteger();
    if (!optionalString(map, QStringLiteral("group"), error))
        return std::nullopt;
    request.group = map.value(QStringLiteral("group")).toString();
    const bool hasTarget = request.id > 0 || !request.group.isEmpty();

    switch (request.op) {
    case Op::Submit: {
        const QCborValue job = map.value(QStringLiteral("job"));
        if (!job.isMap()) {
            *error = QStringLiteral("'job' must be a map");
            return std::nullopt;
        }
        const QCborMap j = job.toMap();
        for (const char *key : {"program", "workdir", "group", "label"}) {
            if (!optionalString(j, QLatin1String(key), error))
                return std::nullopt;
        }
        for (const char *key : {"arguments", "environment"}) {
            const QCborValue list = j.value(QLatin1String(key));
            if (!list.isUndefined() && !isStringList(list)) {
                *error = QStringLiteral("'%1' must be an array of strings").arg(QLatin1String(key));
                return std::nullopt;
            }
        }
        const QCborValue after = j.value(QStringLiteral("after"));
        if (!after.isUndefined()) {
            bool ok = after.isArray();
            for (const QCborValue &a : after.toArray())
                ok = ok && a.isInteger() && a.toInteger() > 0;
            if (!ok) {
                *error = QStringLiteral("'after' must be an array of job ids");
                return std::nullopt;
            }
        }
        const QCborValue commands = map.value(QStringLiteral("commands"));
        if (!commands.isUndefined()) {
            bool ok = commands.isArray() && !commands.toArray().isEmpty();
            for (const QCborValue &c : commands.toArray()) {
                ok = ok && isStringList(c) && !c.toArray().isEmpty() && !c.toArray().first().toString().isEmpty();
                if (!ok)
                    break;
                QStringList words;
                for (const QCborValue &word : c.toArray())
                    words.append(word.toString());
                request.commands.append(words);
            }
            if (!ok) {
                *error = QStringLiteral("'commands' must be a non-empty array of commands (arrays of strings, "
                                        "the program first)");
                return std::nullopt;
            }
        }
        const ServiceJob parsed = ServiceJob::fromCbor(j);
        if (parsed.program.isEmpty() && request.commands.isEmpty()) {
            *error = QStringLiteral("no program to run");
            return std::nullopt;
        }
        request.job.program = parsed.program;
        request.job.arguments = parsed.arguments;
        request.job.workingDirectory = parsed.workingDirectory;
        request.job.environment = parsed.environment;
        request.job.group = parsed.group.isEmpty() ? QStringLiteral("default") : parsed.group;
        request.job.label = parsed.label;
        request.job.after = parsed.after;
        break;
    }
    case Op::Log:
    case Op::Follow:
    case Op::Restart:
    case Op::Remove:
        if (request.id <= 0) {
            *error = QStringLiteral("'id' is missing");
            return std::nullopt;
        }
        break;
    case Op::Kill:
    case Op::Pause:
    case Op::Resume:
        if (!hasTarget) {
            *error = QStringLiteral("'id' or 'group' is missing");
            return std::nullopt;
        }
        break;
    case Op::Wait: {
        const QCborValue ids = map.value(QStringLiteral("ids"));
        if (!ids.isUndefined()) {
            bool ok = ids.isArray();
            for (const QCborValue &a : ids.toArray()) {
                ok = ok && a.isInteger() && a.toInteger() > 0;
                if (ok)
                    request.ids.append(a.toInteger());
            }
            if (!ok) {
                *error = QStringLiteral("'ids' must be an array of job ids");
                return std::nullopt;
            }
        }
        break;
    }
    case Op::Parallel: {
        const QCborValue n = map.value(QStringLiteral("n"));
        if (request.group.isEmpty() || !n.isInteger() || n.toInteger() < 1 || n.toInteger() > maxParallel) {
            *error = QStringLiteral("'group' and 'n' (1 to %1) are needed").arg(maxParallel);
            return std::nullopt;
        }
        request.parallel = int(n.toInteger());
        break;
    }
    case Op::Status:
    case Op::Clean:
    case Op::Stop:
        break;
    }
    return request;
}

QCborMap ServiceRequest::toCbor() const
{
    QCborMap map{{QStringLiteral("op"), opName(op)}};
    if (id > 0)
        map.insert(QStringLiteral("id"), id);
    if (!group.isEmpty())
        map.insert(QStringLiteral("group"), group);
    if (op == Op::Submit) {
        map.insert(QStringLiteral("job"), job.toCbor());
        if (!commands.isEmpty()) {
            QCborArray list;
            for (const QStringList &command : commands)
                list.append(QCborArray::fromStringList(command));
            map.insert(QStringLiteral("commands"), list);
        }
    }
    if (op == Op::Wait) {
        QCborArray list;
        for (qint64 i : ids)
            list.append(i);
        map.insert(QStringLiteral("ids"), list);
    }
    if (op == Op::Parallel)
        map.insert(QStringLiteral("n"), parallel);
    return map;
}

} // namespace qmp
