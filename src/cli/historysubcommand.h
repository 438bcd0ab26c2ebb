#pragma once
// `qmp history`: what past `qmp run`s (and other recorded pools) did, from the HistoryStore.
//   qmp history [--limit N] [--json]                  the newest batches
//   qmp history --batch ID [--failed] [--json]        one batch's jobs
//   qmp history --failed [--limit N] [--json]         failed jobs of every batch
//   qmp history --joblog ID                           a batch as a GNU parallel joblog
// The history file: --history FILE, else $QMP_HISTORY, else HistoryStore::defaultPath().
// Exit status: 0, 1 when the batch does not exist, 2 for bad usage.

#include "cliapplication.h"
#include "taskrecord.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace qmp {

class HistorySubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::HistorySubcommand)

public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
    // "finished", "failed", "timed out", "cancelled", "lost", in the user's language.
    static QString stateText(TaskRecord::State state);
    // Its exit value, "-N" when killed by signal N, "-" when it never started.
    static QString exitText(const TaskRecord &task);
    // What --json says of every job, in qmp history and qmp log alike: batch, seq, command, state,
    // exitCode and signal (both null when it never started).
    static QJsonObject jobJson(const TaskRecord &task);
};

} // namespace qmp
