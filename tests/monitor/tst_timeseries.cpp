// TimeSeries: bounded, ordered, and `since` returns exactly the newer samples.
#include "errors.h"
#include "timeseries.h"

#include <QTest>

using qmp::TimeSeries;

class TestTimeSeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheNewestSamples_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("appended");
        QTest::newRow("under capacity") << 5 << 3;
        QTest::newRow("exactly full") << 5 << 5;
        QTest::newRow("wrapped once") << 5 << 7;
        QTest::newRow("wrapped many times") << 3 << 100;
        QTest::newRow("capacity one") << 1 << 4;
    }
    void keepsTheNewestSamples()
    {
        QFETCH(int, capacity);
        QFETCH(int, appended);
        TimeSeries series(capacity);
        for (int i = 0; i < appended; ++i)
            series.append(1000 + i, i * 10.0);
        const int kept = std::min(capacity, appended);
        QCOMPARE(series.size(), kept);
        const int firstKept = appended - kept;
        for (int i = 0; i < kept; ++i) {
            QCOMPARE(series.at(i).timeMs, 1000 + firstKept + i);
            QCOMPARE(series.at(i).value, (firstKept + i) * 10.0);
        }
        QCOMPARE(series.last().value, (appended - 1) * 10.0);
        QCOMPARE(series.maximum(), (appended - 1) * 10.0);
    }

    void sinceReturnsNewerSamples_data()
    {
        QTest::addColumn<qint64>("since");
        QTest::addColumn<int>("expected");
        // Series holds times 105..114 (capacity 10, 15 appended from 100).
        QTest::newRow("before everything") << qint64(0) << 10;
        QTest::newRow("at the oldest") << qint64(105) << 9;
        QTest::newRow("in the middle") << qint64(110) << 4;
        QTest::newRow("at the newest") << qint64(114) << 0;
        QTest::newRow("after everything") << qint64(500) << 0;
    }
    void sinceReturnsNewerSamples()
    {
        QFETCH(qint64, since);
        QFETCH(int, expected);
        TimeSeries series(10);
        for (int i = 0; i < 15; ++i)
            series.append(100 + i, i);
        const QList<TimeSeries::Sample> newer = series.since(since);
        QCOMPARE(newer.size(), expected);
        for (const TimeSeries::Sample &s : newer)
            QVERIFY(s.timeMs > since);
        if (expected > 0)
            QCOMPARE(newer.last().timeMs, qint64(114));
    }

    void emptyAndCleared()
    {
        TimeSeries series(4);
        QVERIFY(series.isEmpty());
        QCOMPARE(series.maximum(), 0.0);
        QVERIFY(series.since(0).isEmpty());
        series.append(1, 2);
        series.clear();
        QVERIFY(series.isEmpty());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, series.at(0));
    }

    void badArguments()
    {
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, TimeSeries(0));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, TimeSeries(-3));
        TimeSeries series(2);
        series.append(1, 1);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, series.at(1));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, series.at(-1));
    }
};

QTEST_GUILESS_MAIN(TestTimeSeries)
#include "tst_timeseries.moc"
