#include "launchtargetcombo.h"

#include <QSignalBlocker>

namespace qmp {

namespace {
constexpr int kKindRole = Qt::UserRole + 1; // the item's LaunchTarget::Kind; Qt::UserRole: a partition's name
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
    for (LaunchTarget::Kind kind : LaunchTarget::thisMachine()) {
        addItem(LaunchTarget::label(kind), QString());
        setItemData(count() - 1, int(kind), kKindRole);
    }
    for (const SlurmPartitions::Partition &p : std::as_const(m_partitions)) {
        QString text = tr("Slurm: %1 — %n node(s), %2 of %3 CPUs idle", nullptr, p.nodes).arg(p.name).arg(p.idleCpus).arg(p.cpus);
        if (p.isDefault)
            text = tr("%1 (default)", "Slurm partition").arg(text);
        if (!p.up)
            text = tr("%1 (down)", "Slurm partition").arg(text);
        addItem(text, p.name);
        setItemData(count() - 1, int(LaunchTarget::Kind::Slurm), kKindRole);
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
    if (currentIndex() < 0)
        return LaunchTarget::thisMachine().constFirst();
    return {LaunchTarget::Kind(itemData(currentIndex(), kKindRole).toInt()), itemData(currentIndex()).toString()};
}

bool LaunchTargetCombo::setTarget(const LaunchTarget &target)
{
    for (int i = 0; i < count(); ++i) {
        if (LaunchTarget::Kind(itemData(i, kKindRole).toInt()) == target.kind
            && (!target.isSlurm() || itemData(i).toString() == target.partition)) {
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
