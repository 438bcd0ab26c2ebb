#pragma once
// LauncherInputs: where the job launcher's inputs come from besides a list — the non-empty lines
// of a text file, a numeric range — with at most kMaxInputs of them and errors said in a
// sentence. Pure functions, any thread.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

class LauncherInputs
{
    Q_DECLARE_TR_FUNCTIONS(qmp::LauncherInputs)
public:
    static constexpr qsizetype kMaxInputs = 1'000'000;

    // The non-empty lines of the text file at path (without their line ends); nullopt and *error
    // set when it cannot be read or has more than kMaxInputs lines.
    static std::optional<QStringList> linesOf(const QString &path, QString *error);
    // from..to (inclusive) by step; nullopt and *error set when step never gets there or the
    // range has more than kMaxInputs values.
    static std::optional<QStringList> range(qint64 from, qint64 to, qint64 step, QString *error);
};

} // namespace qmp
