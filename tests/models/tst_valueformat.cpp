// ValueFormat: every unit at its boundaries, in American English ("." decimal point, "," groups).
#include "valueformat.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using qmp::ValueFormat;
using qmp::ValueUnit;

class TestValueFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void formats_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<ValueUnit>("unit");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const QVariant &value, ValueUnit unit, const char *expected) {
            QTest::newRow(name) << value << unit << QString::fromUtf8(expected);
        };
        row("0 ns", qint64(0), ValueUnit::Nanoseconds, "0 ns");
        row("999 ns", qint64(999), ValueUnit::Nanoseconds, "999 ns");
        row("1 µs", qint64(1000), ValueUnit::Nanoseconds, "1.00 µs");
        row("12.3 µs", qint64(12'345), ValueUnit::Nanoseconds, "12.3 µs");
        row("rounds up to ms", qint64(999'600), ValueUnit::Nanoseconds, "1.00 ms");
        row("4.56 ms", qint64(4'560'000), ValueUnit::Nanoseconds, "4.56 ms");
        row("1.25 s", qint64(1'250'000'000), ValueUnit::Nanoseconds, "1.25 s");
        row("59.9 s", qint64(59'900'000'000), ValueUnit::Nanoseconds, "59.9 s");
        row("2 min 05 s", qint64(125'000'000'000), ValueUnit::Nanoseconds, "2 min 05 s");
        row("3 h 07 min", qint64(3) * 3600'000'000'000 + 7 * 60'000'000'000, ValueUnit::Nanoseconds, "3 h 07 min");
        row("negative duration", qint64(-1'500'000), ValueUnit::Nanoseconds, "-1.50 ms");
        row("0 B", qint64(0), ValueUnit::Bytes, "0 B");
        row("1023 B", qint64(1023), ValueUnit::Bytes, "1023 B");
        row("1.50 KiB", qint64(1536), ValueUnit::Bytes, "1.50 KiB");
        row("12.3 MiB", qint64(12.3 * 1024 * 1024), ValueUnit::Bytes, "12.3 MiB");
        row("999 MiB", qint64(999) * 1024 * 1024, ValueUnit::Bytes, "999 MiB");
        row("rounds up to GiB", qint64(1023) * 1024 * 1024, ValueUnit::Bytes, "1.00 GiB");
        row("huge", std::numeric_limits<qint64>::max(), ValueUnit::Bytes, "8.00 EiB");
        row("percent", 12.5, ValueUnit::Percent, "12.5 %");
        row("percent over 100", 250.0, ValueUnit::Percent, "250 %");
        row("percent small", 0.5, ValueUnit::Percent, "0.50 %");
        row("count", qint64(1234567), ValueUnit::Count, "1,234,567");
        row("text", QStringLiteral("gzip a.txt"), ValueUnit::None, "gzip a.txt");
        row("unset time", qint64(0), ValueUnit::EpochMilliseconds, "");
        row("rate zero", 0.0, ValueUnit::PerSecond, "0/s");
        row("rate small", 3.25, ValueUnit::PerSecond, "3.25/s");
        row("rate tens", 12.54, ValueUnit::PerSecond, "12.5/s");
        row("rate big", 12345.6, ValueUnit::PerSecond, "12,346/s");
        row("fractional ms", 1.5, ValueUnit::Milliseconds, "1.50 ms");
    }
    void formats()
    {
        QFETCH(QVariant, value);
        QFETCH(ValueUnit, unit);
        QFETCH(QString, expected);
        QCOMPARE(ValueFormat::format(value, unit), expected);
    }

    void timestampIsLocalTime()
    {
        const QDateTime local(QDate(2024, 3, 1), QTime(14, 5, 9));
        QCOMPARE(ValueFormat::timestamp(local.toMSecsSinceEpoch()), QStringLiteral("2024-03-01 14:05:09"));
    }
};

QTEST_GUILESS_MAIN(TestValueFormat)
#include "tst_valueformat.moc"
