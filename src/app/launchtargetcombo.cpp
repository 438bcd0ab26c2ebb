#include "launchtargetcombo.h"

#include <QSignalBlocker>

namespace qmp {

namespace {
constexpr int kSlurmRole = Qt::UserRole + 1; // true for a partition's item; Qt::UserRole: its name
}

LaunchTargetCombo::LaunchTargetCombo(QWidget *parent)
    : QComboBox(parent), m_query(new SlurmPartitions(this))
{
    setObjectName(QStringLiteral("targetCombo"));
    connect(m_query, &SlurmPartitions::finished, this,
            [this](const QList<SlurmPartitions::Partition> &partitions, const QString &why) {
                m_partitions = partitions;
                m_why = why;
                m_answered = true;
                fill();
                Q_EMIT partitionsChanged();
            });
    fill();
    m_query->query();
}

void LaunchTargetCombo::retranslate()
{
    fill();
}

void LaunchTargetCombo::fill()
{
    const LaunchTarget current = m_wanted.value_or(target());
    const QSignalBlocker blocker(this);
    clear();
    addItem(tr("This machine"), QString());
    setItemData(0, false, kSlurmRole);
    for (const SlurmPartitions::Partition &p : std::as_const(m_partitions)) {
        QString text = tr("Slurm: %1 — %n node(s), %2 of %3 CPUs idle", nullptr, p.nodes).arg(p.name).arg(p.idleCpus).arg(p.cpus);
        if (p.isDefault)
            text = tr("%1 (default)", "Slurm partition").arg(text);
        if (!p.up)
            text = tr("%1 (down)", "Slurm partition").arg(text);
        addItem(text, p.name);
        setItemData(count() - 1, true, kSlurmRole);
    }
    if (!m_answered)
        setToolTip(tr("Asking Slurm (sinfo) for its partitions…"));
    else if (m_partitions.isEmpty())
        setToolTip(tr("Only this machine: %1").arg(m_why));
    else
        setToolTip(tr("This machine, or a partition of the Slurm cluster: the new pool's workers (or commands) run "
                      "there as steps of one Slurm allocation"));
    setTarget(current);
}

LaunchTarget LaunchTargetCombo::target() const
{
    if (currentIndex() <= 0 || !itemData(currentIndex(), kSlurmRole).toBool())
        return {};
    return LaunchTarget::slurm(itemData(currentIndex()).toString());
}

bool LaunchTargetCombo::setTarget(const LaunchTarget &target)
{
    if (!target.isSlurm()) {
        m_wanted.reset();
        setCurrentIndex(0);
        return true;
    }
    for (int i = 1; i < count(); ++i) {
        if (itemData(i, kSlurmRole).toBool() && itemData(i).toString() == target.partition) {
            m_wanted.reset();
            setCurrentIndex(i);
            return true;
        }
    }
    if (!m_answered)
        m_wanted = target; // chosen once sinfo lists it
    setCurrentIndex(0);
    return false;
}

} // namespace qmp
