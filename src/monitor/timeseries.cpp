#include "timeseries.h"

#include "errors.h"

#include <algorithm>

namespace qmp {

TimeSeries::TimeSeries(int capacity)
{
    if (capacity < 1)
        throw ValueError(QStringLiteral("TimeSeries capacity must be at least 1, not %1").arg(capacity));
    m_samples.resize(size_t(capacity));
}

void TimeSeries::append(qint64 timeMs, double value)
{
    const int cap = capacity();
    if (m_size < cap) {
        m_samples[size_t((m_first + m_size) % cap)] = {timeMs, value};
        ++m_size;
    } else {
        m_samples[size_t(m_first)] = {timeMs, value};
        m_first = (m_first + 1) % cap;
    }
}

void TimeSeries::clear()
{
    m_first = 0;
    m_size = 0;
}

TimeSeries::Sample TimeSeries::at(int i) const
{
    if (i < 0 || i >= m_size)
        throw ValueError(QStringLiteral("TimeSeries index %1 out of range (size %2)").arg(i).arg(m_size));
    return m_samples[size_t((m_first + i) % capacity())];
}

QList<TimeSeries::Sample> TimeSeries::since(qint64 sinceMs) const
{
    // Samples are appended in time order: binary search for the first newer one.
    int lo = 0, hi = m_size;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (at(mid).timeMs > sinceMs)
            hi = mid;
        else
            lo = mid + 1;
    }
    QList<Sample> out;
    out.reserve(m_size - lo);
    for (int i = lo; i < m_size; ++i)
        out.append(at(i));
    return out;
}

double TimeSeries::maximum() const
{
    double best = 0;
    for (int i = 0; i < m_size; ++i)
        best = std::max(best, at(i).value);
    return best;
}

} // namespace qmp
