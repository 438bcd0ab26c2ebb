#pragma once
// ReasonText: why a task failed or a worker ended, in a sentence for people — from the structured
// reason the engine sends (PoolEvent::Reason + its values), translated (context
// "qmp::ReasonText"): "timed out after 2 s", "its worker was killed by signal 9 (SIGKILL)",
// "cancelled before it started", "lost: the program exited". The engine's English message is the
// fallback for reasons this version does not know. Stateless; any thread.

#include "qmpmodels_export.h"
#include "poolevent.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QString>

namespace qmp {

class QMP_MODELS_EXPORT ReasonText
{
    Q_DECLARE_TR_FUNCTIONS(qmp::ReasonText)
public:
    // fallback: the engine's message, used for Reason::None (and as the task's own error text).
    static QString describe(PoolEvent::Reason reason, const QCborArray &args, const QString &fallback = {});
    // How a process ended: "exited with code 3", "was killed by signal 9 (SIGKILL)".
    static QString exit(int exitCode);
};

} // namespace qmp
