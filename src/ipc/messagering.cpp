#include "messagering.h"

#include "futex.h"
#include "ipcerrors.h"
#include "largeitem.h"

#include <QtGlobal>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <type_traits>

namespace qmp {

struct MessageRing::Record
{
    std::uint64_t length; // payload bytes in the ring (0 for a large item)
    std::uint32_t flags;
    std::int32_t shmid;
    double priority;
    std::uint64_t seq;
};
static_assert(sizeof(MessageRing::State) % 8 == 0);

namespace {
constexpr std::uint32_t largeFlag = 1;
constexpr std::uint32_t recordMagic = 0x5100;
constexpr std::uint64_t recordSize = 32;
constexpr std::uint64_t align8(std::uint64_t n) { return (n + 7) & ~std::uint64_t(7); }
// Waiting slice when an interruption (peer death) must be noticed without a wake-up.
constexpr qint64 sliceMs = 50;
// A reader that took an item this recently is active: a put waits for it to make room.
constexpr qint64 spaceWaitMs = 20;
// Bytes a putter keeps ahead of an active reader at most (a 16th of the ring; of a small ring,
// up to a quarter or 64 KiB), and what the reader drains them to before it wakes the putter.
constexpr std::uint64_t highWater(std::uint64_t capacity)
{
    return std::max(capacity / 16, std::min(capacity / 4, std::uint64_t(64) * 1024));
}
constexpr std::uint64_t lowWater(std::uint64_t capacity) { return highWater(capacity) / 2; }

// Spins briefly (about 20 microseconds) for a change another process is about to make, before
// paying for a futex sleep and the producer's wake-up system call.
template <typename Predicate>
bool spinFor(Predicate ready)
{
    for (int i = 0; i < 600; ++i) {
        if (ready())
            return true;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    return ready();
}
// Under the lock: whether anyone registered to sleep on a word, unregistering them all (they are
// all woken; those that still need to wait register again). A waiter that died asleep is thus
// forgotten at the next wake-up instead of costing every later operation a system call.
bool takeWaiters(std::atomic<std::uint32_t> &waiters)
{
    if (waiters.load(std::memory_order_relaxed) == 0)
        return false;
    waiters.store(0, std::memory_order_relaxed);
    return true;
}

// Adds delta to a word only the lock's holder changes (besides wakeAll()'s bumps), by a load and
// a store.
template <typename Word>
void bumpUnderLock(std::atomic<Word> &word, std::type_identity_t<Word> delta = 1)
{
    word.store(word.load(std::memory_order_relaxed) + delta, std::memory_order_release);
}

// A getter's sleep: until the deadline, or one slice when an interruption must be polled.
QDeadlineTimer waitSlice(QDeadlineTimer deadline, bool polled)
{
    if (polled && (deadline.isForever() || deadline.remainingTime() > sliceMs))
        return QDeadlineTimer(sliceMs);
    return deadline;
}
} // namespace

qsizetype MessageRing::bytesNeeded(qsizetype capacity)
{
    return qsizetype(sizeof(State)) + qsizetype(align8(std::uint64_t(capacity)));
}

void MessageRing::initialise(char *at, qsizetype capacity, qint64 maxsize)
{
    auto *state = reinterpret_cast<State *>(at);
    state->mutex.initialise();
    state->maxsize = maxsize <= 0 ? 0 : maxsize;
    state->capacity = align8(std::uint64_t(capacity));
}

namespace {
// The coarse monotonic clock (a few milliseconds' resolution, plenty for spaceWaitMs): read on
// every get(), and reading it costs no time-stamp counter read (slow on a VM).
std::int64_t steadyNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return std::int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
}
} // namespace

void MessageRing::noteTake()
{
    // Stored when the coarse clock moved since this handle's last store (every few ms), not on
    // every get: the word's line then stays where the putter keeps its own words.
    const std::int64_t now = steadyNs();
    if (now != m_lastTakeStoredNs) {
        m_state->lastTakeNs.store(now, std::memory_order_relaxed);
        m_lastTakeStoredNs = now;
    }
}

bool MessageRing::readerActive() const
{
    return steadyNs() - m_state->lastTakeNs.load(std::memory_order_relaxed) < spaceWaitMs * 1000000;
}

MessageRing::MessageRing(char *at, const QString &key, const QString &what)
    : m_state(reinterpret_cast<State *>(at)), m_key(key), m_what(what)
{
}

char *MessageRing::data() const
{
    return reinterpret_cast<char *>(m_state) + sizeof(State);
}

MessageRing::Record *MessageRing::recordAt(std::uint64_t offset) const
{
    return reinterpret_cast<Record *>(data() + offset);
}

void MessageRing::lock()
{
    qint64 dead = 0;
    if (m_state->mutex.lock(QDeadlineTimer(QDeadlineTimer::Forever), &dead) == RobustMutex::Result::Recovered)
        recover(dead);
}

qint64 MessageRing::count()
{
    qint64 dead = 0;
    const RobustMutex::Result taken = m_state->mutex.tryLock(&dead);
    if (taken == RobustMutex::Result::TimedOut) // a live holder: the count as its last step left it
        return m_state->count.load(std::memory_order_acquire);
    if (taken == RobustMutex::Result::Recovered)
        recover(dead);
    const qint64 n = m_state->count.load(std::memory_order_relaxed);
    unlock();
    return n;
}

void MessageRing::recover(qint64 deadPid)
{
    if (m_state->move.active)
        finishMove();
    if (m_state->begin > m_state->end) // died emptying the ring (end is reset first)
        m_state->begin = m_state->end = 0;
    // Walk the records; stop at the first one that is torn (its writer died while copying it).
    std::uint64_t at = m_state->begin;
    while (at < m_state->end) {
        const Record *r = recordAt(at);
        const std::uint64_t next = at + recordSize + align8(r->length);
        if ((r->flags & 0xff00) != recordMagic || next > m_state->end)
            break;
        at = next;
    }
    const bool torn = at != m_state->end;
    m_state->end = at;
    const auto findLarge = [this](int shmid) -> std::optional<std::uint64_t> {
        for (std::uint64_t o = m_state->begin; o < m_state->end; o += recordSize + align8(recordAt(o)->length)) {
            if ((recordAt(o)->flags & largeFlag) && recordAt(o)->shmid == shmid)
                return o;
        }
        return std::nullopt;
    };
    // A putter died linking a block: kept if its record was published, else removed.
    if (m_state->pendingLink != 0 && !findLarge(m_state->pendingLink - 1))
        LargeItem::discard(m_state->pendingLink - 1);
    m_state->pendingLink = 0;
    // A getter died taking one: if it had claimed the block (now gone with it), the item was
    // its; if not, the item stays for the next getter.
    if (m_state->pendingTake != 0 && !LargeItem::exists(m_state->pendingTake - 1)) {
        if (const auto o = findLarge(m_state->pendingTake - 1))
            removeRecord(*o);
    }
    m_state->pendingTake = 0;
    std::int64_t items = 0;
    for (std::uint64_t o = m_state->begin; o < m_state->end; o += recordSize + align8(recordAt(o)->length))
        ++items;
    m_state->count.store(items);
    qWarning("qmp: %s: previous holder (pid %lld) died in the middle of an operation; recovered %lld item(s)%s",
             qPrintable(m_what), qlonglong(deadPid), qlonglong(items), torn ? ", dropped a torn one" : "");
}

void MessageRing::removeRecord(std::uint64_t offset)
{
    const std::uint64_t span = recordSize + align8(recordAt(offset)->length);
    if (offset == m_state->begin) {
        m_state->begin += span;
    } else {
        const std::uint64_t after = offset + span;
        moveRecords(after, offset, m_state->end - after, m_state->begin, m_state->end - span);
    }
    if (m_state->begin == m_state->end) {
        // end first: a holder killed in between leaves begin > end, which recover() reads as
        // empty (the other order would bring back the records before end).
        m_state->end = 0;
        std::atomic_signal_fence(std::memory_order_seq_cst);
        m_state->begin = 0;
    }
}

void MessageRing::moveRecords(std::uint64_t from, std::uint64_t to, std::uint64_t length, std::uint64_t newBegin,
                              std::uint64_t newEnd)
{
    Q_ASSERT(from > to);
    State::Move &move = m_state->move;
    move.from = from;
    move.to = to;
    move.length = length;
    move.done = 0;
    move.newBegin = newBegin;
    move.newEnd = newEnd;
    // (A holder killed here must leave its stores in this order for recover(): no reordering.)
    std::atomic_signal_fence(std::memory_order_seq_cst);
    move.active = 1;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    finishMove();
}

void MessageRing::finishMove()
{
    State::Move &move = m_state->move;
    const std::uint64_t step = move.from - move.to;
    while (move.done < move.length && step != 0) {
        // Source [from + done, + n) lies above everything written so far and above this step's
        // destination: intact until the step is recorded, so redoing it gives the same bytes.
        const std::uint64_t n = std::min(step, move.length - move.done);
        std::memcpy(data() + move.to + move.done, data() + move.from + move.done, n);
        std::atomic_signal_fence(std::memory_order_seq_cst);
        move.done += n;
        std::atomic_signal_fence(std::memory_order_seq_cst);
    }
    m_state->begin = move.newBegin;
    m_state->end = move.newEnd;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    move.active = 0;
}

bool MessageRing::put(const char *bytes, qsizetype size, double priority, QDeadlineTimer deadline)
{
    return put(QByteArrayView(), QByteArrayView(bytes, size), priority, deadline);
}

bool MessageRing::put(QByteArrayView head, QByteArrayView body, double priority, QDeadlineTimer deadline)
{
    const qsizetype size = head.size() + body.size();
    const std::uint64_t need = recordSize + align8(std::uint64_t(size));
    std::optional<LargeItem> block; // removed when it goes unless linked
    bool sleepNext = false;
    lock();
    for (;;) {
        const std::uint64_t live = m_state->end - m_state->begin;
        const bool itemsFull = m_state->maxsize > 0 && m_state->count.load() >= m_state->maxsize;
        // A quarter of the ring stays free for the headers of large items, so a putter without a
        // reader can go on (in blocks of their own) for capacity / 4 / 32 items past a full ring.
        const std::uint64_t reserve = m_state->capacity / 4;
        const bool fitsRing = std::uint64_t(size) <= m_state->capacity / 2;
        const bool inRing = !block && fitsRing && need + reserve <= m_state->capacity - live;
        if (!itemsFull && !block && fitsRing && live != 0 && live + need > highWater(m_state->capacity)
            && !deadline.hasExpired() && readerActive()) {
            // A reader is draining the ring: keep at most highWater bytes ahead of it (they stay
            // in the caches between the two processes, and compacting them is cheap), and sleep
            // until it has drained them to lowWater (registered under the lock, so the getter
            // that gets there sees us): one wake-up per (highWater - lowWater) bytes.
            const std::uint32_t seq = m_state->roomSeq.load(std::memory_order_relaxed);
            m_state->roomWaiters.store(1, std::memory_order_relaxed);
            unlock();
            const QDeadlineTimer shortWait(qMin<qint64>(spaceWaitMs, deadline.isForever() ? spaceWaitMs : deadline.remainingTime()),
                                           Qt::PreciseTimer);
            Futex::wait(&m_state->roomSeq, seq, shortWait);
            lock();
            continue;
        }
        if (!itemsFull && !inRing && !block) {
            unlock(); // copying a large item must not hold up the others
            if (head.isEmpty()) {
                block.emplace(LargeItem::create(m_key, body.data(), size));
            } else {
                const QByteArray whole = head.toByteArray().append(body);
                block.emplace(LargeItem::create(m_key, whole.constData(), size));
            }
            lock();
            continue;
        }
        const std::uint64_t here = inRing ? need : recordSize;
        if (!itemsFull && here <= m_state->capacity - live) {
            if (m_state->end + here > m_state->capacity) // compact: move the live records down
                moveRecords(m_state->begin, 0, live, 0, live);
            break;
        }
        // Full: maxsize items, or (rarely) a ring packed with small items. Spin first; if that
        // saw no get, register (under the lock) and sleep on the next pass.
        const std::uint32_t seq = m_state->spaceSeq.load(std::memory_order_relaxed);
        if (sleepNext)
            m_state->putWaiters.store(1, std::memory_order_relaxed);
        unlock();
        if (deadline.hasExpired())
            return false;
        if (sleepNext) {
            Futex::wait(&m_state->spaceSeq, seq, deadline);
            sleepNext = false;
        } else {
            sleepNext = !spinFor([this, seq] { return m_state->spaceSeq.load(std::memory_order_relaxed) != seq; });
        }
        lock();
    }
    const std::uint64_t at = m_state->end;
    Record *r = recordAt(at);
    r->length = block ? 0 : std::uint64_t(size);
    r->flags = recordMagic | (block ? largeFlag : 0);
    r->shmid = block ? block->shmid() : -1;
    r->priority = priority;
    r->seq = m_state->nextSeq++;
    if (block) {
        m_state->pendingLink = block->shmid() + 1;
        block->markLinked();
    } else {
        if (!head.isEmpty())
            std::memcpy(data() + at + recordSize, head.data(), size_t(head.size()));
        if (!body.isEmpty())
            std::memcpy(data() + at + recordSize + head.size(), body.data(), size_t(body.size()));
    }
    m_state->end = at + (block ? recordSize : need); // publish
    // (A holder killed here must leave its stores in this order for recover(): no reordering.)
    std::atomic_signal_fence(std::memory_order_seq_cst);
    if (block) // (stored only when set: the word's line is not dirtied for every item)
        m_state->pendingLink = 0;
    // Plain stores, not read-modify-writes: the lock orders the writers (wakeAll() bumps the
    // sequence words without it, and whichever increment wins, the word still moved), and a
    // store does not wait for the line the other process holds (three such waits were three
    // quarters of put()).
    bumpUnderLock(m_state->count);
    bumpUnderLock(m_state->unfinished);
    bumpUnderLock(m_state->itemsSeq);
    const bool wake = takeWaiters(m_state->getWaiters);
    unlock();
    if (wake)
        Futex::wakeAll(&m_state->itemsSeq);
    return true;
}

std::optional<QByteArray> MessageRing::get(Order order, QDeadlineTimer deadline, const std::function<bool()> &interrupted)
{
    QByteArray out;
    if (!getInto(out, order, deadline, interrupted))
        return std::nullopt;
    return out;
}

bool MessageRing::getInto(QByteArray &out, Order order, QDeadlineTimer deadline, const std::function<bool()> &interrupted)
{
    lock();
    bool slept = false;
    bool sleepNext = false; // the spin saw no put: register (under the lock) and sleep
    while (m_state->count.load(std::memory_order_relaxed) == 0) {
        const std::uint32_t seq = m_state->itemsSeq.load(std::memory_order_relaxed);
        if (sleepNext)
            m_state->getWaiters.store(1, std::memory_order_relaxed);
        unlock();
        // interrupted() (peer liveness) is costly: not before the first sleep; a close wakes us.
        if (deadline.hasExpired() || (slept && interrupted && interrupted()))
            return false;
        if (sleepNext) {
            Futex::wait(&m_state->itemsSeq, seq, waitSlice(deadline, bool(interrupted)));
            slept = true;
            sleepNext = false;
        } else {
            sleepNext = !spinFor([this, seq] { return m_state->itemsSeq.load(std::memory_order_relaxed) != seq; });
        }
        lock();
    }
    // Pick the record.
    std::uint64_t pick = m_state->begin;
    if (order != Order::Fifo) {
        std::uint64_t at = m_state->begin;
        const Record *best = nullptr;
        while (at < m_state->end) {
            const Record *r = recordAt(at);
            if (order == Order::Lifo) {
                pick = at;
            } else if (!best || r->priority < best->priority) {
                best = r;
                pick = at;
            }
            at += recordSize + align8(r->length);
        }
    }
    const Record *r = recordAt(pick);
    const bool large = r->flags & largeFlag;
    const int shmid = r->shmid;
    std::optional<LargeItem> block;
    if (large) {
        // Claimed (marked removed) before the record goes: the block goes with us, however we end.
        m_state->pendingTake = shmid + 1;
        try {
            block.emplace(LargeItem::claim(shmid));
        } catch (const OSError &) {
            // gone (removed from outside): the item is lost; said below, after the lock
        }
    } else {
        out.resize(qsizetype(r->length)); // keeps the buffer's capacity
        std::memcpy(out.data(), data() + pick + recordSize, size_t(r->length));
    }
    removeRecord(pick);
    std::atomic_signal_fence(std::memory_order_seq_cst); // for recover(), as in put()
    if (large)
        m_state->pendingTake = 0;
    bumpUnderLock(m_state->count, -1); // plain stores, as in put()
    noteTake();
    bumpUnderLock(m_state->spaceSeq);
    const bool wake = takeWaiters(m_state->putWaiters);
    const bool wakeRoom = m_state->end - m_state->begin <= lowWater(m_state->capacity) && takeWaiters(m_state->roomWaiters);
    if (wakeRoom)
        m_state->roomSeq.fetch_add(1);
    unlock();
    if (wake)
        Futex::wakeAll(&m_state->spaceSeq);
    if (wakeRoom)
        Futex::wakeAll(&m_state->roomSeq);
    if (large) {
        if (!block)
            throw OSError(QStringLiteral("%1: a large item (shmid %2) was removed from outside before it was read").arg(m_what).arg(shmid));
        out = block->data();
    }
    return true;
}

bool MessageRing::waitReadable(QDeadlineTimer deadline, const std::function<bool()> &interrupted)
{
    bool firstPass = true;
    for (;;) {
        const std::uint32_t seq = m_state->itemsSeq.load();
        if (m_state->count.load() > 0)
            return true;
        if (deadline.hasExpired() || (!firstPass && interrupted && interrupted()))
            return false;
        firstPass = false;
        if (spinFor([this, seq] { return m_state->itemsSeq.load(std::memory_order_relaxed) != seq; }))
            continue;
        // Register under the lock, where put() looks, unless a put came meanwhile.
        lock();
        const bool sleep = m_state->count.load(std::memory_order_relaxed) == 0
                           && m_state->itemsSeq.load(std::memory_order_relaxed) == seq;
        if (sleep)
            m_state->getWaiters.store(1, std::memory_order_relaxed);
        unlock();
        if (sleep)
            Futex::wait(&m_state->itemsSeq, seq, waitSlice(deadline, bool(interrupted)));
    }
}

bool MessageRing::readCounters(Counters *out, QDeadlineTimer deadline)
{
    qint64 dead = 0;
    const RobustMutex::Result result = m_state->mutex.lock(deadline, &dead);
    if (result == RobustMutex::Result::TimedOut)
        return false;
    if (result == RobustMutex::Result::Recovered)
        recover(dead);
    out->count = m_state->count.load();
    out->unfinished = m_state->unfinished.load();
    out->puts = m_state->nextSeq;
    unlock();
    return true;
}

bool MessageRing::taskDone()
{
    lock();
    if (m_state->unfinished.load() <= 0) {
        unlock();
        return false;
    }
    const bool allDone = m_state->unfinished.fetch_sub(1) == 1;
    if (allDone)
        m_state->doneSeq.fetch_add(1);
    unlock();
    if (allDone)
        Futex::wakeAll(&m_state->doneSeq);
    return true;
}

bool MessageRing::join(QDeadlineTimer deadline)
{
    for (;;) {
        const std::uint32_t seq = m_state->doneSeq.load();
        if (m_state->unfinished.load() <= 0)
            return true;
        if (deadline.hasExpired())
            return false;
        Futex::wait(&m_state->doneSeq, seq, deadline);
    }
}

void MessageRing::wakeAll()
{
    m_state->itemsSeq.fetch_add(1);
    m_state->spaceSeq.fetch_add(1);
    m_state->roomSeq.fetch_add(1);
    Futex::wakeAll(&m_state->itemsSeq);
    Futex::wakeAll(&m_state->spaceSeq);
    Futex::wakeAll(&m_state->roomSeq);
}

void MessageRing::discardAll()
{
    lock();
    for (std::uint64_t at = m_state->begin; at < m_state->end;) {
        const Record *r = recordAt(at);
        if (r->flags & largeFlag)
            LargeItem::discard(r->shmid);
        at += recordSize + align8(r->length);
    }
    m_state->end = 0; // first, as in removeRecord()
    std::atomic_signal_fence(std::memory_order_seq_cst);
    m_state->begin = 0;
    m_state->count.store(0);
    unlock();
}

} // namespace qmp
