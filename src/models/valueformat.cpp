#include "valueformat.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace qmp {

namespace {

// value with three significant digits (at least no decimals from 100 up).
QString threeDigits(double value)
{
    const double magnitude = std::abs(value);
    const int decimals = magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0;
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QString ValueFormat::duration(qint64 ns)
{
    if (ns < 0)
        return QLatin1Char('-') + duration(ns == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max() : -ns);
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < 999'500)
        return tr("%1 µs").arg(threeDigits(double(ns) / 1e3));
    if (ns < 999'500'000)
        return tr("%1 ms").arg(threeDigits(double(ns) / 1e6));
    if (ns < 59'995'000'000)
        return tr("%1 s").arg(threeDigits(double(ns) / 1e9));
    const qint64 seconds = (ns + 500'000'000) / 1'000'000'000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    const qint64 minutes = (seconds + 30) / 60;
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString ValueFormat::bytes(qint64 bytes)
{
    if (bytes < 0)
        return QLatin1Char('-') + ValueFormat::bytes(bytes == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max() : -bytes);
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = double(bytes) / 1024;
    int unit = 0;
    while (value >= 999.5 && unit < 5) {
        value /= 1024;
        ++unit;
    }
    switch (unit) {
    case 0: return tr("%1 KiB").arg(threeDigits(value));
    case 1: return tr("%1 MiB").arg(threeDigits(value));
    case 2: return tr("%1 GiB").arg(threeDigits(value));
    case 3: return tr("%1 TiB").arg(threeDigits(value));
    default: return QStringLiteral("%1 %2").arg(threeDigits(value), QLatin1String(units[unit]));
    }
}

QString ValueFormat::percent(double percent)
{
    if (!std::isfinite(percent))
        return QString();
    return tr("%1 %").arg(threeDigits(percent));
}

QString ValueFormat::timestamp(qint64 ms)
{
    if (ms == 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ValueFormat::count(qint64 count)
{
    return QLocale().toString(count);
}

QString ValueFormat::rate(double perSecond)
{
    // A slow pool's pace reads per minute (or hour): "2.0/min" says more than "0.03/s".
    if (perSecond > 0 && perSecond < 0.1) {
        const double perMinute = perSecond * 60;
        if (perMinute >= 0.1)
            return tr("%1/min", "a rate: tasks per minute").arg(QLocale().toString(perMinute, 'f', perMinute >= 10 ? 1 : 2));
        return tr("%1/h", "a rate: tasks per hour").arg(QLocale().toString(perSecond * 3600, 'f', 2));
    }
    const int decimals = perSecond >= 100 || perSecond == 0 ? 0 : perSecond >= 10 ? 1 : 2;
    return tr("%1/s", "a rate: tasks per second").arg(QLocale().toString(perSecond, 'f', decimals));
}

QString ValueFormat::format(const QVariant &value, ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::None: return value.toString();
    case ValueUnit::Count: return count(value.toLongLong());
    case ValueUnit::Nanoseconds: return duration(value.toLongLong());
    case ValueUnit::Bytes: return bytes(value.toLongLong());
    case ValueUnit::Percent: return percent(value.toDouble());
    case ValueUnit::EpochMilliseconds: return timestamp(value.toLongLong());
    case ValueUnit::PerSecond: return rate(value.toDouble());
    case ValueUnit::Milliseconds: return duration(qint64(value.toDouble() * 1e6));
    }
    return value.toString();
}

} // namespace qmp
