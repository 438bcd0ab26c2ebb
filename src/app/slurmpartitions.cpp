#include "slurmpartitions.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace qmp {

namespace {
constexpr int kSinfoTimeoutMs = 15000; // Slurm retries an absent controller for about 10 s
}

SlurmPartitions::SlurmPartitions(QObject *parent)
    : QObject(parent)
{
}

SlurmPartitions::~SlurmPartitions()
{
    if (m_sinfo && m_sinfo->state() != QProcess::NotRunning) {
        m_sinfo->disconnect(this);
        m_sinfo->kill();
        m_sinfo->waitForFinished(1000);
    }
}

QStringList SlurmPartitions::sinfoArguments()
{
    // One line per partition: name (the default one ends in '*'), availability, nodes
    // allocated/idle/other/total, CPUs allocated/idle/other/total.
    return {QStringLiteral("--noheader"), QStringLiteral("--format=%P|%a|%F|%C")};
}

QList<SlurmPartitions::Partition> SlurmPartitions::parse(const QString &output)
{
    QList<Partition> partitions;
    for (const QString &line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.trimmed().split(QLatin1Char('|'));
        if (fields.size() != 4 || fields.at(0).isEmpty())
            continue;
        const QStringList nodes = fields.at(2).split(QLatin1Char('/'));
        const QStringList cpus = fields.at(3).split(QLatin1Char('/'));
        if (nodes.size() != 4 || cpus.size() != 4)
            continue;
        Partition p;
        p.name = fields.at(0);
        if (p.name.endsWith(QLatin1Char('*'))) {
            p.isDefault = true;
            p.name.chop(1);
        }
        p.up = fields.at(1) == QLatin1String("up");
        p.idleNodes = nodes.at(1).toInt();
        p.nodes = nodes.at(3).toInt();
        p.idleCpus = cpus.at(1).toInt();
        p.cpus = cpus.at(3).toInt();
        partitions.append(p);
    }
    return partitions;
}

bool SlurmPartitions::isRunning() const
{
    return m_sinfo && m_sinfo->state() != QProcess::NotRunning;
}

void SlurmPartitions::query()
{
    if (isRunning())
        return;
    const QString sinfo = QStandardPaths::findExecutable(QStringLiteral("sinfo"));
    if (sinfo.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT finished({}, tr("Slurm is not installed here: sinfo was not found in PATH"));
        });
        return;
    }
    if (!m_sinfo) {
        m_sinfo = new QProcess(this);
        m_sinfo->setStandardInputFile(QProcess::nullDevice());
        connect(m_sinfo, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
            const QString out = QString::fromLocal8Bit(m_sinfo->readAllStandardOutput());
            const QString err = QString::fromLocal8Bit(m_sinfo->readAllStandardError()).trimmed();
            const QList<Partition> partitions = parse(out);
            if (status != QProcess::NormalExit || exitCode != 0) {
                Q_EMIT finished({}, tr("sinfo failed: %1").arg(err.isEmpty() ? tr("exit status %1").arg(exitCode) : err));
                return;
            }
            Q_EMIT finished(partitions, partitions.isEmpty() ? tr("sinfo reports no partition") : QString());
        });
        connect(m_sinfo, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                Q_EMIT finished({}, tr("sinfo could not start: %1").arg(m_sinfo->errorString()));
        });
    }
    m_sinfo->start(sinfo, sinfoArguments(), QIODevice::ReadOnly);
    QTimer::singleShot(kSinfoTimeoutMs, m_sinfo, [this] {
        if (m_sinfo->state() != QProcess::NotRunning)
            m_sinfo->kill(); // finished() reports it as failed
    });
}

} // namespace qmp
