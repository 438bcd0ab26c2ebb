#include "messagering.h"

#include "futex.h"
#include "ipcerrors.h"
#include "largeitem.h"
#include "sharedsegment.h"
#include "spinwait.h"

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

// Solo mode: the epoch's states (epoch % 4).
constexpr std::uint32_t soloLocked = 0;
constexpr std::uint32_t soloEntering = 1;
constexpr std::uint32_t soloOn = 2;
// Operations in a row of one putter and of one getter under the lock before the mode begins.
constexpr std::uint32_t soloStreak = 32;
// Puts in one stretch of the mode at most: its counters are 32-bit; leaving folds them.
constexpr std::uint32_t soloPutsMax = 0x40000000u;
// A solo waiter's longest sleep: a waker killed between publishing and waking costs it this much.
constexpr qint64 soloSliceMs = 100;

constexpr std::uint64_t packWord(std::uint64_t offset, std::uint32_t n) { return offset << 32 | n; }
constexpr std::uint64_t offsetOf(std::uint64_t word) { return word >> 32; }
constexpr std::uint32_t countOf(std::uint64_t word) { return std::uint32_t(word); }

// This thread, machine-wide (a forked child is another).
std::uint64_t selfId()
{
    return std::uint64_t(std::uint32_t(SharedSegment::currentPid())) << 32 | std::uint32_t(SharedSegment::currentTid());
}

// Wakes whoever registered on a word (without the lock: solo mode): clears the registration,
// then moves the word, so a waiter that registers again meanwhile is woken too.
void wakeRegistered(std::atomic<std::uint32_t> &waiters, std::atomic<std::uint32_t> &seq)
{
    if (waiters.load(std::memory_order_relaxed) == 0 || waiters.exchange(0) == 0)
        return;
    seq.fetch_add(1);
    Futex::wakeAll(&seq);
}

QDeadlineTimer soloSlice(QDeadlineTimer deadline, qint64 sliceLength)
{
    if (deadline.isForever() || deadline.remainingTime() > sliceLength)
        return QDeadlineTimer(sliceLength, Qt::PreciseTimer);
    return deadline;
}
} // namespace

qsizetype MessageRing::bytesNeeded(qsizetype capacity)
{
    return qsizetype(sizeof(State)) + qsizetype(align8(std::uint64_t(capacity)));
}

void MessageRing::initialise(char *at, qsizetype capacity, qint64 maxsize, bool solo)
{
    auto *state = reinterpret_cast<State *>(at);
    state->mutex.initialise();
    state->maxsize = maxsize <= 0 ? 0 : maxsize;
    state->capacity = align8(std::uint64_t(capacity));
    // The solo words hold 32-bit offsets.
    state->soloAllowed = solo && state->capacity < (std::uint64_t(1) << 32) ? 1 : 0;
    state->solo.putSide.initialise();
    state->solo.getSide.initialise();
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

bool MessageRing::readerActive(std::int64_t lastTakeNs) const
{
    return steadyNs() - lastTakeNs < spaceWaitMs * 1000000;
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

void MessageRing::lockState()
{
    qint64 dead = 0;
    if (m_state->mutex.lock(QDeadlineTimer(QDeadlineTimer::Forever), &dead) == RobustMutex::Result::Recovered)
        recover(dead);
}

void MessageRing::lock()
{
    lockState();
    leaveSolo();
}

bool MessageRing::lockFor(Role role, bool mayStay)
{
    lockState();
    const std::uint64_t me = selfId();
    Solo &solo = m_state->solo;
    if (solo.epoch.load(std::memory_order_relaxed) % 4 == soloOn) {
        if (mayStay && (role == Role::Put ? solo.putter : solo.getter).load(std::memory_order_relaxed) == me) {
            unlock();
            return false;
        }
        leaveSolo();
    }
    // Another thread in this role: the run of one putter's (getter's) operations starts again.
    std::uint64_t &last = role == Role::Put ? m_state->lastPutter : m_state->lastGetter;
    if (last != me) {
        last = me;
        (role == Role::Put ? m_state->putStreak : m_state->getStreak) = 0;
    }
    return true;
}

void MessageRing::noteDone(Role role, bool countsForSolo)
{
    std::uint32_t &streak = role == Role::Put ? m_state->putStreak : m_state->getStreak;
    streak = countsForSolo ? std::min(streak + 1, soloStreak) : 0;
    if (m_state->soloAllowed && m_state->putStreak >= soloStreak && m_state->getStreak >= soloStreak
        && m_state->solo.epoch.load(std::memory_order_relaxed) % 4 == soloLocked)
        enterSolo();
}

void MessageRing::enterSolo()
{
    Solo &solo = m_state->solo;
    const std::uint32_t epoch = solo.epoch.load(std::memory_order_relaxed);
    solo.epoch.store(epoch + 1); // entering: a holder killed now leaves nothing to undo (leaveSolo)
    solo.putter.store(m_state->lastPutter, std::memory_order_relaxed);
    solo.getter.store(m_state->lastGetter, std::memory_order_relaxed);
    solo.baseCount.store(m_state->count.load(std::memory_order_relaxed), std::memory_order_relaxed);
    solo.baseUnfinished.store(m_state->unfinished.load(std::memory_order_relaxed), std::memory_order_relaxed);
    solo.baseSeq.store(m_state->nextSeq, std::memory_order_relaxed);
    solo.done.store(0, std::memory_order_relaxed);
    solo.produced.store(packWord(m_state->end, 0), std::memory_order_relaxed);
    solo.consumed.store(packWord(m_state->begin, 0), std::memory_order_relaxed);
    solo.takeNs.store(m_state->lastTakeNs.load(std::memory_order_relaxed), std::memory_order_relaxed);
    solo.epoch.store(epoch + 2, std::memory_order_release);
}

void MessageRing::leaveSolo()
{
    Solo &solo = m_state->solo;
    const std::uint32_t epoch = solo.epoch.load(std::memory_order_relaxed);
    if (epoch % 4 == soloLocked)
        return;
    if (epoch % 4 == soloEntering) { // a holder died entering: nothing was done in the mode
        solo.epoch.store(epoch + 3, std::memory_order_release);
        return;
    }
    if (epoch % 4 == soloOn)
        solo.epoch.store(epoch + 1); // leaving: the two sides see it once they hold their mutex
    // (leaving already: a holder died folding; everything below can be done again.)
    // Wait out the operations in flight; a side that died holding its mutex published all or
    // nothing of its operation (one word).
    lockSide(solo.putSide, "putter");
    lockSide(solo.getSide, "getter");
    const std::uint64_t produced = solo.produced.load(std::memory_order_acquire);
    const std::uint64_t consumed = solo.consumed.load(std::memory_order_acquire);
    const std::uint32_t puts = countOf(produced);
    m_state->begin = offsetOf(consumed);
    m_state->end = offsetOf(produced);
    if (m_state->begin == m_state->end)
        m_state->begin = m_state->end = 0;
    m_state->count.store(solo.baseCount.load(std::memory_order_relaxed) + std::int64_t(std::int32_t(puts - countOf(consumed))),
                         std::memory_order_relaxed);
    m_state->unfinished.store(solo.baseUnfinished.load(std::memory_order_relaxed) + std::int64_t(puts)
                                  - solo.done.load(std::memory_order_relaxed),
                              std::memory_order_relaxed);
    m_state->nextSeq = solo.baseSeq.load(std::memory_order_relaxed) + puts;
    m_state->lastTakeNs.store(std::max(m_state->lastTakeNs.load(std::memory_order_relaxed), solo.takeNs.load(std::memory_order_relaxed)),
                              std::memory_order_relaxed);
    solo.getSide.unlock();
    solo.putSide.unlock();
    solo.epoch.store((epoch | 3) + 1, std::memory_order_release);
    // Whoever sleeps in a solo wait goes on under the lock.
    wakeRegistered(m_state->getWaiters, m_state->itemsSeq);
    wakeRegistered(m_state->putWaiters, m_state->spaceSeq);
    wakeRegistered(m_state->roomWaiters, m_state->roomSeq);
}

void MessageRing::lockSide(RobustMutex &side, const char *which)
{
    qint64 dead = 0;
    if (side.lock(QDeadlineTimer(QDeadlineTimer::Forever), &dead) == RobustMutex::Result::Recovered)
        qWarning("qmp: %s: the %s (pid %lld) died in the middle of an operation; it published all or nothing of it",
                 qPrintable(m_what), which, qlonglong(dead));
}

bool MessageRing::isSolo() const
{
    return m_state->solo.epoch.load(std::memory_order_acquire) % 4 == soloOn;
}

void MessageRing::recover(qint64 deadPid)
{
    leaveSolo(); // the records below are the locked protocol's
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
        std::memmove(data() + offset, data() + after, m_state->end - after);
        m_state->end -= span;
    }
    if (m_state->begin == m_state->end)
        m_state->begin = m_state->end = 0;
}

bool MessageRing::put(const char *bytes, qsizetype size, double priority, QDeadlineTimer deadline)
{
    return put(QByteArrayView(), QByteArrayView(bytes, size), priority, deadline);
}

bool MessageRing::put(QByteArrayView head, QByteArrayView body, double priority, QDeadlineTimer deadline)
{
    bool mayStaySolo = true;
    for (;;) {
        if (mayStaySolo && m_state->soloAllowed) {
            switch (soloPut(head, body, priority, deadline)) {
            case SoloResult::Done:
                return true;
            case SoloResult::TimedOut:
                return false;
            case SoloResult::NeedsLock:
                mayStaySolo = false;
                break;
            case SoloResult::NotSolo:
                break;
            }
        }
        if (const std::optional<bool> put = lockedPut(head, body, priority, deadline, mayStaySolo))
            return *put;
        // nullopt: the solo mode began, with this thread as its putter
    }
}

std::optional<bool> MessageRing::lockedPut(QByteArrayView head, QByteArrayView body, double priority, QDeadlineTimer deadline,
                                           bool mayStaySolo)
{
    const qsizetype size = head.size() + body.size();
    const std::uint64_t need = recordSize + align8(std::uint64_t(size));
    std::optional<LargeItem> block; // removed when it goes unless linked
    bool sleepNext = false;
    if (!lockFor(Role::Put, mayStaySolo))
        return std::nullopt;
    for (;;) {
        const std::uint64_t live = m_state->end - m_state->begin;
        const bool itemsFull = m_state->maxsize > 0 && m_state->count.load() >= m_state->maxsize;
        // A quarter of the ring stays free for the headers of large items, so a putter without a
        // reader can go on (in blocks of their own) for capacity / 4 / 32 items past a full ring.
        const std::uint64_t reserve = m_state->capacity / 4;
        const bool fitsRing = std::uint64_t(size) <= m_state->capacity / 2;
        const bool inRing = !block && fitsRing && need + reserve <= m_state->capacity - live;
        if (!itemsFull && !block && fitsRing && live != 0 && live + need > highWater(m_state->capacity)
            && !deadline.hasExpired() && readerActive(m_state->lastTakeNs.load(std::memory_order_relaxed))) {
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
            if (!lockFor(Role::Put, mayStaySolo))
                return std::nullopt;
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
            lockFor(Role::Put, false); // with a block in hand: under the lock, whatever the mode
            continue;
        }
        const std::uint64_t here = inRing ? need : recordSize;
        if (!itemsFull && here <= m_state->capacity - live) {
            if (m_state->end + here > m_state->capacity) { // compact: move the live records down
                std::memmove(data(), data() + m_state->begin, live);
                m_state->begin = 0;
                m_state->end = live;
            }
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
        if (!lockFor(Role::Put, mayStaySolo && !block))
            return std::nullopt;
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
    m_state->pendingLink = 0;
    // Plain stores, not read-modify-writes: the lock orders the writers (wakeAll() bumps the
    // sequence words without it, and whichever increment wins, the word still moved), and a
    // store does not wait for the line the other process holds (three such waits were three
    // quarters of put()).
    bumpUnderLock(m_state->count);
    bumpUnderLock(m_state->unfinished);
    bumpUnderLock(m_state->itemsSeq);
    const bool wake = takeWaiters(m_state->getWaiters);
    noteDone(Role::Put, mayStaySolo && !block);
    unlock();
    if (wake)
        Futex::wakeAll(&m_state->itemsSeq);
    return true;
}

MessageRing::SoloResult MessageRing::soloPut(QByteArrayView head, QByteArrayView body, double priority, QDeadlineTimer deadline)
{
    Solo &solo = m_state->solo;
    const std::uint64_t me = selfId();
    const qsizetype size = head.size() + body.size();
    const std::uint64_t need = recordSize + align8(std::uint64_t(size));
    const std::uint64_t capacity = m_state->capacity;
    bool sleepNext = false;
    for (;;) {
        if (solo.epoch.load(std::memory_order_relaxed) % 4 != soloOn || solo.putter.load(std::memory_order_relaxed) != me)
            return SoloResult::NotSolo;
        lockSide(solo.putSide, "putter");
        const std::uint32_t epoch = solo.epoch.load(std::memory_order_acquire);
        if (epoch % 4 != soloOn || solo.putter.load(std::memory_order_relaxed) != me) {
            solo.putSide.unlock();
            return SoloResult::NotSolo;
        }
        const std::uint64_t produced = solo.produced.load(std::memory_order_relaxed);
        const std::uint64_t end = offsetOf(produced);
        const std::uint32_t puts = countOf(produced);
        // Large items, an item past the ring's end (compacting needs the lock), the ring's last
        // quarter (kept for large items' records) and a long stretch: under the lock.
        if (std::uint64_t(size) > capacity / 2 || end + need > capacity || puts >= soloPutsMax) {
            solo.putSide.unlock();
            return SoloResult::NeedsLock;
        }
        if (m_putterSaw.epoch != epoch)
            m_putterSaw = {epoch, solo.consumed.load(std::memory_order_acquire)};
        const auto look = [&] { m_putterSaw.word = solo.consumed.load(std::memory_order_acquire); };
        const auto items = [&] {
            return solo.baseCount.load(std::memory_order_relaxed) + std::int64_t(std::int32_t(puts - countOf(m_putterSaw.word)));
        };
        if (m_state->maxsize > 0 && items() >= m_state->maxsize) {
            look();
            if (items() >= m_state->maxsize) { // full: spin, then sleep until a get (as lockedPut)
                const std::uint32_t seq = m_state->spaceSeq.load();
                bool sleep = false;
                if (sleepNext) {
                    m_state->putWaiters.store(1);
                    std::atomic_thread_fence(std::memory_order_seq_cst);
                    look();
                    sleep = items() >= m_state->maxsize;
                }
                const std::uint32_t gets = countOf(m_putterSaw.word);
                solo.putSide.unlock();
                if (deadline.hasExpired())
                    return SoloResult::TimedOut;
                if (sleep)
                    Futex::wait(&m_state->spaceSeq, seq, soloSlice(deadline, soloSliceMs));
                if (sleepNext)
                    sleepNext = false;
                else
                    sleepNext = !spinFor([&] {
                        return countOf(solo.consumed.load(std::memory_order_relaxed)) != gets
                               || solo.epoch.load(std::memory_order_relaxed) != epoch;
                    });
                continue;
            }
        }
        std::uint64_t live = end - offsetOf(m_putterSaw.word);
        if (live + need + capacity / 4 > capacity) {
            look();
            live = end - offsetOf(m_putterSaw.word);
            if (live + need + capacity / 4 > capacity) {
                solo.putSide.unlock();
                return SoloResult::NeedsLock;
            }
        }
        if (live != 0 && live + need > highWater(capacity) && !deadline.hasExpired()) {
            look();
            live = end - offsetOf(m_putterSaw.word);
            if (live != 0 && live + need > highWater(capacity) && readerActive(solo.takeNs.load(std::memory_order_relaxed))) {
                // Far enough ahead of an active reader: sleep until it drained to lowWater (as
                // lockedPut), registered before the last look so that the getter sees us.
                const std::uint32_t seq = m_state->roomSeq.load();
                m_state->roomWaiters.store(1);
                std::atomic_thread_fence(std::memory_order_seq_cst);
                look();
                const bool drained = end - offsetOf(m_putterSaw.word) <= lowWater(capacity);
                solo.putSide.unlock();
                if (!drained)
                    Futex::wait(&m_state->roomSeq, seq, soloSlice(deadline, spaceWaitMs));
                continue;
            }
        }
        Record *r = recordAt(end);
        r->length = std::uint64_t(size);
        r->flags = recordMagic;
        r->shmid = -1;
        r->priority = priority;
        r->seq = solo.baseSeq.load(std::memory_order_relaxed) + puts;
        if (!head.isEmpty())
            std::memcpy(data() + end + recordSize, head.data(), size_t(head.size()));
        if (!body.isEmpty())
            std::memcpy(data() + end + recordSize + head.size(), body.data(), size_t(body.size()));
        solo.produced.store(packWord(end + need, puts + 1), std::memory_order_release); // publish
        std::atomic_thread_fence(std::memory_order_seq_cst); // against a getter registering to sleep
        const bool wake = m_state->getWaiters.load(std::memory_order_relaxed) != 0;
        solo.putSide.unlock();
        if (wake)
            wakeRegistered(m_state->getWaiters, m_state->itemsSeq);
        return SoloResult::Done;
    }
}

MessageRing::SoloResult MessageRing::soloGet(QByteArray &out, QDeadlineTimer deadline)
{
    Solo &solo = m_state->solo;
    const std::uint64_t me = selfId();
    bool sleepNext = false;
    for (;;) {
        if (solo.epoch.load(std::memory_order_relaxed) % 4 != soloOn || solo.getter.load(std::memory_order_relaxed) != me)
            return SoloResult::NotSolo;
        lockSide(solo.getSide, "getter");
        const std::uint32_t epoch = solo.epoch.load(std::memory_order_acquire);
        if (epoch % 4 != soloOn || solo.getter.load(std::memory_order_relaxed) != me) {
            solo.getSide.unlock();
            return SoloResult::NotSolo;
        }
        const std::uint64_t consumed = solo.consumed.load(std::memory_order_relaxed);
        const std::uint64_t begin = offsetOf(consumed);
        const std::uint32_t gets = countOf(consumed);
        // Items in the ring: those it held when the mode began, plus the puts, minus the gets.
        const std::int64_t base = solo.baseCount.load(std::memory_order_relaxed);
        const auto items = [base, gets](std::uint64_t produced) { return base + std::int32_t(countOf(produced) - gets); };
        if (m_getterSaw.epoch != epoch || items(m_getterSaw.word) <= 0)
            m_getterSaw = {epoch, solo.produced.load(std::memory_order_acquire)};
        if (items(m_getterSaw.word) <= 0) { // empty: spin, then sleep until a put (as lockedGet)
            const std::uint32_t seq = m_state->itemsSeq.load();
            bool sleep = false;
            if (sleepNext) {
                m_state->getWaiters.store(1);
                std::atomic_thread_fence(std::memory_order_seq_cst);
                sleep = items(solo.produced.load(std::memory_order_acquire)) <= 0 && solo.epoch.load(std::memory_order_relaxed) == epoch;
            }
            solo.getSide.unlock();
            if (deadline.hasExpired())
                return SoloResult::TimedOut;
            if (sleep)
                Futex::wait(&m_state->itemsSeq, seq, soloSlice(deadline, soloSliceMs));
            if (sleepNext)
                sleepNext = false;
            else
                sleepNext = !spinFor([&] {
                    return items(solo.produced.load(std::memory_order_relaxed)) > 0
                           || solo.epoch.load(std::memory_order_relaxed) != epoch;
                });
            continue;
        }
        const Record *r = recordAt(begin);
        if (r->flags & largeFlag) { // its block is claimed under the lock
            solo.getSide.unlock();
            return SoloResult::NeedsLock;
        }
        out.resize(qsizetype(r->length)); // keeps the buffer's capacity
        std::memcpy(out.data(), data() + begin + recordSize, size_t(r->length));
        const std::uint64_t next = begin + recordSize + align8(r->length);
        solo.consumed.store(packWord(next, gets + 1), std::memory_order_release); // publish
        solo.takeNs.store(steadyNs(), std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_seq_cst); // against a putter registering to sleep
        const bool wakePut = m_state->putWaiters.load(std::memory_order_relaxed) != 0;
        const bool wakeRoom = m_state->roomWaiters.load(std::memory_order_relaxed) != 0
                              && offsetOf(solo.produced.load(std::memory_order_acquire)) - next <= lowWater(m_state->capacity);
        solo.getSide.unlock();
        if (wakePut)
            wakeRegistered(m_state->putWaiters, m_state->spaceSeq);
        if (wakeRoom)
            wakeRegistered(m_state->roomWaiters, m_state->roomSeq);
        return SoloResult::Done;
    }
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
    bool mayStaySolo = true;
    for (;;) {
        if (mayStaySolo && m_state->soloAllowed && order == Order::Fifo && !interrupted) {
            switch (soloGet(out, deadline)) {
            case SoloResult::Done:
                return true;
            case SoloResult::TimedOut:
                return false;
            case SoloResult::NeedsLock:
                mayStaySolo = false;
                break;
            case SoloResult::NotSolo:
                break;
            }
        }
        if (const std::optional<bool> got = lockedGet(out, order, deadline, interrupted, mayStaySolo))
            return *got;
        // nullopt: the solo mode began, with this thread as its getter
    }
}

std::optional<bool> MessageRing::lockedGet(QByteArray &out, Order order, QDeadlineTimer deadline,
                                           const std::function<bool()> &interrupted, bool mayStaySolo)
{
    if (!lockFor(Role::Get, mayStaySolo))
        return std::nullopt;
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
        if (!lockFor(Role::Get, mayStaySolo))
            return std::nullopt;
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
    m_state->pendingTake = 0;
    bumpUnderLock(m_state->count, -1); // plain stores, as in put()
    m_state->lastTakeNs.store(steadyNs(), std::memory_order_relaxed);
    bumpUnderLock(m_state->spaceSeq);
    const bool wake = takeWaiters(m_state->putWaiters);
    const bool wakeRoom = m_state->end - m_state->begin <= lowWater(m_state->capacity) && takeWaiters(m_state->roomWaiters);
    if (wakeRoom)
        m_state->roomSeq.fetch_add(1);
    noteDone(Role::Get, mayStaySolo && !large);
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
        if (count() > 0)
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
    // Under the lock the mode does not change; in solo mode its two sides go on meanwhile.
    std::optional<qint64> count;
    while (!(count = countNow()))
        SpinWait::cpuRelax();
    out->count = *count;
    out->unfinished = *unfinishedNow();
    out->puts = m_state->nextSeq;
    if (m_state->solo.epoch.load(std::memory_order_relaxed) % 4 == soloOn)
        out->puts = m_state->solo.baseSeq.load(std::memory_order_relaxed)
                    + countOf(m_state->solo.produced.load(std::memory_order_acquire));
    unlock();
    return true;
}

std::optional<qint64> MessageRing::countNow() const
{
    const Solo &solo = m_state->solo;
    const std::uint32_t epoch = solo.epoch.load(std::memory_order_acquire);
    qint64 n = 0;
    if (epoch % 4 == soloLocked) {
        n = m_state->count.load(std::memory_order_acquire);
    } else if (epoch % 4 == soloOn) {
        // Both counters only grow: gets unchanged around the read of puts make the count exact
        // at that read.
        const std::uint64_t before = solo.consumed.load(std::memory_order_acquire);
        const std::uint64_t produced = solo.produced.load(std::memory_order_acquire);
        const std::uint64_t after = solo.consumed.load(std::memory_order_acquire);
        if (countOf(before) != countOf(after))
            return std::nullopt;
        n = solo.baseCount.load(std::memory_order_relaxed) + std::int64_t(std::int32_t(countOf(produced) - countOf(before)));
    } else {
        return std::nullopt;
    }
    std::atomic_thread_fence(std::memory_order_acquire);
    if (solo.epoch.load(std::memory_order_relaxed) != epoch)
        return std::nullopt;
    return n;
}

std::optional<qint64> MessageRing::unfinishedNow() const
{
    const Solo &solo = m_state->solo;
    const std::uint32_t epoch = solo.epoch.load(std::memory_order_acquire);
    qint64 n = 0;
    if (epoch % 4 == soloLocked) {
        n = m_state->unfinished.load(std::memory_order_acquire);
    } else if (epoch % 4 == soloOn) {
        // The tasks done first, then the puts (which only grow): 0 means none was unfinished
        // when the first was read.
        const std::int64_t done = solo.done.load(std::memory_order_acquire);
        const std::uint32_t puts = countOf(solo.produced.load(std::memory_order_acquire));
        n = solo.baseUnfinished.load(std::memory_order_relaxed) + std::int64_t(puts) - done;
    } else {
        return std::nullopt;
    }
    std::atomic_thread_fence(std::memory_order_acquire);
    if (solo.epoch.load(std::memory_order_relaxed) != epoch)
        return std::nullopt;
    return n;
}

qint64 MessageRing::count() const
{
    for (int tries = 0; tries < 1000; ++tries) {
        if (const std::optional<qint64> n = countNow())
            return *n;
        SpinWait::cpuRelax();
    }
    // A switch under way (or its switcher killed): under the lock, which finishes it.
    auto *self = const_cast<MessageRing *>(this);
    self->lockState();
    std::optional<qint64> n;
    while (!(n = countNow()))
        SpinWait::cpuRelax();
    self->unlock();
    return *n;
}

bool MessageRing::taskDone()
{
    lockState(); // solo mode goes on: taskDone() counts in solo.done
    Solo &solo = m_state->solo;
    const bool soloOnNow = solo.epoch.load(std::memory_order_relaxed) % 4 == soloOn;
    const qint64 left = *unfinishedNow();
    if (left <= 0) {
        unlock();
        return false;
    }
    if (soloOnNow)
        solo.done.store(solo.done.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    else
        bumpUnderLock(m_state->unfinished, -1);
    const bool allDone = left == 1;
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
        std::optional<qint64> left = unfinishedNow();
        if (!left) { // a switch under way: under the lock
            lockState();
            left = unfinishedNow();
            unlock();
        }
        if (*left <= 0)
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
    m_state->begin = m_state->end = 0;
    m_state->count.store(0);
    unlock();
}

} // namespace qmp
