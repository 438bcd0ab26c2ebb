#include "axisticks.h"

#include <QLocale>

#include <cmath>

namespace qmp {

namespace {

// Decimals a value on a grid of `step` needs (0 for whole steps, 1 for 0.5, 2 for 0.25...).
int decimalsFor(double step)
{
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9)
        ++decimals;
    return decimals;
}

QString number(double value, double step)
{
    if (std::abs(value) < step * 1e-9)
        return QStringLiteral("0"); // not "-0", nor "0 k"
    const double magnitude = std::max(std::abs(value), step);
    if (magnitude >= 1e6 && step >= 1e5)
        return AxisTicks::tr("%1 M", "millions").arg(QLocale().toString(value / 1e6, 'f', decimalsFor(step / 1e6)));
    if (magnitude >= 1e4 && step >= 1e3)
        return AxisTicks::tr("%1 k", "thousands").arg(QLocale().toString(value / 1e3, 'f', decimalsFor(step / 1e3)));
    return QLocale().toString(value, 'f', decimalsFor(step));
}

} // namespace

double AxisTicks::niceStep(double span, int maxTicks, bool time)
{
    maxTicks = std::max(maxTicks, 2);
    if (!(span > 0) || !std::isfinite(span))
        return 1;
    const double raw = span / double(maxTicks - 1);
    if (time) {
        // Seconds: steps a clock shows.
        for (double step : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
                            10800.0, 21600.0, 43200.0, 86400.0}) {
            if (step >= raw)
                return step;
        }
    }
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double multiple : {1.0, 2.0, 5.0, 10.0}) {
        if (multiple * power >= raw * (1 - 1e-9))
            return multiple * power;
    }
    return 10 * power;
}

double AxisTicks::scaleFor(ValueUnit unit, double largest)
{
    switch (unit) {
    case ValueUnit::PerSecond: // a slow pool reads better per minute (or hour) than as 0.02/s
        return largest >= 1 || largest <= 0 ? 1 : largest * 60 >= 1 ? 60 : 3600;
    case ValueUnit::Milliseconds:
        return largest >= 2000 ? 1.0 / 1000 : 1;
    default:
        return 1;
    }
}

QString AxisTicks::label(double value, double step, ValueUnit unit, double factor)
{
    switch (unit) {
    case ValueUnit::None: { // seconds (ago) on a time axis; whole minutes and hours read as such
        if (std::fmod(step, 3600) == 0)
            return tr("%1 h", "hours on a time axis").arg(number(value / 3600, step / 3600));
        if (std::fmod(step, 60) == 0)
            return tr("%1 min", "minutes on a time axis").arg(number(value / 60, step / 60));
        return tr("%1 s", "seconds on a time axis").arg(number(value, step));
    }
    case ValueUnit::PerSecond:
        if (factor == 3600)
            return tr("%1/h", "a rate per hour").arg(number(value, step));
        if (factor == 60)
            return tr("%1/min", "a rate per minute").arg(number(value, step));
        return tr("%1/s", "a rate per second").arg(number(value, step));
    case ValueUnit::Milliseconds:
        if (factor != 1)
            return tr("%1 s", "seconds of a duration").arg(number(value, step));
        return tr("%1 ms", "milliseconds of a duration").arg(number(value, step));
    case ValueUnit::Percent:
        return tr("%1 %", "percent").arg(number(value, step));
    default:
        return number(value, step);
    }
}

QList<AxisTicks::Tick> AxisTicks::ticks(double min, double max, int maxTicks, ValueUnit unit)
{
    QList<Tick> out;
    if (!(max > min))
        max = min + 1;
    const double factor = scaleFor(unit, std::max(std::abs(min), std::abs(max)));
    // A round step as long as the span can leave a single tick inside it (90 s in steps of 2 min):
    // ask for one tick more until there are two (an axis with one label says nothing of its scale).
    for (int wanted = std::max(maxTicks, 2); wanted <= std::max(maxTicks, 2) + 4; ++wanted) {
        out.clear();
        double step = niceStep((max - min) * factor, wanted, unit == ValueUnit::None);
        if (unit == ValueUnit::Count || unit == ValueUnit::Percent)
            step = std::max(step, 1.0); // no half workers, no half items
        const double first = std::ceil(min * factor / step - 1e-9) * step;
        for (double scaled = first; scaled <= max * factor + step * 1e-9 && out.size() < 1000; scaled += step) {
            const double clean = std::abs(scaled) < step * 1e-9 ? 0.0 : scaled;
            out.append({clean / factor, label(clean, step, unit, factor)});
        }
        if (out.size() >= 2)
            break;
    }
    return out;
}

} // namespace qmp
