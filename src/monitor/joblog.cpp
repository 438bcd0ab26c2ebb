#include "joblog.h"

#include "surrogateescape.h"

#include <QCoreApplication>

#include <cmath>

namespace qmp {

QString JobLog::header()
{
    return QStringLiteral("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand");
}

QString JobLog::format(const Entry &e)
{
    QString command = e.command;
    command.replace(QLatin1Char('\n'), QChar(0));
    // One arg() call: chained ones would replace a "%0" or "%2" inside the host with the next field.
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8\t%9")
        .arg(QString::number(e.seq), e.host.isEmpty() ? QStringLiteral(":") : e.host,
             QString::asprintf("%.3f", double(e.startMs) / 1000.0), QString::asprintf("%10.3f", double(e.runtimeMs) / 1000.0),
             QString::number(e.send), QString::number(e.receive), QString::number(e.exitValue), QString::number(e.signal),
             command);
}

namespace {

constexpr double kMaxSeconds = 1e12; // a Starttime or JobRuntime beyond this is not a time

// One joblog line (not the header); nullopt and *why when it is not one.
std::optional<JobLog::Entry> parseLine(const QString &line, QString *why)
{
    const QStringList f = line.split(QLatin1Char('\t'));
    if (f.size() < 9) {
        *why = QCoreApplication::translate("JobLog", "%1 fields, expected 9").arg(f.size());
        return std::nullopt;
    }
    JobLog::Entry e;
    bool ok[7];
    e.seq = f.at(0).toLongLong(&ok[0]);
    e.host = f.at(1);
    const double start = f.at(2).trimmed().toDouble(&ok[1]);
    const double runtime = f.at(3).trimmed().toDouble(&ok[2]);
    e.send = f.at(4).toLongLong(&ok[3]);
    e.receive = f.at(5).toLongLong(&ok[4]);
    e.exitValue = f.at(6).toInt(&ok[5]);
    e.signal = f.at(7).toInt(&ok[6]);
    for (bool b : ok) {
        if (!b) {
            *why = QCoreApplication::translate("JobLog", "a number field is not a number");
            return std::nullopt;
        }
    }
    if (!(std::abs(start) <= kMaxSeconds && std::abs(runtime) <= kMaxSeconds)) {
        *why = QCoreApplication::translate("JobLog", "a number field is out of range");
        return std::nullopt;
    }
    if (e.seq < 1) {
        *why = QCoreApplication::translate("JobLog", "Seq must be 1 or more");
        return std::nullopt;
    }
    e.startMs = qRound64(start * 1000.0);
    e.runtimeMs = qRound64(runtime * 1000.0);
    e.command = f.mid(8).join(QLatin1Char('\t'));
    e.command.replace(QChar(0), QLatin1Char('\n'));
    return e;
}

} // namespace

std::optional<QList<JobLog::Entry>> JobLog::parse(const QByteArray &text, QString *error)
{
    QList<Entry> entries;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = SurrogateEscape::decode(lines.at(n));
        if (line.isEmpty() || (n == 0 && line.startsWith(QLatin1String("Seq\t"))))
            continue;
        QString why;
        const std::optional<Entry> entry = parseLine(line, &why);
        if (entry) {
            entries.append(*entry);
            continue;
        }
        // The last line without its newline was cut off while being written (a killed run):
        // ignore it, as if its job had not finished.
        if (n == lines.size() - 1)
            break;
        if (error)
            *error = QCoreApplication::translate("JobLog", "line %1 is not a joblog line (%2): %3").arg(n + 1).arg(why, line);
        return std::nullopt;
    }
    return entries;
}

std::optional<QList<JobLog::Entry>> JobLog::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return QList<Entry>{};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("JobLog", "cannot read joblog %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString why;
    auto entries = parse(file.readAll(), &why);
    if (!entries && error)
        *error = QCoreApplication::translate("JobLog", "joblog %1: %2").arg(path, why);
    return entries;
}

JobLog::Entry JobLog::fromTask(const TaskRecord &task)
{
    Entry e;
    e.seq = task.seq;
    e.host = task.host.isEmpty() ? QStringLiteral(":") : task.host;
    e.startMs = task.startMs;
    e.runtimeMs = task.durationNs / 1000000;
    e.send = task.inputBytes;
    e.receive = task.stdoutBytes;
    e.exitValue = task.state == TaskRecord::State::TimedOut ? -1 : task.exitValue();
    e.signal = task.signal();
    e.command = task.name;
    return e;
}

bool JobLog::open(const QString &path, bool append)
{
    m_file.close();
    m_file.setFileName(path);
    // Unbuffered: a failed write fails write() at once and leaves nothing queued behind it.
    // Appending: O_APPEND (every line lands at the end), and readable to look at the last line.
    const QIODevice::OpenMode mode = append ? (QIODevice::ReadWrite | QIODevice::Append)
                                            : (QIODevice::WriteOnly | QIODevice::Truncate);
    auto failed = [this, &path] {
        m_error = QCoreApplication::translate("JobLog", "cannot write joblog %1: %2").arg(path, m_file.errorString());
        m_file.close();
        return false;
    };
    if (!m_file.open(mode | QIODevice::Unbuffered))
        return failed();
    if (append && !dropCutLine())
        return failed();
    if (m_file.size() == 0 && m_file.write(header().toLatin1() + '\n') < 0)
        return failed();
    return true;
}

bool JobLog::dropCutLine()
{
    // Positions the file at its end; a last line without its newline (cut off when a run was
    // killed) that is not a joblog line is removed, a whole one gets its newline.
    if (m_file.isSequential())
        return true; // a pipe or a device: nothing to look back at
    const qint64 size = m_file.size();
    if (!m_file.seek(size))
        return false;
    if (size == 0)
        return true;
    qint64 lineStart = size;
    QByteArray tail;
    while (lineStart > 0) {
        const qint64 from = std::max<qint64>(0, lineStart - 65536);
        if (!m_file.seek(from))
            return false;
        const QByteArray chunk = m_file.read(lineStart - from);
        if (chunk.size() != lineStart - from)
            return false;
        const qsizetype newline = chunk.lastIndexOf('\n');
        if (newline == chunk.size() - 1 && tail.isEmpty())
            return m_file.seek(size); // ends with a newline: nothing to do
        if (newline >= 0) {
            tail.prepend(chunk.mid(newline + 1));
            lineStart = from + newline + 1;
            break;
        }
        tail.prepend(chunk);
        lineStart = from;
    }
    QString why;
    const QString line = SurrogateEscape::decode(tail);
    const bool header = lineStart == 0 && line.startsWith(QLatin1String("Seq\t"));
    if (header || parseLine(line, &why)) {
        return m_file.seek(size) && m_file.write("\n", 1) == 1;
    }
    return m_file.resize(lineStart) && m_file.seek(lineStart);
}

bool JobLog::write(const Entry &entry)
{
    const QByteArray line = SurrogateEscape::encode(format(entry)) + '\n';
    if (m_file.write(line) != line.size()) {
        m_error = QCoreApplication::translate("JobLog", "cannot write joblog %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

} // namespace qmp
