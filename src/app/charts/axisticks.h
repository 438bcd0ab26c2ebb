#pragma once
// AxisTicks: where a chart axis puts its ticks and what it writes there — round steps (1, 2, 5 ×
// 10^n, or whole minutes / hours for time), as many as fit, and labels people read at a glance
// ("-2 min", "1.5 k", "250 ms", "3/min") instead of "1e+04" or "-167 s". Pure logic (tested on
// its own); translated units (context "qmp::AxisTicks"). Any thread.

#include "modelroles.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace qmp {

class AxisTicks
{
    Q_DECLARE_TR_FUNCTIONS(qmp::AxisTicks)
public:
    struct Tick
    {
        double value = 0;
        QString label;
    };

    // Ticks from min to max (min <= max), at most maxTicks (>= 2) on a round step — one more when
    // the round step for maxTicks would leave a single tick in the span. unit says how
    // values read: ValueUnit::Count, PerSecond (shown per minute or hour when small),
    // Milliseconds (a duration), Percent; ValueUnit::None for seconds of a time axis (seconds ago).
    static QList<Tick> ticks(double min, double max, int maxTicks, ValueUnit unit);
    // A round step for a span: 1, 2 or 5 × 10^n (time: also 15 s, 30 s, whole minutes and hours).
    static double niceStep(double span, int maxTicks, bool time = false);

private:
    // How unit is shown for values up to `largest`: the factor values are multiplied by (a rate
    // per minute: 60; a duration in seconds: 1/1000).
    static double scaleFor(ValueUnit unit, double largest);
    // value (already scaled) on a grid of step (scaled), with its unit.
    static QString label(double value, double step, ValueUnit unit, double factor);
};

} // namespace qmp
