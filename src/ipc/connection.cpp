#include "connection.h"

#include "futex.h"
#include "fastcbor.h"
#include "ipcerrors.h"
#include "messagering.h"
#include "pipe.h"
#include "process.h"

#include <QElapsedTimer>

#include <unistd.h>

namespace qmp {

namespace {

constexpr int holdSlots = 32;

struct EndState
{
    struct Hold
    {
        std::atomic<std::int32_t> pid;
        std::atomic<std::int32_t> count;
    } holds[holdSlots];
};

struct PipeHeader
{
    std::uint32_t duplex;
    std::uint32_t reserved;
    std::uint64_t ringBytes;
    EndState ends[2];
};
static_assert(sizeof(PipeHeader) % 8 == 0);

void addHold(EndState &end, std::int32_t pid, int delta)
{
    for (auto &hold : end.holds) {
        if (hold.pid.load() == pid) {
            hold.count.fetch_add(delta);
            return;
        }
    }
    if (delta < 0)
        return;
    for (auto &hold : end.holds) {
        std::int32_t expected = 0;
        if (hold.pid.compare_exchange_strong(expected, pid)) {
            hold.count.fetch_add(delta);
            return;
        }
    }
    // More than 32 processes hold this end: not tracked (EOF then needs their exit).
}

// Closed by every holder (no liveness check: cheap enough for every send()).
bool endClosedByAll(EndState &end)
{
    for (auto &hold : end.holds) {
        if (hold.pid.load() != 0 && hold.count.load() > 0)
            return false;
    }
    return true;
}

// Closed, or every holder is dead (reads /proc: for recv()'s end-of-file decision).
bool endClosed(EndState &end)
{
    for (auto &hold : end.holds) {
        const std::int32_t pid = hold.pid.load();
        if (pid != 0 && hold.count.load() > 0 && SharedSegment::isProcessAlive(pid))
            return false;
    }
    return true;
}

} // namespace

struct Connection::Impl
{
    std::shared_ptr<SharedSegment> segment;
    PipeHeader *header = nullptr;
    int end = 0;
    bool canRead = true;
    bool canWrite = true;
    bool closed = false;
    bool unreadable = false;
    std::unique_ptr<MessageRing> inbox;  // messages to this end
    std::unique_ptr<MessageRing> outbox; // messages to the peer

    Impl(std::shared_ptr<SharedSegment> s, int e, bool r, bool w)
        : segment(std::move(s)), header(reinterpret_cast<PipeHeader *>(segment->payload())), end(e), canRead(r), canWrite(w)
    {
        char *rings = segment->payload() + sizeof(PipeHeader);
        const qsizetype each = MessageRing::bytesNeeded(qsizetype(header->ringBytes));
        const QString what = QStringLiteral("Pipe %1").arg(segment->nativeKey());
        inbox = std::make_unique<MessageRing>(rings + each * end, segment->nativeKey(), what);
        outbox = std::make_unique<MessageRing>(rings + each * (1 - end), segment->nativeKey(), what);
        addHold(header->ends[end], SharedSegment::currentPid(), 1);
    }
    ~Impl()
    {
        release();
        if (segment->attachCount() == 1) {
            inbox->discardAll();
            outbox->discardAll();
        }
    }
    void release()
    {
        if (closed)
            return;
        closed = true;
        addHold(header->ends[end], SharedSegment::currentPid(), -1);
        outbox->wakeAll(); // a peer blocked in recv() re-checks for EOF
    }
    bool peerClosed() const { return endClosed(header->ends[1 - end]); }
    bool peerClosedByAll() const { return endClosedByAll(header->ends[1 - end]); }
    // For send(): the cheap test always, the liveness test at most every 50 ms.
    bool peerGoneForSending()
    {
        if (peerClosedByAll())
            return true;
        if (livenessChecked.isValid() && livenessChecked.elapsed() < 50)
            return false;
        livenessChecked.start();
        return peerClosed();
    }
    QElapsedTimer livenessChecked;
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
    // duplex=false: (reader, writer) like Python.
    Connection first(std::make_shared<Impl>(segment, 0, true, duplex));
    Connection second(std::make_shared<Impl>(segment, 1, duplex, true));
    return {first, second};
}

std::pair<Connection, Connection> Pipe(bool duplex, qsizetype ringBytes)
{
    return Connection::createPair(duplex, ringBytes);
}

void Connection::ensureUsable(bool forReading, const char *operation) const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("Connection %1: handle is closed (%2)").arg(m_impl->segment->nativeKey(), QLatin1String(operation)));
    if (forReading && !m_impl->canRead)
        throw OSError(QStringLiteral("Connection %1: connection is write-only (%2)").arg(m_impl->segment->nativeKey(), QLatin1String(operation)));
    if (!forReading && !m_impl->canWrite)
        throw OSError(QStringLiteral("Connection %1: connection is read-only (%2)").arg(m_impl->segment->nativeKey(), QLatin1String(operation)));
    if (forReading && m_impl->unreadable)
        throw OSError(QStringLiteral("Connection %1: unreadable after a bad message length").arg(m_impl->segment->nativeKey()));
}

void Connection::sendValue(const QCborValue &value)
{
    sendBytes(FastCbor::encode(value));
}

void Connection::sendBytes(const QByteArray &buffer, qsizetype offset, qsizetype size)
{
    ensureUsable(false, "send");
    if (offset < 0 || offset > buffer.size())
        throw ValueError(QStringLiteral("offset %1 is out of range for %2 bytes").arg(offset).arg(buffer.size()));
    if (size < 0)
        size = buffer.size() - offset;
    if (offset + size > buffer.size())
        throw ValueError(QStringLiteral("buffer length < offset + size (%1 < %2 + %3)").arg(buffer.size()).arg(offset).arg(size));
    if (m_impl->peerGoneForSending())
        throw OSError(QStringLiteral("Connection %1: broken pipe, the other end is closed").arg(m_impl->segment->nativeKey()));
    m_impl->outbox->put(buffer.constData() + offset, size, 0, QDeadlineTimer(QDeadlineTimer::Forever));
}

QByteArray Connection::recvBytes(qsizetype maxLength)
{
    ensureUsable(true, "recv");
    Impl *impl = m_impl.get();
    std::optional<QByteArray> message = impl->inbox->get(MessageRing::Order::Fifo, QDeadlineTimer(QDeadlineTimer::Forever),
                                                         [impl] { return impl->peerClosed(); });
    if (!message) {
        message = impl->inbox->get(MessageRing::Order::Fifo, QDeadlineTimer(0)); // sent just before closing
        if (!message)
            throw EOFError(QStringLiteral("Connection %1: the other end is closed and nothing is left to read").arg(impl->segment->nativeKey()));
    }
    if (maxLength >= 0 && message->size() > maxLength) {
        impl->unreadable = true;
        throw OSError(QStringLiteral("Connection %1: bad message length (%2 > maxLength %3)")
                          .arg(impl->segment->nativeKey()).arg(message->size()).arg(maxLength));
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
                             .arg(m_impl->segment->nativeKey(), error.errorString()));
    return value;
}

qsizetype Connection::recvBytesInto(QByteArray &buffer, qsizetype offset)
{
    if (offset < 0 || offset > buffer.size())
        throw ValueError(QStringLiteral("offset %1 is out of range for %2 bytes").arg(offset).arg(buffer.size()));
    const QByteArray message = recvBytes();
    if (message.size() > buffer.size() - offset)
        throw BufferTooShort(QStringLiteral("Connection %1: buffer too short for a %2-byte message")
                                 .arg(m_impl->segment->nativeKey()).arg(message.size()), message);
    std::copy(message.cbegin(), message.cend(), buffer.begin() + offset);
    return message.size();
}

bool Connection::poll(QDeadlineTimer deadline)
{
    ensureUsable(true, "poll");
    Impl *impl = m_impl.get();
    return impl->inbox->waitReadable(deadline, [impl] { return impl->peerClosed(); }) || impl->peerClosed();
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
        throw OSError(QStringLiteral("Connection %1: handle is closed").arg(m_impl->segment->nativeKey()));
    // The handle is on its way to another process: it holds the end for us until it attaches.
    addHold(m_impl->header->ends[m_impl->end], SharedSegment::currentPid(), 1);
    QCborMap params;
    params.insert(QStringLiteral("end"), m_impl->end);
    params.insert(QStringLiteral("readable"), m_impl->canRead);
    params.insert(QStringLiteral("writable"), m_impl->canWrite);
    params.insert(QStringLiteral("sender"), qint64(SharedSegment::currentPid()));
    return {segmentKind, m_impl->segment->nativeKey(), params};
}

Connection Connection::fromHandle(const IpcHandle &handle)
{
    auto segment = SharedSegment::attach(handle.key, segmentKind);
    const int end = int(handle.params.value(QStringLiteral("end")).toInteger());
    if (end != 0 && end != 1)
        throw TypeError(QStringLiteral("a Connection handle with a bad end (%1)").arg(end));
    auto impl = std::make_shared<Impl>(segment, end, handle.params.value(QStringLiteral("readable")).toBool(),
                                       handle.params.value(QStringLiteral("writable")).toBool());
    // Our hold is registered: the sender's in-flight hold ends.
    addHold(impl->header->ends[end], std::int32_t(handle.params.value(QStringLiteral("sender")).toInteger()), -1);
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
