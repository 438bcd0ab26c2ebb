#pragma once
// StateText: the words the studio and the CLI show for the monitor layer's states — a pool's
// lifecycle, a task's state, a worker's state — translated (context "qmp::StateText").
// Stateless; any thread (the translation is the one installed when called).

#include "qmpmodels_export.h"
#include "poolstate.h"
#include "taskstate.h"
#include "workerstate.h"

#include <QCoreApplication>
#include <QString>

namespace qmp {

class QMP_MODELS_EXPORT StateText
{
    Q_DECLARE_TR_FUNCTIONS(qmp::StateText)
public:
    static QString lifecycle(PoolState::Lifecycle lifecycle); // "running", "paused", ...
    static QString task(TaskState::State state);               // "queued", "running", ...
    static QString worker(WorkerState::State state);           // "idle", "busy", "exited"
};

} // namespace qmp
