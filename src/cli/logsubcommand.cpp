#include "logsubcommand.h"

#include "historystore.h"
#include "historysubcommand.h"
#include "rawoutput.h"
#include "runsubcommand.h"
#include "serviceclient.h"

#include <QCborMap>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace qmp {

namespace {

QString usageText()
{
    return LogSubcommand::tr("usage: qmp log BATCH[:SEQ] [--json] [--history FILE]\n"
                             "  BATCH        every ended job of the batch, each with a header line\n"
                             "  BATCH:SEQ    one job: its stdout on stdout, its stderr on stderr\n"
                             "  --json       the jobs and their output as JSON\n"
                             "  --history F  the history file (default: $QMP_HISTORY, else the user's history)\n"
                             "  (the history keeps the last 4 KiB of each stream of a job)\n");
}

// "(the last 4096 of 12345 bytes of its stdout)" when the history kept only the end.
QString cutNote(qint64 seq, const char *stream, qint64 written, qsizetype kept)
{
    if (written <= kept)
        return QString();
    return LogSubcommand::tr("job %1: only the last %2 of the %3 bytes it wrote on %4 are kept")
        .arg(seq).arg(kept).arg(written).arg(QLatin1String(stream));
}

} // namespace

QString LogSubcommand::summary() const
{
    return tr("show what a past (or running) batch's jobs wrote: qmp log BATCH[:SEQ]");
}

int LogSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    bool json = false;
    QString historyOption;
    QString target;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QStringLiteral("-h") || arg == QStringLiteral("--help")) {
            out << usageText();
            return 0;
        }
        if (arg == QStringLiteral("--json")) {
            json = true;
        } else if (arg == QStringLiteral("--history") && i + 1 < arguments.size()) {
            historyOption = arguments.at(++i);
        } else if (arg.startsWith(QStringLiteral("--history="))) {
            historyOption = arg.mid(10);
        } else if (target.isEmpty() && !arg.startsWith(QLatin1Char('-'))) {
            target = arg;
        } else {
            err << "qmp log: " << tr("unexpected argument %1").arg(arg) << '\n' << usageText();
            return 2;
        }
    }
    // A job of the QMP service (its id is its batch): all of its output, also while it runs.
    if (!json && historyOption.isEmpty() && target.toLongLong() > 0 && QString::number(target.toLongLong()) == target) {
        ServiceClient client;
        QString error;
        if (client.connect(false, &error)) {
            const std::optional<QCborMap> answer = client.request(
                QCborMap{{QStringLiteral("op"), QStringLiteral("log")}, {QStringLiteral("id"), target.toLongLong()}}, &error);
            if (answer && answer->value(QStringLiteral("ok")).toBool()) {
                out.flush();
                err.flush();
                RawOutput::writeAll(1, answer->value(QStringLiteral("stdout")).toByteArray());
                RawOutput::writeAll(2, answer->value(QStringLiteral("stderr")).toByteArray());
                return 0;
            }
        }
    }
    bool batchOk = false;
    bool seqOk = true;
    const qint64 batchId = target.section(QLatin1Char(':'), 0, 0).toLongLong(&batchOk);
    const bool oneJob = target.contains(QLatin1Char(':'));
    const qint64 seq = oneJob ? target.section(QLatin1Char(':'), 1).toLongLong(&seqOk) : 0;
    if (!batchOk || batchId < 1 || !seqOk || (oneJob && seq < 1)) {
        err << "qmp log: " << (target.isEmpty() ? tr("say which batch: qmp log BATCH[:SEQ]")
                                                : tr("'%1' is not BATCH or BATCH:SEQ (numbers from 1)").arg(target))
            << '\n' << usageText();
        return 2;
    }

    const QString path = RunSubcommand::historyPath(historyOption);
    if (!QFileInfo::exists(path)) {
        err << "qmp log: " << tr("no history yet at %1").arg(path) << '\n';
        return 1;
    }
    HistoryStore store(path);
    const std::optional<BatchRecord> batch = store.batch(batchId);
    if (!batch) {
        err << "qmp log: " << tr("no batch %1 in %2 (see qmp history)").arg(batchId).arg(path) << '\n';
        return 1;
    }
    TaskQuery query;
    query.batchId = batchId;
    QList<TaskRecord> tasks;
    for (;;) { // every ended job, in the order they ended
        const QList<TaskRecord> page = store.tasks(query, 5000);
        tasks += page;
        if (page.size() < 5000)
            break;
        query.afterId = page.last().id;
    }
    std::stable_sort(tasks.begin(), tasks.end(), [](const TaskRecord &a, const TaskRecord &b) { return a.seq < b.seq; });
    if (oneJob) {
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(), [seq](const TaskRecord &t) { return t.seq != seq; }),
                    tasks.end());
        if (tasks.isEmpty()) {
            err << "qmp log: " << (batch->isFinished() ? tr("batch %1 has no job %2").arg(batchId).arg(seq)
                                                       : tr("job %1 of batch %2 has not ended yet").arg(seq).arg(batchId))
                << '\n';
            return 1;
        }
    }

    if (json) {
        QJsonArray array;
        for (const TaskRecord &t : std::as_const(tasks)) {
            QJsonObject job = HistorySubcommand::jobJson(t);
            job.insert(QStringLiteral("stdout"), QString::fromUtf8(t.stdoutTail));
            job.insert(QStringLiteral("stderr"), QString::fromUtf8(t.stderrTail));
            job.insert(QStringLiteral("stdoutBytes"), t.stdoutBytes);
            job.insert(QStringLiteral("stderrBytes"), t.stderrBytes);
            array.append(job);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    out.flush();
    err.flush();
    if (oneJob) { // as the job wrote it: scripts can pipe it on
        for (const TaskRecord &t : std::as_const(tasks)) {
            RawOutput::writeAll(STDOUT_FILENO, t.stdoutTail);
            RawOutput::writeAll(STDERR_FILENO, t.stderrTail);
            for (const QString &note : {cutNote(t.seq, "stdout", t.stdoutBytes, t.stdoutTail.size()),
                                        cutNote(t.seq, "stderr", t.stderrBytes, t.stderrTail.size())}) {
                if (!note.isEmpty())
                    RawOutput::writeAll(STDERR_FILENO, (QStringLiteral("qmp log: ") + note + QLatin1Char('\n')).toUtf8());
            }
        }
        return 0;
    }
    for (const TaskRecord &t : std::as_const(tasks)) {
        const QString state = HistorySubcommand::stateText(t.state);
        if (t.started())
            out << tr("--- job %1 (%2, exit %3, %4 s): %5")
                       .arg(t.seq)
                       .arg(state, HistorySubcommand::exitText(t))
                       .arg(QString::number(double(t.durationNs) / 1e9, 'f', 3), t.name)
                << '\n';
        else
            out << tr("--- job %1 (%2, never started): %3").arg(t.seq).arg(state, t.name) << '\n';
        out.flush();
        RawOutput::writeAll(STDOUT_FILENO, t.stdoutTail);
        if (!t.stderrTail.isEmpty()) {
            out << tr("--- stderr of job %1:").arg(t.seq) << '\n';
            out.flush();
            RawOutput::writeAll(STDOUT_FILENO, t.stderrTail);
        }
        for (const QString &note : {cutNote(t.seq, "stdout", t.stdoutBytes, t.stdoutTail.size()),
                                    cutNote(t.seq, "stderr", t.stderrBytes, t.stderrTail.size())}) {
            if (!note.isEmpty())
                err << "qmp log: " << note << '\n';
        }
    }
    if (!batch->isFinished())
        out << tr("(batch %1 has not finished: %2 of its %3 jobs have ended)").arg(batchId).arg(tasks.size()).arg(batch->total)
            << '\n';
    return 0;
}

} // namespace qmp
