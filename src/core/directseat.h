#pragma once
// DirectSeat: one pool worker's place for direct calls (DirectLanes): its lane (where direct
// replies arrive), a dup() of its channel that a caller's thread writes a direct call to, and
// who may use the worker now. Internal to Pool.
//
// state and current are guarded by the DirectLanes' mutex; completedCalls is atomic; the rest
// is fixed while a caller may hold the seat.

#include "qmpcore_export.h"

#include <QByteArray>
#include <QDeadlineTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace qmp {

class CallerWake;
class ChannelReadGate;
class DirectCall;
class WorkerLane;

class QMP_CORE_AUTOTEST_EXPORT DirectSeat
{
public:
    enum class State {
        Closed,      // the pool thread owns the worker (sends it work, or it is not ready)
        Open,        // the worker is idle: a caller may take it for one direct call
        Busy,        // a caller's direct call runs on it
        BusyClosing, // Busy, and the pool thread wants the worker back once the call is done
        Gone,        // the worker exited
    };

    // fd: a dup() of the worker's channel, owned from now on.
    DirectSeat(std::shared_ptr<WorkerLane> lane, int fd);
    ~DirectSeat();
    DirectSeat(const DirectSeat &) = delete;
    DirectSeat &operator=(const DirectSeat &) = delete;

    WorkerLane &lane() const { return *m_lane; }
    // Writes a whole frame to the worker (any thread; only the seat's holder writes). False
    // when the channel is broken (the worker is gone: the pool thread handles its end).
    bool send(const QByteArray &frame) const;
    // Closes the dup(): the worker can read end-of-stream once the pool closes its end too.
    // Only while nobody may write (not Busy).
    void closeChannel();
    // A remote worker's seat gets its dup() once the worker has connected (DirectLanes::
    // attachChannel, under its lock). Without one the seat is never opened.
    void adoptChannel(int fd);
    bool hasChannel() const { return m_fd >= 0; }
    // A remote worker's: its replies come on the channel, which the pool thread and the waiting
    // caller both read, one at a time (readGate()); the pool thread wakes the caller
    // (DirectCall::wake()) when it completed the call itself.
    bool repliesOnChannel() const { return m_adopted; }
    int channel() const { return m_fd; }
    // A remote worker's seat: who reads its channel now (null for a local worker's).
    const std::shared_ptr<ChannelReadGate> &readGate() const { return m_gate; }
    // Reads one whole frame off the channel (only inside the read gate), the bytes the gate
    // kept first: its bytes, or nullopt at the end of the stream, on an error, or once giveUp()
    // says so (checked whenever wake rang; the stream is then out of step: only when the worker
    // is being ended anyway). A small frame takes one read(); what came after it is kept in
    // the gate.
    std::optional<QByteArray> receiveFrame(const CallerWake &wake, const std::function<bool()> &giveUp) const;

    State state = State::Closed;
    std::shared_ptr<DirectCall> current; // the direct call running (Busy / BusyClosing)
    // Direct calls whose replies were handled: the worker's started-call counter counts them.
    std::atomic<quint64> completedCalls{0};
    // The last direct call sent to it: a reply on the channel for it or an earlier one that no
    // call waits for any more is a copy its caller took from the lane already.
    std::atomic<quint64> lastDirectId{0};

    // The first read() of a frame asks for this much (a small reply's header and payload).
    static constexpr qsizetype firstReadSize = 4096;

private:
    const std::shared_ptr<WorkerLane> m_lane; // mapped while a caller may still wait on it
    int m_fd;
    bool m_adopted = false;
    std::shared_ptr<ChannelReadGate> m_gate;
};

} // namespace qmp
