#include "queuestate.h"

#include <algorithm>

namespace qmp {

QueueState::QueueState(int id, QString name, QString key, qint64 maxsize, Order order, bool joinable,
                       MonitorOptions options)
    : m_id(id)
    , m_name(std::move(name))
    , m_key(std::move(key))
    , m_maxsize(std::max<qint64>(maxsize, 0))
    , m_order(order)
    , m_joinable(joinable)
    , m_depth(std::max(options.seriesCapacity, 1))
{
}

void QueueState::update(const Reading &reading)
{
    if (m_lifecycle == Lifecycle::Gone || (m_hasReading && reading == m_reading))
        return;
    m_reading = reading;
    m_hasReading = true;
    m_changed = true;
}

void QueueState::setLifecycle(Lifecycle lifecycle)
{
    if (lifecycle == m_lifecycle || m_lifecycle == Lifecycle::Gone
        || (m_lifecycle == Lifecycle::Closed && lifecycle == Lifecycle::Open))
        return;
    m_lifecycle = lifecycle;
    m_changed = true;
}

quint64 QueueState::gets() const
{
    const quint64 depth = quint64(std::max<qint64>(m_reading.depth, 0));
    return m_reading.puts > depth ? m_reading.puts - depth : 0;
}

double QueueState::fillPercent() const
{
    return m_maxsize > 0 ? 100.0 * double(m_reading.depth) / double(m_maxsize) : -1.0;
}

void QueueState::tick(qint64 nowMs)
{
    if (m_lifecycle == Lifecycle::Gone || !m_hasReading)
        return;
    if (!m_depth.isEmpty() && nowMs <= m_depth.last().timeMs)
        return; // one sample per millisecond at most: times only grow
    m_depth.append(nowMs, double(m_reading.depth));
    const quint64 gets = this->gets();
    if (m_hasTickBase && nowMs > m_tickMs) {
        const double seconds = double(nowMs - m_tickMs) / 1000.0;
        // Counters only grow; a smaller one (a queue re-counted after a crash) rates as 0.
        m_putRate = m_reading.puts >= m_tickPuts ? double(m_reading.puts - m_tickPuts) / seconds : 0;
        m_getRate = gets >= m_tickGets ? double(gets - m_tickGets) / seconds : 0;
    }
    m_hasTickBase = true;
    m_tickMs = nowMs;
    m_tickPuts = m_reading.puts;
    m_tickGets = gets;
    m_changed = true;
}

bool QueueState::takeChanged()
{
    const bool changed = m_changed;
    m_changed = false;
    return changed;
}

QString QueueState::orderName(Order order)
{
    switch (order) {
    case Order::Fifo: return QStringLiteral("fifo");
    case Order::Lifo: return QStringLiteral("lifo");
    case Order::Priority: return QStringLiteral("priority");
    }
    return QStringLiteral("?");
}

QString QueueState::lifecycleName(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Open: return QStringLiteral("open");
    case Lifecycle::Closed: return QStringLiteral("closed");
    case Lifecycle::Gone: return QStringLiteral("gone");
    }
    return QStringLiteral("?");
}

} // namespace qmp
