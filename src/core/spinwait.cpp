#include "spinwait.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace qmp::SpinWait {

void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool cpuToSpare()
{
    static std::atomic<qint64> checkedAt{0};
    static std::atomic<bool> spare{true};
    static const long cpus = qMax(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
    const qint64 now = nowNs();
    qint64 last = checkedAt.load(std::memory_order_relaxed);
    if (now - last < 100000000 || !checkedAt.compare_exchange_strong(last, now))
        return spare.load(std::memory_order_relaxed);
    const int fd = ::open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return spare.load(std::memory_order_relaxed);
    char text[128];
    const ssize_t n = ::read(fd, text, sizeof(text) - 1);
    ::close(fd);
    if (n <= 0)
        return spare.load(std::memory_order_relaxed);
    text[n] = '\0';
    // "0.52 0.58 0.59 3/345 12345": runnable/total after the third space.
    const char *p = text;
    for (int spaces = 0; *p && spaces < 3; ++p) {
        if (*p == ' ')
            ++spaces;
    }
    const long running = std::strtol(p, nullptr, 10);
    spare.store(running > 0 && running <= cpus, std::memory_order_relaxed);
    return spare.load(std::memory_order_relaxed);
}

} // namespace qmp::SpinWait
