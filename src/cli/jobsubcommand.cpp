#include "jobsubcommand.h"

#include "commandtemplate.h"
#include "errors.h"
#include "historystore.h"
#include "jobinputs.h"
#include "rawoutput.h"
#include "runoptions.h"
#include "serviceclient.h"
#include "servicejob.h"
#include "servicerequest.h"
#include "surrogateescape.h"
#include "textcolumns.h"

#include <QCborArray>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <algorithm>

#include <unistd.h>

namespace qmp {

namespace {
// The command lines of one batch request: well below the service's 16 MiB frame limit, with
// the environment and the CBOR around them.
constexpr qsizetype kBatchRequestBytes = 4 << 20;

using Verb = JobSubcommand::Verb;

std::optional<qint64> jobId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}
} // namespace

QString JobSubcommand::name() const
{
    switch (m_verb) {
    case Verb::Submit: return QStringLiteral("submit");
    case Verb::Status: return QStringLiteral("status");
    case Verb::Follow: return QStringLiteral("follow");
    case Verb::Kill: return QStringLiteral("kill");
    case Verb::Wait: return QStringLiteral("wait");
    case Verb::Pause: return QStringLiteral("pause");
    case Verb::Resume: return QStringLiteral("resume");
    case Verb::Parallel: return QStringLiteral("parallel");
    case Verb::Restart: return QStringLiteral("restart");
    case Verb::Remove: return QStringLiteral("remove");
    case Verb::Clean: return QStringLiteral("clean");
    }
    return {};
}

QString JobSubcommand::summary() const
{
    switch (m_verb) {
    case Verb::Submit: return tr("queue a command in the QMP service (it runs after the terminal closes)");
    case Verb::Status: return tr("the service's groups and jobs");
    case Verb::Follow: return tr("a service job's output as it comes");
    case Verb::Kill: return tr("end a service job, or a group's jobs");
    case Verb::Wait: return tr("wait until service jobs have ended");
    case Verb::Pause: return tr("pause a service job or group");
    case Verb::Resume: return tr("resume a paused service job or group");
    case Verb::Parallel: return tr("how many jobs a service group runs at once");
    case Verb::Restart: return tr("run an ended service job again, as a new job");
    case Verb::Remove: return tr("drop a service job from the status view");
    case Verb::Clean: return tr("drop the ended jobs from the status view");
    }
    return {};
}

QString JobSubcommand::usage() const
{
    switch (m_verb) {
    case Verb::Submit:
        return tr("usage: qmp submit [--group G] [--after ID]... [--label L] [--workdir D] -- COMMAND [ARGUMENT]...\n"
                  "       qmp submit [options] -- TEMPLATE ::: INPUTS...   (one job per input, as qmp run)");
    case Verb::Status: return tr("usage: qmp status [--json]");
    case Verb::Follow: return tr("usage: qmp follow ID");
    case Verb::Kill: return tr("usage: qmp kill ID | --group G");
    case Verb::Wait: return tr("usage: qmp wait [ID... | --group G]");
    case Verb::Pause: return tr("usage: qmp pause [ID | --group G]");
    case Verb::Resume: return tr("usage: qmp resume [ID | --group G]");
    case Verb::Parallel: return tr("usage: qmp parallel N [--group G]");
    case Verb::Restart: return tr("usage: qmp restart ID");
    case Verb::Remove: return tr("usage: qmp remove ID");
    case Verb::Clean: return tr("usage: qmp clean");
    }
    return {};
}

int JobSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("qmp %1: ").arg(name());
    if (arguments.contains(QLatin1String("-h")) || arguments.contains(QLatin1String("--help"))) {
        out << usage() << '\n';
        return 0;
    }
    ServiceRequest request;
    bool json = false;
    bool usageError = false;
    QString group;
    QStringList rest; // what is not an option (before "--" for submit)
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (m_verb == Verb::Submit && a == QLatin1String("--")) {
            request.job.program = arguments.value(i + 1);
            request.job.arguments = arguments.mid(i + 2);
            break;
        }
        if (a == QLatin1String("--group") && hasValue) {
            group = arguments.at(++i);
        } else if (m_verb == Verb::Submit && a == QLatin1String("--label") && hasValue) {
            request.job.label = arguments.at(++i);
        } else if (m_verb == Verb::Submit && a == QLatin1String("--workdir") && hasValue) {
            request.job.workingDirectory = QDir(arguments.at(++i)).absolutePath();
        } else if (m_verb == Verb::Submit && a == QLatin1String("--after") && hasValue) {
            const std::optional<qint64> id = jobId(arguments.at(++i));
            usageError = usageError || !id;
            if (id)
                request.job.after.append(*id);
        } else if (m_verb == Verb::Status && a == QLatin1String("--json")) {
            json = true;
        } else if (a.startsWith(QLatin1Char('-'))) {
            usageError = true;
        } else {
            rest.append(a);
        }
    }

    using Op = ServiceRequest::Op;
    const std::optional<qint64> id = jobId(rest.value(0));
    switch (m_verb) {
    case Verb::Submit:
        request.op = Op::Submit;
        usageError = usageError || request.job.program.isEmpty() || !rest.isEmpty();
        request.job.group = group.isEmpty() ? QStringLiteral("default") : group;
        if (request.job.workingDirectory.isEmpty())
            request.job.workingDirectory = QDir::currentPath();
        request.job.environment = QProcessEnvironment::systemEnvironment().toStringList();
        break;
    case Verb::Status:
        request.op = Op::Status;
        usageError = usageError || !rest.isEmpty() || !group.isEmpty();
        break;
    case Verb::Follow:
    case Verb::Restart:
    case Verb::Remove:
        request.op = m_verb == Verb::Follow ? Op::Follow : m_verb == Verb::Restart ? Op::Restart : Op::Remove;
        usageError = usageError || rest.size() != 1 || !id || !group.isEmpty();
        request.id = id.value_or(0);
        break;
    case Verb::Kill:
        request.op = Op::Kill;
        usageError = usageError || (group.isEmpty() ? rest.size() != 1 || !id : !rest.isEmpty());
        request.id = id.value_or(0);
        request.group = group;
        break;
    case Verb::Wait:
        request.op = Op::Wait;
        for (const QString &r : rest) {
            const std::optional<qint64> each = jobId(r);
            usageError = usageError || !each;
            if (each)
                request.ids.append(*each);
        }
        usageError = usageError || (!group.isEmpty() && !rest.isEmpty());
        request.group = group;
        break;
    case Verb::Pause:
    case Verb::Resume:
        request.op = m_verb == Verb::Pause ? Op::Pause : Op::Resume;
        usageError = usageError || rest.size() > 1 || (rest.size() == 1 && (!id || !group.isEmpty()));
        request.id = id.value_or(0);
        if (request.id == 0)
            request.group = group.isEmpty() ? QStringLiteral("default") : group;
        break;
    case Verb::Parallel: {
        request.op = Op::Parallel;
        bool ok = false;
        request.parallel = rest.value(0).toInt(&ok);
        usageError = usageError || rest.size() != 1 || !ok || request.parallel < 1 || request.parallel > ServiceRequest::maxParallel;
        request.group = group.isEmpty() ? QStringLiteral("default") : group;
        break;
    }
    case Verb::Clean:
        request.op = Op::Clean;
        usageError = usageError || !rest.isEmpty() || !group.isEmpty();
        break;
    }
    if (usageError) {
        err << usage() << '\n';
        return 2;
    }

    // qmp submit -- TEMPLATE ::: inputs: one job per input, expanded as qmp run expands them.
    QList<ServiceJob> batch;
    if (m_verb == Verb::Submit) {
        const QStringList words = QStringList{request.job.program} + request.job.arguments;
        if (words.contains(QLatin1String(":::")) || words.contains(QLatin1String("::::"))) {
            QString error;
            const std::optional<RunOptions> options = RunOptions::parse(words, &error);
            std::optional<JobInputs> inputs;
            if (options) {
                if (const QString notice = JobInputs::terminalNotice(options->inputs, stdin); !notice.isEmpty()) {
                    err << prefix << notice << '\n';
                    err.flush(); // before the wait for typing
                }
                inputs = JobInputs::read(options->inputs, stdin, &error);
            }
            if (!options || !inputs) {
                err << prefix << error << '\n';
                return 2;
            }
            try {
                const CommandTemplate commandTemplate(options->commandTemplate, inputs->sourceCount());
                for (qint64 seq = 1; seq <= inputs->count(); ++seq) {
                    const Command command = commandTemplate.toCommand(commandTemplate.expand(inputs->argumentsOf(seq), seq));
                    ServiceJob job = request.job;
                    job.program = command.program;
                    job.arguments = command.arguments;
                    batch.append(job);
                }
            } catch (const Error &e) {
                err << prefix << e.message() << '\n';
                return 2;
            }
            if (batch.isEmpty()) {
                err << prefix << tr("no input: nothing to submit") << '\n';
                return 0;
            }
        }
    }

    ServiceClient client;
    QString error;
    if (!client.connect(true, &error)) {
        err << prefix << error << '\n';
        return 1;
    }
    // A batch is one request — the service queues all of it or none, one reply with every id —
    // up to kBatchRequestBytes of command lines; a larger one goes in several such requests,
    // sent before their replies are read.
    if (!batch.isEmpty()) {
        request.job.program.clear();
        request.job.arguments.clear();
        int requests = 0;
        for (qsizetype next = 0; next < batch.size(); ++requests) {
            request.commands.clear();
            qsizetype bytes = 0;
            while (next < batch.size() && (request.commands.isEmpty() || bytes < kBatchRequestBytes)) {
                const ServiceJob &job = batch.at(next++);
                request.commands.append(QStringList{job.program} + job.arguments);
                for (const QString &word : request.commands.last())
                    bytes += word.size() * 3 + 9; // UTF-8 at most, and CBOR's head
            }
            if (!client.send(request.toCbor(), &error)) {
                err << prefix << error << '\n';
                return 1;
            }
        }
        for (int i = 0; i < requests; ++i) {
            const std::optional<QCborMap> answer = client.receive(&error);
            if (!answer || !answer->value(QStringLiteral("ok")).toBool()) {
                err << prefix << (answer ? answer->value(QStringLiteral("error")).toString() : error) << '\n';
                return 1;
            }
            for (const QCborValue &id : answer->value(QStringLiteral("ids")).toArray())
                out << tr("job %1 queued in group %2").arg(id.toInteger()).arg(request.job.group) << '\n';
            warnOfProblem(*answer, err);
            if (i == 0)
                noteOtherHistory(*answer, prefix, err);
        }
        return 0;
    }
    if (m_verb == Verb::Follow)
        return follow(client, request.id, err);
    const std::optional<QCborMap> answer = client.request(request.toCbor(), &error);
    if (!answer || !answer->value(QStringLiteral("ok")).toBool()) {
        err << prefix << (answer ? answer->value(QStringLiteral("error")).toString() : error) << '\n';
        return 1;
    }
    if (m_verb != Verb::Status) // status shows it among the groups
        warnOfProblem(*answer, err);
    switch (m_verb) {
    case Verb::Submit:
        out << tr("job %1 queued in group %2").arg(answer->value(QStringLiteral("id")).toInteger()).arg(request.job.group) << '\n';
        noteCommandLineInOneWord(request.job, prefix, err);
        noteOtherHistory(*answer, prefix, err);
        return 0;
    case Verb::Restart:
        out << tr("job %1 queued again as job %2").arg(request.id).arg(answer->value(QStringLiteral("id")).toInteger()) << '\n';
        return 0;
    case Verb::Status:
        if (json)
            out << QJsonDocument(answer->toJsonObject()).toJson(QJsonDocument::Indented);
        else
            printStatus(*answer, out);
        return 0;
    case Verb::Kill:
        out << tr("%n job(s) killed", nullptr, int(answer->value(QStringLiteral("killed")).toInteger())) << '\n';
        return 0;
    case Verb::Clean:
        out << tr("%n ended job(s) removed from the status view", nullptr, int(answer->value(QStringLiteral("removed")).toInteger()))
            << '\n';
        return 0;
    case Verb::Wait: {
        const QCborArray jobs = answer->value(QStringLiteral("jobs")).toArray();
        for (const QCborValue &j : jobs) {
            const ServiceJob job = ServiceJob::fromCbor(j.toMap());
            out << tr("job %1: %2").arg(job.id).arg(ServiceJob::stateName(job.state)) << '\n';
        }
        return answer->value(QStringLiteral("succeeded")).toBool() ? 0 : 1;
    }
    default:
        return 0;
    }
}

void JobSubcommand::warnOfProblem(const QCborMap &answer, QTextStream &err)
{
    if (answer.contains(QStringLiteral("problem")))
        err << tr("warning: %1").arg(answer.value(QStringLiteral("problem")).toString()) << '\n';
}

void JobSubcommand::noteOtherHistory(const QCborMap &answer, const QString &prefix, QTextStream &err)
{
    const QString services = answer.value(QStringLiteral("history")).toString();
    const QString ours = HistoryStore::pathFromEnvironment();
    if (services.isEmpty() || QFileInfo(services).absoluteFilePath() == QFileInfo(ours).absoluteFilePath())
        return;
    err << prefix
        << tr("note: the QMP service records its jobs in %1, the history it started with, not in %2")
               .arg(services, ours)
        << '\n';
}

void JobSubcommand::noteCommandLineInOneWord(const ServiceJob &job, const QString &prefix, QTextStream &err)
{
    if (!job.arguments.isEmpty() || !job.program.contains(QLatin1Char(' ')))
        return;
    const bool there = job.program.contains(QLatin1Char('/'))
                           ? QFileInfo::exists(QDir(job.workingDirectory).filePath(job.program))
                           : !QStandardPaths::findExecutable(job.program).isEmpty();
    if (there)
        return;
    err << prefix
        << tr("note: jobs run without a shell, so '%1' is the name of one program, and there is none by that name; give the "
              "command's words as separate arguments, or write: qmp submit -- sh -c '%1'")
               .arg(job.program)
        << '\n';
}

int JobSubcommand::follow(ServiceClient &client, qint64 id, QTextStream &err)
{
    QString error;
    const QCborMap request{{QStringLiteral("op"), QStringLiteral("follow")}, {QStringLiteral("id"), id}};
    std::optional<QCborMap> answer = client.request(request, &error);
    if (!answer || !answer->value(QStringLiteral("ok")).toBool()) {
        err << "qmp follow: " << (answer ? answer->value(QStringLiteral("error")).toString() : error) << '\n';
        return 1;
    }
    err.flush();
    for (;;) {
        answer = client.receive(&error);
        if (!answer) {
            err << "qmp follow: " << error << '\n';
            return 1;
        }
        if (answer->contains(QStringLiteral("stdout")))
            RawOutput::writeAll(1, answer->value(QStringLiteral("stdout")).toByteArray());
        if (answer->contains(QStringLiteral("stderr")))
            RawOutput::writeAll(2, answer->value(QStringLiteral("stderr")).toByteArray());
        if (answer->value(QStringLiteral("end")).toBool()) {
            const ServiceJob job = ServiceJob::fromCbor(answer->value(QStringLiteral("job")).toMap());
            return job.state == ServiceJob::State::Succeeded ? 0 : 1;
        }
    }
}

void JobSubcommand::printStatus(const QCborMap &status, QTextStream &out)
{
    const QCborArray jobs = status.value(QStringLiteral("jobs")).toArray();
    for (const QCborValue &g : status.value(QStringLiteral("groups")).toArray()) {
        const QString groupName = g[QStringLiteral("name")].toString();
        int queued = 0, running = 0, ended = 0;
        for (const QCborValue &j : jobs) {
            if (j[QStringLiteral("group")].toString() != groupName)
                continue;
            const QString state = j[QStringLiteral("state")].toString();
            state == QLatin1String("queued") ? ++queued : state == QLatin1String("running") ? ++running : ++ended;
        }
        out << tr("group %1: parallel %2, %3 running, %4 queued, %5 ended%6")
                   .arg(groupName)
                   .arg(g[QStringLiteral("parallel")].toInteger())
                   .arg(running)
                   .arg(queued)
                   .arg(ended)
                   .arg(g[QStringLiteral("paused")].toBool() ? tr(" (paused)") : QString())
            << '\n';
    }
    if (status.contains(QStringLiteral("problem")))
        out << tr("warning: %1").arg(status.value(QStringLiteral("problem")).toString()) << '\n';
    if (jobs.isEmpty()) {
        out << tr("no jobs") << '\n';
        return;
    }
    QList<QStringList> rows{{tr("ID"), tr("GROUP"), tr("STATE"), tr("EXIT"), tr("START"), tr("END"), tr("COMMAND")}};
    for (const QCborValue &j : jobs) {
        const ServiceJob job = ServiceJob::fromCbor(j.toMap());
        QString state = ServiceJob::stateName(job.state);
        if (job.paused && !job.isFinished())
            state += tr(" (paused)");
        const bool ran = job.state == ServiceJob::State::Succeeded || job.state == ServiceJob::State::Failed;
        QString command = job.label.isEmpty() ? job.commandLine() : job.label;
        if (!job.error.isEmpty())
            command += QStringLiteral("  (") + job.error + QLatin1Char(')');
        rows.append({QString::number(job.id), job.group, state,
                     ran ? QString::number(job.exitCode) : QStringLiteral("-"), timeText(job.startedMs), timeText(job.endedMs),
                     command});
    }
    QList<int> widths(rows.first().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], TextColumns::width(row.at(c)));
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 == row.size() ? row.at(c) : TextColumns::left(row.at(c), widths[c]) + QStringLiteral("  ");
        out << line << '\n';
    }
}

} // namespace qmp
