#include "joblog.h"

#include <QCoreApplication>

namespace qmp {

QString JobLog::header()
{
    return QStringLiteral("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand");
}

QString JobLog::format(const Entry &e)
{
    QString command = e.command;
    command.replace(QLatin1Char('\n'), QChar(0));
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8\t%9")
        .arg(e.seq)
        .arg(e.host.isEmpty() ? QStringLiteral(":") : e.host)
        .arg(QString::asprintf("%.3f", double(e.startMs) / 1000.0))
        .arg(QString::asprintf("%10.3f", double(e.runtimeMs) / 1000.0))
        .arg(e.send)
        .arg(e.receive)
        .arg(e.exitValue)
        .arg(e.signal)
        .arg(command);
}

std::optional<QList<JobLog::Entry>> JobLog::parse(const QByteArray &text, QString *error)
{
    QList<Entry> entries;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = QString::fromUtf8(lines.at(n));
        if (line.isEmpty() || (n == 0 && line.startsWith(QLatin1String("Seq\t"))))
            continue;
        const QStringList f = line.split(QLatin1Char('\t'));
        auto bad = [&](const QString &why) {
            if (error)
                *error = QCoreApplication::translate("JobLog", "line %1 is not a joblog line (%2): %3").arg(n + 1).arg(why, line);
            return std::nullopt;
        };
        if (f.size() < 9)
            return bad(QCoreApplication::translate("JobLog", "%1 fields, expected 9").arg(f.size()));
        Entry e;
        bool ok[7];
        e.seq = f.at(0).toLongLong(&ok[0]);
        e.host = f.at(1);
        e.startMs = qRound64(f.at(2).trimmed().toDouble(&ok[1]) * 1000.0);
        e.runtimeMs = qRound64(f.at(3).trimmed().toDouble(&ok[2]) * 1000.0);
        e.send = f.at(4).toLongLong(&ok[3]);
        e.receive = f.at(5).toLongLong(&ok[4]);
        e.exitValue = f.at(6).toInt(&ok[5]);
        e.signal = f.at(7).toInt(&ok[6]);
        for (bool b : ok) {
            if (!b)
                return bad(QCoreApplication::translate("JobLog", "a number field is not a number"));
        }
        if (e.seq < 1)
            return bad(QCoreApplication::translate("JobLog", "Seq must be 1 or more"));
        e.command = f.mid(8).join(QLatin1Char('\t'));
        e.command.replace(QChar(0), QLatin1Char('\n'));
        entries.append(e);
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
    if (!m_file.open(append ? QIODevice::Append : (QIODevice::WriteOnly | QIODevice::Truncate))) {
        m_error = QCoreApplication::translate("JobLog", "cannot write joblog %1: %2").arg(path, m_file.errorString());
        return false;
    }
    if (m_file.size() == 0 && m_file.write((header() + QLatin1Char('\n')).toUtf8()) < 0) {
        m_error = QCoreApplication::translate("JobLog", "cannot write joblog %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_file.flush();
    return true;
}

bool JobLog::write(const Entry &entry)
{
    if (m_file.write((format(entry) + QLatin1Char('\n')).toUtf8()) < 0 || !m_file.flush()) {
        m_error = QCoreApplication::translate("JobLog", "cannot write joblog %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

} // namespace qmp
