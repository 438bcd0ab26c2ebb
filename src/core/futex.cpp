#include "futex.h"

#include <climits>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace qmp {

bool Futex::wait(std::atomic<std::uint32_t> *word, std::uint32_t expected, QDeadlineTimer deadline)
{
    timespec ts{};
    timespec *timeout = nullptr;
    if (!deadline.isForever()) {
        const qint64 ns = deadline.remainingTimeNSecs();
        if (ns <= 0)
            return word->load(std::memory_order_acquire) != expected;
        ts.tv_sec = time_t(ns / 1000000000);
        ts.tv_nsec = long(ns % 1000000000);
        timeout = &ts;
    }
    // FUTEX_WAIT, not FUTEX_WAIT_PRIVATE: the word is in memory shared between processes.
    const long rc = ::syscall(SYS_futex, reinterpret_cast<std::uint32_t *>(word), FUTEX_WAIT, expected,
                              timeout, nullptr, 0);
    if (rc == -1 && errno == ETIMEDOUT)
        return false;
    return true; // woken, EAGAIN (value changed) or EINTR: the caller re-checks its condition
}

int Futex::wake(std::atomic<std::uint32_t> *word, int count)
{
    const long rc = ::syscall(SYS_futex, reinterpret_cast<std::uint32_t *>(word), FUTEX_WAKE, count,
                              nullptr, nullptr, 0);
    return rc < 0 ? 0 : int(rc);
}

int Futex::wakeAll(std::atomic<std::uint32_t> *word)
{
    return wake(word, INT_MAX);
}

} // namespace qmp
