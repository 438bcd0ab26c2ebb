#include "directlanes.h"

#include "directcall.h"
#include "channelreadgate.h"
#include "directseat.h"
#include "framedecoder.h"
#include "monotonicclock.h"
#include "poolbatch.h"
#include "spinwait.h"
#include "workerlane.h"
#include "workerprotocol.h"

#include <algorithm>
#include <unistd.h>

namespace qmp {

namespace {
constexpr int maxSpinScore = 16;
constexpr qsizetype maxDirectFrame = 64 * 1024; // larger calls take the pool thread's path
} // namespace

DirectLanes::DirectLanes()
    : m_enabled(qEnvironmentVariable("QMP_POOL_DIRECT") != QLatin1String("0"))
{
}

bool DirectLanes::tryCall(const QString &task, const ArgumentLists &items, const std::shared_ptr<detail::PoolBatch> &batch)
{
    if (!m_enabled || !m_anyOpen.load(std::memory_order_relaxed) || items.size() != 1)
        return false;
    const quint64 id = m_nextId.fetch_add(1, std::memory_order_relaxed);
    wire::PoolCall message{wire::PoolCall::Shape::One, qint64(id), task, items.at(0)};
    message.direct = true;
    QByteArray frame;
    try {
        frame = FrameDecoder::encode(message.encode(), maxDirectFrame);
    } catch (const Error &) {
        return false;
    }
    std::shared_ptr<DirectCall> call;
    std::shared_ptr<DirectSeat> seat;
    {
        std::lock_guard lock(m_mutex);
        if (m_blocked)
            return false;
        const auto open = std::find_if(m_seats.begin(), m_seats.end(),
                                       [](const auto &s) { return s->state == DirectSeat::State::Open; });
        if (open == m_seats.end()) {
            m_anyOpen.store(false, std::memory_order_relaxed);
            return false;
        }
        seat = *open;
        call = std::make_shared<DirectCall>(id, task, items, batch, seat, weak_from_this());
        call->startedNs.store(monotonicNs(), std::memory_order_relaxed);
        seat->state = DirectSeat::State::Busy;
        seat->current = call;
        seat->lastDirectId.store(id, std::memory_order_relaxed);
    }
    m_calls.fetch_add(1, std::memory_order_relaxed);
    if (const auto completion = batch->completion.lock())
        completion->setHelper(call);
    // A broken channel: the worker died; the pool thread sends the call again (it never began).
    seat->send(frame);
    // A remote worker's reply is read off its socket by the thread that waits for it (help()),
    // or by the pool thread once the result is followed without a wait (DirectCall::watched()).
    return true;
}

void DirectLanes::wakeEngine()
{
    std::lock_guard lock(m_mutex);
    if (m_wake)
        m_wake();
}

bool DirectLanes::callerReads(const DirectSeat &seat)
{
    std::lock_guard lock(m_mutex);
    switch (seat.state) {
    case DirectSeat::State::Open:
        return true; // nothing comes while the worker is idle; a caller may take it any moment
    case DirectSeat::State::Busy:
    case DirectSeat::State::BusyClosing:
        return seat.readGate() && seat.readGate()->callerWaiting();
    case DirectSeat::State::Closed:
    case DirectSeat::State::Gone:
        break;
    }
    return false;
}

void DirectLanes::block(Block why)
{
    std::lock_guard lock(m_mutex);
    m_blocked |= why;
    for (const auto &seat : m_seats) {
        if (seat->state == DirectSeat::State::Open)
            seat->state = DirectSeat::State::Closed;
    }
    m_anyOpen.store(false, std::memory_order_relaxed);
    // The pool thread learns of it and opens them again when it may.
    if (m_wake)
        m_wake();
}

void DirectLanes::unblock(Block why)
{
    std::lock_guard lock(m_mutex);
    m_blocked &= ~unsigned(why);
    if (m_wake)
        m_wake();
}

bool DirectLanes::shouldSpin()
{
    // After a run of misses spinning stops; every 32nd wait probes again.
    if (m_spinScore.load(std::memory_order_relaxed) <= 0 && m_probe.fetch_add(1, std::memory_order_relaxed) % 32 != 31)
        return false;
    return SpinWait::cpuToSpare();
}

void DirectLanes::spinHit()
{
    int score = m_spinScore.load(std::memory_order_relaxed);
    if (score < maxSpinScore)
        m_spinScore.compare_exchange_weak(score, score + 1, std::memory_order_relaxed);
}

void DirectLanes::spinMissed()
{
    int score = m_spinScore.load(std::memory_order_relaxed);
    if (score > 0)
        m_spinScore.compare_exchange_weak(score, std::max(score - 2, 0), std::memory_order_relaxed);
}

void DirectLanes::setWake(std::function<void()> wake)
{
    std::lock_guard lock(m_mutex);
    m_wake = std::move(wake);
    if (!m_wake) {
        for (const auto &seat : m_seats) {
            if (seat->state == DirectSeat::State::Open)
                seat->state = DirectSeat::State::Closed;
        }
        m_anyOpen.store(false, std::memory_order_relaxed);
    }
}

std::shared_ptr<DirectSeat> DirectLanes::addSeat(std::shared_ptr<WorkerLane> lane, int fd)
{
    auto seat = std::make_shared<DirectSeat>(std::move(lane), fd);
    if (fd < 0)
        seat->state = DirectSeat::State::Gone; // never opens
    std::lock_guard lock(m_mutex);
    m_seats.push_back(seat);
    return seat;
}

void DirectLanes::attachChannel(DirectSeat &seat, int fd)
{
    std::lock_guard lock(m_mutex);
    if (seat.hasChannel() || seat.state != DirectSeat::State::Gone) {
        if (fd >= 0)
            ::close(fd);
        return;
    }
    seat.adoptChannel(fd);
    if (fd >= 0)
        seat.state = DirectSeat::State::Closed;
}

void DirectLanes::open(DirectSeat &seat)
{
    if (!m_enabled)
        return;
    std::lock_guard lock(m_mutex);
    if (m_blocked || !m_wake || seat.state != DirectSeat::State::Closed)
        return;
    seat.state = DirectSeat::State::Open;
    m_anyOpen.store(true, std::memory_order_relaxed);
}

bool DirectLanes::close(DirectSeat &seat)
{
    std::lock_guard lock(m_mutex);
    switch (seat.state) {
    case DirectSeat::State::Open:
        seat.state = DirectSeat::State::Closed;
        return true;
    case DirectSeat::State::Busy:
        seat.state = DirectSeat::State::BusyClosing;
        return false;
    case DirectSeat::State::BusyClosing:
        return false;
    case DirectSeat::State::Closed:
    case DirectSeat::State::Gone:
        break;
    }
    return true;
}

std::shared_ptr<DirectCall> DirectLanes::current(const DirectSeat &seat)
{
    std::lock_guard lock(m_mutex);
    return seat.current;
}

void DirectLanes::shut(DirectSeat &seat)
{
    std::lock_guard lock(m_mutex);
    seat.state = DirectSeat::State::Gone;
    seat.closeChannel();
}

std::shared_ptr<DirectCall> DirectLanes::remove(const std::shared_ptr<DirectSeat> &seat)
{
    std::lock_guard lock(m_mutex);
    seat->state = DirectSeat::State::Gone;
    if (!seat->current)
        seat->closeChannel(); // else its caller may still be writing: closed with the seat
    m_seats.erase(std::remove(m_seats.begin(), m_seats.end(), seat), m_seats.end());
    return std::exchange(seat->current, nullptr);
}

void DirectLanes::release(const std::shared_ptr<DirectSeat> &seat)
{
    std::lock_guard lock(m_mutex);
    seat->current.reset();
    if (seat->state == DirectSeat::State::Busy) {
        if (m_blocked) {
            seat->state = DirectSeat::State::Closed;
        } else {
            seat->state = DirectSeat::State::Open;
            m_anyOpen.store(true, std::memory_order_relaxed);
            return;
        }
    } else if (seat->state == DirectSeat::State::BusyClosing) {
        seat->state = DirectSeat::State::Closed;
    } else {
        return;
    }
    if (m_wake)
        m_wake();
}

} // namespace qmp
