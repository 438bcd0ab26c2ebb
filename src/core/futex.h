#pragma once
// Futex: wait / wake on a 32-bit word in *shared* memory (FUTEX_WAIT / FUTEX_WAKE without the
// PRIVATE flag, so waiters in other processes see the wake-ups).
//
// Why futexes and not QSystemSemaphore (Qt 6.4, System V): every QSystemSemaphore operation uses
// SEM_UNDO, so a counter released by a process that then exits is silently decremented again
// (a Queue's item count would go wrong); its value is capped at 32767; and it has no timed wait,
// so acquire(timeout), get(timeout), wait(T) cannot be built on it. A futex lives inside our own
// segment, has a relative timeout, costs nothing when uncontended, and needs no kernel object
// that could leak.

#include "qmpcore_export.h"
#include <QDeadlineTimer>

#include <atomic>
#include <cstdint>

namespace qmp {

class QMP_CORE_EXPORT Futex
{
public:
    // Blocks while *word == expected, until woken or the deadline passes. Returns false on
    // timeout, true otherwise (woken, value changed, or a spurious wake-up: callers re-check).
    // Thread-safe; word must be 4-byte aligned in memory shared by the processes involved.
    static bool wait(std::atomic<std::uint32_t> *word, std::uint32_t expected, QDeadlineTimer deadline);
    // Wakes up to count waiters (INT_MAX: all). Returns how many were woken.
    static int wake(std::atomic<std::uint32_t> *word, int count);
    static int wakeAll(std::atomic<std::uint32_t> *word);
};

static_assert(sizeof(std::atomic<std::uint32_t>) == 4 && std::atomic<std::uint32_t>::is_always_lock_free);

} // namespace qmp
