#include "launcherinputs.h"

#include <QFile>

namespace qmp {

std::optional<QStringList> LauncherInputs::linesOf(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot read the input file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QStringList lines;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (lines.size() >= kMaxInputs) {
            if (error)
                *error = tr("The input file %1 has more than %2 lines").arg(path).arg(kMaxInputs);
            return std::nullopt;
        }
        lines.append(line);
    }
    return lines;
}

std::optional<QStringList> LauncherInputs::range(qint64 from, qint64 to, qint64 step, QString *error)
{
    if (step == 0 || (to >= from) != (step > 0)) {
        if (error)
            *error = tr("The step %1 never gets from %2 to %3").arg(step).arg(from).arg(to);
        return std::nullopt;
    }
    const qint64 count = (to - from) / step + 1;
    if (count > kMaxInputs) {
        if (error)
            *error = tr("The range gives %1 inputs; at most %2 are allowed").arg(count).arg(kMaxInputs);
        return std::nullopt;
    }
    QStringList values;
    values.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        values.append(QString::number(from + i * step));
    return values;
}

} // namespace qmp
