#pragma once
// The local Slurm cluster the ctest fixture (cluster.sh) starts for this build in QMP_SLURM_DIR,
// as the Slurm tests find it.

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace qmptest {

// Its slurm.conf, or empty with *why saying why there is none ("no local Slurm cluster: ...", from
// the reason the fixture wrote next to its directory).
inline QString localSlurmConf(QString *why)
{
    const QString dir = QStringLiteral(QMP_SLURM_DIR);
    const QString conf = dir + QStringLiteral("/slurm.conf");
    if (QFile::exists(conf))
        return conf;
    QFile reason(dir + QStringLiteral(".why"));
    *why = QStringLiteral("no local Slurm cluster: %1")
               .arg(reason.open(QIODevice::ReadOnly) ? QString::fromUtf8(reason.readAll()).trimmed()
                                                      : QStringLiteral("the cluster fixture did not start one"));
    return {};
}

// Whether a missing cluster fails the Slurm tests (CI sets QMP_SLURM_REQUIRED=1) instead of
// skipping them.
inline bool slurmRequired()
{
    return qgetenv("QMP_SLURM_REQUIRED") == "1";
}

// salloc processes talking to the cluster of slurmConf (by SLURM_CONF in their environment).
inline int sallocsOf(const QString &slurmConf)
{
    const QByteArray conf = "SLURM_CONF=" + slurmConf.toLocal8Bit();
    int found = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "salloc")
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (environ.open(QIODevice::ReadOnly) && environ.readAll().split('\0').contains(conf))
            ++found;
    }
    return found;
}

} // namespace qmptest
