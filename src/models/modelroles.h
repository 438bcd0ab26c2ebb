#pragma once
// The roles every QMP model answers besides Qt's, and what the Unit and ChartHint roles hold.
// Qt::DisplayRole is the formatted text ("1.25 s", "12.3 MiB"); Value is the raw number (or text)
// a sort proxy or a chart reads; FormattedValue the same text as DisplayRole for delegates that
// draw their own; Unit (an int: qmp::ValueUnit) says what Value is measured in; ChartHint (an
// int: qmp::ChartHint) how a chart should treat the column. Id is what the row stands for (a pool
// id, a worker pid, a task id; the same in every column); Stuck is true on rows the hub flagged.

#include <QByteArray>
#include <QHash>
#include <Qt>

namespace qmp::ModelRoles {
enum : int { Value = Qt::UserRole + 1, FormattedValue, Unit, ChartHint, Id, Stuck };

// base (a model's Qt role names) with Value, FormattedValue, Unit and ChartHint named, which
// every QMP model answers; models that answer Id and Stuck name them too.
inline QHash<int, QByteArray> withNames(QHash<int, QByteArray> base)
{
    base.insert(Value, "value");
    base.insert(FormattedValue, "formattedValue");
    base.insert(Unit, "unit");
    base.insert(ChartHint, "chartHint");
    return base;
}
} // namespace qmp::ModelRoles

namespace qmp {

// The unit of a Value role (stored values: never renumber).
enum class ValueUnit : int {
    None = 0,          // text, or a number without a unit (an id, a pid)
    Count = 1,         // how many
    Nanoseconds = 2,   // a duration
    Bytes = 3,
    Percent = 4,       // 100 = one core / the whole
    EpochMilliseconds = 5, // a point in time, ms since the Unix epoch
    PerSecond = 6,     // a rate (tasks per second)
    Milliseconds = 7,  // a duration given as a (fractional) number of ms
};

enum class ChartHint : int {
    None = 0,     // not for charts (text, ids)
    Category = 1, // a label to group by (state, pool, host)
    Measure = 2,  // a quantity to plot on a value axis
    Time = 3,     // a time axis
};

} // namespace qmp
