#pragma once
// `qmp ps`: the running programs that serve a monitor socket (libqmp programs started with
// QMP_MONITOR=1, qmp-studio), with their pools, workers and queue depths.
//   qmp ps [PID...] [--json] [--watch] [--interval SECONDS]
// Queues are listed under their program with their state, kind, depth, maxsize, unfinished tasks
// (joinable queues) and put rate (measured by --watch: a one-shot ps shows "-" / null for rates).
// It attaches to each program (MonitorClient), waits for its snapshot (at most 3 s), prints, and
// detaches; --watch stays attached and reprints every 2 s (--interval) until interrupted.
// Exit status: 0; 1 when a PID given does not serve a monitor socket; 2 for bad usage.

#include "cliapplication.h"

#include <QCoreApplication>

namespace qmp {

class PsSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::PsSubcommand)

public:
    QString name() const override { return QStringLiteral("ps"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

} // namespace qmp
