#include "connection.h"

#include "fastcbor.h"
#include "inflightregistry.h"
#include "ipcerrors.h"
#include "messagering.h"
#include "pipe.h"
#include "process.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <unistd.h>

namespace qmp {

namespace {

constexpr int holdSlots = 256;
constexpr int loanSlots = 256;

// Who has one end: processes holding it open, and handles of it lent to another process on
// their way there (loans). Both also count in `total`, for a cheap "closed everywhere" test;
// the authority is the tables, read with the holders' liveness.
struct EndState
{
    std::atomic<std::int32_t> total;             // holds and loans
    std::atomic<std::int32_t> untracked;         // holds of processes the table had no room for
    std::atomic<std::uint64_t> holds[holdSlots]; // (pid << 32) | count: one slot per process
    std::atomic<std::uint64_t> loans[loanSlots]; // (sender pid << 32) | nonce; 0: free
};

struct PipeHeader
{
    std::uint32_t duplex;
    std::uint32_t reserved;
    std::uint64_t ringBytes;
    EndState ends[2];
};
static_assert(sizeof(PipeHeader) % 8 == 0);

std::uint64_t pack(std::int32_t pid, std::uint32_t low)
{
    return (std::uint64_t(std::uint32_t(pid)) << 32) | low;
}
std::int32_t pidOf(std::uint64_t word)
{
    return std::int32_t(word >> 32);
}
std::uint32_t lowOf(std::uint64_t word)
{
    return std::uint32_t(word);
}

// Adds a hold of this process on end; returns its slot, or -1 when it is untracked.
int addHold(EndState &end)
{
    const std::int32_t me = SharedSegment::currentPid();
    end.total.fetch_add(1);
    for (int i = 0; i < holdSlots; ++i) {
        std::uint64_t w = end.holds[i].load();
        while (pidOf(w) == me) {
            if (end.holds[i].compare_exchange_weak(w, w + 1))
                return i;
        }
    }
    // A slot nobody holds any more; failing that, one of a process that died holding it.
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < holdSlots; ++i) {
            std::uint64_t w = end.holds[i].load();
            const bool reusable = lowOf(w) == 0 || (pass == 1 && !SharedSegment::isProcessAlive(pidOf(w)));
            if (reusable && end.holds[i].compare_exchange_strong(w, pack(me, 1))) {
                end.total.fetch_sub(std::int32_t(lowOf(w))); // the dead process's holds
                return i;
            }
        }
    }
    end.untracked.fetch_add(1); // its death then goes unnoticed: EOF waits for its close()
    return -1;
}

void dropHold(EndState &end, int slot)
{
    if (slot >= 0)
        end.holds[slot].fetch_sub(1);
    else
        end.untracked.fetch_sub(1);
    end.total.fetch_sub(1);
}

// Lends end: a slot holding word, or -1 when there is no room.
int addLoan(EndState &end, std::uint64_t word)
{
    end.total.fetch_add(1);
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < loanSlots; ++i) {
            std::uint64_t w = end.loans[i].load();
            const bool reusable = w == 0 || (pass == 1 && !SharedSegment::isProcessAlive(pidOf(w)));
            if (reusable && end.loans[i].compare_exchange_strong(w, word)) {
                if (w != 0)
                    end.total.fetch_sub(1); // a dead sender's loan
                return i;
            }
        }
    }
    end.total.fetch_sub(1);
    return -1;
}

// Ends a loan, once: the receiver that attached, or the sender's claim taking it back.
bool takeLoan(EndState &end, int slot, std::uint64_t word)
{
    if (slot < 0 || slot >= loanSlots || !end.loans[slot].compare_exchange_strong(word, 0))
        return false;
    end.total.fetch_sub(1);
    return true;
}

// Someone alive has the end open, or it is on its way to someone.
bool endOpen(EndState &end)
{
    if (end.total.load() <= 0)
        return false;
    if (end.untracked.load() > 0)
        return true;
    for (const auto &slot : end.holds) {
        const std::uint64_t w = slot.load();
        if (lowOf(w) > 0 && SharedSegment::isProcessAlive(pidOf(w)))
            return true;
    }
    for (const auto &slot : end.loans) {
        const std::uint64_t w = slot.load();
        if (w != 0 && SharedSegment::isProcessAlive(pidOf(w)))
            return true;
    }
    return false;
}

// One attachment of a pipe's segment in this process, shared by the ends made from it and by
// their loans. The last user of the segment anywhere drops what is still in the rings (large
// items live in blocks of their own); until then every message stays readable.
struct PipeShared
{
    std::shared_ptr<SharedSegment> segment;
    PipeHeader *header = nullptr;
    std::unique_ptr<MessageRing> rings[2]; // rings[i]: the messages to end i

    explicit PipeShared(std::shared_ptr<SharedSegment> s)
        : segment(std::move(s)), header(reinterpret_cast<PipeHeader *>(segment->payload()))
    {
        char *at = segment->payload() + sizeof(PipeHeader);
        const qsizetype each = MessageRing::bytesNeeded(qsizetype(header->ringBytes));
        const QString what = QStringLiteral("Pipe %1").arg(segment->nativeKey());
        rings[0] = std::make_unique<MessageRing>(at, segment->nativeKey(), what);
        rings[1] = std::make_unique<MessageRing>(at + each, segment->nativeKey(), what);
    }
    ~PipeShared()
    {
        if (segment->attachCount() == 1) {
            rings[0]->discardAll();
            rings[1]->discardAll();
        }
    }
    // Wakes whoever waits on end's peer (a reader for EOF, a writer for a full ring).
    void wakePeerOf(int end) { rings[1 - end]->wakeAll(); }
};

// A handle of one end on its way to another process (InFlightRegistry). Until claimed it is a
// loan in the segment the receiver ends when it attaches; claimed, it becomes a hold of this
// process that ends with the claim (no gap if the receiver dies and the call runs again).
class EndLoan : public InFlightRegistry::Loan
{
public:
    EndLoan(std::shared_ptr<PipeShared> shared, int end, int slot, std::uint64_t word, int holdSlot)
        : m_shared(std::move(shared)), m_end(end), m_slot(slot), m_word(word), m_holdSlot(holdSlot)
    {
    }
    void claimed() override
    {
        if (m_slot < 0)
            return; // lent as a hold already (no room for a loan)
        const int hold = addHold(state()); // before the loan ends: the end never looks closed
        if (takeLoan(state(), m_slot, m_word))
            m_holdSlot = hold;
        else
            dropHold(state(), hold); // the receiver has it already
        m_slot = -1;
    }
    void ended() override
    {
        if (m_holdSlot != noHold)
            dropHold(state(), m_holdSlot);
        takeLoan(state(), m_slot, m_word); // never received: withdrawn
        m_holdSlot = noHold;
        m_slot = -1;
        m_shared->wakePeerOf(m_end);
    }
    bool settled() const override { return m_holdSlot == noHold && (m_slot < 0 || state().loans[m_slot].load() != m_word); }

    static constexpr int noHold = -2; // (-1 is an untracked hold)

private:
    EndState &state() const { return m_shared->header->ends[m_end]; }

    std::shared_ptr<PipeShared> m_shared;
    int m_end;
    int m_slot;
    std::uint64_t m_word;
    int m_holdSlot;
};

} // namespace

struct Connection::Impl
{
    std::shared_ptr<PipeShared> shared;
    int end = 0;
    bool canRead = true;
    bool canWrite = true;
    bool closed = false;
    bool unreadable = false;
    int holdSlot = -1;
    QElapsedTimer livenessChecked;

    Impl(std::shared_ptr<PipeShared> s, int e, bool r, bool w)
        : shared(std::move(s)), end(e), canRead(r), canWrite(w), holdSlot(addHold(own()))
    {
    }
    ~Impl() { release(); }
    EndState &own() const { return shared->header->ends[end]; }
    EndState &peer() const { return shared->header->ends[1 - end]; }
    MessageRing &inbox() const { return *shared->rings[end]; }
    MessageRing &outbox() const { return *shared->rings[1 - end]; }
    QString key() const { return shared->segment->nativeKey(); }
    void release()
    {
        if (closed)
            return;
        closed = true;
        dropHold(own(), holdSlot);
        shared->wakePeerOf(end); // a peer blocked in recv() re-checks for EOF
    }
    bool peerClosed() const { return !endOpen(peer()); }
    // For send(): the cheap test always, the liveness test at most every 50 ms.
    bool peerGoneForSending()
    {
        if (peer().total.load() <= 0)
            return true;
        if (livenessChecked.isValid() && livenessChecked.elapsed() < 50)
            return false;
        livenessChecked.start();
        return peerClosed();
    }
};

std::pair<Connection, Connection> Connection::createPair(bool duplex, qsizetype ringBytes)
{
    if (ringBytes < 4096)
        throw ValueError(QStringLiteral("a pipe's buffer needs at least 4096 bytes (got %1)").arg(ringBytes));
    const qsizetype each = MessageRing::bytesNeeded(ringBytes);
    auto segment = SharedSegment::create(segmentKind, qsizetype(sizeof(PipeHeader)) + 2 * each);
    auto *header = reinterpret_cast<PipeHeader *>(segment->payload());
    header->duplex = duplex ? 1 : 0;
    header->ringBytes = std::uint64_t(ringBytes);
    char *rings = segment->payload() + sizeof(PipeHeader);
    MessageRing::initialise(rings, ringBytes, 0);
    MessageRing::initialise(rings + each, ringBytes, 0);
    auto shared = std::make_shared<PipeShared>(std::move(segment));
    // duplex=false: (reader, writer) like Python.
    Connection first(std::make_shared<Impl>(shared, 0, true, duplex));
    Connection second(std::make_shared<Impl>(shared, 1, duplex, true));
    return {first, second};
}

std::pair<Connection, Connection> Pipe(bool duplex, qsizetype ringBytes)
{
    return Connection::createPair(duplex, ringBytes);
}

void Connection::ensureUsable(bool forReading, const char *operation) const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("Connection %1: handle is closed (%2)").arg(m_impl->key(), QLatin1String(operation)));
    if (forReading && !m_impl->canRead)
        throw OSError(QStringLiteral("Connection %1: connection is write-only (%2)").arg(m_impl->key(), QLatin1String(operation)));
    if (!forReading && !m_impl->canWrite)
        throw OSError(QStringLiteral("Connection %1: connection is read-only (%2)").arg(m_impl->key(), QLatin1String(operation)));
    if (forReading && m_impl->unreadable)
        throw OSError(QStringLiteral("Connection %1: unreadable after a bad message length").arg(m_impl->key()));
}

void Connection::sendValue(const QCborValue &value)
{
    sendBytes(FastCbor::encode(value));
}

void Connection::sendBytes(const QByteArray &buffer, qsizetype offset, std::optional<qsizetype> size)
{
    ensureUsable(false, "send");
    // Python's checks, in Python's order.
    if (offset < 0)
        throw ValueError(QStringLiteral("offset is negative (%1)").arg(offset));
    if (offset > buffer.size())
        throw ValueError(QStringLiteral("buffer length < offset (%1 < %2)").arg(buffer.size()).arg(offset));
    if (size && *size < 0)
        throw ValueError(QStringLiteral("size is negative (%1; leave it out to send to the end)").arg(*size));
    const qsizetype count = size ? *size : buffer.size() - offset;
    if (count > buffer.size() - offset)
        throw ValueError(QStringLiteral("buffer length < offset + size (%1 < %2 + %3)").arg(buffer.size()).arg(offset).arg(count));
    if (m_impl->peerGoneForSending())
        throw OSError(QStringLiteral("Connection %1: broken pipe, the other end is closed").arg(m_impl->key()));
    m_impl->outbox().put(buffer.constData() + offset, count, 0, QDeadlineTimer(QDeadlineTimer::Forever));
}

QByteArray Connection::recvBytes(std::optional<qsizetype> maxLength)
{
    ensureUsable(true, "recv");
    if (maxLength && *maxLength < 0)
        throw ValueError(QStringLiteral("negative maxlength (%1; leave it out for no limit)").arg(*maxLength));
    Impl *impl = m_impl.get();
    std::optional<QByteArray> message = impl->inbox().get(MessageRing::Order::Fifo, QDeadlineTimer(QDeadlineTimer::Forever),
                                                          [impl] { return impl->peerClosed(); });
    if (!message) {
        message = impl->inbox().get(MessageRing::Order::Fifo, QDeadlineTimer(0)); // sent just before closing
        if (!message)
            throw EOFError(QStringLiteral("Connection %1: the other end is closed and nothing is left to read").arg(impl->key()));
    }
    if (maxLength && message->size() > *maxLength) {
        impl->unreadable = true;
        throw OSError(QStringLiteral("Connection %1: bad message length (%2 > maxLength %3)")
                          .arg(impl->key()).arg(message->size()).arg(*maxLength));
    }
    return *message;
}

QCborValue Connection::recv()
{
    const QByteArray bytes = recvBytes();
    QCborParserError error;
    const QCborValue value = FastCbor::decode(bytes, &error);
    if (error.error != QCborError::NoError)
        throw ValueError(QStringLiteral("Connection %1: the message is not a value (use recvBytes()): %2")
                             .arg(m_impl->key(), error.errorString()));
    return value;
}

qsizetype Connection::recvBytesInto(QByteArray &buffer, qsizetype offset)
{
    if (offset < 0 || offset > buffer.size())
        throw ValueError(QStringLiteral("offset %1 is out of range for %2 bytes").arg(offset).arg(buffer.size()));
    const QByteArray message = recvBytes();
    if (message.size() > buffer.size() - offset)
        throw BufferTooShort(QStringLiteral("Connection %1: buffer too short for a %2-byte message")
                                 .arg(m_impl->key()).arg(message.size()), message);
    std::copy(message.cbegin(), message.cend(), buffer.begin() + offset);
    return message.size();
}

bool Connection::poll(QDeadlineTimer deadline)
{
    ensureUsable(true, "poll");
    Impl *impl = m_impl.get();
    return impl->inbox().waitReadable(deadline, [impl] { return impl->peerClosed(); }) || impl->peerClosed();
}

void Connection::close()
{
    m_impl->release();
}

bool Connection::closed() const
{
    return m_impl->closed;
}

bool Connection::readable() const
{
    return m_impl->canRead;
}

bool Connection::writable() const
{
    return m_impl->canWrite;
}

IpcHandle Connection::handle() const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("Connection %1: handle is closed").arg(m_impl->key()));
    // The handle is on its way to another process: it is lent, and keeps the end open for us
    // until the receiver attaches or it cannot arrive any more (EndLoan).
    const std::uint64_t word = pack(SharedSegment::currentPid(), QRandomGenerator::global()->generate() | 1u);
    const int slot = addLoan(m_impl->own(), word);
    const int holdSlot = slot < 0 ? addHold(m_impl->own()) : EndLoan::noHold;
    const qint64 id = InFlightRegistry::lend(std::make_unique<EndLoan>(m_impl->shared, m_impl->end, slot, word, holdSlot));
    QCborMap params;
    params.insert(QStringLiteral("end"), m_impl->end);
    params.insert(QStringLiteral("readable"), m_impl->canRead);
    params.insert(QStringLiteral("writable"), m_impl->canWrite);
    params.insert(QStringLiteral("loanSlot"), slot);
    params.insert(QStringLiteral("loan"), qint64(word));
    params.insert(InFlightRegistry::key(), id);
    return {segmentKind, m_impl->key(), params};
}

Connection Connection::fromHandle(const IpcHandle &handle)
{
    auto segment = SharedSegment::attach(handle.key, segmentKind);
    const int end = int(handle.params.value(QStringLiteral("end")).toInteger());
    if (end != 0 && end != 1)
        throw TypeError(QStringLiteral("a Connection handle with a bad end (%1)").arg(end));
    auto impl = std::make_shared<Impl>(std::make_shared<PipeShared>(std::move(segment)), end,
                                       handle.params.value(QStringLiteral("readable")).toBool(),
                                       handle.params.value(QStringLiteral("writable")).toBool());
    // Our hold is registered: the sender's loan ends (if its claim has not taken it back).
    takeLoan(impl->own(), int(handle.params.value(QStringLiteral("loanSlot")).toInteger(-1)),
             std::uint64_t(handle.params.value(QStringLiteral("loan")).toInteger()));
    return Connection(impl);
}

WaitResult wait(const QList<Connection> &connections, const QList<Process *> &processes, int timeoutMs)
{
    const QDeadlineTimer deadline = timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs, Qt::PreciseTimer);
    for (;;) {
        WaitResult ready;
        for (const Connection &c : connections) {
            Connection copy = c;
            if (copy.poll(0))
                ready.connections.append(c);
        }
        for (Process *p : processes) {
            if (p->state() != Process::State::NotStarted && !p->isAlive())
                ready.processes.append(p);
        }
        if (!ready.isEmpty() || deadline.hasExpired())
            return ready;
        // Sleep a slice on the first connection (woken by its messages), or let the processes' events run.
        const QDeadlineTimer slice = deadline.isForever() || deadline.remainingTime() > 10 ? QDeadlineTimer(10, Qt::PreciseTimer) : deadline;
        if (!connections.isEmpty()) {
            Connection first = connections.first();
            first.poll(slice);
        } else if (!processes.isEmpty()) {
            processes.first()->join(slice);
        } else {
            return ready;
        }
    }
}

} // namespace qmp
