#pragma once
// `qmp ipc ls [--dir DIR] [--json]` lists libqmp's IPC objects (kind, owner pid, whether the
// owner lives, attachments, size, state, key); `qmp ipc gc [--dir DIR] [--dry-run]` removes
// those nobody is attached to whose owner is gone (SharedSegment::collectGarbage). DIR
// defaults to $TMPDIR or /tmp, where programs make their keys.

#include "cliapplication.h"

namespace qmp {

class IpcSubcommand : public CliSubcommand
{
public:
    QString name() const override { return QStringLiteral("ipc"); }
    QString summary() const override { return QStringLiteral("list (ls) and reclaim (gc) IPC objects left by libqmp programs"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

} // namespace qmp
