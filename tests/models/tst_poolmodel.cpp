// PoolModel: one row per hub pool, following poolAdded / poolRemoved / poolChanged; counters,
// lifecycle text, throughput and stuck highlight; checked by QAbstractItemModelTester.
#include "poolevents.h"
#include "poolmodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::PoolModel;
namespace Roles = qmp::ModelRoles;
using namespace poolevents;

class TestPoolModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void rowsFollowTheHub()
    {
        MonitorHub hub(quietOptions());
        const int first = hub.addPool(QStringLiteral("first"), 2);
        PoolModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        const int second = hub.addPool(QStringLiteral("second"), 4);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.poolIdAt(1), second);
        QCOMPARE(model.rowOfPool(first), 0);
        QCOMPARE(model.index(1, PoolModel::Name).data().toString(), QStringLiteral("second"));
        QCOMPARE(model.index(1, PoolModel::Name).data(Roles::Id).toInt(), second);
        hub.remove(first);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.poolIdAt(0), second);
        QCOMPARE(model.poolIdAt(5), 0);
        QCOMPARE(model.rowOfPool(first), -1);
    }

    void countersAndText()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 2);
        PoolModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<qmp::PoolEvent> events{workerStarted(100), workerStarted(101)};
        events << run(1, 3, 100) << queued(4) << queued(5) << started(4, 101) << failed(5, 0, QStringLiteral("bad"));
        hub.feed(id, events);
        hub.flush();
        QVERIFY(!changed.isEmpty());
        auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
        QCOMPARE(cell(PoolModel::State).toString(), QStringLiteral("running"));
        QCOMPARE(cell(PoolModel::Workers).toString(), QStringLiteral("2 / 2"));
        QCOMPARE(cell(PoolModel::Workers, Roles::Value).toInt(), 2);
        QCOMPARE(cell(PoolModel::Busy, Roles::Value).toInt(), 1);
        QCOMPARE(cell(PoolModel::Running, Roles::Value).toInt(), 1);
        QCOMPARE(cell(PoolModel::Queued, Roles::Value).toInt(), 0);
        QCOMPARE(cell(PoolModel::Finished, Roles::Value).toLongLong(), 3);
        QCOMPARE(cell(PoolModel::Failed, Roles::Value).toLongLong(), 1);
        QCOMPARE(cell(PoolModel::Throughput).toString(), QStringLiteral("0/s")); // no tick yet
        QCOMPARE(cell(PoolModel::P95, Roles::Unit).toInt(), int(qmp::ValueUnit::Nanoseconds));
        QCOMPARE(cell(PoolModel::P95).toString(), QStringLiteral("1.00 ms"));
        QCOMPARE(cell(PoolModel::Stuck, Roles::Stuck).toBool(), false);
        QCOMPARE(cell(PoolModel::Finished, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(model.headerData(PoolModel::Queued, Qt::Horizontal).toString(), QStringLiteral("Queued"));
        QVERIFY(!model.headerData(PoolModel::Queued, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        hub.tick();
        hub.flush();
        QVERIFY(cell(PoolModel::Throughput, Roles::Value).toDouble() >= 0);
    }

    void stuckPoolStandsOut()
    {
        qmp::MonitorOptions options = quietOptions();
        options.stuckAfterMs = 1;
        options.minStuckMs = 1;
        MonitorHub hub(options);
        const int id = hub.addPool(QStringLiteral("p"), 1);
        PoolModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        hub.feed(id, {workerStarted(100), queued(1), started(1, 100)});
        hub.flush();
        QTRY_VERIFY((hub.tick(), hub.flush(), model.index(0, PoolModel::Stuck).data(Roles::Value).toInt() == 1));
        QVERIFY(model.index(0, PoolModel::Name).data(Roles::Stuck).toBool());
        QVERIFY(model.index(0, PoolModel::Name).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(0, PoolModel::Stuck).data(Qt::ToolTipRole).toString().contains(QStringLiteral("stuck")));
    }

    // A pool whose Slurm allocation Slurm ended (NODE_FAIL, TIMEOUT, an scancel from elsewhere):
    // its Slurm cell says so — the job, the verdict, that nothing more can start in it — not the
    // bare state, nor "given back" as after the pool's own end.
    void slurmAllocationEndedBySlurm()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        PoolModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto slurmJob = [](const QString &state, const QString &message) {
            qmp::PoolEvent e = makeEvent(Kind::SlurmJob);
            e.slurmJobId = 812;
            e.slurmState = state;
            e.message = message;
            return e;
        };
        hub.feed(id, {slurmJob(QStringLiteral("RUNNING"), {}),
                      slurmJob(QStringLiteral("NODE_FAIL"), QStringLiteral("the Slurm allocation 812 ended (NODE_FAIL)"))});
        hub.flush();
        QCOMPARE(model.index(0, PoolModel::Slurm).data().toString(), QStringLiteral("812 NODE_FAIL"));
        const QString tip = model.index(0, PoolModel::Slurm).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Slurm ended job 812 (NODE_FAIL)")), qPrintable(tip));
        hub.feed(id, {slurmJob(QStringLiteral("CANCELLED"), QStringLiteral("the Slurm allocation 812 ended (CANCELLED)"))});
        hub.flush();
        const QString cancelled = model.index(0, PoolModel::Slurm).data(Qt::ToolTipRole).toString();
        QVERIFY2(cancelled.contains(QStringLiteral("Slurm ended job 812 (CANCELLED)")), qPrintable(cancelled));
    }
};

QTEST_GUILESS_MAIN(TestPoolModel)
#include "tst_poolmodel.moc"
