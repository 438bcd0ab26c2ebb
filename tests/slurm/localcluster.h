#pragma once
// The local Slurm cluster the ctest fixture (cluster.sh) starts for this build in QMP_SLURM_DIR,
// as the Slurm tests find it.

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <csignal>
#include <sys/types.h>

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

// The salloc processes talking to the cluster of slurmConf (by SLURM_CONF in their environment),
// each described for a failure message: "pid 812 state S wchan do_wait SigPnd: 0… ShdPnd: 0…, parent
// 811 timeout".
inline QStringList sallocsOf(const QString &slurmConf)
{
    const QByteArray conf = "SLURM_CONF=" + slurmConf.toLocal8Bit();
    const auto read = [](const QString &pid, const char *entry) {
        QFile file(QStringLiteral("/proc/%1/%2").arg(pid, QLatin1String(entry)));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    };
    QStringList found;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        if (read(pid, "comm") != "salloc" || !read(pid, "environ").split('\0').contains(conf))
            continue;
        // stat: "pid (comm) state ppid ..."; comm is salloc, without spaces.
        const QList<QByteArray> stat = read(pid, "stat").split(' ');
        const QString parent = QString::fromLatin1(stat.value(3));
        // Signals pending (a SIGKILL pending on a process that lives on says where it hangs).
        QString pending;
        for (const QByteArray &line : read(pid, "status").split('\n')) {
            if (line.startsWith("ShdPnd:") || line.startsWith("SigPnd:"))
                pending += QLatin1Char(' ') + QString::fromLatin1(line.simplified());
        }
        found += QStringLiteral("pid %1 state %2 wchan %3%4, parent %5 %6")
                     .arg(pid, QString::fromLatin1(stat.value(2)), QString::fromLatin1(read(pid, "wchan")), pending, parent,
                          QString::fromLatin1(read(parent, "comm")));
    }
    return found;
}

// Kills (SIGKILL) every salloc of the cluster of slurmConf: after a test found one left, so that
// the tests after it start from a clean cluster.
inline void killSallocsOf(const QString &slurmConf)
{
    for (const QString &salloc : sallocsOf(slurmConf))
        ::kill(pid_t(salloc.section(QLatin1Char(' '), 1, 1).toLongLong()), SIGKILL);
}

} // namespace qmptest
