#include "qmpsemaphore.h"

#include "boundedsemaphore.h"
#include "futex.h"
#include "ipcerrors.h"
#include "pythonerrors.h"
#include "robustmutex.h"

#include <climits>

namespace qmp {

namespace {
constexpr int ownerSlots = 1024;
constexpr qint64 livenessSliceMs = 50;
constexpr std::uint32_t countMask = 0x7fffffffu;
// Set in the value word while an owned-slot change is half done: the journal says what to finish.
constexpr std::uint32_t journalBit = 0x80000000u;
constexpr std::int32_t neverUsed = 0; // an owner entry's pid: never used (ends a lookup) ...
constexpr std::int32_t tombstone = -1; // ... or free again
} // namespace

struct Semaphore::State
{
    std::atomic<std::uint32_t> value; // the count, and journalBit
    std::atomic<std::uint32_t> waiters;
    std::uint32_t initial;
    std::uint32_t bounded;
    std::atomic<std::uint32_t> ownersUsed; // lock() was used: waiters look for owners that died
    std::uint32_t reserved;
    RobustMutex owners; // guards holders[] and the journal
    std::int32_t journalEntry; // the owner entry being changed, plus 1 (0: none)
    std::int32_t journalHeld;  // its held count once the change is done
    struct Owner
    {
        std::atomic<std::int32_t> pid;  // neverUsed, tombstone, or the owner
        std::atomic<std::int32_t> held; // its owned slots
    } holders[ownerSlots];
};

Semaphore::Semaphore(int value) : Semaphore(value, false)
{
}

Semaphore::Semaphore(int value, bool bounded)
{
    if (value < 0)
        throw PythonErrors::negativeSemaphoreValue(value);
    m_segment = SharedSegment::create(segmentKind, sizeof(State));
    m_state = reinterpret_cast<State *>(m_segment->payload());
    m_recovered = std::make_shared<qint64>(0);
    m_state->owners.initialise();
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

void Semaphore::lockOwners()
{
    if (m_state->owners.lock() == RobustMutex::Result::Recovered)
        repairJournal();
}

void Semaphore::repairJournal()
{
    // An owner died in the middle of a change: the journal bit says whether the count was
    // changed; if so, the held count is set as it was going to be.
    if (m_state->journalEntry != 0 && (m_state->value.load() & journalBit)) {
        m_state->holders[m_state->journalEntry - 1].held.store(m_state->journalHeld);
        m_state->value.fetch_and(countMask);
    }
    m_state->journalEntry = 0;
}

int Semaphore::ownerEntry(bool create)
{
    const std::int32_t me = SharedSegment::currentPid();
    const int start = int(std::uint32_t(me) % ownerSlots);
    int freeEntry = -1;
    for (int i = 0; i < ownerSlots; ++i) {
        const int e = (start + i) % ownerSlots;
        const std::int32_t pid = m_state->holders[e].pid.load();
        if (pid == me)
            return e;
        if (pid == tombstone && freeEntry < 0)
            freeEntry = e;
        if (pid == neverUsed) {
            if (freeEntry < 0)
                freeEntry = e;
            break;
        }
    }
    if (!create)
        return -1;
    if (freeEntry < 0) {
        // Full: entries that hold nothing are only remembered places; free them (owners locked,
        // so their processes cannot be using them now).
        for (State::Owner &owner : m_state->holders) {
            if (owner.held.load() == 0)
                owner.pid.store(tombstone);
        }
        for (int i = 0; i < ownerSlots && freeEntry < 0; ++i) {
            if (m_state->holders[(start + i) % ownerSlots].pid.load() == tombstone)
                freeEntry = (start + i) % ownerSlots;
        }
        if (freeEntry < 0)
            return -1;
    }
    m_state->holders[freeEntry].held.store(0);
    m_state->holders[freeEntry].pid.store(me);
    return freeEntry;
}

bool Semaphore::changeOwned(int entry, int delta, std::int32_t heldAfter, bool clamp)
{
    m_state->journalHeld = heldAfter;
    m_state->journalEntry = entry + 1;
    std::uint32_t v = m_state->value.load();
    for (;;) {
        const qint64 count = v & countMask;
        qint64 next = count + delta;
        if (next < 0) {
            m_state->journalEntry = 0;
            return false;
        }
        const qint64 bound = m_state->bounded ? qint64(m_state->initial) : qint64(countMask);
        if (next > bound) {
            if (!clamp) { // unlock(): refused, as Python's release() is
                m_state->journalEntry = 0;
                return false;
            }
            next = qMax(count, bound); // a dead owner's slots: never past the bound
        }
        if (m_state->value.compare_exchange_weak(v, std::uint32_t(next) | journalBit))
            break;
    }
    m_state->holders[entry].held.store(heldAfter);
    m_state->value.fetch_and(countMask);
    m_state->journalEntry = 0;
    return true;
}

bool Semaphore::takeOwned()
{
    lockOwners();
    const int entry = ownerEntry(true);
    if (entry < 0) {
        m_state->owners.unlock();
        throw OSError(QStringLiteral("Semaphore %1: more than %2 processes hold owned slots (lock()) at once")
                          .arg(m_segment->nativeKey()).arg(ownerSlots));
    }
    const bool taken = changeOwned(entry, -1, m_state->holders[entry].held.load() + 1, false);
    m_state->owners.unlock();
    return taken;
}

bool Semaphore::reclaimDeadOwners()
{
    bool any = false;
    lockOwners();
    for (State::Owner &owner : m_state->holders) {
        const std::int32_t pid = owner.pid.load();
        const std::int32_t held = owner.held.load();
        if (pid <= 0 || held == 0 || SharedSegment::isProcessAlive(pid))
            continue;
        changeOwned(int(&owner - m_state->holders), held, 0, true);
        owner.pid.store(tombstone);
        *m_recovered = pid;
        qWarning("qmp: Semaphore %s: previous holder (pid %d) died holding %d slot(s); they were given back",
                 qPrintable(m_segment->nativeKey()), pid, held);
        any = true;
    }
    m_state->owners.unlock();
    if (any)
        wakeWaiters(INT_MAX);
    return any;
}

bool Semaphore::take(QDeadlineTimer deadline, bool owned)
{
    if (owned && m_state->ownersUsed.load(std::memory_order_relaxed) == 0)
        m_state->ownersUsed.store(1);
    bool sliceExpired = false;
    bool recovered = false;
    for (;;) {
        bool taken = false;
        if (owned) {
            taken = takeOwned();
        } else {
            std::uint32_t v = m_state->value.load();
            while ((v & countMask) > 0 && !taken)
                taken = m_state->value.compare_exchange_weak(v, v - 1);
        }
        if (taken) {
            if (!recovered)
                *m_recovered = 0;
            return true;
        }
        if (sliceExpired && m_state->ownersUsed.load() != 0 && reclaimDeadOwners()) {
            recovered = true;
            continue;
        }
        if (deadline.hasExpired())
            return false;
        const QDeadlineTimer slice =
            deadline.isForever() || deadline.remainingTime() > livenessSliceMs ? QDeadlineTimer(livenessSliceMs) : deadline;
        const std::uint32_t v = m_state->value.load();
        if ((v & countMask) > 0)
            continue;
        m_state->waiters.fetch_add(1);
        Futex::wait(&m_state->value, v, slice);
        m_state->waiters.fetch_sub(1);
        sliceExpired = slice.hasExpired();
    }
}

bool Semaphore::acquire(QDeadlineTimer deadline)
{
    return take(deadline, false);
}

bool Semaphore::tryLock(QDeadlineTimer deadline)
{
    return take(deadline, true);
}

void Semaphore::release()
{
    std::uint32_t v = m_state->value.load();
    for (;;) {
        const std::uint32_t count = v & countMask;
        if (m_state->bounded && count >= m_state->initial)
            throw PythonErrors::releasedTooManyTimes();
        if (count == countMask)
            throw PythonErrors::semaphoreOverflow();
        if (m_state->value.compare_exchange_weak(v, v + 1))
            break;
    }
    wakeWaiters(1);
}

void Semaphore::unlock()
{
    lockOwners();
    const int entry = ownerEntry(false);
    const std::int32_t held = entry < 0 ? 0 : m_state->holders[entry].held.load();
    if (held <= 0) {
        m_state->owners.unlock();
        throw AssertionError(QStringLiteral("Semaphore %1: unlock() without an owned slot: this process took none "
                                            "with lock() (a slot from acquire() goes back with release())")
                                 .arg(m_segment->nativeKey()));
    }
    const bool given = changeOwned(entry, 1, held - 1, false);
    m_state->owners.unlock();
    if (!given)
        throw m_state->bounded ? PythonErrors::releasedTooManyTimes() : PythonErrors::semaphoreOverflow();
    wakeWaiters(1);
}

void Semaphore::wakeWaiters(int count)
{
    if (m_state->waiters.load() != 0)
        Futex::wake(&m_state->value, count);
}

int Semaphore::getValue() const
{
    return int(m_state->value.load() & countMask);
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
