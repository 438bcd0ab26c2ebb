#include "slurmtext.h"

namespace qmp {

QString SlurmText::job(const PoolState::SlurmJob &job)
{
    if (job.state.isEmpty())
        return QString();
    const QString id = job.jobId > 0 ? tr("job %1", "a Slurm job id").arg(job.jobId) : tr("no job", "Slurm gave no job id");
    if (job.state == QLatin1String("PENDING") && !job.reason.isEmpty())
        return tr("%1 %2 (%3)", "Slurm: job 812 PENDING (Priority)").arg(id, job.state, job.reason);
    return tr("%1 %2", "Slurm: job 812 RUNNING").arg(id, job.state);
}

QString SlurmText::brief(const PoolState::SlurmJob &job)
{
    if (job.state.isEmpty())
        return QString();
    return job.jobId > 0 ? tr("%1 %2", "Slurm: 812 RUNNING (job id, state)").arg(job.jobId).arg(job.state) : job.state;
}

QString SlurmText::describe(const PoolState::SlurmJob &job)
{
    if (job.state == QLatin1String("PENDING"))
        return tr("Slurm job %1 is waiting for its CPUs: %2").arg(job.jobId).arg(job.reason);
    if (job.state == QLatin1String("RUNNING"))
        return tr("Slurm job %1 is running: the workers are its steps").arg(job.jobId);
    if (job.state == QLatin1String("FAILED"))
        return tr("Slurm gave no allocation: %1").arg(job.reason);
    if (!job.reason.isEmpty()) // ended by Slurm, not given back (its reason names the verdict)
        return tr("Slurm ended job %1 (%2): nothing more can start in it").arg(job.jobId).arg(job.state);
    if (job.state == QLatin1String("CANCELLED"))
        return tr("Slurm job %1 was given back (scancel): the pool's work is over").arg(job.jobId);
    return job.state;
}

} // namespace qmp
