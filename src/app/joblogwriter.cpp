#include "joblogwriter.h"

#include <QSaveFile>
#include <QStringList>

namespace qmp {

QString JoblogWriter::format(const QList<TaskRecord> &tasks)
{
    QString text = QStringLiteral("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n");
    for (const TaskRecord &t : tasks) {
        QString command = t.name;
        command.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        const QStringList fields{QString::number(t.seq),
                                 t.host.isEmpty() ? QStringLiteral(":") : t.host,
                                 QString::number(double(t.startMs) / 1000.0, 'f', 3),
                                 QString::number(double(t.durationNs) / 1e9, 'f', 3),
                                 QString::number(t.inputBytes),
                                 QString::number(t.stdoutBytes),
                                 QString::number(t.exitValue()),
                                 QString::number(t.signal()),
                                 command};
        text += fields.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return text;
}

bool JoblogWriter::write(const QString &path, const QList<TaskRecord> &tasks, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write the joblog %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(format(tasks).toUtf8());
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write the joblog %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace qmp
