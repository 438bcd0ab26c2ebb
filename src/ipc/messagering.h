#pragma once
// MessageRing: the shared heart of Queue and Pipe — a buffer of byte messages inside a shared
// segment, with a robust mutex over its indices and futex sequence words for "not empty",
// "not full" and "all tasks done". Internal to qmp::ipc.
//
// Layout: records [begin, end) in a linear data area, compacted when the end is reached. Each
// record is a 32-byte header (length, flags, large-item id, priority, sequence number) and the
// payload. A payload that does not fit goes to a LargeItem block. put() blocks on maxsize; on
// bytes only while a reader is active (one took an item in the last 20 ms), which is flow
// control like a pipe's: warm ring pages are much faster than a fresh block. Such a putter
// keeps at most capacity/16 bytes ahead of the reader (256 KiB of the default 4 MiB; small rings
// up to a quarter or 64 KiB) and then sleeps until the reader has drained half of them
// (State::roomWaiters): one wake-up per many items rather than one per item, and the bytes in
// flight stay in the caches. With no active
// reader it does not wait on bytes: a quarter of the ring is kept for large items' headers, so
// a putter goes on for capacity/128 items past a full ring (32768 with the default 4 MiB) and
// can finish and exit (a Python child cannot exit while its queue's pipe is full) — beyond that
// it waits for a reader. Writers copy the payload before publishing `end`, readers copy before
// moving `begin`;
// the item count is derived from the records, and records move (compaction, a removal from the
// middle) only through a journal that the next holder finishes, so a process killed in the middle
// of an operation leaves the ring consistent: the next locker gets EOWNERDEAD, finishes a move,
// re-counts the records and drops a torn one (reported on stderr with the dead pid). A large item's block is linked and claimed
// under the lock with its id noted first (State::pendingLink / pendingTake), so that recovery
// also leaves no block behind and loses no item a getter had not claimed (see LargeItem).
//
// Thread-safety: every member is safe from any thread of any attached process.

#include "qmpipc_export.h"
#include "robustmutex.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace qmp {

class QMP_IPC_EXPORT MessageRing
{
public:
    enum class Order { Fifo, Lifo, Priority };

    struct State
    {
        RobustMutex mutex;
        std::atomic<std::uint32_t> itemsSeq;
        std::atomic<std::uint32_t> spaceSeq;
        std::atomic<std::uint32_t> doneSeq;
        // Someone sleeps on itemsSeq (getWaiters) / spaceSeq (putWaiters): set under the lock by
        // a waiter before it sleeps (after a spin), cleared under the lock by whoever bumps the
        // word and wakes them all, so a waiter that died asleep costs one needless wake-up, never
        // a missed one, and a wake-up already on its way is not sent again by every later put.
        std::atomic<std::uint32_t> getWaiters;
        std::atomic<std::uint32_t> putWaiters;
        std::atomic<std::uint32_t> joinWaiters;
        // Putters sleeping on roomSeq until an active reader drained the ring (same protocol).
        std::atomic<std::uint32_t> roomSeq;
        std::atomic<std::uint32_t> roomWaiters;
        std::atomic<std::int64_t> count;
        std::atomic<std::int64_t> unfinished;
        std::int64_t maxsize;
        std::uint64_t capacity;
        std::uint64_t begin;
        std::uint64_t end;
        std::uint64_t nextSeq;
        std::atomic<std::int64_t> lastTakeNs; // steady clock of the last get(): is a reader active?
        // A large item's block being linked by put() / claimed by get(), plus 1 (0: none): what
        // recover() finishes or undoes when the lock's holder died in between.
        std::int32_t pendingLink;
        std::int32_t pendingTake;
        // A move of live records down the data area (a compaction; closing the gap a record
        // taken from the middle left) in progress, and the begin / end it ends with: what
        // recover() finishes when the lock's holder died in it (see moveRecords()).
        struct Move
        {
            std::uint64_t from;
            std::uint64_t to;
            std::uint64_t length;
            std::uint64_t done;
            std::uint64_t newBegin;
            std::uint64_t newEnd;
            std::uint32_t active;
            std::uint32_t reserved;
        };
        Move move;
    };

    // Bytes of shared memory a ring with `capacity` data bytes needs.
    static qsizetype bytesNeeded(qsizetype capacity);
    // Creator only: sets up a ring in zeroed memory. maxsize <= 0: unbounded.
    static void initialise(char *at, qsizetype capacity, qint64 maxsize);

    // at: where initialise() put the ring in this process's mapping; key: the owning segment's
    // native key (tags large items); what: the owner's description for messages.
    MessageRing(char *at, const QString &key, const QString &what);

    // Appends a message once the ring holds fewer than maxsize items (waits until the deadline;
    // a deadline already passed does not wait). Returns false when still full at the deadline.
    bool put(const char *data, qsizetype size, double priority, QDeadlineTimer deadline);
    // put() of the message head + body, copied into the ring without joining them first.
    bool put(QByteArrayView head, QByteArrayView body, double priority, QDeadlineTimer deadline);
    // Removes the next message in `order`. Waits until the deadline; nullopt when none came.
    // `interrupted`, when given, is checked before each wait slice: true ends the wait (nullopt).
    std::optional<QByteArray> get(Order order, QDeadlineTimer deadline,
                                  const std::function<bool()> &interrupted = {});
    // get() into a buffer the caller reuses (its capacity is kept: no allocation per message).
    // False when none came.
    bool getInto(QByteArray &out, Order order, QDeadlineTimer deadline,
                 const std::function<bool()> &interrupted = {});
    // True when a message is ready now, or waits for one until the deadline.
    bool waitReadable(QDeadlineTimer deadline, const std::function<bool()> &interrupted = {});

    // The number of messages. Exact: a holder of the lock that died mid-operation (its count
    // possibly one step off its records) is recovered first, when the lock is free to take.
    qint64 count();
    qint64 maxsize() const { return m_state->maxsize; }

    // Monitoring: the item count, the unfinished tasks and the messages ever put (a put torn by a
    // writer killed mid-copy included), read together under the lock. False when the lock was not
    // free before the deadline (a holder stopped in the middle of an operation); never waits longer.
    struct Counters
    {
        qint64 count = 0;
        qint64 unfinished = 0;
        quint64 puts = 0;
    };
    bool readCounters(Counters *out, QDeadlineTimer deadline);

    // JoinableQueue: put() counts a task; taskDone() finishes one (false when none is
    // unfinished); join() waits until none is (false at the deadline).
    bool taskDone();
    bool join(QDeadlineTimer deadline);

    // Wakes every waiter (a pipe end closed).
    void wakeAll();
    // Drops every message, removing their large-item blocks (the ring's last handle is going).
    void discardAll();

private:
    struct Record;
    void lock();
    // Removes the record at offset (under the lock).
    void removeRecord(std::uint64_t offset);
    // Under the lock: moves `length` bytes of records from `from` down to `to`, then sets begin
    // and end. Journaled in State::move and copied in steps no longer than from - to, so a step
    // never overwrites its own source: a holder killed at any point leaves a move that
    // finishMove() (in recover()) completes by redoing the step in flight.
    void moveRecords(std::uint64_t from, std::uint64_t to, std::uint64_t length, std::uint64_t newBegin,
                     std::uint64_t newEnd);
    void finishMove();
    void unlock() { m_state->mutex.unlock(); }
    void recover(qint64 deadPid);
    bool readerActive() const;
    // get(): marks the reader active (State::lastTakeNs) for readerActive().
    void noteTake();
    Record *recordAt(std::uint64_t offset) const;
    char *data() const;

    State *m_state;
    QString m_key;
    QString m_what;
    std::int64_t m_lastTakeStoredNs = 0; // what noteTake() last stored from this handle (under the lock)
};

} // namespace qmp
