// The launcher's "Run on" without a cluster: sinfo's output read into partitions, and no Slurm
// here (sinfo not in PATH) leaves only this machine, with a tool tip saying why. (The list of a
// real cluster's partitions: tests/slurm/tst_slurmstudio.)
#include "launchtargetcombo.h"
#include "slurmpartitions.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using qmp::LaunchTarget;
using qmp::LaunchTargetCombo;
using qmp::SlurmPartitions;

class TestLaunchTarget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesSinfo()
    {
        const QList<SlurmPartitions::Partition> parts = SlurmPartitions::parse(
            QStringLiteral("debug*|up|0/1/0/1|0/16/0/16\ngpu|down|2/0/1/3|64/0/32/96\nnot a line\n"));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0).name, QStringLiteral("debug"));
        QVERIFY(parts.at(0).isDefault);
        QVERIFY(parts.at(0).up);
        QCOMPARE(parts.at(0).nodes, 1);
        QCOMPARE(parts.at(0).idleNodes, 1);
        QCOMPARE(parts.at(0).cpus, 16);
        QCOMPARE(parts.at(0).idleCpus, 16);
        QCOMPARE(parts.at(1).name, QStringLiteral("gpu"));
        QVERIFY(!parts.at(1).isDefault);
        QVERIFY(!parts.at(1).up);
        QCOMPARE(parts.at(1).nodes, 3);
        QCOMPARE(parts.at(1).cpus, 96);
    }

    void withoutSlurmOnlyThisMachine()
    {
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", "/nonexistent-qmp-test");
        LaunchTargetCombo combo;
        qputenv("PATH", path);
        QSignalSpy answered(&combo, &LaunchTargetCombo::partitionsChanged);
        QTRY_COMPARE(answered.size(), 1);
        QCOMPARE(combo.count(), 2); // this machine: through the service (the default), in the studio
        QCOMPARE(combo.target().kind, LaunchTarget::Kind::Service);
        QVERIFY(combo.setTarget(LaunchTarget::Kind::Studio));
        QCOMPARE(combo.target().kind, LaunchTarget::Kind::Studio);
        QVERIFY(combo.whyNoSlurm().contains(QLatin1String("sinfo")));
        QVERIFY2(combo.toolTip().contains(combo.whyNoSlurm()), qPrintable(combo.toolTip()));
        QVERIFY(!combo.setTarget(LaunchTarget::slurm(QStringLiteral("debug"))));
        QCOMPARE(combo.target().kind, LaunchTarget::Kind::Service); // not listed: the default
    }
};

QTEST_MAIN(TestLaunchTarget)
#include "tst_launchtarget.moc"
