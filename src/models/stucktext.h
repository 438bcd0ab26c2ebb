#pragma once
// StuckText: why the hub flagged a task or worker as stuck, in a sentence for people
// ("running for 2 min 05 s, past the 1 min limit"), translated (context "qmp::StuckText").
// Stateless; any thread.

#include "qmpmodels_export.h"
#include "stuckreason.h"

#include <QCoreApplication>
#include <QString>

namespace qmp {

class QMP_MODELS_EXPORT StuckText
{
    Q_DECLARE_TR_FUNCTIONS(qmp::StuckText)
public:
    // Empty for StuckReason::Kind::None.
    static QString describe(const StuckReason &reason);
};

} // namespace qmp
