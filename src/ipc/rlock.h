#pragma once
// qmp::RLock — multiprocessing.RLock: recursive and owned by one thread of one process.
// A value type: copies share one lock. Thread-safe.
//
// Built on a robust process-shared pthread mutex (RobustMutex) plus an owner (thread id) and a
// recursion count in the segment. Holder death: the kernel hands the mutex to the next
// acquirer at once (EOWNERDEAD, no polling); acquire() returns true, recoveredFrom() names the
// dead pid and a warning says "previous holder (pid N) died".

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT RLock
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::RLock;
    struct State;

    RLock();

    bool acquire(bool block = true, int timeoutMs = -1) { return acquire(deadlineFor(block, timeoutMs)); }
    bool acquire(QDeadlineTimer deadline);
    // Throws AssertionError when the calling thread does not own it.
    void release();
    // Owned by the calling thread (any recursion level).
    bool isOwned() const;
    int recursionCount() const; // of the calling thread; 0 when not the owner
    qint64 recoveredFrom() const { return *m_recovered; }

    void lock() { acquire(); }
    void unlock() { release(); }

    IpcHandle handle() const;
    static RLock fromHandle(const IpcHandle &handle);

    // For Condition: releases every level and returns the count; restore() re-acquires.
    int releaseAll();
    bool restore(int count, QDeadlineTimer deadline);

private:
    explicit RLock(std::shared_ptr<SharedSegment> segment);

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    std::shared_ptr<qint64> m_recovered;
};

} // namespace qmp

QMP_IPC_CBOR(RLock)
