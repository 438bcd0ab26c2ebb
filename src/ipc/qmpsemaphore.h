#pragma once
// (File named qmpsemaphore.h, not semaphore.h: this directory is on the include path, and
// <semaphore.h> is a system header that libstdc++ includes.)
// qmp::Semaphore — multiprocessing.Semaphore: a counter; release() may go above the initial
// value (BoundedSemaphore forbids that). A value type: copies share one semaphore. Thread-safe.
//
// A futex counter in a shared segment, not QSystemSemaphore: its SEM_UNDO would undo a
// release() when the releasing process exits (a producer/consumer count breaks), it caps the
// value at 32767 and has no timeout (contract Q9, Q10). Values up to 2^31-1.
//
// Holder death: each process's held slots are counted in a table in the segment (64 entries);
// a waiter that finds no slot free checks every 50 ms for holders that died, gives their slots
// back, and recoveredFrom() names the dead pid (with a warning). A slot released by another
// process than the one that acquired it is not counted as held.

#include "ipchandle.h"

#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class Semaphore
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Semaphore;
    struct State;

    // Throws ValueError for a negative value.
    explicit Semaphore(int value = 1);

    bool acquire(bool block = true, int timeoutMs = -1) { return acquire(deadlineFor(block, timeoutMs)); }
    bool acquire(QDeadlineTimer deadline);
    // Throws ValueError for a BoundedSemaphore released above its initial value.
    void release();
    int getValue() const;
    qint64 recoveredFrom() const { return *m_recovered; }

    void lock() { acquire(); }
    void unlock() { release(); }

    IpcHandle handle() const;
    static Semaphore fromHandle(const IpcHandle &handle);

protected:
    Semaphore(int value, bool bounded);
    explicit Semaphore(std::shared_ptr<SharedSegment> segment);
    bool isBounded() const;

private:
    void noteHeld(int delta);
    bool reclaimDead();

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    std::shared_ptr<qint64> m_recovered;
};

} // namespace qmp

QMP_IPC_CBOR(Semaphore)
