#pragma once
// DirectLanes: a Pool's direct calls. A single apply / applyAsync, made while a worker is idle
// and nothing is queued, is written by the caller's own thread to that worker (tryCall()); its
// reply comes back through the worker's lane to the thread that waits for the result
// (DirectCall). Two wake-ups per call instead of four (caller -> pool thread -> worker -> pool
// thread -> caller). The pool thread (PoolEngine) keeps supervision: it opens a worker's seat
// only when the worker is ready and idle, nothing is queued, the pool runs, is not paused, no
// monitor records its events and maxTasksPerChild is unset; it takes the worker back for queued
// work, and completes a direct call itself on a death, a timeout or terminate().
//
// Shared by Pool (any caller thread) and PoolEngine (the pool thread); thread-safe. The
// environment variable QMP_POOL_DIRECT=0 turns direct calls off.

#include "argumentlists.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace qmp {

class DirectCall;
class DirectSeat;
class WorkerLane;

namespace detail {
class PoolBatch;
}

class DirectLanes : public std::enable_shared_from_this<DirectLanes>
{
public:
    // Why the front-end keeps seats shut, whatever the pool thread thinks (it learns later).
    enum Block : unsigned {
        Paused = 1,    // Pool::pause() until resume()
        Recording = 2, // a receiver of Pool::events / eventsNow
        Stopping = 4,  // close() or terminate()
    };

    DirectLanes();
    bool enabled() const { return m_enabled; }
    // Task ids, unique in the pool (the pool thread's and the callers').
    quint64 nextId(quint64 count = 1) { return m_nextId.fetch_add(count, std::memory_order_relaxed); } // the first of count

    // --- any thread (the front-end) ---
    // Runs task(items) (one call of batch, a single apply) on an idle worker, written from this
    // thread; false (nothing sent) when no seat is open.
    bool tryCall(const QString &task, const ArgumentLists &items, const std::shared_ptr<detail::PoolBatch> &batch);
    // How many calls went direct so far.
    quint64 calls() const { return m_calls.load(std::memory_order_relaxed); }
    // Has the pool thread look at the seats again (a remote worker's direct call started, or
    // its caller stopped waiting: who reads the channel now).
    void wakeEngine();
    void block(Block why);
    void unblock(Block why);
    // Spinning pays when the replies came during the spin (an adaptive score) and a CPU is free.
    bool shouldSpin();
    void spinHit();
    void spinMissed();

    // --- the pool thread ---
    // wake runs (under the lock, on the thread that hands a seat back) when the pool thread
    // asked for a seat back; it must only post. Empty: nobody is told (the engine is gone).
    void setWake(std::function<void()> wake);
    // Whether a remote worker's seat has a caller reading its channel, or may get one any
    // moment (Open): then the pool thread does not read it.
    bool callerReads(const DirectSeat &seat);
    // A seat for a worker, Closed. fd: a dup() of its channel, owned by the seat.
    std::shared_ptr<DirectSeat> addSeat(std::shared_ptr<WorkerLane> lane, int fd);
    // A remote worker's seat (added with no channel: Gone) gets the dup() fd of its channel once
    // the worker has connected, and is Closed from then on.
    void attachChannel(DirectSeat &seat, int fd);
    // Closed -> Open, unless the front-end blocks seats.
    void open(DirectSeat &seat);
    // Open -> Closed (true); a seat with a call running is asked back (false; wake runs once the
    // call is done). True for a Closed one.
    bool close(DirectSeat &seat);
    // The direct call running on seat, if any.
    std::shared_ptr<DirectCall> current(const DirectSeat &seat);
    // The pool closes the worker's channel: the seat is Gone (it was Closed) and lets go of it.
    void shut(DirectSeat &seat);
    // The worker exited: the seat is Gone; returns the call that ran on it, if any.
    std::shared_ptr<DirectCall> remove(const std::shared_ptr<DirectSeat> &seat);

    // --- whoever completed the seat's call (DirectCall) ---
    // Busy -> Open, BusyClosing -> Closed (and wake).
    void release(const std::shared_ptr<DirectSeat> &seat);

private:
    const bool m_enabled;
    std::atomic<quint64> m_nextId{1};
    std::atomic<int> m_spinScore{8}; // hits minus twice the misses, capped: spin while > 0
    std::atomic<unsigned> m_probe{0};
    std::atomic<quint64> m_calls{0};
    std::mutex m_mutex;
    std::vector<std::shared_ptr<DirectSeat>> m_seats;
    std::function<void()> m_wake;
    unsigned m_blocked = 0;
    std::atomic<bool> m_anyOpen{false}; // a hint: no lock on the path of a pool with no open seat
};

} // namespace qmp
