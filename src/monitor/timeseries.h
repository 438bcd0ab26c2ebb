#pragma once
// TimeSeries: the last `capacity` samples (time, value) of one metric — a pool's throughput,
// queue depth, busy workers, task-duration percentiles. Bounded: appending to a full series drops
// the oldest sample, so a pool watched for days costs the same memory as one watched for a minute.
// Not thread-safe; the hub owns and updates its series on its own thread.

#include "qmpmonitor_export.h"
#include <QList>
#include <QtGlobal>

#include <vector>

namespace qmp {

class QMP_MONITOR_EXPORT TimeSeries
{
public:
    struct Sample
    {
        qint64 timeMs = 0; // milliseconds since the Unix epoch
        double value = 0;
        bool operator==(const Sample &) const = default;
    };

    // capacity < 1 is a ValueError.
    explicit TimeSeries(int capacity = 600);

    void append(qint64 timeMs, double value);
    void clear();

    int size() const { return m_size; }
    int capacity() const { return int(m_samples.size()); }
    bool isEmpty() const { return m_size == 0; }
    // i = 0 is the oldest sample kept; at(size() - 1) the newest. Out of range is a ValueError.
    Sample at(int i) const;
    Sample last() const { return at(m_size - 1); }
    // Samples newer than sinceMs, oldest first (what a chart appends on its next refresh).
    QList<Sample> since(qint64 sinceMs) const;
    double maximum() const; // 0 when empty

private:
    std::vector<Sample> m_samples;
    int m_first = 0; // index of the oldest sample
    int m_size = 0;
};

} // namespace qmp
