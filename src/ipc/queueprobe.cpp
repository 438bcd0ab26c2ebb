#include "queueprobe.h"

namespace qmp {

QueueProbe::QueueProbe(const Queue &queue)
    : m_own(Queue::fromHandle(queue.handle()))
    , m_watched(queue.m_impl)
    , m_key(queue.handle().key)
    , m_maxsize(m_own->maxsize())
    , m_order(m_own->order())
    , m_joinable(m_own->isJoinable())
{
}

QueueProbe::~QueueProbe() = default;

QueueProbe::Status QueueProbe::read(Reading *out, QDeadlineTimer deadline)
{
    if (!m_own)
        return Status::Gone;
    const std::shared_ptr<Queue::Impl> watched = m_watched.lock();
    if (watched)
        m_closed = isClosed(*watched);
    out->held = bool(watched);
    out->closed = m_closed;
    // The watched handle keeps this process attached through its own mapping: two attachments
    // at least while it is held. Only ours left (or none: destroyed) means the queue is over.
    const int attached = m_own->attachCount();
    if (attached < 0 || (attached <= 1 && !watched)) {
        release();
        return Status::Gone;
    }
    const std::optional<Queue::Counters> counters = m_own->counters(deadline);
    if (!counters)
        return Status::Busy;
    out->counters = *counters;
    return Status::Read;
}

void QueueProbe::release()
{
    m_own.reset();
}

} // namespace qmp
