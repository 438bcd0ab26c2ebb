#include "condition.h"

#include "futex.h"
#include "ipcerrors.h"

namespace qmp {

struct Condition::State
{
    std::atomic<std::uint32_t> seq;
    std::atomic<std::uint32_t> waiters;
    std::atomic<std::uint32_t> tickets;
};

Condition::Condition(RLock lock) : Condition(SharedSegment::create(segmentKind, sizeof(State)), std::move(lock))
{
}

Condition::Condition(std::shared_ptr<SharedSegment> segment, RLock lock)
    : m_segment(std::move(segment)), m_state(reinterpret_cast<State *>(m_segment->payload())), m_lock(std::move(lock))
{
}

void Condition::ensureOwned(const char *operation) const
{
    if (!m_lock.isOwned())
        throw AssertionError(QStringLiteral("Condition %1: %2 on an un-acquired lock").arg(m_segment->nativeKey(), QLatin1String(operation)));
}

bool Condition::wait(QDeadlineTimer deadline)
{
    ensureOwned("wait");
    m_state->waiters.fetch_add(1);
    const int levels = m_lock.releaseAll();
    bool notified = false;
    for (;;) {
        std::uint32_t t = m_state->tickets.load();
        if (t > 0) {
            if (m_state->tickets.compare_exchange_weak(t, t - 1)) {
                notified = true;
                break;
            }
            continue;
        }
        const std::uint32_t seq = m_state->seq.load();
        if (m_state->tickets.load() > 0)
            continue;
        if (deadline.hasExpired())
            break;
        Futex::wait(&m_state->seq, seq, deadline);
    }
    m_lock.restore(levels, QDeadlineTimer(QDeadlineTimer::Forever));
    m_state->waiters.fetch_sub(1);
    return notified;
}

bool Condition::waitFor(const std::function<bool()> &predicate, int timeoutMs)
{
    const QDeadlineTimer deadline = deadlineFor(true, timeoutMs);
    bool result = predicate();
    while (!result) {
        if (deadline.hasExpired())
            break;
        wait(deadline);
        result = predicate();
    }
    return result;
}

void Condition::notify(int n)
{
    ensureOwned("notify");
    // Waiters that have no ticket yet; the lock is ours, so no waiter leaves meanwhile.
    const std::int64_t free = std::int64_t(m_state->waiters.load()) - std::int64_t(m_state->tickets.load());
    const std::int64_t give = qMin<std::int64_t>(n, free);
    if (give <= 0)
        return;
    m_state->tickets.fetch_add(std::uint32_t(give));
    m_state->seq.fetch_add(1);
    Futex::wake(&m_state->seq, int(give));
}

void Condition::notifyAll()
{
    notify(int(m_state->waiters.load()));
}

int Condition::waiting() const
{
    return int(m_state->waiters.load());
}

IpcHandle Condition::handle() const
{
    QCborMap params;
    params.insert(QStringLiteral("lock"), m_lock.handle().toCbor());
    return {segmentKind, m_segment->nativeKey(), params};
}

Condition Condition::fromHandle(const IpcHandle &handle)
{
    RLock lock = CborConvert<RLock>::fromCbor(handle.params.value(QStringLiteral("lock")));
    return Condition(SharedSegment::attach(handle.key, segmentKind), std::move(lock));
}

} // namespace qmp
