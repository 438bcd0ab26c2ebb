#include "qmpsemaphore.h"

#include "boundedsemaphore.h"
#include "futex.h"
#include "ipcerrors.h"

#include <unistd.h>

namespace qmp {

namespace {
constexpr int slotCount = 64;
constexpr qint64 livenessSliceMs = 50;
} // namespace

struct Semaphore::State
{
    std::atomic<std::uint32_t> value;
    std::atomic<std::uint32_t> waiters;
    std::uint32_t initial;
    std::uint32_t bounded;
    struct Slot
    {
        std::atomic<std::int32_t> pid;
        std::atomic<std::int32_t> held;
    } holders[slotCount];
};

Semaphore::Semaphore(int value) : Semaphore(value, false)
{
}

Semaphore::Semaphore(int value, bool bounded)
{
    if (value < 0)
        throw ValueError(QStringLiteral("semaphore initial value must be >= 0 (got %1)").arg(value));
    m_segment = SharedSegment::create(segmentKind, sizeof(State));
    m_state = reinterpret_cast<State *>(m_segment->payload());
    m_recovered = std::make_shared<qint64>(0);
    m_state->value.store(std::uint32_t(value));
    m_state->initial = std::uint32_t(value);
    m_state->bounded = bounded ? 1 : 0;
}

Semaphore::Semaphore(std::shared_ptr<SharedSegment> segment)
    : m_segment(std::move(segment))
    , m_state(reinterpret_cast<State *>(m_segment->payload()))
    , m_recovered(std::make_shared<qint64>(0))
{
}

bool Semaphore::isBounded() const
{
    return m_state->bounded != 0;
}

void Semaphore::noteHeld(int delta)
{
    const std::int32_t me = SharedSegment::currentPid();
    const int start = int(std::uint32_t(me) % slotCount);
    for (int i = 0; i < slotCount; ++i) {
        State::Slot &slot = m_state->holders[(start + i) % slotCount];
        std::int32_t pid = slot.pid.load();
        if (pid == me) {
            if (delta > 0 || slot.held.load() > 0)
                slot.held.fetch_add(delta);
            return;
        }
        if (pid == 0 && delta > 0) {
            if (slot.pid.compare_exchange_strong(pid, me)) {
                slot.held.fetch_add(delta);
                return;
            }
        }
    }
    // Table full (or a release by a process holding nothing): not tracked.
}

bool Semaphore::reclaimDead()
{
    bool any = false;
    for (State::Slot &slot : m_state->holders) {
        std::int32_t pid = slot.pid.load();
        if (pid == 0 || SharedSegment::isProcessAlive(pid))
            continue;
        if (!slot.pid.compare_exchange_strong(pid, -1))
            continue;
        const std::int32_t held = slot.held.exchange(0);
        slot.pid.store(0);
        if (held > 0) {
            m_state->value.fetch_add(std::uint32_t(held));
            *m_recovered = pid;
            qWarning("qmp: Semaphore %s: previous holder (pid %d) died holding %d slot(s); they were given back",
                     qPrintable(m_segment->nativeKey()), pid, held);
            any = true;
        }
    }
    return any;
}

bool Semaphore::acquire(QDeadlineTimer deadline)
{
    bool sliceExpired = false;
    bool recovered = false;
    for (;;) {
        std::uint32_t v = m_state->value.load();
        while (v > 0) {
            if (m_state->value.compare_exchange_weak(v, v - 1)) {
                noteHeld(1);
                if (!recovered)
                    *m_recovered = 0;
                return true;
            }
        }
        if (sliceExpired && reclaimDead()) {
            recovered = true;
            continue;
        }
        if (deadline.hasExpired())
            return false;
        const QDeadlineTimer slice =
            deadline.isForever() || deadline.remainingTime() > livenessSliceMs ? QDeadlineTimer(livenessSliceMs) : deadline;
        m_state->waiters.fetch_add(1);
        Futex::wait(&m_state->value, 0, slice);
        m_state->waiters.fetch_sub(1);
        sliceExpired = slice.hasExpired();
    }
}

void Semaphore::release()
{
    std::uint32_t v = m_state->value.load();
    for (;;) {
        if (m_state->bounded && v >= m_state->initial)
            throw ValueError(QStringLiteral("BoundedSemaphore %1: released too many times (value %2, bound %3)")
                                 .arg(m_segment->nativeKey()).arg(v).arg(m_state->initial));
        if (v == 0x7fffffff)
            throw ValueError(QStringLiteral("Semaphore %1: value would exceed 2^31-1").arg(m_segment->nativeKey()));
        if (m_state->value.compare_exchange_weak(v, v + 1))
            break;
    }
    noteHeld(-1);
    if (m_state->waiters.load() != 0)
        Futex::wake(&m_state->value, 1);
}

int Semaphore::getValue() const
{
    return int(m_state->value.load());
}

IpcHandle Semaphore::handle() const
{
    return {segmentKind, m_segment->nativeKey(), {}};
}

Semaphore Semaphore::fromHandle(const IpcHandle &handle)
{
    return Semaphore(SharedSegment::attach(handle.key, segmentKind));
}

BoundedSemaphore BoundedSemaphore::fromHandle(const IpcHandle &handle)
{
    BoundedSemaphore s(SharedSegment::attach(handle.key, segmentKind));
    if (!s.isBounded())
        throw TypeError(QStringLiteral("%1 is a Semaphore, not a BoundedSemaphore").arg(handle.key));
    return s;
}

} // namespace qmp
