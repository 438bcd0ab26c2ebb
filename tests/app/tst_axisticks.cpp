// AxisTicks: round steps that fit, labels with units and no scientific notation, slow rates per
// minute or hour, long times in minutes or hours.
#include "axisticks.h"

#include <QTest>

using qmp::AxisTicks;
using qmp::ValueUnit;

class TestAxisTicks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ticks_data()
    {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QStringList>("labels");
        const int none = int(ValueUnit::None), count = int(ValueUnit::Count), rate = int(ValueUnit::PerSecond),
                  ms = int(ValueUnit::Milliseconds);
        QTest::newRow("a minute of time") << -60.0 << 0.0 << 5 << none << QStringList{"-60 s", "-45 s", "-30 s", "-15 s", "0 s"};
        QTest::newRow("ten minutes") << -600.0 << 0.0 << 6 << none
                                     << QStringList{"-10 min", "-8 min", "-6 min", "-4 min", "-2 min", "0 min"};
        QTest::newRow("an odd span keeps round ticks") << -223.0 << 0.0 << 5 << none
                                                       << QStringList{"-3 min", "-2 min", "-1 min", "0 min"};
        // A step as long as the span would leave one tick ("0 s"): a smaller step keeps two.
        QTest::newRow("90 s in two ticks: never one") << -90.0 << 0.0 << 2 << none << QStringList{"-1 min", "0 min"};
        QTest::newRow("70 s in two ticks: never one") << -70.0 << 0.0 << 2 << none << QStringList{"-1 min", "0 min"};
        QTest::newRow("hours") << -10800.0 << 0.0 << 4 << none << QStringList{"-3 h", "-2 h", "-1 h", "0 h"};
        QTest::newRow("big counts: k, not 1e+04") << 0.0 << 20000.0 << 3 << count << QStringList{"0", "10 k", "20 k"};
        QTest::newRow("few workers: whole numbers") << 0.0 << 2.0 << 6 << count << QStringList{"0", "1", "2"};
        QTest::newRow("rates per second") << 0.0 << 4.0 << 5 << rate << QStringList{"0/s", "1/s", "2/s", "3/s", "4/s"};
        QTest::newRow("a slow pool: per minute") << 0.0 << 0.05 << 4 << rate << QStringList{"0/min", "1/min", "2/min", "3/min"};
        QTest::newRow("very slow: per hour") << 0.0 << 0.01 << 5 << rate
                                             << QStringList{"0/h", "10/h", "20/h", "30/h"};
        QTest::newRow("durations in ms") << 0.0 << 500.0 << 6 << ms << QStringList{"0 ms", "100 ms", "200 ms", "300 ms", "400 ms", "500 ms"};
        QTest::newRow("durations in s") << 0.0 << 5000.0 << 6 << ms << QStringList{"0 s", "1 s", "2 s", "3 s", "4 s", "5 s"};
    }
    void ticks()
    {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(int, maxTicks);
        QFETCH(int, unit);
        QFETCH(QStringList, labels);
        QStringList got;
        for (const AxisTicks::Tick &tick : AxisTicks::ticks(min, max, maxTicks, ValueUnit(unit)))
            got.append(tick.label);
        QCOMPARE(got, labels);
        QVERIFY(got.size() <= std::max(maxTicks, 2) + 1);
    }

    void niceSteps_data()
    {
        QTest::addColumn<double>("span");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<double>("step");
        QTest::newRow("0.7 in 5") << 0.7 << 5 << 0.2;
        QTest::newRow("93 in 4") << 93.0 << 4 << 50.0;
        QTest::newRow("12345 in 6") << 12345.0 << 6 << 5000.0;
    }
    void niceSteps()
    {
        QFETCH(double, span);
        QFETCH(int, maxTicks);
        QFETCH(double, step);
        QCOMPARE(AxisTicks::niceStep(span, maxTicks), step);
    }
};

QTEST_GUILESS_MAIN(TestAxisTicks)
#include "tst_axisticks.moc"
