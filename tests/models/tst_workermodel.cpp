// WorkerModel: rows follow the pool's workers without resets (insert / remove by pid), show the
// current task, /proc samples, exit reasons and stuck reasons; checked by QAbstractItemModelTester.
#include "poolevents.h"
#include "workermodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::WorkerModel;
namespace Roles = qmp::ModelRoles;
using namespace poolevents;

class TestWorkerModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void rowsFollowWorkersWithoutReset()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 2);
        WorkerModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPoolId(id);
        QCOMPARE(model.poolId(), id);
        hub.feed(id, {workerStarted(300), workerStarted(100)});
        hub.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.pidAt(0), 100); // pid order
        QCOMPARE(model.pidAt(1), 300);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        hub.feed(id, {workerStarted(200), queued(1), started(1, 200)});
        hub.flush();
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowOfPid(200), 1);
        QCOMPARE(model.index(1, WorkerModel::State).data().toString(), QStringLiteral("busy"));
        QCOMPARE(model.index(1, WorkerModel::Task).data().toString(), QStringLiteral("square"));
        QCOMPARE(model.index(1, WorkerModel::Pid).data(Roles::Id).toLongLong(), 200);
        QCOMPARE(model.index(0, WorkerModel::State).data().toString(), QStringLiteral("idle"));
        QCOMPARE(model.index(0, WorkerModel::Task).data().toString(), QString());
        // Not sampled yet: blank, not "0 B".
        QCOMPARE(model.index(1, WorkerModel::Rss).data().toString(), QString());
        hub.applySample(200, 150.0, 3 * 1024 * 1024, 5, 2);
        hub.flush();
        QCOMPARE(model.index(1, WorkerModel::Cpu).data().toString(), QStringLiteral("150 %"));
        QCOMPARE(model.index(1, WorkerModel::Rss).data().toString(), QStringLiteral("3.00 MiB"));
        QCOMPARE(model.index(1, WorkerModel::Rss).data(Roles::Value).toLongLong(), 3 * 1024 * 1024);
        QCOMPARE(model.index(1, WorkerModel::Threads).data().toString(), QStringLiteral("5"));
        QVERIFY(model.index(1, WorkerModel::Threads).data(Qt::ToolTipRole).toString().contains(QStringLiteral("2")));
        // A worker killed in the middle of its task: the row says how it ended, in red.
        hub.feed(id, {failed(1, 200, QStringLiteral("worker 200 was killed")), workerExited(200, -9)});
        hub.flush();
        QCOMPARE(resets.size(), 0);
        const QString state = model.index(model.rowOfPid(200), WorkerModel::State).data().toString();
        QVERIFY2(state.startsWith(QStringLiteral("exited")), qPrintable(state));
        QVERIFY(model.index(model.rowOfPid(200), WorkerModel::State).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(model.rowOfPid(200), WorkerModel::TasksFailed).data(Roles::Value).toInt(), 1);
    }

    void stuckWorkerHasItsReason()
    {
        qmp::MonitorOptions options = quietOptions();
        options.stuckAfterMs = 1;
        options.minStuckMs = 1;
        MonitorHub hub(options);
        const int id = hub.addPool(QStringLiteral("p"), 1);
        WorkerModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        hub.feed(id, {workerStarted(100), queued(1), started(1, 100)});
        hub.flush();
        QTRY_VERIFY((hub.tick(), hub.flush(), model.index(0, WorkerModel::Pid).data(Roles::Stuck).toBool()));
        const QString reason = model.index(0, WorkerModel::Stuck).data().toString();
        QVERIFY2(reason.contains(QStringLiteral("past the")), qPrintable(reason));
        QVERIFY(model.index(0, WorkerModel::Pid).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(0, WorkerModel::Pid).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Stuck")));
        hub.feed(id, {finished(1, 100)});
        hub.flush();
        QVERIFY(!model.index(0, WorkerModel::Pid).data(Roles::Stuck).toBool());
    }

    // A worker on another machine (a Slurm node) is not measured here: its CPU, memory and
    // threads cells say so instead of staying blank.
    void remoteWorkerSaysWhyItIsNotMeasured()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 2);
        WorkerModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        qmp::PoolEvent placed = makeEvent(Kind::WorkerPlaced, 0, 101);
        placed.host = QStringLiteral("node3");
        placed.slurmStep = QStringLiteral("812.3");
        hub.feed(id, {workerStarted(100), workerStarted(101), placed});
        hub.flush();
        hub.applySample(100, 12.5, 1 << 20, 3, 1);
        hub.applySample(101, 50, 1 << 20, 3, 1); // its srun's pid here: not the worker
        hub.flush();
        const int local = model.rowOfPid(100);
        const int remote = model.rowOfPid(101);
        for (int column : {int(WorkerModel::Cpu), int(WorkerModel::Rss), int(WorkerModel::Threads)}) {
            QVERIFY(!model.index(local, column).data().toString().isEmpty());
            QVERIFY(model.index(local, column).data(Qt::ToolTipRole).toString().isEmpty());
            QCOMPARE(model.index(remote, column).data().toString(), QStringLiteral("\u2014"));
            const QString why = model.index(remote, column).data(Qt::ToolTipRole).toString();
            QVERIFY2(why.contains(QStringLiteral("node3")) && why.contains(QStringLiteral("this machine")), qPrintable(why));
        }
        QCOMPARE(model.index(remote, WorkerModel::Cpu).data(Roles::Value).toDouble(), -1.0);
    }

    void removedPoolEmptiesTheModel()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        WorkerModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        hub.feed(id, {workerStarted(100)});
        hub.flush();
        QCOMPARE(model.rowCount(), 1);
        hub.remove(id);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.poolId(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkerModel)
#include "tst_workermodel.moc"
