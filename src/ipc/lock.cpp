#include "lock.h"

#include "futex.h"
#include "ipcerrors.h"
#include "pythonerrors.h"

#include <unistd.h>

namespace qmp {

struct Lock::State
{
    std::atomic<std::uint32_t> holder; // pid, 0 when unlocked
    std::atomic<std::uint32_t> waiters;
};

namespace {
constexpr qint64 livenessSliceMs = 50;
}

Lock::Lock() : Lock(SharedSegment::create(segmentKind, sizeof(State)))
{
}

Lock::Lock(std::shared_ptr<SharedSegment> segment)
    : m_segment(std::move(segment))
    , m_state(reinterpret_cast<State *>(m_segment->payload()))
    , m_recovered(std::make_shared<qint64>(0))
{
}

bool Lock::acquire(QDeadlineTimer deadline)
{
    const auto me = std::uint32_t(SharedSegment::currentPid());
    std::uint32_t expected = 0;
    if (m_state->holder.compare_exchange_strong(expected, me, std::memory_order_acquire)) {
        *m_recovered = 0;
        return true;
    }
    bool sliceExpired = false;
    for (;;) {
        std::uint32_t cur = m_state->holder.load(std::memory_order_relaxed);
        if (cur == 0) {
            if (m_state->holder.compare_exchange_weak(cur, me, std::memory_order_acquire)) {
                *m_recovered = 0;
                return true;
            }
            continue;
        }
        if (sliceExpired && !SharedSegment::isProcessAlive(cur)) {
            if (m_state->holder.compare_exchange_strong(cur, me, std::memory_order_acquire)) {
                *m_recovered = cur;
                qWarning("qmp: Lock %s: previous holder (pid %u) died holding it; the lock was taken over",
                         qPrintable(m_segment->nativeKey()), cur);
                return true;
            }
            continue;
        }
        if (deadline.hasExpired())
            return false;
        const QDeadlineTimer slice =
            deadline.isForever() || deadline.remainingTime() > livenessSliceMs ? QDeadlineTimer(livenessSliceMs) : deadline;
        m_state->waiters.fetch_add(1);
        Futex::wait(&m_state->holder, cur, slice);
        m_state->waiters.fetch_sub(1);
        sliceExpired = slice.hasExpired();
    }
}

void Lock::release()
{
    if (m_state->holder.exchange(0) == 0)
        throw PythonErrors::releasedTooManyTimes();
    if (m_state->waiters.load() != 0)
        Futex::wake(&m_state->holder, 1);
}

bool Lock::locked() const
{
    return m_state->holder.load() != 0;
}

IpcHandle Lock::handle() const
{
    return {segmentKind, m_segment->nativeKey(), {}};
}

Lock Lock::fromHandle(const IpcHandle &handle)
{
    return Lock(SharedSegment::attach(handle.key, segmentKind));
}

} // namespace qmp
