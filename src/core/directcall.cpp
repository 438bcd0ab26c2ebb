#include "directcall.h"

#include "callerwake.h"
#include "channelreadgate.h"

#include "directlanes.h"
#include "directseat.h"
#include "framedecoder.h"
#include "poolbatch.h"
#include "spinwait.h"
#include "workerlane.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

#include <utility>

namespace qmp {

namespace {
// How long a caller looks at a remote worker's socket before it sleeps, when it may spin: a
// loopback round trip with the worker's work, a little more than a LAN's.
constexpr qint64 socketSpinNs = 50000;
} // namespace

DirectCall::DirectCall(quint64 id, QString task, ArgumentLists items, std::shared_ptr<detail::PoolBatch> batch,
                       std::shared_ptr<DirectSeat> seat, std::weak_ptr<DirectLanes> lanes)
    : m_id(id)
    , m_task(std::move(task))
    , m_items(std::move(items))
    , m_batch(std::move(batch))
    , m_seat(std::move(seat))
    , m_lanes(std::move(lanes))
{
}

void DirectCall::finish(const wire::PoolReply &reply)
{
    m_seat->completedCalls.fetch_add(1, std::memory_order_acq_rel);
    if (const auto lanes = m_lanes.lock())
        lanes->release(m_seat);
    if (const auto *result = std::get_if<wire::PoolResult>(&reply)) {
        m_batch->deliver(0, result->value);
    } else if (const auto *error = std::get_if<wire::PoolError>(&reply)) {
        m_batch->callsFailed(0, 1, std::make_exception_ptr(error->failure.toError()));
    } else {
        m_batch->fail(std::make_exception_ptr(
            ProcessError(QStringLiteral("task '%1' (#%2): the worker answered its call with a message of another kind")
                             .arg(m_task)
                             .arg(m_id))));
    }
}

void DirectCall::finishFromLane()
{
    finishFromFrame(m_seat->lane().directReply());
}

void DirectCall::finishFromFrame(const QByteArray &bytes)
{
    FrameDecoder decoder;
    decoder.feed(bytes);
    wire::PoolReply reply;
    try {
        const std::optional<QCborValue> frame = decoder.next();
        if (!frame)
            throw ValueError(decoder.errorString().isEmpty() ? QStringLiteral("a truncated reply") : decoder.errorString());
        reply = wire::decodePoolReply(*frame);
    } catch (const ValueError &e) {
        reply = wire::PoolInitFailed{QStringLiteral("qmp::ValueError"), e.message()}; // reported as another kind
    }
    if (const std::optional<qint64> answered = wire::answeredCall(reply); answered && quint64(*answered) != m_id)
        reply = wire::PoolInitFailed{QStringLiteral("qmp::ValueError"), QStringLiteral("a reply to another call")};
    finish(reply);
}

void DirectCall::wake()
{
    m_seat->lane().ringDoorbell();
    std::shared_ptr<CallerWake> waiter;
    {
        std::lock_guard lock(m_waiterMutex);
        waiter = m_waiter;
    }
    if (waiter)
        waiter->ring();
}

void DirectCall::helpFromChannel(QDeadlineTimer deadline)
{
    DirectSeat &seat = *m_seat;
    ChannelReadGate &gate = *seat.readGate();
    const auto lanes = m_lanes.lock();
    const std::shared_ptr<CallerWake> &wake = CallerWake::forThisThread();
    if (wake->fd() < 0) {
        if (lanes)
            lanes->wakeEngine(); // no descriptor to sleep on: the pool thread reads the reply
        return;
    }
    // A ring left from before (for a call done) only makes the first poll() return at once:
    // no clear() here, whose read() would find nothing on almost every call.
    {
        std::lock_guard lock(m_waiterMutex);
        m_waiter = wake;
    }
    gate.callerWaits();       // the pool thread stands aside (it learns of the call by a post)
    bool watchChannel = true; // false while the pool thread reads it: it rings us when it left
    // With a CPU to spare, a look at the socket now and then for a moment before sleeping: the
    // reply often comes within it, and this thread needs no wake-up then.
    const bool spin = lanes && lanes->shouldSpin();
    bool replyInSpin = false;
    if (spin) {
        const qint64 spinUntil = SpinWait::nowNs() + socketSpinNs;
        char byte;
        while (!isClaimed() && !gate.hasKept()) {
            const ssize_t n = ::recv(seat.channel(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                replyInSpin = true; // bytes, the end or an error: the loop below looks
                break;
            }
            if (SpinWait::nowNs() >= spinUntil)
                break;
        }
        if (replyInSpin)
            lanes->spinHit();
        else
            lanes->spinMissed();
    }
    while (!isClaimed()) {
        // Bytes the last reader kept (it read past its frame), or the socket's found in the
        // spin: in before poll() says so.
        if (!watchChannel || !(gate.hasKept() || std::exchange(replyInSpin, false))) {
            pollfd p[2] = {{wake->fd(), POLLIN, 0}, {watchChannel ? seat.channel() : -1, POLLIN, 0}};
            const qint64 left = deadline.remainingTime();
            const int r = ::poll(p, 2, left < 0 ? -1 : int(qMin<qint64>(left, 1 << 30)));
            if (r == 0)
                break; // the deadline
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            if (p[0].revents & POLLIN) {
                wake->clear();
                watchChannel = true; // the call is done, or the gate is free again
            }
            if (!(p[1].revents & (POLLIN | POLLHUP | POLLERR)) || isClaimed())
                continue;
        }
        if (!gate.tryEnter(ChannelReadGate::Reader::Caller, [wake] { wake->ring(); })) {
            watchChannel = false;
            continue;
        }
        const std::optional<QByteArray> frame = seat.receiveFrame(*wake, [this] { return isClaimed(); });
        gate.leave(ChannelReadGate::Reader::Caller);
        if (!frame)
            break; // the channel ended: the pool thread reads that and handles the worker's end
        if (claim())
            finishFromFrame(*frame);
        break;
    }
    {
        std::lock_guard lock(m_waiterMutex);
        m_waiter.reset();
    }
    gate.callerStopped();
    // Not done here: the pool thread reads the reply (or the channel's end) from now on.
    if (!isClaimed() && lanes)
        lanes->wakeEngine();
}

void DirectCall::watched()
{
    if (!m_seat->repliesOnChannel() || isClaimed() || m_watched.exchange(true))
        return;
    if (const auto lanes = m_lanes.lock())
        lanes->wakeEngine(); // its thread reads the reply unless a caller waits for it by then
}

void DirectCall::help(QDeadlineTimer deadline)
{
    if (m_helping.exchange(true))
        return; // another thread reads the lane: wait for the result with the others
    if (m_seat->repliesOnChannel()) {
        helpFromChannel(deadline);
        m_helping.store(false);
        return;
    }
    WorkerLane &lane = m_seat->lane();
    const auto lanes = m_lanes.lock();
    lane.setWaiting(true);
    const bool spin = lanes && !m_seat->repliesOnChannel() && lanes->shouldSpin();
    const qint64 spinUntil = SpinWait::nowNs() + SpinWait::defaultSpinNs;
    bool spun = false;
    for (;;) {
        if (isClaimed())
            break;
        const quint32 seen = lane.doorbell();
        if (lane.hasDirectReply(m_id)) {
            if (claim())
                finishFromLane();
            break;
        }
        if (spin && !spun) {
            for (int i = 0; i < 32; ++i)
                SpinWait::cpuRelax();
            if (SpinWait::nowNs() < spinUntil)
                continue;
            spun = true;
            if (lanes)
                lanes->spinMissed();
        }
        if (!lane.waitDoorbell(seen, deadline) && deadline.hasExpired())
            break;
    }
    lane.setWaiting(false);
    // The worker may have posted just before it saw us leave: then it told nobody else.
    if (!isClaimed() && lane.hasDirectReply(m_id) && claim())
        finishFromLane();
    if (spin && !spun && lanes)
        lanes->spinHit();
    m_helping.store(false);
}

} // namespace qmp
