#pragma once
// DurationWindow: the last `capacity` task durations of a pool, and their percentiles — what the
// dashboard's p50 / p95 and the stuck detector ("far beyond p95") read. Not thread-safe.

#include "qmpmonitor_export.h"
#include <QtGlobal>

#include <vector>

namespace qmp {

class QMP_MONITOR_EXPORT DurationWindow
{
public:
    explicit DurationWindow(int capacity = 512);
    void add(qint64 durationNs);
    int size() const { return int(m_values.size()); }
    // p in [0, 100]; nearest-rank percentile of the kept durations; 0 when empty.
    qint64 percentile(double p) const;

private:
    std::vector<qint64> m_values;
    size_t m_next = 0;
    size_t m_capacity;
};

} // namespace qmp
