#pragma once
// LaunchTarget: where the job launcher runs a new pool's batch — on this machine (a pool of the
// studio), or on a Slurm partition (a pool whose workers, or commands, run as steps of one Slurm
// allocation: PoolOptions::slurm). Plain value.

#include <QString>

namespace qmp {

struct LaunchTarget
{
    enum class Kind { Studio, Slurm };
    Kind kind = Kind::Studio;
    QString partition; // Kind::Slurm: the partition; empty: the cluster's default

    bool isSlurm() const { return kind == Kind::Slurm; }
    static LaunchTarget slurm(const QString &partition) { return {Kind::Slurm, partition}; }
};

} // namespace qmp
