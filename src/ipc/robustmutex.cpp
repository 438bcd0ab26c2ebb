#include "robustmutex.h"

#include "ipcerrors.h"
#include "sharedsegment.h"
#include "spinwait.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <unistd.h>

namespace qmp {

void RobustMutex::initialise()
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    const int rc = pthread_mutex_init(&m_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    if (rc != 0)
        throw OSError(QStringLiteral("cannot initialise a process-shared mutex: %1").arg(QString::fromLocal8Bit(std::strerror(rc))));
    m_holderPid.store(0);
}

RobustMutex::Result RobustMutex::lock(QDeadlineTimer deadline, qint64 *deadHolder)
{
    // Holders keep it for well under a microsecond: try for a while before sleeping in the
    // kernel, whose sleep and wake-up cost the waiter and the holder a system call each. The
    // lock word (glibc's) is read before each try, and read less and less often: each read pulls
    // the word's line from the holder, and a holder that takes the lock again and again (a putter
    // streaming items) then waited for its own lock word on every take and release (polling on
    // every pause made a queue 1.1-2 times slower, and made 7 times as many futex calls).
    int interval = 1;
    for (int spent = 0; spent < spinPauses; spent += interval, interval = std::min(interval * 2, maxPollInterval)) {
        if (__atomic_load_n(&m_mutex.__data.__lock, __ATOMIC_RELAXED) == 0) {
            const int rc = pthread_mutex_trylock(&m_mutex);
            if (rc != EBUSY)
                return finishLock(rc, deadHolder);
        }
        for (int i = 0; i < interval; ++i)
            SpinWait::cpuRelax();
    }
    int rc;
    if (deadline.isForever()) {
        rc = pthread_mutex_lock(&m_mutex);
    } else {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        const qint64 ns = qMax<qint64>(0, deadline.remainingTimeNSecs());
        timespec abs{now.tv_sec + time_t(ns / 1000000000), now.tv_nsec + long(ns % 1000000000)};
        if (abs.tv_nsec >= 1000000000) {
            abs.tv_sec += 1;
            abs.tv_nsec -= 1000000000;
        }
        rc = pthread_mutex_clocklock(&m_mutex, CLOCK_MONOTONIC, &abs);
    }
    return finishLock(rc, deadHolder);
}

RobustMutex::Result RobustMutex::tryLock(qint64 *deadHolder)
{
    return finishLock(pthread_mutex_trylock(&m_mutex), deadHolder);
}

RobustMutex::Result RobustMutex::finishLock(int rc, qint64 *deadHolder)
{
    if (rc == ETIMEDOUT || rc == EBUSY)
        return Result::TimedOut;
    if (rc == EOWNERDEAD) {
        if (deadHolder)
            *deadHolder = m_holderPid.load();
        pthread_mutex_consistent(&m_mutex);
        m_holderPid.store(SharedSegment::currentPid());
        return Result::Recovered;
    }
    if (rc != 0)
        throw OSError(QStringLiteral("cannot lock a process-shared mutex: %1").arg(QString::fromLocal8Bit(std::strerror(rc))));
    m_holderPid.store(SharedSegment::currentPid(), std::memory_order_relaxed);
    return Result::Acquired;
}

void RobustMutex::unlock()
{
    m_holderPid.store(0, std::memory_order_relaxed);
    pthread_mutex_unlock(&m_mutex);
}

} // namespace qmp
