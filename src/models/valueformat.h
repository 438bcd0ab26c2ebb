#pragma once
// ValueFormat: how QMP's models write numbers for people — durations, byte sizes, percentages,
// points in time — in the current locale's digits, with three significant digits. Shared by
// every model's DisplayRole / FormattedValue. Stateless; any thread.

#include "qmpmodels_export.h"
#include "modelroles.h"

#include <QCoreApplication>
#include <QString>
#include <QVariant>

namespace qmp {

class QMP_MODELS_EXPORT ValueFormat
{
    Q_DECLARE_TR_FUNCTIONS(qmp::ValueFormat)
public:
    // "850 ns", "12.3 µs", "4.56 ms", "1.25 s", "2 min 05 s", "3 h 07 min". Negative: "-" + that.
    static QString duration(qint64 nanoseconds);
    // "512 B", "1.50 KiB", "12.3 MiB", "1.50 GiB" (binary units).
    static QString bytes(qint64 bytes);
    // "12.5 %", "250 %".
    static QString percent(double percent);
    // Local date and time, "2024-03-01 14:05:09"; empty for 0 (not set).
    static QString timestamp(qint64 msSinceEpoch);
    // "1234567" with the locale's digit grouping.
    static QString count(qint64 count);
    // "0/s", "3.25/s", "12.5/s", "1234/s"; slower than 0.1/s: "2.40/min", "1.50/h".
    static QString rate(double perSecond);
    // Whichever of the above unit names; ValueUnit::None: value.toString().
    static QString format(const QVariant &value, ValueUnit unit);
    // "–": a value that does not exist (the exit code or duration of a task that never started).
    static QString none() { return QStringLiteral("\u2013"); }
};

} // namespace qmp
