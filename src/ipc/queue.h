#pragma once
// qmp::Queue — multiprocessing.Queue: a FIFO (or LIFO / priority, see LifoQueue and
// PriorityQueue) of CBOR values shared between processes. A value type: copies share one
// queue; pass it to a child as a task argument. Thread-safe.
//
// Where it differs from Python, on purpose (Python's put() pickles in a feeder thread, so a child
// that put much cannot exit before a reader drains it, and qsize() / empty() are approximate):
// - put() serialises the item in the caller and reports errors there (a closed queue, an item
//   the system cannot hold); there is no feeder thread, so a child may put any amount and exit
//   at once: items live in shared memory, not in a pipe buffer. Large items travel in blocks of
//   their own (LargeItem), so a 1 MiB put never waits for a reader.
// - qsize(), empty() and full() are exact at the time of the call.
// - a process killed in the middle of put/get leaves the queue consistent (robust mutex,
//   records published last); the next caller gets a warning naming the dead pid.
// Lifetime: the queue lives while a process holds a handle (Qt's last-detach rule); the last
// handle drops the items left in it.

#include "qmpipc_export.h"
#include "cborconvert.h"
#include "ipchandle.h"
#include "messagering.h"
#include "observertoken.h"

#include <QCborValue>
#include <QDeadlineTimer>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace qmp {

class QMP_IPC_EXPORT Queue
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Queue;
    using Order = MessageRing::Order;
    // Bytes of the ring that holds small items; larger ones travel in blocks of their own.
    static constexpr qsizetype defaultRingBytes = qsizetype(4) * 1024 * 1024;

    // maxsize <= 0: unbounded.
    explicit Queue(qint64 maxsize = 0, qsizetype ringBytes = defaultRingBytes);

    // Python's put(obj, block, timeout): waits while full, up to timeoutMs (negative: forever;
    // block=false: not at all). Throws Full when still full, ValueError after close(), OSError
    // when the item cannot be stored.
    template <typename T>
    void put(const T &item, bool block = true, int timeoutMs = -1)
    {
        if constexpr (std::is_same_v<T, QByteArray>)
            putBytes(item, deadlineFor(block, timeoutMs)); // no QCborValue copy of a large buffer
        else
            putValue(qmp::toCbor(item), deadlineFor(block, timeoutMs));
    }
    template <typename T>
    void putNowait(const T &item) { put(item, false); }
    void putValue(const QCborValue &item, QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));
    // put() of a byte string, encoded straight from the buffer.
    void putBytes(const QByteArray &item, QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    // Python's get(block, timeout). Throws Empty when nothing came in time, ValueError after close().
    QCborValue get(bool block = true, int timeoutMs = -1) { return get(deadlineFor(block, timeoutMs)); }
    QCborValue get(QDeadlineTimer deadline);
    QCborValue getNowait() { return get(false); }
    // get() converted to T (TypeError when the item is not a T; it is taken all the same).
    // getAs<QByteArray>() is getBytes().
    template <typename T>
    T getAs(bool block = true, int timeoutMs = -1)
    {
        if constexpr (std::is_same_v<T, QByteArray>)
            return getBytes(block, timeoutMs);
        else
            return CborConvert<T>::fromCbor(get(block, timeoutMs));
    }
    // get() of an item put as a byte string (put(QByteArray)), without building a QCborValue: the
    // bytes are copied out of the ring straight into the result. Throws what get() throws, and
    // TypeError when the item is not a byte string (taken out of the queue all the same).
    QByteArray getBytes(bool block = true, int timeoutMs = -1);
    // getBytes() into out, keeping its capacity: a loop that reuses one QByteArray for small
    // items allocates nothing per item.
    void getBytesInto(QByteArray &out, bool block = true, int timeoutMs = -1)
    {
        getBytesInto(out, deadlineFor(block, timeoutMs));
    }
    void getBytesInto(QByteArray &out, QDeadlineTimer deadline);

    // Exact at the time of the call. Throw OSError after close() (Python: "handle is closed").
    qint64 qsize() const;
    bool empty() const { return qsize() == 0; }
    bool full() const;
    qint64 maxsize() const;
    Order order() const;
    // A JoinableQueue's segment (taskDone / join allowed).
    bool isJoinable() const;

    // This handle may no longer be used (other handles and processes are not affected).
    void close();
    bool isClosed() const;

    IpcHandle handle() const;
    static Queue fromHandle(const IpcHandle &handle);

    // Monitoring (MonitorHub, QueueProbe): items in the queue, unfinished tasks (JoinableQueue)
    // and items ever put, read together under the queue's lock. nullopt when the lock was not free
    // before the deadline (a holder stopped mid-operation). Throws OSError after close().
    using Counters = MessageRing::Counters;
    std::optional<Counters> counters(QDeadlineTimer deadline) const;
    // Attachments to the queue's segment on the machine now (a process's Queue copies share one;
    // fromHandle() makes another); -1 once the segment was destroyed.
    int attachCount() const;

    // Monitoring hook: observer is called with every queue constructed (not attached by
    // fromHandle) from now on, from its constructor on the constructing thread, once it is usable.
    // AppMonitor uses it to watch all of a program's queues. Any number of observers; each stays
    // until its token is reset or destroyed (CreationObservers). Thread-safe.
    [[nodiscard]] static ObserverToken observeCreation(std::function<void(const Queue &)> observer);

protected:
    Queue(qint64 maxsize, qsizetype ringBytes, Order order, bool joinable);
    explicit Queue(std::shared_ptr<SharedSegment> segment);
    MessageRing &ring() const;
    void ensureOpen(const char *operation) const;
    // The next item's encoding, taken out of the ring into this thread's reused buffer (Empty when
    // none came before the deadline).
    QByteArray &takeEncoded(QDeadlineTimer deadline);
    QCborValue decodeItem(QByteArrayView encoded) const; // ValueError when it is not CBOR

private:
    friend class QueueProbe; // watches m_impl without keeping it alive
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

} // namespace qmp

QMP_IPC_CBOR(Queue)
