// PoolSeriesModel: one row per tick, ages relative to the newest sample, numbers in DisplayRole
// for Qt Charts' mappers, the ring's oldest rows removed when it is full.
#include "poolevents.h"
#include "modelroles.h"
#include "poolseriesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::PoolSeriesModel;
using qmp::PoolState;
namespace Roles = qmp::ModelRoles;
using namespace poolevents;

class TestPoolSeriesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsPerTickAndRingDrops()
    {
        qmp::MonitorOptions options = quietOptions();
        options.seriesCapacity = 4;
        MonitorHub hub(options);
        const int id = hub.addPool(QStringLiteral("p"), 2);
        PoolSeriesModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(PoolSeriesModel::ColumnCount));
        QCOMPARE(PoolSeriesModel::columnOf(PoolState::Series::QueueDepth), int(PoolSeriesModel::QueueDepth));
        hub.feed(id, {workerStarted(100), queued(1), queued(2), queued(3)});
        hub.tick();
        hub.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, PoolSeriesModel::Age).data().toDouble(), 0.0);
        QCOMPARE(model.index(0, PoolSeriesModel::QueueDepth).data().toDouble(), 3.0);
        QCOMPARE(model.index(0, PoolSeriesModel::QueueDepth).data(Roles::FormattedValue).toString(), QStringLiteral("3"));
        QCOMPARE(model.maximum(PoolSeriesModel::QueueDepth), 3.0);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (int i = 0; i < 5; ++i) {
            QTest::qWait(2); // distinct tick times (ms)
            hub.feed(id, {queued(quint64(10 + i))}); // something changes: a sample per tick
            hub.tick();
            hub.flush();
        }
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(model.index(3, PoolSeriesModel::Age).data().toDouble(), 0.0);
        QVERIFY(model.index(0, PoolSeriesModel::Age).data().toDouble() < 0);
        QCOMPARE(model.headerData(PoolSeriesModel::QueueDepth, Qt::Horizontal).toString(), QStringLiteral("Queue depth"));
        model.setPoolId(0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPoolSeriesModel)
#include "tst_poolseriesmodel.moc"
