#include "workerlane.h"

#include "errors.h"
#include "futex.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

namespace {
constexpr quint32 laneMagic = 0x514d504c; // "QMPL"
constexpr qsizetype headerSize = 64;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

struct WorkerLane::Header
{
    quint32 magic;
    quint32 reserved;
    std::atomic<quint64> startedCalls;
    std::atomic<quint64> heldBytes;
    quint64 capacity;
    std::atomic<quint32> doorbell;  // futex: bumped when a direct reply is there (or taken elsewhere)
    std::atomic<quint32> waiter;    // 1 while a caller waits for the direct reply
    std::atomic<quint64> directId;  // the call whose reply the direct area holds
    std::atomic<quint64> directBytes;
};

WorkerLane::WorkerLane(int fd, void *map, qsizetype mapSize)
    : m_fd(fd)
    , m_map(map)
    , m_mapSize(mapSize)
    , m_capacity(mapSize - headerSize - directCapacity)
    , m_header(static_cast<Header *>(map))
    , m_direct(static_cast<char *>(map) + headerSize)
    , m_area(static_cast<char *>(map) + headerSize + directCapacity)
{
    static_assert(sizeof(Header) <= headerSize);
    static_assert(std::atomic<quint64>::is_always_lock_free, "lane counters must be lock-free across processes");
}

std::unique_ptr<WorkerLane> WorkerLane::create(qsizetype capacity)
{
    const int fd = ::memfd_create("qmp-worker-lane", MFD_CLOEXEC);
    if (fd < 0)
        throw ProcessError(QStringLiteral("cannot start a worker: memfd_create for its lane: %1").arg(errnoText()));
    const qsizetype size = headerSize + directCapacity + capacity;
    if (::ftruncate(fd, off_t(size)) != 0) {
        const QString why = errnoText();
        ::close(fd);
        throw ProcessError(QStringLiteral("cannot start a worker: sizing its lane: %1").arg(why));
    }
    void *map = ::mmap(nullptr, size_t(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        const QString why = errnoText();
        ::close(fd);
        throw ProcessError(QStringLiteral("cannot start a worker: mapping its lane: %1").arg(why));
    }
    new (map) Header{laneMagic, 0, {0}, {0}, quint64(capacity), {0}, {0}, {0}, {0}};
    return std::unique_ptr<WorkerLane>(new WorkerLane(fd, map, size));
}

std::unique_ptr<WorkerLane> WorkerLane::attach(int fd, QString *error)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size < headerSize + directCapacity) {
        *error = QStringLiteral("the worker lane (fd %1) is not usable: %2").arg(fd).arg(errnoText());
        ::close(fd);
        return nullptr;
    }
    const qsizetype size = qsizetype(info.st_size);
    void *map = ::mmap(nullptr, size_t(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) {
        *error = QStringLiteral("cannot map the worker lane: %1").arg(errnoText());
        return nullptr;
    }
    const auto *header = static_cast<const Header *>(map);
    if (header->magic != laneMagic || header->capacity != quint64(size - headerSize - directCapacity)) {
        ::munmap(map, size_t(size));
        *error = QStringLiteral("the worker lane has an unknown layout");
        return nullptr;
    }
    return std::unique_ptr<WorkerLane>(new WorkerLane(-1, map, size));
}

WorkerLane::~WorkerLane()
{
    closeDescriptor();
    if (m_map)
        ::munmap(m_map, size_t(m_mapSize));
}

void WorkerLane::closeDescriptor()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void WorkerLane::beginCall()
{
    // Only this worker's one thread writes it, so no atomic read-modify-write (a locked
    // instruction per call of a packed chunk); the parent reads it after the worker is gone.
    m_header->startedCalls.store(m_header->startedCalls.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

bool WorkerLane::append(const char *frame, qsizetype size)
{
    const quint64 held = m_header->heldBytes.load(std::memory_order_relaxed);
    if (size > m_capacity - qsizetype(held))
        return false;
    std::memcpy(m_area + held, frame, size_t(size));
    // Published only once the frame is whole: the parent never reads half a frame.
    m_header->heldBytes.store(held + quint64(size), std::memory_order_release);
    return true;
}

const char *WorkerLane::heldData() const
{
    return m_area;
}

qsizetype WorkerLane::heldBytes() const
{
    return qsizetype(m_header->heldBytes.load(std::memory_order_acquire));
}

void WorkerLane::clearHeld()
{
    m_header->heldBytes.store(0, std::memory_order_release);
}

quint64 WorkerLane::startedCalls() const
{
    return m_header->startedCalls.load(std::memory_order_acquire);
}

QByteArray WorkerLane::heldReplies() const
{
    const qsizetype held = std::min(heldBytes(), m_capacity);
    return QByteArray(m_area, held);
}

bool WorkerLane::postDirectReply(quint64 id, const char *frame, qsizetype size)
{
    if (size > directCapacity)
        return false; // on the channel; the parent rings the doorbell once it has it
    std::memcpy(m_direct, frame, size_t(size));
    m_header->directBytes.store(quint64(size), std::memory_order_relaxed);
    m_header->directId.store(id, std::memory_order_seq_cst);
    m_header->doorbell.fetch_add(1, std::memory_order_seq_cst);
    // Pairs with setWaiting(): either the caller sees the reply, or this sees the caller.
    if (m_header->waiter.load(std::memory_order_seq_cst) == 0)
        return false;
    Futex::wakeAll(&m_header->doorbell);
    return true;
}

bool WorkerLane::hasDirectReply(quint64 id) const
{
    return m_header->directId.load(std::memory_order_acquire) == id;
}

QByteArray WorkerLane::directReply() const
{
    const qsizetype size = std::min(qsizetype(m_header->directBytes.load(std::memory_order_acquire)), directCapacity);
    return QByteArray(m_direct, size);
}

void WorkerLane::setWaiting(bool waiting)
{
    m_header->waiter.store(waiting ? 1 : 0, std::memory_order_seq_cst);
}

quint32 WorkerLane::doorbell() const
{
    return m_header->doorbell.load(std::memory_order_seq_cst);
}

bool WorkerLane::waitDoorbell(quint32 seen, QDeadlineTimer deadline)
{
    return Futex::wait(&m_header->doorbell, seen, deadline);
}

void WorkerLane::ringDoorbell()
{
    m_header->doorbell.fetch_add(1, std::memory_order_seq_cst);
    Futex::wakeAll(&m_header->doorbell);
}

} // namespace qmp
