#pragma once
// LaunchTarget: where the job launcher sends a batch. Service: the user's QMP service (this
// machine; the batch keeps running when the studio closes; commands only). Studio: a pool of this
// studio's own (commands or registered tasks; quitting the studio stops it). Slurm: a new pool on
// a partition of a Slurm cluster (its workers, or commands, run as steps of one allocation:
// PoolOptions::slurm; quitting the studio ends it). Plain value.

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace qmp {

struct LaunchTarget
{
    Q_DECLARE_TR_FUNCTIONS(qmp::LaunchTarget)

public:
    enum class Kind { Service, Studio, Slurm };

    LaunchTarget(Kind kind = Kind::Studio, QString partition = {}) // NOLINT: a Kind is a target
        : kind(kind), partition(std::move(partition))
    {
    }

    Kind kind;
    QString partition; // Kind::Slurm: the partition; empty: the cluster's default

    bool isSlurm() const { return kind == Kind::Slurm; }
    static LaunchTarget slurm(const QString &partition) { return {Kind::Slurm, partition}; }
    bool operator==(Kind other) const { return kind == other; }
    bool operator==(const LaunchTarget &other) const = default;

    // The targets on this machine, in the launcher's order: the default first.
    static QList<Kind> thisMachine() { return {Kind::Service, Kind::Studio}; }
    // "This machine — keeps running when the studio closes", ... (Service and Studio).
    static QString label(Kind kind);
    // Whether a batch of registered tasks can go there (the service runs commands only).
    static bool runsTasks(Kind kind) { return kind != Kind::Service; }
};

} // namespace qmp
