#pragma once
// LaunchTargetCombo: the launcher's "Run on" choice — this machine (through the QMP service, the
// default, or in the studio; LaunchTarget::thisMachine()), then each partition `sinfo`
// reports (SlurmPartitions, asked in the background when it is made), with its nodes and idle
// CPUs. Without Slurm, or when sinfo fails, only this machine, and the tool tip says why.
// GUI thread.

#include "launchtarget.h"
#include "slurmpartitions.h"

#include <QComboBox>

#include <optional>

namespace qmp {

class LaunchTargetCombo : public QComboBox
{
    Q_OBJECT
public:
    explicit LaunchTargetCombo(QWidget *parent = nullptr);

    LaunchTarget target() const;
    // Selects target when it is listed (a partition sinfo has not reported yet is selected once
    // it is); returns whether it is listed now.
    bool setTarget(const LaunchTarget &target);
    // Whether sinfo has answered (partitionsChanged() has fired).
    bool hasAnswer() const { return m_answered; }
    QString whyNoSlurm() const { return m_why; }
    void retranslate();

Q_SIGNALS:
    // sinfo answered: the Slurm partitions are listed (or why there are none is known).
    void partitionsChanged();

private:
    void fill();

    SlurmPartitions *m_query;
    QList<SlurmPartitions::Partition> m_partitions;
    QString m_why;
    bool m_answered = false;
    std::optional<LaunchTarget> m_wanted;
};

} // namespace qmp
