#pragma once
// DirectCall: one apply / applyAsync call a caller's thread wrote to an idle worker itself
// (DirectLanes). Its reply comes back through the worker's lane (a remote worker's: on its
// channel); the thread that waits for the result (get(), wait()) reads it there as the result's
// CompletionHelper, without waking the pool thread.
//
// Exactly one side completes it, whoever claims it first: the waiting thread (reply in the
// lane, or read off a remote worker's channel), or the pool thread (reply on the channel because
// nobody waited or the pool thread read it first, the worker's death, a timeout, terminate()).
// Thread-safe.

#include "argumentlists.h"
#include "asyncresult.h"
#include "workerprotocol.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace qmp {

class CallerWake;
class DirectLanes;
class DirectSeat;

namespace detail {
class PoolBatch;
}

class DirectCall : public detail::CompletionHelper
{
public:
    DirectCall(quint64 id, QString task, ArgumentLists items, std::shared_ptr<detail::PoolBatch> batch,
               std::shared_ptr<DirectSeat> seat, std::weak_ptr<DirectLanes> lanes);

    quint64 id() const { return m_id; }
    const QString &task() const { return m_task; }
    const ArgumentLists &items() const { return m_items; }
    const std::shared_ptr<detail::PoolBatch> &batch() const { return m_batch; }
    // When it was sent (monotonic ns); the pool thread moves it on by a pause's stopped time.
    std::atomic<qint64> startedNs{0};

    // True for exactly one caller: from then on it alone may touch the batch.
    bool claim() { return !m_claimed.exchange(true, std::memory_order_acq_rel); }
    bool isClaimed() const { return m_claimed.load(std::memory_order_acquire); }

    // The claimer: the worker answered with reply (which answers this call). The seat is
    // handed back (Open, or to the pool thread when it asked), then the batch gets the value or
    // the error.
    void finish(const wire::PoolReply &reply);
    // The claimer: the reply frame from the lane, as finish().
    void finishFromLane();
    // The claimer: a reply frame (read off the channel), as finish().
    void finishFromFrame(const QByteArray &frame);
    // The claimer, once it completed the call (or gave it back to the pool thread): the thread
    // waiting in help(), if any, stops waiting (its lane's doorbell, or its own CallerWake).
    void wake();

    // CompletionHelper: waits for the reply in the lane (spins briefly, then sleeps on the
    // doorbell) and completes the call on this thread. Returns when the call is claimed, or at
    // the deadline.
    void help(QDeadlineTimer deadline) override;
    // CompletionHelper: a remote worker's reply is then read by the pool thread (told once).
    void watched() override;

private:
    // help() for a remote worker's call: waits for its reply on the channel and reads it there
    // unless the pool thread does (which then wakes it).
    void helpFromChannel(QDeadlineTimer deadline);

    const quint64 m_id;
    const QString m_task;
    const ArgumentLists m_items;
    const std::shared_ptr<detail::PoolBatch> m_batch;
    const std::shared_ptr<DirectSeat> m_seat;
    const std::weak_ptr<DirectLanes> m_lanes;
    std::atomic<bool> m_claimed{false};
    std::atomic<bool> m_helping{false}; // one waiting thread reads the lane; others wait on the result
    std::atomic<bool> m_watched{false};
    std::mutex m_waiterMutex;
    std::shared_ptr<CallerWake> m_waiter; // the thread in helpFromChannel(), while there
};

} // namespace qmp
