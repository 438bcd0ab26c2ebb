#pragma once
// `qmp run`: GNU parallel's command line on a qmp::Pool (see RunOptions for the syntax and
// RunSession for what a run does). Exit status as parallel's: 0 all succeeded, 1-100 failed
// jobs, 101 more than 100, 255 bad usage, unreadable input or a history that cannot be
// written (nothing runs then), 128+N stopped by signal N.
// The run is recorded in the history: --history FILE, else $QMP_HISTORY, else
// HistoryStore::defaultPath(); --no-history records nothing.

#include "cliapplication.h"

namespace qmp {

class RunSubcommand : public CliSubcommand
{
public:
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

    // --history FILE, else $QMP_HISTORY, else the default; shared with `qmp history`.
    static QString historyPath(const QString &option);
};

} // namespace qmp
