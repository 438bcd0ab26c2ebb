#include "event.h"

#include "futex.h"

namespace qmp {

struct Event::State
{
    std::atomic<std::uint32_t> flag;
    std::atomic<std::uint32_t> waiters;
};

Event::Event() : Event(SharedSegment::create(segmentKind, sizeof(State)))
{
}

Event::Event(std::shared_ptr<SharedSegment> segment)
    : m_segment(std::move(segment)), m_state(reinterpret_cast<State *>(m_segment->payload()))
{
}

bool Event::isSet() const
{
    return m_state->flag.load() != 0;
}

void Event::set()
{
    m_state->flag.store(1);
    if (m_state->waiters.load() != 0)
        Futex::wakeAll(&m_state->flag);
}

void Event::clear()
{
    m_state->flag.store(0);
}

bool Event::wait(QDeadlineTimer deadline)
{
    // A set() in another process is often microseconds away: spin briefly (about 20 us)
    // before paying for a futex sleep and the setter's wake-up call.
    for (int i = 0; i < 600 && m_state->flag.load(std::memory_order_relaxed) == 0 && !deadline.hasExpired(); ++i) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    while (m_state->flag.load() == 0) {
        if (deadline.hasExpired())
            return false;
        m_state->waiters.fetch_add(1);
        Futex::wait(&m_state->flag, 0, deadline);
        m_state->waiters.fetch_sub(1);
    }
    return true;
}

IpcHandle Event::handle() const
{
    return {segmentKind, m_segment->nativeKey(), {}};
}

Event Event::fromHandle(const IpcHandle &handle)
{
    return Event(SharedSegment::attach(handle.key, segmentKind));
}

} // namespace qmp
