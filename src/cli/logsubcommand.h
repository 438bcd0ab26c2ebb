#pragma once
// `qmp log`: what jobs wrote, after the fact (pueue log's job for QMP) — from the history.
//   qmp log ID              a job of the QMP service (qmp submit): all its stdout and stderr, also
//                           while it runs (when the service is not running: from the history)
//   qmp log BATCH           every ended job of the batch: a header line, then its output
//   qmp log BATCH:SEQ       one job: its stdout on stdout, its stderr on stderr, as it wrote them
//   --json                  the jobs with their output, as JSON
//   --history FILE          the history file (default: $QMP_HISTORY, else the user's history)
// The history keeps the last TaskRecord::kTailBytes of each stream; when a job wrote more, qmp log
// says so on stderr. Exit status: 0; 1 when the batch or job is not in the history; 2 for bad usage.

#include "cliapplication.h"

#include <QCoreApplication>

namespace qmp {

class LogSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::LogSubcommand)

public:
    QString name() const override { return QStringLiteral("log"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

} // namespace qmp
