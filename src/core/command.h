#pragma once
// Command: an external program to run as a process, the way GNU parallel runs a job.
// Program and arguments are text; bytes that are not UTF-8 (file names in a legacy encoding, a
// line of Latin-1 input) travel as SurrogateEscape text and reach the program as those bytes.

#include "qmpcore_export.h"
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace qmp {

struct QMP_CORE_EXPORT Command
{
    QString program;       // a path, or a name looked up in PATH
    QStringList arguments;
    QString workingDirectory;           // empty: the parent's
    QProcessEnvironment environment{};  // empty: the parent's

    // How a shell would spell it: program and arguments, each quoted when it needs to be.
    QString displayLine() const
    {
        QStringList words{quoted(program)};
        for (const QString &argument : arguments)
            words.append(quoted(argument));
        return words.join(QLatin1Char(' '));
    }

private:
    static QString quoted(const QString &word)
    {
        static const QString plain = QStringLiteral("_-+=.,/:@%^");
        bool safe = !word.isEmpty();
        for (QChar c : word)
            safe = safe && (c.isLetterOrNumber() || plain.contains(c));
        if (safe)
            return word;
        QString escaped = word;
        escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
        return QLatin1Char('\'') + escaped + QLatin1Char('\'');
    }
};

} // namespace qmp
