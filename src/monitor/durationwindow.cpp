#include "durationwindow.h"

#include <algorithm>
#include <cmath>

namespace qmp {

DurationWindow::DurationWindow(int capacity)
    : m_capacity(size_t(std::max(capacity, 1)))
{
    m_values.reserve(m_capacity);
}

void DurationWindow::add(qint64 durationNs)
{
    if (m_values.size() < m_capacity) {
        m_values.push_back(durationNs);
    } else {
        m_values[m_next] = durationNs;
        m_next = (m_next + 1) % m_capacity;
    }
}

qint64 DurationWindow::percentile(double p) const
{
    if (m_values.empty())
        return 0;
    std::vector<qint64> sorted = m_values;
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * double(sorted.size()));
    const size_t k = size_t(std::max(rank, 1.0)) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(k), sorted.end());
    return sorted[k];
}

} // namespace qmp
