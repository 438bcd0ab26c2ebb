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
        QTest::newRow("a minute of time") << -60.0 << 0.0 << 5 << none << QStringList{QStringLiteral("-60 s"), QStringLiteral("-45 s"), QStringLiteral("-30 s"), QStringLiteral("-15 s"), QStringLiteral("0 s")};
        QTest::newRow("ten minutes") << -600.0 << 0.0 << 6 << none
                                     << QStringList{QStringLiteral("-10 min"), QStringLiteral("-8 min"), QStringLiteral("-6 min"), QStringLiteral("-4 min"), QStringLiteral("-2 min"), QStringLiteral("0 min")};
        QTest::newRow("an odd span keeps round ticks") << -223.0 << 0.0 << 5 << none
                                                       << QStringList{QStringLiteral("-3 min"), QStringLiteral("-2 min"), QStringLiteral("-1 min"), QStringLiteral("0 min")};
        // A step as long as the span would leave one tick ("0 s"): a smaller step keeps two.
        QTest::newRow("90 s in two ticks: never one") << -90.0 << 0.0 << 2 << none << QStringList{QStringLiteral("-1 min"), QStringLiteral("0 min")};
        QTest::newRow("70 s in two ticks: never one") << -70.0 << 0.0 << 2 << none << QStringList{QStringLiteral("-1 min"), QStringLiteral("0 min")};
        QTest::newRow("hours") << -10800.0 << 0.0 << 4 << none << QStringList{QStringLiteral("-3 h"), QStringLiteral("-2 h"), QStringLiteral("-1 h"), QStringLiteral("0 h")};
        QTest::newRow("big counts: k, not 1e+04") << 0.0 << 20000.0 << 3 << count << QStringList{QStringLiteral("0"), QStringLiteral("10 k"), QStringLiteral("20 k")};
        QTest::newRow("few workers: whole numbers") << 0.0 << 2.0 << 6 << count << QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")};
        QTest::newRow("rates per second") << 0.0 << 4.0 << 5 << rate << QStringList{QStringLiteral("0/s"), QStringLiteral("1/s"), QStringLiteral("2/s"), QStringLiteral("3/s"), QStringLiteral("4/s")};
        QTest::newRow("a slow pool: per minute") << 0.0 << 0.05 << 4 << rate << QStringList{QStringLiteral("0/min"), QStringLiteral("1/min"), QStringLiteral("2/min"), QStringLiteral("3/min")};
        QTest::newRow("very slow: per hour") << 0.0 << 0.01 << 5 << rate
                                             << QStringList{QStringLiteral("0/h"), QStringLiteral("10/h"), QStringLiteral("20/h"), QStringLiteral("30/h")};
        QTest::newRow("durations in ms") << 0.0 << 500.0 << 6 << ms << QStringList{QStringLiteral("0 ms"), QStringLiteral("100 ms"), QStringLiteral("200 ms"), QStringLiteral("300 ms"), QStringLiteral("400 ms"), QStringLiteral("500 ms")};
        QTest::newRow("durations in s") << 0.0 << 5000.0 << 6 << ms << QStringList{QStringLiteral("0 s"), QStringLiteral("1 s"), QStringLiteral("2 s"), QStringLiteral("3 s"), QStringLiteral("4 s"), QStringLiteral("5 s")};
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
