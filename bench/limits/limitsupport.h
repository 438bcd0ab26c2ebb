#pragma once
// What the limit programs share: a futex on a word of shared memory, an anonymous shared mapping
// (inherited across fork), and a monotonic clock. Plain Linux system calls, no Qt: each program
// is the least a machine needs to do for one of QMP's figures.

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace limits {

// Sleeps while *word == expected (a shared futex: the word lives in a MAP_SHARED mapping), for
// at most a few milliseconds: the caller looks again. On the development VM both ends of
// limit_ring once slept for good with the ring full (a FUTEX_WAKE from outside on each word
// woke one sleeper each and the run went on), so a wake-up had been lost; bounded, such a loss
// costs a run milliseconds, not the whole benchmark.
inline void futexWait(std::atomic<uint32_t> *word, uint32_t expected)
{
    const timespec bound{0, 5 * 1000 * 1000};
    ::syscall(SYS_futex, reinterpret_cast<uint32_t *>(word), FUTEX_WAIT, expected, &bound, nullptr, 0);
}

inline void futexWakeAll(std::atomic<uint32_t> *word)
{
    ::syscall(SYS_futex, reinterpret_cast<uint32_t *>(word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

// size bytes of zeroed memory shared with the children forked after this call; exits on failure.
inline void *sharedMemory(size_t size)
{
    void *p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        std::perror("mmap");
        std::exit(1);
    }
    return p;
}

// A hint to the CPU that this thread is spinning.
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

inline double nowSeconds()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

inline long argumentOr(int argc, char **argv, int index, long fallback)
{
    return argc > index ? std::strtol(argv[index], nullptr, 10) : fallback;
}

} // namespace limits
