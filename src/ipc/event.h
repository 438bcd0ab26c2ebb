#pragma once
// qmp::Event — multiprocessing.Event: a flag that processes wait for. A value type: copies
// share one event. Thread-safe. A futex word in a shared segment (wait(T) needs a timeout,
// which QSystemSemaphore lacks). No holder, so nothing to recover on death.

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QDeadlineTimer>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT Event
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Event;
    struct State;

    Event(); // unset

    bool isSet() const;
    // Sets the flag and wakes every waiter.
    void set();
    void clear();
    // Blocks until set or timeoutMs passes (negative: forever); returns the flag.
    bool wait(int timeoutMs = -1) { return wait(deadlineFor(true, timeoutMs)); }
    bool wait(QDeadlineTimer deadline);

    IpcHandle handle() const;
    static Event fromHandle(const IpcHandle &handle);

private:
    explicit Event(std::shared_ptr<SharedSegment> segment);

    std::shared_ptr<SharedSegment> m_segment;
    State *m_state = nullptr;
};

} // namespace qmp

QMP_IPC_CBOR(Event)
