#include "historysubcommand.h"

#include "historystore.h"
#include "joblog.h"
#include "runsubcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qmp {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return HistorySubcommand::tr(text, disambiguation, n);
}

QString timeText(qint64 ms)
{
    return ms == 0 ? QStringLiteral("-") : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
}

QJsonObject toJson(const BatchRecord &b)
{
    return {{QStringLiteral("id"), b.id},           {QStringLiteral("pool"), b.pool},
            {QStringLiteral("title"), b.title},     {QStringLiteral("created"), double(b.createdMs) / 1000.0},
            {QStringLiteral("finished"), b.finishedMs == 0 ? QJsonValue() : QJsonValue(double(b.finishedMs) / 1000.0)},
            {QStringLiteral("total"), b.total},     {QStringLiteral("ok"), b.ok},
            {QStringLiteral("failed"), b.failed}};
}

QJsonObject toJson(const TaskRecord &t)
{
    return {{QStringLiteral("batch"), t.batchId},
            {QStringLiteral("seq"), t.seq},
            {QStringLiteral("command"), t.name},
            {QStringLiteral("state"), TaskRecord::stateName(t.state)},
            {QStringLiteral("exitCode"), t.exitValue()},
            {QStringLiteral("signal"), t.signal()},
            {QStringLiteral("pid"), t.workerPid},
            {QStringLiteral("start"), double(t.startMs) / 1000.0},
            {QStringLiteral("runtime"), double(t.durationNs) / 1e9},
            {QStringLiteral("attempts"), t.attempts},
            {QStringLiteral("message"), t.message},
            {QStringLiteral("stdoutBytes"), t.stdoutBytes},
            {QStringLiteral("stderrBytes"), t.stderrBytes},
            {QStringLiteral("stdoutTail"), QString::fromUtf8(t.stdoutTail)},
            {QStringLiteral("stderrTail"), QString::fromUtf8(t.stderrTail)}};
}

// Every task of the query, paging through the store; at most limit.
QList<TaskRecord> allTasks(const HistoryStore &store, TaskQuery query, qint64 limit)
{
    QList<TaskRecord> result;
    while (result.size() < limit) {
        const int page = int(std::min<qint64>(limit - result.size(), 5000));
        const QList<TaskRecord> some = store.tasks(query, page);
        result += some;
        if (some.size() < page)
            break;
        query.afterId = some.last().id;
    }
    return result;
}

QString usageText()
{
    return tr("usage: qmp history [--history FILE] [--json] [--limit N] [--batch ID] [--failed] [--joblog ID]\n"
              "  (no option)       the newest batches (default limit 20)\n"
              "  --batch ID        the jobs of batch ID\n"
              "  --failed          only failed, timed-out or cancelled jobs (of every batch without --batch)\n"
              "  --joblog ID       batch ID as a GNU parallel joblog (for parallel --resume / qmp run --resume)\n"
              "  --limit N         at most N batches or jobs\n"
              "  --json            JSON: an array of batches, or of jobs\n"
              "  --history FILE    the history file (default: $QMP_HISTORY, else the user's history)\n");
}

} // namespace

QString HistorySubcommand::summary() const
{
    return tr("list past runs and their jobs; export a run as a joblog");
}

int HistorySubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("JSON output."));
    const QCommandLineOption batchOption(QStringLiteral("batch"), tr("A batch's jobs."), QStringLiteral("ID"));
    const QCommandLineOption failedOption(QStringLiteral("failed"), tr("Failed jobs only."));
    const QCommandLineOption limitOption(QStringLiteral("limit"), tr("At most N rows."), QStringLiteral("N"));
    const QCommandLineOption joblogOption(QStringLiteral("joblog"), tr("Export a batch as a joblog."), QStringLiteral("ID"));
    const QCommandLineOption historyOption(QStringLiteral("history"), tr("The history file."), QStringLiteral("FILE"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("This help."));
    parser.addOptions({jsonOption, batchOption, failedOption, limitOption, joblogOption, historyOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("qmp history")} + arguments)) {
        err << "qmp history: " << parser.errorText() << '\n' << usageText();
        return 2;
    }
    if (parser.isSet(helpOption)) {
        out << usageText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "qmp history: " << tr("unexpected argument %1").arg(parser.positionalArguments().first()) << '\n' << usageText();
        return 2;
    }
    auto idOf = [&](const QCommandLineOption &option, qint64 *id) {
        bool ok = false;
        *id = parser.value(option).toLongLong(&ok);
        if (!ok || *id < 1) {
            err << "qmp history: " << tr("--%1 needs a batch id (a number >= 1), got '%2'").arg(option.names().first(), parser.value(option))
                << '\n';
            return false;
        }
        return true;
    };
    qint64 limit = parser.isSet(batchOption) || parser.isSet(failedOption) ? 1000000 : 20;
    if (parser.isSet(limitOption)) {
        bool ok = false;
        limit = parser.value(limitOption).toLongLong(&ok);
        if (!ok || limit < 1) {
            err << "qmp history: " << tr("--limit needs a number >= 1, got '%1'").arg(parser.value(limitOption)) << '\n';
            return 2;
        }
    }
    const bool json = parser.isSet(jsonOption);

    const QString path = RunSubcommand::historyPath(parser.value(historyOption));
    if (!QFileInfo::exists(path)) {
        if (json)
            out << "[]\n";
        else
            err << "qmp history: " << tr("no history yet at %1").arg(path) << '\n';
        return parser.isSet(batchOption) || parser.isSet(joblogOption) ? 1 : 0;
    }
    HistoryStore store(path);
    if (!store.isOpen()) {
        err << "qmp history: " << store.errorString() << '\n';
        return 1;
    }

    if (parser.isSet(joblogOption) || parser.isSet(batchOption)) {
        qint64 id = 0;
        if (!idOf(parser.isSet(joblogOption) ? joblogOption : batchOption, &id))
            return 2;
        if (!store.batch(id)) {
            err << "qmp history: " << tr("no batch %1 in %2 (see qmp history)").arg(id).arg(path) << '\n';
            return 1;
        }
        TaskQuery query;
        query.batchId = id;
        if (parser.isSet(failedOption))
            query.states = {TaskRecord::State::Failed, TaskRecord::State::TimedOut, TaskRecord::State::Cancelled};
        const QList<TaskRecord> tasks = allTasks(store, query, limit);
        if (parser.isSet(joblogOption)) {
            out << JobLog::header() << '\n';
            for (const TaskRecord &t : tasks)
                out << JobLog::format(JobLog::fromTask(t)) << '\n';
            return 0;
        }
        if (json) {
            QJsonArray array;
            for (const TaskRecord &t : tasks)
                array.append(toJson(t));
            out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(tr("SEQ"), 6).arg(tr("STATE"), -10).arg(tr("EXIT"), 5).arg(tr("START"), -19).arg(tr("SECONDS"), 9)
                   .arg(tr("COMMAND"));
        for (const TaskRecord &t : tasks) {
            out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                       .arg(t.seq, 6).arg(TaskRecord::stateName(t.state), -10)
                       .arg(t.signal() ? QStringLiteral("-%1").arg(t.signal()) : QString::number(t.exitValue()), 5)
                       .arg(timeText(t.startMs), -19).arg(double(t.durationNs) / 1e9, 9, 'f', 3).arg(t.name);
        }
        return 0;
    }

    if (parser.isSet(failedOption)) {
        TaskQuery query;
        query.states = {TaskRecord::State::Failed, TaskRecord::State::TimedOut, TaskRecord::State::Cancelled};
        const QList<TaskRecord> tasks = allTasks(store, query, limit);
        if (json) {
            QJsonArray array;
            for (const TaskRecord &t : tasks)
                array.append(toJson(t));
            out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5\n").arg(tr("BATCH"), 6).arg(tr("SEQ"), 6).arg(tr("STATE"), -10).arg(tr("EXIT"), 5).arg(tr("COMMAND"));
        for (const TaskRecord &t : tasks) {
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(t.batchId, 6).arg(t.seq, 6).arg(TaskRecord::stateName(t.state), -10)
                       .arg(t.signal() ? QStringLiteral("-%1").arg(t.signal()) : QString::number(t.exitValue()), 5).arg(t.name);
        }
        return 0;
    }

    const QList<BatchRecord> batches = store.batches(int(std::min<qint64>(limit, 1000000)));
    if (json) {
        QJsonArray array;
        for (const BatchRecord &b : batches)
            array.append(toJson(b));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(tr("ID"), 6).arg(tr("CREATED"), -19).arg(tr("STATE"), -8).arg(tr("TOTAL"), 7).arg(tr("OK"), 7)
               .arg(tr("FAILED"), 7).arg(tr("COMMAND"));
    for (const BatchRecord &b : batches) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(b.id, 6).arg(timeText(b.createdMs), -19)
                   .arg(b.isFinished() ? tr("done") : tr("running"), -8)
                   .arg(b.total, 7).arg(b.ok, 7).arg(b.failed, 7).arg(b.title);
    }
    return 0;
}

} // namespace qmp
