#pragma once
// `qmp ipc ls [--dir DIR] [--json]` lists libqmp's IPC objects (kind, owner pid, whether the
// owner lives, attachments, size, state, key); `qmp ipc gc [--dir DIR] [--dry-run]` removes
// those nobody is attached to whose owner is gone (SharedSegment::collectGarbage). DIR
// defaults to $TMPDIR or /tmp, where programs make their keys.

#include "cliapplication.h"

#include <QCoreApplication>

namespace qmp {

class IpcSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::IpcSubcommand)
public:
    QString name() const override { return QStringLiteral("ipc"); }
    QString summary() const override { return tr("list (ls) and reclaim (gc) IPC objects left by libqmp programs"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

} // namespace qmp
