#pragma once
// SlurmPartitions: the partitions of the Slurm cluster this machine reaches, as `sinfo` reports
// them — name, whether it is the default, up or not, and its nodes and CPUs by state — asked
// for in the background (query()), for the launcher's "Run on" choice. No Slurm here (sinfo not
// in PATH), a controller that does not answer or any sinfo error: finished() with no partition
// and why, in a sentence. GUI thread.

#include <QList>
#include <QObject>
#include <QString>

class QProcess;

namespace qmp {

class SlurmPartitions : public QObject
{
    Q_OBJECT
public:
    struct Partition
    {
        QString name;
        bool isDefault = false;
        bool up = true;
        int nodes = 0;     // in all
        int idleNodes = 0;
        int cpus = 0;      // in all
        int idleCpus = 0;
    };

    explicit SlurmPartitions(QObject *parent = nullptr);
    ~SlurmPartitions() override;

    // Runs sinfo; finished() follows exactly once per call (a call while one runs is ignored).
    void query();
    bool isRunning() const;
    // sinfo's arguments, and its output read into partitions (lines it cannot read are skipped).
    static QStringList sinfoArguments();
    static QList<Partition> parse(const QString &output);

Q_SIGNALS:
    // partitions empty: why says why there is no Slurm to run on.
    void finished(const QList<qmp::SlurmPartitions::Partition> &partitions, const QString &why);

private:
    QProcess *m_sinfo = nullptr;
};

} // namespace qmp
