#pragma once
// RobustMutex: a process-shared, robust pthread mutex that lives *inside* a shared segment
// (placement: the creator calls initialise() on zeroed memory, every process then uses it).
//
// When a holder dies (SIGKILL included), the kernel's robust list hands the mutex to the next
// locker with EOWNERDEAD; lock() then marks it consistent and returns Recovered with the dead
// holder's pid, so the caller can repair or report ("previous holder (pid N) died"). Used for
// short critical sections over shared state (queues, barriers, conditions); never held while
// waiting for another process. Unlocking from a thread that does not hold it is undefined.

#include "qmpipc_export.h"
#include <QDeadlineTimer>

#include <atomic>
#include <pthread.h>

namespace qmp {

class QMP_IPC_EXPORT RobustMutex
{
public:
    enum class Result { Acquired, Recovered, TimedOut };

    // Creator only, on zeroed shared memory, before any other process sees the segment.
    void initialise();
    // Blocks until locked or the deadline passes (after a short spin: see spinPauses). On Recovered, *deadHolder (if given) is the
    // pid of the process that died holding it.
    Result lock(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever), qint64 *deadHolder = nullptr);
    // Never waits (no system call while a live holder has it): TimedOut when it is held.
    Result tryLock(qint64 *deadHolder = nullptr);
    void unlock();

private:
    // lock()'s spin before it sleeps in the kernel: pauses in all (16 microseconds on a CPU
    // whose pause takes 20 ns), the lock word read after 1, 2, 4 … up to maxPollInterval of them.
    static constexpr int spinPauses = 800;
    static constexpr int maxPollInterval = 128;
    Result finishLock(int rc, qint64 *deadHolder);

    pthread_mutex_t m_mutex;
    std::atomic<qint32> m_holderPid;
};

} // namespace qmp
