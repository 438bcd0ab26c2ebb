#include "rlock.h"

#include "ipcerrors.h"
#include "pythonerrors.h"
#include "robustmutex.h"

#include <unistd.h>

namespace qmp {

struct RLock::State
{
    RobustMutex mutex;
    std::atomic<std::int32_t> ownerTid;
    std::int32_t count;
};

RLock::RLock() : RLock(SharedSegment::create(segmentKind, sizeof(State)))
{
    m_state->mutex.initialise();
}

RLock::RLock(std::shared_ptr<SharedSegment> segment)
    : m_segment(std::move(segment))
    , m_state(reinterpret_cast<State *>(m_segment->payload()))
    , m_recovered(std::make_shared<qint64>(0))
{
}

bool RLock::acquire(QDeadlineTimer deadline)
{
    const std::int32_t me = SharedSegment::currentTid();
    if (m_state->ownerTid.load() == me) {
        ++m_state->count;
        return true;
    }
    qint64 dead = 0;
    const RobustMutex::Result r = m_state->mutex.lock(deadline, &dead);
    if (r == RobustMutex::Result::TimedOut)
        return false;
    *m_recovered = 0;
    if (r == RobustMutex::Result::Recovered) {
        *m_recovered = dead;
        qWarning("qmp: RLock %s: previous holder (pid %lld) died holding it; the lock was taken over",
                 qPrintable(m_segment->nativeKey()), qlonglong(dead));
    }
    m_state->ownerTid.store(me);
    m_state->count = 1;
    return true;
}

void RLock::release()
{
    if (m_state->ownerTid.load() != SharedSegment::currentTid())
        throw PythonErrors::rlockNotOwned();
    if (--m_state->count == 0) {
        m_state->ownerTid.store(0);
        m_state->mutex.unlock();
    }
}

bool RLock::isOwned() const
{
    return m_state->ownerTid.load() == SharedSegment::currentTid();
}

int RLock::recursionCount() const
{
    return isOwned() ? m_state->count : 0;
}

int RLock::releaseAll()
{
    if (!isOwned())
        throw AssertionError(QStringLiteral("RLock %1: not owned by this thread").arg(m_segment->nativeKey()));
    const int count = m_state->count;
    m_state->count = 1;
    release();
    return count;
}

bool RLock::restore(int count, QDeadlineTimer deadline)
{
    if (!acquire(deadline))
        return false;
    m_state->count = count;
    return true;
}

IpcHandle RLock::handle() const
{
    return {segmentKind, m_segment->nativeKey(), {}};
}

RLock RLock::fromHandle(const IpcHandle &handle)
{
    return RLock(SharedSegment::attach(handle.key, segmentKind));
}

} // namespace qmp
