// QueueState as pure logic: readings become counters, lifecycles are final, ticks add depth
// samples and measure put / get rates from the counters (never before two ticks), changes are
// reported once.
#include "queuestate.h"

#include <QTest>

using qmp::QueueState;

class TestQueueState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void describesTheQueue()
    {
        QueueState q(7, QStringLiteral("jobs"), QStringLiteral("/tmp/qmp_ipc_queue_1_x"), 5, QueueState::Order::Lifo, true);
        QCOMPARE(q.id(), 7);
        QCOMPARE(q.name(), QStringLiteral("jobs"));
        QCOMPARE(q.key(), QStringLiteral("/tmp/qmp_ipc_queue_1_x"));
        QCOMPARE(q.maxsize(), qint64(5));
        QCOMPARE(q.order(), QueueState::Order::Lifo);
        QVERIFY(q.isJoinable());
        QCOMPARE(q.lifecycle(), QueueState::Lifecycle::Open);
        QVERIFY(!q.hasReading());
        QVERIFY(q.takeChanged()); // a new queue is news
        QVERIFY(!q.takeChanged());
        QCOMPARE(QueueState::orderName(QueueState::Order::Priority), QStringLiteral("priority"));
        QCOMPARE(QueueState::lifecycleName(QueueState::Lifecycle::Gone), QStringLiteral("gone"));
        QCOMPARE(QueueState(1, {}, {}, -3, QueueState::Order::Fifo, false).maxsize(), qint64(0));
    }

    void readingsBecomeCounters_data()
    {
        QTest::addColumn<qint64>("maxsize");
        QTest::addColumn<bool>("joinable");
        QTest::addColumn<qint64>("depth");
        QTest::addColumn<qint64>("unfinished");
        QTest::addColumn<quint64>("puts");
        QTest::addColumn<quint64>("gets");
        QTest::addColumn<double>("fill");
        QTest::newRow("unbounded") << qint64(0) << false << qint64(3) << qint64(9) << quint64(10) << quint64(7) << -1.0;
        QTest::newRow("bounded, half") << qint64(4) << false << qint64(2) << qint64(2) << quint64(2) << quint64(0) << 50.0;
        QTest::newRow("bounded, full") << qint64(4) << false << qint64(4) << qint64(4) << quint64(6) << quint64(2) << 100.0;
        QTest::newRow("joinable") << qint64(0) << true << qint64(1) << qint64(3) << quint64(5) << quint64(4) << -1.0;
    }
    void readingsBecomeCounters()
    {
        QFETCH(qint64, maxsize);
        QFETCH(bool, joinable);
        QFETCH(qint64, depth);
        QFETCH(qint64, unfinished);
        QFETCH(quint64, puts);
        QFETCH(quint64, gets);
        QFETCH(double, fill);
        QueueState q(1, QStringLiteral("q"), QString(), maxsize, QueueState::Order::Fifo, joinable);
        q.takeChanged();
        q.update({depth, unfinished, puts});
        QVERIFY(q.takeChanged());
        QVERIFY(q.hasReading());
        QCOMPARE(q.depth(), depth);
        QCOMPARE(q.unfinished(), joinable ? unfinished : 0); // only a joinable queue counts tasks
        QCOMPARE(q.puts(), puts);
        QCOMPARE(q.gets(), gets);
        QCOMPARE(q.fillPercent(), fill);
        q.update({depth, unfinished, puts});
        QVERIFY(!q.takeChanged()); // the same reading is no change
    }

    void ratesComeFromTheCounters()
    {
        QueueState q(1, QStringLiteral("q"), QString(), 0, QueueState::Order::Fifo, false);
        q.tick(500); // no reading yet: no sample
        QVERIFY(q.depthSeries().isEmpty());
        q.update({0, 0, 0});
        q.tick(1000);
        QCOMPARE(q.putRate(), -1.0); // one tick: nothing measured yet
        QCOMPARE(q.getRate(), -1.0);
        q.update({4, 10, 10}); // 10 put, 6 taken
        q.tick(3000);
        QCOMPARE(q.putRate(), 5.0);
        QCOMPARE(q.getRate(), 3.0);
        q.tick(4000); // nothing moved
        QCOMPARE(q.putRate(), 0.0);
        QCOMPARE(q.getRate(), 0.0);
        QCOMPARE(q.depthSeries().size(), 3);
        QCOMPARE(q.depthSeries().last().value, 4.0);
        QCOMPARE(q.depthSeries().at(0).timeMs, qint64(1000));
    }

    void seriesIsBounded()
    {
        qmp::MonitorOptions options;
        options.seriesCapacity = 3;
        QueueState q(1, QStringLiteral("q"), QString(), 0, QueueState::Order::Fifo, false, options);
        for (int i = 1; i <= 10; ++i) {
            q.update({i, 0, quint64(i)});
            q.tick(i * 1000);
        }
        QCOMPARE(q.depthSeries().size(), 3);
        QCOMPARE(q.depthSeries().at(0).value, 8.0);
    }

    void lifecycleIsFinal_data()
    {
        QTest::addColumn<QList<int>>("steps");
        QTest::addColumn<int>("expected");
        using L = QueueState::Lifecycle;
        QTest::newRow("open") << QList<int>{} << int(L::Open);
        QTest::newRow("closed") << QList<int>{int(L::Closed)} << int(L::Closed);
        QTest::newRow("closed does not reopen") << QList<int>{int(L::Closed), int(L::Open)} << int(L::Closed);
        QTest::newRow("closed then gone") << QList<int>{int(L::Closed), int(L::Gone)} << int(L::Gone);
        QTest::newRow("gone is final") << QList<int>{int(L::Gone), int(L::Open), int(L::Closed)} << int(L::Gone);
    }
    void lifecycleIsFinal()
    {
        QFETCH(QList<int>, steps);
        QFETCH(int, expected);
        QueueState q(1, QStringLiteral("q"), QString(), 0, QueueState::Order::Fifo, false);
        for (int step : steps)
            q.setLifecycle(QueueState::Lifecycle(step));
        QCOMPARE(int(q.lifecycle()), expected);
    }

    void goneKeepsItsLastState()
    {
        QueueState q(1, QStringLiteral("q"), QString(), 0, QueueState::Order::Fifo, false);
        q.update({3, 3, 3});
        q.tick(1000);
        q.setLifecycle(QueueState::Lifecycle::Gone);
        q.takeChanged();
        q.update({0, 0, 9}); // late readings of a gone queue are ignored
        q.tick(2000);
        QVERIFY(!q.takeChanged());
        QCOMPARE(q.depth(), qint64(3));
        QCOMPARE(q.depthSeries().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestQueueState)
#include "tst_queuestate.moc"
