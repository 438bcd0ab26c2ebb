#include "barrier.h"

#include "futex.h"
#include "ipcerrors.h"
#include "pythonerrors.h"
#include "robustmutex.h"
#include "taskcall.h"
#include "taskregistry.h"

namespace qmp {

struct Barrier::State
{
    RobustMutex mutex;
    std::atomic<std::uint32_t> seq;
    std::int32_t parties;
    std::int32_t count;
    std::int32_t broken;
    std::int32_t timeoutMs;
    std::uint32_t generation;
    std::uint32_t resetGeneration; // a generation that began with reset(): its waiters broke
};

Barrier::Barrier(int parties, void (*action)(), int timeoutMs)
{
    if (parties <= 0)
        throw PythonErrors::barrierParties(parties);
    m_segment = SharedSegment::create(segmentKind, sizeof(State));
    m_state = reinterpret_cast<State *>(m_segment->payload());
    m_state->mutex.initialise();
    m_state->parties = parties;
    m_state->timeoutMs = timeoutMs;
    m_state->resetGeneration = ~0u;
    if (action)
        m_action = TaskCall::registeredName(detail::functionAddress(action));
}

Barrier::Barrier(std::shared_ptr<SharedSegment> segment, QString action)
    : m_segment(std::move(segment)), m_state(reinterpret_cast<State *>(m_segment->payload())), m_action(std::move(action))
{
}

void Barrier::lockState() const
{
    qint64 dead = 0;
    if (m_state->mutex.lock(QDeadlineTimer(QDeadlineTimer::Forever), &dead) == RobustMutex::Result::Recovered) {
        qWarning("qmp: Barrier %s: previous holder (pid %lld) died inside an operation; the barrier is broken",
                 qPrintable(m_segment->nativeKey()), qlonglong(dead));
        m_state->broken = 1;
    }
}

void Barrier::unlockState() const
{
    m_state->mutex.unlock();
}

int Barrier::wait(int timeoutMs)
{
    if (timeoutMs == -2)
        timeoutMs = m_state->timeoutMs;
    const QDeadlineTimer deadline = deadlineFor(true, timeoutMs);
    lockState();
    if (m_state->broken) {
        unlockState();
        throw PythonErrors::barrierBroken();
    }
    const std::uint32_t generation = m_state->generation;
    const int index = m_state->count++;
    if (m_state->count == m_state->parties) {
        if (!m_action.isEmpty()) {
            try {
                TaskRegistry::instance().call(m_action, {});
            } catch (...) {
                m_state->broken = 1;
                m_state->seq.fetch_add(1);
                unlockState();
                Futex::wakeAll(&m_state->seq);
                throw;
            }
        }
        m_state->count = 0;
        ++m_state->generation;
        m_state->seq.fetch_add(1);
        unlockState();
        Futex::wakeAll(&m_state->seq);
        return index;
    }
    for (;;) {
        const std::uint32_t seq = m_state->seq.load();
        unlockState();
        Futex::wait(&m_state->seq, seq, deadline);
        lockState();
        if (m_state->generation != generation) {
            const bool wasReset = m_state->resetGeneration == generation + 1;
            unlockState();
            if (wasReset)
                throw PythonErrors::barrierReset();
            return index;
        }
        if (m_state->broken) {
            unlockState();
            throw PythonErrors::barrierBroken();
        }
        if (deadline.hasExpired()) {
            m_state->broken = 1;
            m_state->seq.fetch_add(1);
            unlockState();
            Futex::wakeAll(&m_state->seq);
            throw PythonErrors::barrierTimedOut();
        }
    }
}

void Barrier::abort()
{
    lockState();
    m_state->broken = 1;
    m_state->seq.fetch_add(1);
    unlockState();
    Futex::wakeAll(&m_state->seq);
}

void Barrier::reset()
{
    lockState();
    if (m_state->count > 0 && !m_state->broken)
        m_state->resetGeneration = m_state->generation + 1;
    ++m_state->generation;
    m_state->count = 0;
    m_state->broken = 0;
    m_state->seq.fetch_add(1);
    unlockState();
    Futex::wakeAll(&m_state->seq);
}

int Barrier::parties() const
{
    return m_state->parties;
}

int Barrier::nWaiting() const
{
    lockState();
    const int n = m_state->broken ? 0 : m_state->count;
    unlockState();
    return n;
}

bool Barrier::broken() const
{
    return m_state->broken != 0;
}

IpcHandle Barrier::handle() const
{
    QCborMap params;
    params.insert(QStringLiteral("action"), m_action);
    return {segmentKind, m_segment->nativeKey(), params};
}

Barrier Barrier::fromHandle(const IpcHandle &handle)
{
    return Barrier(SharedSegment::attach(handle.key, segmentKind), handle.params.value(QStringLiteral("action")).toString());
}

} // namespace qmp
