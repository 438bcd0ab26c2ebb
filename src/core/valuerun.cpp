#include "valuerun.h"

#include <utility>

namespace qmp::detail {

void ValueRun::add(const std::shared_ptr<PoolBatch> &batch, qsizetype index, const QCborValue &value)
{
    if (!m_values.isEmpty() && (batch != m_batch || index != m_first + m_values.size()))
        deliver();
    if (m_values.isEmpty()) {
        m_batch = batch;
        m_first = index;
    }
    m_values.append(value);
}

void ValueRun::deliver()
{
    if (m_values.isEmpty())
        return;
    // Taken out first: delivering may end the batch, whose callbacks must find the run empty.
    const std::shared_ptr<PoolBatch> batch = std::move(m_batch);
    const QCborArray values = std::exchange(m_values, QCborArray());
    m_batch.reset();
    if (values.size() == 1)
        batch->deliver(m_first, values.at(0));
    else
        batch->deliverEach(m_first, values);
}

} // namespace qmp::detail
