#pragma once
// SlurmText: where a pool on Slurm runs, for people — its job and state ("job 812 RUNNING",
// "job 812 PENDING (Priority)") and a worker's node and step — translated (context
// "qmp::SlurmText"). Stateless; any thread.

#include "qmpmodels_export.h"
#include "poolstate.h"

#include <QCoreApplication>
#include <QString>

namespace qmp {

class QMP_MODELS_EXPORT SlurmText
{
    Q_DECLARE_TR_FUNCTIONS(qmp::SlurmText)
public:
    // For the dashboard's summary ("job 812 PENDING (Priority)"); empty for a pool of this machine.
    static QString job(const PoolState::SlurmJob &job);
    // Shortest, for the pool list's cell ("812 RUNNING"; the column says Slurm); empty here.
    static QString brief(const PoolState::SlurmJob &job);
    // A sentence, for a tool tip or the dashboard: what the state means and why it waits, failed or
    // ended (a job Slurm ended: "Slurm ended job 812 (NODE_FAIL): nothing more can start in it").
    static QString describe(const PoolState::SlurmJob &job);
};

} // namespace qmp
