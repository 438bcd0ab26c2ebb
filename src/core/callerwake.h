#pragma once
// CallerWake: a descriptor of one thread's own that it sleeps on (poll()) while it waits for a
// remote worker's direct reply (DirectCall), and that any thread may ring. A ring reaches only
// the thread it belongs to: no other waiter can take it away. (One descriptor per worker,
// shared by the worker's successive callers, lost wake-ups: a caller of the next call could
// read the ring meant for the one before, which then slept on.)
//
// forThisThread() makes it on first use; it is closed once the thread has ended and nobody
// holds it any more, so a late ring never reaches a descriptor reused for something else. A
// ring may come after its reason is gone (a call done, a gate left): waiters treat a ring as
// "look again", clear() it when poll() reports it, and look before they sleep. Thread-safe.

#include "qmpcore_export.h"

#include <memory>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT CallerWake
{
public:
    static const std::shared_ptr<CallerWake> &forThisThread();

    CallerWake();
    ~CallerWake();
    CallerWake(const CallerWake &) = delete;
    CallerWake &operator=(const CallerWake &) = delete;

    // Readable (POLLIN) from a ring() until clear(); -1 when the system gave no descriptor
    // (then nobody can wait on it: ring() and clear() do nothing).
    int fd() const { return m_fd; }
    void ring() const;
    void clear() const;

private:
    int m_fd;
};

} // namespace qmp
