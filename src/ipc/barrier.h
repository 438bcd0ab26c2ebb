#pragma once
// qmp::Barrier — multiprocessing.Barrier: `parties` processes (or threads) wait until all have
// arrived. A value type: copies share one barrier; pass it to a child as a task argument.
// Thread-safe.
//
// wait() returns the arrival index (0 .. parties-1; exactly one party gets each). The action,
// a registered task taking no argument, runs once per round in the last party to arrive,
// before anyone is released; if it throws, the barrier breaks and the exception goes on in that
// party. A wait() that times out breaks the barrier; every waiter, and every later wait() until
// reset(), throws BrokenBarrierError. State sits under a robust mutex in the segment.
// A party killed while waiting is still counted as arrived.

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QDeadlineTimer>
#include <QString>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT Barrier
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Barrier;
    struct State;

    // parties > 0 (ValueError otherwise). action: a registered task with no argument, or
    // nullptr. timeoutMs: the default for wait() (negative: none).
    explicit Barrier(int parties, void (*action)() = nullptr, int timeoutMs = -1);

    // Waits for the others up to timeoutMs (-2, the default: the barrier's own timeout;
    // other negative values: forever).
    int wait(int timeoutMs = -2);
    // Breaks the barrier: waiters and later wait() throw BrokenBarrierError until reset().
    void abort();
    // Back to the empty state; parties waiting now get BrokenBarrierError.
    void reset();

    int parties() const;
    int nWaiting() const;
    bool broken() const;

    IpcHandle handle() const;
    static Barrier fromHandle(const IpcHandle &handle);

private:
    Barrier(std::shared_ptr<SharedSegment> segment, QString action);
    void lockState() const;
    void unlockState() const;

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
    QString m_action;
};

} // namespace qmp

QMP_IPC_CBOR(Barrier)
