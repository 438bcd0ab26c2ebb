#pragma once
// ServicePaths: where the per-user QMP service (`qmp service`) keeps its socket, its lock and its
// state. Runtime: $XDG_RUNTIME_DIR/qmp/ (else /tmp/qmp-$UID/), a 0700 directory of this user
// holding service.sock and service.lock. State: $XDG_STATE_HOME/qmp/service/ (else
// ~/.local/state/qmp/service/) holding the queue (state.cbor), each job's output (jobs/ID.out,
// jobs/ID.err) and the service's own messages (service.log).
// For tests only: $QMP_SERVICE_RUNTIME_DIR and $QMP_SERVICE_STATE_DIR replace both directories.

#include "qmpmonitor_export.h"
#include <QString>

namespace qmp {

struct QMP_MONITOR_EXPORT ServicePaths
{
    QString runtimeDir;
    QString stateDir;

    static ServicePaths fromEnvironment();

    QString socketPath() const { return runtimeDir + QStringLiteral("/service.sock"); }
    QString lockPath() const { return runtimeDir + QStringLiteral("/service.lock"); }
    QString statePath() const { return stateDir + QStringLiteral("/state.cbor"); }
    QString logPath() const { return stateDir + QStringLiteral("/service.log"); }
    QString outputPath(qint64 job, bool standardError) const;

    // Creates the runtime directory (0700) when missing and checks that it is this user's and
    // closed to others; false with a sentence in *error otherwise.
    bool prepareRuntimeDir(QString *error) const;
    // Creates the state directory and its jobs/ subdirectory; false with a sentence otherwise.
    bool prepareStateDir(QString *error) const;
};

} // namespace qmp
