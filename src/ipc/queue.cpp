#include "queue.h"

#include "creationobservers.h"
#include "fastcbor.h"
#include "ipcerrors.h"
#include "joinablequeue.h"
#include "pythonerrors.h"
#include "queueprobe.h"

#include <QCborArray>

#include <cstring>
#include <utility>

namespace qmp {

namespace {

struct QueueHeader
{
    std::uint32_t order;
    std::uint32_t joinable;
    std::uint64_t ringBytes;
};
static_assert(sizeof(QueueHeader) % 8 == 0);

double priorityOf(const QCborValue &item)
{
    const QCborValue key = item.isArray() && !item.toArray().isEmpty() ? item.toArray().first() : item;
    if (key.isInteger())
        return double(key.toInteger());
    if (key.isDouble())
        return key.toDouble();
    return 0;
}

// Largest item whose buffer get() / put() keep for the next one.
constexpr qsizetype reusedBufferBytes = 64 * 1024;

CreationObservers<const Queue &> &creationObservers()
{
    static CreationObservers<const Queue &> observers;
    return observers;
}

} // namespace

struct Queue::Impl
{
    std::shared_ptr<SharedSegment> segment;
    // The header's words never change after creation: read once here, not on every get() from
    // the cache line the ring's lock shares with them (the other process keeps taking it).
    Order order = Order::Fifo;
    bool joinable = false;
    std::unique_ptr<MessageRing> ring;
    std::atomic<bool> closed = false; // read by monitors (QueueProbe) on their own thread

    explicit Impl(std::shared_ptr<SharedSegment> s) : segment(std::move(s))
    {
        const auto *header = reinterpret_cast<const QueueHeader *>(segment->payload());
        order = Order(header->order);
        joinable = header->joinable != 0;
        ring = std::make_unique<MessageRing>(segment->payload() + sizeof(QueueHeader), segment->nativeKey(),
                                             QStringLiteral("Queue %1").arg(segment->nativeKey()));
    }
    ~Impl()
    {
        // The last handle on the machine: remove the large items nobody will read.
        if (segment->attachCount() == 1)
            ring->discardAll();
    }
};

bool QueueProbe::isClosed(const Queue::Impl &impl)
{
    return impl.closed;
}

Queue::Queue(qint64 maxsize, qsizetype ringBytes) : Queue(maxsize, ringBytes, Order::Fifo, false)
{
}

Queue::Queue(qint64 maxsize, qsizetype ringBytes, Order order, bool joinable)
{
    if (ringBytes < 4096)
        throw ValueError(QStringLiteral("a queue's ring needs at least 4096 bytes (got %1)").arg(ringBytes));
    auto segment = SharedSegment::create(segmentKind, qsizetype(sizeof(QueueHeader)) + MessageRing::bytesNeeded(ringBytes));
    auto *header = reinterpret_cast<QueueHeader *>(segment->payload());
    header->order = std::uint32_t(order);
    header->joinable = joinable ? 1 : 0;
    header->ringBytes = std::uint64_t(ringBytes);
    MessageRing::initialise(segment->payload() + sizeof(QueueHeader), ringBytes, maxsize);
    m_impl = std::make_shared<Impl>(std::move(segment));
    creationObservers().notify(*this);
}

ObserverToken Queue::observeCreation(std::function<void(const Queue &)> observer)
{
    return creationObservers().add(std::move(observer));
}

Queue::Queue(std::shared_ptr<SharedSegment> segment) : m_impl(std::make_shared<Impl>(std::move(segment)))
{
}

MessageRing &Queue::ring() const
{
    return *m_impl->ring;
}

void Queue::ensureOpen(const char *operation) const
{
    if (m_impl->closed)
        throw ValueError(QStringLiteral("Queue %1 is closed: %2 is not allowed").arg(m_impl->segment->nativeKey(),
                                                                                  QLatin1String(operation)));
}

bool Queue::isJoinable() const
{
    return m_impl->joinable;
}

void Queue::putValue(const QCborValue &item, QDeadlineTimer deadline)
{
    ensureOpen("put");
    // In the caller (errors surface here), into one buffer per thread that keeps its capacity.
    thread_local QByteArray buffer;
    buffer.resize(0);
    FastCbor::encodeInto(buffer, item);
    const bool put = ring().put(buffer.constData(), buffer.size(), priorityOf(item), deadline);
    if (buffer.size() > reusedBufferBytes)
        buffer = QByteArray();
    if (!put)
        throw PythonErrors::queueFull(maxsize());
}

void Queue::putBytes(const QByteArray &item, QDeadlineTimer deadline)
{
    ensureOpen("put");
    char head[9];
    const int headSize = FastCbor::byteStringHead(item.size(), head);
    if (!ring().put(QByteArrayView(head, headSize), item, 0, deadline))
        throw PythonErrors::queueFull(maxsize());
}

QByteArray &Queue::takeEncoded(QDeadlineTimer deadline)
{
    ensureOpen("get");
    // One buffer per thread, reused: a small item costs no allocation before decoding.
    thread_local QByteArray buffer;
    if (!ring().getInto(buffer, order(), deadline))
        throw PythonErrors::queueEmpty();
    return buffer;
}

QCborValue Queue::decodeItem(QByteArrayView encoded) const
{
    QCborParserError error;
    QCborValue value = FastCbor::decode(encoded, &error);
    if (error.error != QCborError::NoError)
        throw ValueError(QStringLiteral("Queue %1: an item is not valid CBOR: %2").arg(m_impl->segment->nativeKey(), error.errorString()));
    return value;
}

QCborValue Queue::get(QDeadlineTimer deadline)
{
    QByteArray &encoded = takeEncoded(deadline);
    if (encoded.size() <= reusedBufferBytes)
        return decodeItem(encoded);
    const QByteArray large = std::exchange(encoded, QByteArray()); // not kept for the next item
    return decodeItem(large);
}

QByteArray Queue::getBytes(bool block, int timeoutMs)
{
    QByteArray out;
    getBytesInto(out, deadlineFor(block, timeoutMs));
    return out;
}

void Queue::getBytesInto(QByteArray &out, QDeadlineTimer deadline)
{
    QByteArray &encoded = takeEncoded(deadline);
    const std::optional<qsizetype> head = FastCbor::byteStringHeadSize(encoded);
    if (!head) { // not a plain byte string: decoded, the conversion names what it is
        const QCborValue value = decodeItem(encoded);
        if (encoded.size() > reusedBufferBytes)
            encoded = QByteArray();
        out = CborConvert<QByteArray>::fromCbor(value);
        return;
    }
    if (encoded.size() > reusedBufferBytes) { // a large item's own buffer: handed over, not copied
        out = std::move(encoded);
        encoded = QByteArray();
        out.remove(0, *head); // moves the start, copies nothing
        return;
    }
    out.resize(encoded.size() - *head); // keeps out's capacity
    std::memcpy(out.data(), encoded.constData() + *head, size_t(out.size()));
}

qint64 Queue::qsize() const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("Queue %1: handle is closed").arg(m_impl->segment->nativeKey()));
    return ring().count();
}

std::optional<Queue::Counters> Queue::counters(QDeadlineTimer deadline) const
{
    if (m_impl->closed)
        throw OSError(QStringLiteral("Queue %1: handle is closed").arg(m_impl->segment->nativeKey()));
    Counters counters;
    if (!ring().readCounters(&counters, deadline))
        return std::nullopt;
    return counters;
}

int Queue::attachCount() const
{
    return m_impl->segment->attachCount();
}

bool Queue::full() const
{
    const qint64 size = qsize();
    return maxsize() > 0 && size >= maxsize();
}

qint64 Queue::maxsize() const
{
    return ring().maxsize();
}

Queue::Order Queue::order() const
{
    return m_impl->order;
}

void Queue::close()
{
    m_impl->closed = true;
}

bool Queue::isClosed() const
{
    return m_impl->closed;
}

IpcHandle Queue::handle() const
{
    return {segmentKind, m_impl->segment->nativeKey(), {}};
}

Queue Queue::fromHandle(const IpcHandle &handle)
{
    return Queue(SharedSegment::attach(handle.key, segmentKind));
}

void JoinableQueue::taskDone()
{
    ensureOpen("taskDone");
    if (!ring().taskDone())
        throw PythonErrors::taskDoneTooManyTimes();
}

bool JoinableQueue::join(QDeadlineTimer deadline)
{
    ensureOpen("join");
    return ring().join(deadline);
}

JoinableQueue JoinableQueue::fromHandle(const IpcHandle &handle)
{
    Queue queue = Queue::fromHandle(handle);
    if (!queue.isJoinable())
        throw TypeError(QStringLiteral("%1 is a Queue, not a JoinableQueue").arg(handle.key));
    return JoinableQueue(std::move(queue));
}

} // namespace qmp
