#include "historysubcommand.h"

#include "historystore.h"
#include "joblog.h"
#include "runsubcommand.h"
#include "textcolumns.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qmp {

namespace {

QString timeText(qint64 ms)
{
    return ms == 0 ? QStringLiteral("-") : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
}

// "finished", "running", or "interrupted" (not finished, and the program running it is gone).
QString batchStateName(const BatchRecord &b)
{
    return b.isFinished() ? QStringLiteral("finished") : b.isInterrupted() ? QStringLiteral("interrupted") : QStringLiteral("running");
}

QString batchStateText(const BatchRecord &b)
{
    return b.isFinished() ? HistorySubcommand::tr("done")
        : b.isInterrupted() ? HistorySubcommand::tr("interrupted", "batch: its program ended before it did")
                            : HistorySubcommand::tr("running");
}

} // namespace

QString HistorySubcommand::exitText(const TaskRecord &t)
{
    if (!t.started())
        return QStringLiteral("-");
    return t.signal() ? QStringLiteral("-%1").arg(t.signal()) : QString::number(t.exitValue());
}

QJsonObject HistorySubcommand::jobJson(const TaskRecord &t)
{
    return {{QStringLiteral("batch"), t.batchId},
            {QStringLiteral("seq"), t.seq},
            {QStringLiteral("command"), t.name},
            {QStringLiteral("state"), TaskRecord::stateName(t.state)},
            {QStringLiteral("exitCode"), t.started() ? QJsonValue(t.exitValue()) : QJsonValue()},
            {QStringLiteral("signal"), t.started() ? QJsonValue(t.signal()) : QJsonValue()}};
}

QString HistorySubcommand::stateText(TaskRecord::State state)
{
    switch (state) {
    case TaskRecord::State::Finished: return HistorySubcommand::tr("finished", "job state");
    case TaskRecord::State::Failed: return HistorySubcommand::tr("failed", "job state");
    case TaskRecord::State::TimedOut: return HistorySubcommand::tr("timed out", "job state");
    case TaskRecord::State::Cancelled: return HistorySubcommand::tr("cancelled", "job state");
    case TaskRecord::State::Lost: return HistorySubcommand::tr("lost", "job state");
    }
    return QString();
}

namespace {

QString secondsText(const TaskRecord &t)
{
    return t.started() ? QString::number(double(t.durationNs) / 1e9, 'f', 3) : QStringLiteral("-");
}

QJsonValue msOrNull(qint64 ms)
{
    return ms == 0 ? QJsonValue() : QJsonValue(double(ms) / 1000.0);
}

QJsonObject toJson(const BatchRecord &b)
{
    return {{QStringLiteral("id"), b.id},           {QStringLiteral("pool"), b.pool},
            {QStringLiteral("title"), b.title},     {QStringLiteral("created"), double(b.createdMs) / 1000.0},
            {QStringLiteral("started"), msOrNull(b.startedMs)},
            {QStringLiteral("finished"), msOrNull(b.finishedMs)},
            {QStringLiteral("state"), batchStateName(b)},
            {QStringLiteral("total"), b.total},     {QStringLiteral("ok"), b.ok},
            {QStringLiteral("failed"), b.failed},   {QStringLiteral("cancelled"), b.cancelled},
            {QStringLiteral("ownerPid"), b.ownerPid}};
}

QJsonObject toJson(const TaskRecord &t)
{
    QJsonObject job = HistorySubcommand::jobJson(t);
    const QJsonObject more{
            {QStringLiteral("pid"), t.workerPid},
            {QStringLiteral("queued"), msOrNull(t.queuedMs)},
            {QStringLiteral("start"), msOrNull(t.startMs)},
            {QStringLiteral("end"), msOrNull(t.endMs)},
            {QStringLiteral("runtime"), t.started() ? QJsonValue(double(t.durationNs) / 1e9) : QJsonValue()},
            {QStringLiteral("arguments"), t.arguments},
            {QStringLiteral("result"), t.result},
            {QStringLiteral("attempts"), t.attempts},
            {QStringLiteral("message"), t.message},
            {QStringLiteral("stdoutBytes"), t.stdoutBytes},
            {QStringLiteral("stderrBytes"), t.stderrBytes},
            {QStringLiteral("stdoutTail"), QString::fromUtf8(t.stdoutTail)},
            {QStringLiteral("stderrTail"), QString::fromUtf8(t.stderrTail)}};
    for (auto it = more.begin(); it != more.end(); ++it)
        job.insert(it.key(), it.value());
    return job;
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
    return HistorySubcommand::tr("usage: qmp history [--history FILE] [--json] [--limit N] [--batch ID] [--failed] [--joblog ID]\n"
              "  (no option)       the newest batches (default limit 20)\n"
              "  --batch ID        the jobs of batch ID\n"
              "  --failed          only failed, timed-out, cancelled or lost jobs (of every batch without --batch)\n"
              "  --joblog ID       batch ID as a GNU parallel joblog (for parallel --resume / qmp run --resume)\n"
              "  --limit N         at most N batches or jobs\n"
              "  --json            JSON: an array of batches, or of jobs\n"
              "  --history FILE    the history file (default: $QMP_HISTORY, else the user's history)\n");
}

} // namespace

QString HistorySubcommand::summary() const
{
    return HistorySubcommand::tr("list past runs and their jobs; export a run as a joblog");
}

int HistorySubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), HistorySubcommand::tr("JSON output."));
    const QCommandLineOption batchOption(QStringLiteral("batch"), HistorySubcommand::tr("A batch's jobs."), QStringLiteral("ID"));
    const QCommandLineOption failedOption(QStringLiteral("failed"), HistorySubcommand::tr("Failed jobs only."));
    const QCommandLineOption limitOption(QStringLiteral("limit"), HistorySubcommand::tr("At most N rows."), QStringLiteral("N"));
    const QCommandLineOption joblogOption(QStringLiteral("joblog"), HistorySubcommand::tr("Export a batch as a joblog."), QStringLiteral("ID"));
    const QCommandLineOption historyOption(QStringLiteral("history"), HistorySubcommand::tr("The history file."), QStringLiteral("FILE"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, HistorySubcommand::tr("This help."));
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
        err << "qmp history: " << HistorySubcommand::tr("unexpected argument %1").arg(parser.positionalArguments().first()) << '\n' << usageText();
        return 2;
    }
    auto idOf = [&](const QCommandLineOption &option, qint64 *id) {
        bool ok = false;
        *id = parser.value(option).toLongLong(&ok);
        if (!ok || *id < 1) {
            err << "qmp history: " << HistorySubcommand::tr("--%1 needs a batch id (a number >= 1), got '%2'").arg(option.names().first(), parser.value(option))
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
            err << "qmp history: " << HistorySubcommand::tr("--limit needs a number >= 1, got '%1'").arg(parser.value(limitOption)) << '\n';
            return 2;
        }
    }
    const bool json = parser.isSet(jsonOption);

    const QString path = RunSubcommand::historyPath(parser.value(historyOption));
    if (!QFileInfo::exists(path)) {
        if (json)
            out << "[]\n";
        else
            err << "qmp history: " << HistorySubcommand::tr("no history yet at %1").arg(path) << '\n';
        return parser.isSet(batchOption) || parser.isSet(joblogOption) ? 1 : 0;
    }
    HistoryStore store(path, HistoryStore::Mode::ReadOnly);
    if (!store.isOpen()) {
        err << "qmp history: " << store.errorString() << '\n';
        return 1;
    }

    if (parser.isSet(joblogOption) || parser.isSet(batchOption)) {
        qint64 id = 0;
        if (!idOf(parser.isSet(joblogOption) ? joblogOption : batchOption, &id))
            return 2;
        if (!store.batch(id)) {
            err << "qmp history: " << HistorySubcommand::tr("no batch %1 in %2 (see qmp history)").arg(id).arg(path) << '\n';
            return 1;
        }
        TaskQuery query;
        query.batchId = id;
        if (parser.isSet(failedOption))
            query.states = {TaskRecord::State::Failed, TaskRecord::State::TimedOut, TaskRecord::State::Cancelled,
                            TaskRecord::State::Lost};
        const QList<TaskRecord> tasks = allTasks(store, query, limit);
        if (parser.isSet(joblogOption)) {
            out << JobLog::header() << '\n';
            for (const TaskRecord &t : tasks) {
                if (t.started()) // parallel logs only jobs that ran: --resume runs the others
                    out << JobLog::format(JobLog::fromTask(t)) << '\n';
            }
            return 0;
        }
        if (json) {
            QJsonArray array;
            for (const TaskRecord &t : tasks)
                array.append(toJson(t));
            out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        const auto row = [](const QString &seq, const QString &state, const QString &exit, const QString &start,
                            const QString &seconds, const QString &command) {
            return TextColumns::right(seq, 6) + QLatin1Char(' ') + TextColumns::left(state, 10) + QLatin1Char(' ')
                + TextColumns::right(exit, 5) + QLatin1Char(' ') + TextColumns::left(start, 19) + QLatin1Char(' ')
                + TextColumns::right(seconds, 9) + QLatin1Char(' ') + command + QLatin1Char('\n');
        };
        out << row(HistorySubcommand::tr("SEQ"), HistorySubcommand::tr("STATE"), HistorySubcommand::tr("EXIT"),
                   HistorySubcommand::tr("START"), HistorySubcommand::tr("SECONDS"), HistorySubcommand::tr("COMMAND"));
        for (const TaskRecord &t : tasks) {
            out << row(QString::number(t.seq), HistorySubcommand::stateText(t.state), HistorySubcommand::exitText(t), timeText(t.startMs), secondsText(t),
                       t.kind == TaskRecord::Kind::Task ? t.name + t.arguments : t.name);
        }
        // A run still going: the jobs above are those that ended; say where the others are.
        const BatchRecord batch = *store.batch(id);
        if (!batch.isFinished()) {
            // The batch's counts are written every 500 ms, its jobs as they end: take the larger.
            qint64 ended = batch.ok + batch.failed + batch.cancelled;
            if (!parser.isSet(failedOption) && tasks.size() < limit)
                ended = std::max<qint64>(ended, tasks.size());
            if (batch.isInterrupted())
                out << HistorySubcommand::tr("Batch %1 was interrupted: its program (pid %2) ended after %3 of its %4 jobs.")
                           .arg(id).arg(batch.ownerPid).arg(ended).arg(batch.total)
                    << '\n';
            else
                out << HistorySubcommand::tr("Batch %1 is running (pid %2): %3 of its %4 jobs have ended; `qmp ps %2` "
                                             "shows the others live.")
                           .arg(id).arg(batch.ownerPid).arg(ended).arg(batch.total)
                    << '\n';
        }
        return 0;
    }

    if (parser.isSet(failedOption)) {
        TaskQuery query;
        query.states = {TaskRecord::State::Failed, TaskRecord::State::TimedOut, TaskRecord::State::Cancelled,
                        TaskRecord::State::Lost};
        const QList<TaskRecord> tasks = allTasks(store, query, limit);
        if (json) {
            QJsonArray array;
            for (const TaskRecord &t : tasks)
                array.append(toJson(t));
            out << QJsonDocument(array).toJson(QJsonDocument::Indented);
            return 0;
        }
        const auto row = [](const QString &batch, const QString &seq, const QString &state, const QString &exit,
                            const QString &command) {
            return TextColumns::right(batch, 6) + QLatin1Char(' ') + TextColumns::right(seq, 6) + QLatin1Char(' ')
                + TextColumns::left(state, 10) + QLatin1Char(' ') + TextColumns::right(exit, 5) + QLatin1Char(' ')
                + command + QLatin1Char('\n');
        };
        out << row(HistorySubcommand::tr("BATCH"), HistorySubcommand::tr("SEQ"), HistorySubcommand::tr("STATE"),
                   HistorySubcommand::tr("EXIT"), HistorySubcommand::tr("COMMAND"));
        for (const TaskRecord &t : tasks)
            out << row(QString::number(t.batchId), QString::number(t.seq), HistorySubcommand::stateText(t.state), HistorySubcommand::exitText(t), t.name);
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
    const auto row = [](const QStringList &cells) {
        return TextColumns::right(cells.at(0), 6) + QLatin1Char(' ') + TextColumns::left(cells.at(1), 19) + QLatin1Char(' ')
            + TextColumns::left(cells.at(2), 11) + QLatin1Char(' ') + TextColumns::right(cells.at(3), 9) + QLatin1Char(' ')
            + TextColumns::right(cells.at(4), 7) + QLatin1Char(' ') + TextColumns::right(cells.at(5), 7) + QLatin1Char(' ')
            + TextColumns::right(cells.at(6), 7) + QLatin1Char(' ') + TextColumns::right(cells.at(7), 9) + QLatin1Char(' ')
            + cells.at(8) + QLatin1Char('\n');
    };
    out << row({HistorySubcommand::tr("ID"), HistorySubcommand::tr("CREATED"), HistorySubcommand::tr("STATE"),
                HistorySubcommand::tr("DURATION"), HistorySubcommand::tr("TOTAL"), HistorySubcommand::tr("OK"),
                HistorySubcommand::tr("FAILED"), HistorySubcommand::tr("CANCELLED"), HistorySubcommand::tr("COMMAND")});
    for (const BatchRecord &b : batches) {
        const qint64 end = b.isFinished() ? b.finishedMs : b.isInterrupted() ? 0 : QDateTime::currentMSecsSinceEpoch();
        const QString duration = end && b.createdMs ? QString::number(double(end - b.createdMs) / 1000.0, 'f', 1)
                                                    : QStringLiteral("-");
        out << row({QString::number(b.id), timeText(b.createdMs), batchStateText(b), duration, QString::number(b.total),
                    QString::number(b.ok), QString::number(b.failed), QString::number(b.cancelled), b.title});
    }
    return 0;
}

} // namespace qmp
