// QueueSeriesModel: a queue's depth samples as chart rows (age relative to the newest, depth),
// following the hub's ticks, bounded by the series capacity, reset on another queue or removal;
// checked by QAbstractItemModelTester.
#include "modelroles.h"
#include "poolevents.h"
#include "queueseriesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::QueueSeriesModel;
using qmp::QueueState;
namespace Roles = qmp::ModelRoles;

class TestQueueSeriesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsFollowTheTicks_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<int>("rows");
        QTest::newRow("fewer ticks than kept") << 10 << 3 << 3;
        QTest::newRow("more ticks than kept") << 4 << 7 << 4;
    }
    void rowsFollowTheTicks()
    {
        QFETCH(int, capacity);
        QFETCH(int, ticks);
        QFETCH(int, rows);
        qmp::MonitorOptions options = poolevents::quietOptions();
        options.seriesCapacity = capacity;
        MonitorHub hub(options);
        const int id = hub.addQueue(QStringLiteral("q"), QStringLiteral("/tmp/k"), 0, QueueState::Order::Fifo, false);
        QueueSeriesModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQueueId(id);
        QCOMPARE(model.queueId(), id);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(QueueSeriesModel::ColumnCount));
        // One sample of this depth: ticks until one counts (a tick in the same millisecond as the
        // last sample adds nothing), then no more (QTRY_VERIFY evaluates once again at the end).
        auto sampled = [&](int depth) {
            const qmp::TimeSeries &series = hub.queue(id)->depthSeries();
            if (series.isEmpty() || series.last().value != depth) {
                hub.tick();
                hub.flush();
            }
            return !series.isEmpty() && series.last().value == depth;
        };
        for (int depth = 1; depth <= ticks; ++depth) {
            hub.feedQueue(id, {depth, 0, quint64(depth)});
            QTRY_VERIFY(sampled(depth));
        }
        QCOMPARE(model.rowCount(), rows);
        const int last = model.rowCount() - 1;
        QCOMPARE(model.index(last, QueueSeriesModel::Depth).data().toDouble(), double(ticks));
        QCOMPARE(model.index(last, QueueSeriesModel::Age).data().toDouble(), 0.0);
        QVERIFY(model.index(0, QueueSeriesModel::Age).data().toDouble() < 0);
        QCOMPARE(model.index(0, QueueSeriesModel::Depth).data().toDouble(), double(ticks - rows + 1));
        QCOMPARE(model.maximumDepth(), double(ticks));
        QCOMPARE(model.index(last, QueueSeriesModel::Depth).data(Roles::FormattedValue).toString(), QString::number(ticks));
        QCOMPARE(model.index(last, QueueSeriesModel::Depth).data(Roles::ChartHint).toInt(), int(qmp::ChartHint::Measure));
        QCOMPARE(model.index(last, QueueSeriesModel::Age).data(Roles::ChartHint).toInt(), int(qmp::ChartHint::Time));
        QCOMPARE(model.headerData(QueueSeriesModel::Depth, Qt::Horizontal).toString(), QStringLiteral("Depth"));
    }

    void anotherQueueOrRemovalResets()
    {
        MonitorHub hub(poolevents::quietOptions());
        const int a = hub.addQueue(QStringLiteral("a"), QString(), 0, QueueState::Order::Fifo, false);
        const int b = hub.addQueue(QStringLiteral("b"), QString(), 0, QueueState::Order::Lifo, false);
        hub.feedQueue(a, {5, 0, 5});
        hub.tick();
        QueueSeriesModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setQueueId(a);
        QCOMPARE(model.rowCount(), 1); // what the queue kept so far
        model.setQueueId(b);
        QCOMPARE(model.rowCount(), 0); // b has no reading yet
        model.setQueueId(a);
        hub.removeQueue(a);
        QCOMPARE(model.queueId(), 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 4);
        model.setQueueId(12345); // unknown: no rows
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestQueueSeriesModel)
#include "tst_queueseriesmodel.moc"
