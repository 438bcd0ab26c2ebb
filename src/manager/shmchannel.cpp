#include "shmchannel.h"

#include "framesocket.h"
#include "spinwait.h"

#include <QtEndian>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

namespace {

constexpr quint32 segmentMagic = 0x514d5343; // "QMSC"
constexpr quint32 laneBytes = 64 * 1024 - 128;
constexpr qint64 spinNs = SpinWait::defaultSpinNs; // spin at most 50 µs per wait before sleeping
constexpr int maxSpinScore = 16;     // hits minus twice the misses, capped: spin while > 0
constexpr int probeAfterSleeps = 32; // with spinning off, try again after this many sleeps

using SpinWait::cpuRelax;
using SpinWait::cpuToSpare;
using SpinWait::nowNs;

} // namespace

// One direction: the writer posts a chunk (length + data, then posted+1), the reader takes it
// (taken+1). posted == taken means the lane is free.
struct ShmLane
{
    alignas(64) std::atomic<quint32> posted{0};
    alignas(64) std::atomic<quint32> taken{0};
    quint32 length = 0;
    char data[laneBytes];
};

struct ShmChannelSegment
{
    quint32 magic = segmentMagic;
    quint32 size = sizeof(ShmChannelSegment);
    // awaitingData[side] / awaitingSpace[side] is 1 while that side is (about to be) blocked on
    // the socket for a chunk to read / for its lane to be free; the peer then rings the doorbell
    // (one byte) after posting / taking a chunk — and only then, so no wake-up is wasted.
    alignas(64) std::atomic<quint32> awaitingData[2] = {0, 0};
    alignas(64) std::atomic<quint32> awaitingSpace[2] = {0, 0};
    ShmLane lanes[2]; // lanes[side] is written by side
};

static_assert(std::atomic<quint32>::is_always_lock_free, "shared memory atomics must be lock-free");

ShmChannel::ShmChannel(FrameSocket &socket, Side side, int memfd, ShmChannelSegment *segment)
    : m_socket(socket), m_side(side), m_memfd(memfd), m_segment(segment), m_spinScore(maxSpinScore / 2)
{
}

std::unique_ptr<ShmChannel> ShmChannel::create(FrameSocket &socket, QString *error)
{
    const int fd = ::memfd_create("qmp-manager-channel", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        *error = QStringLiteral("memfd_create: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    if (::ftruncate(fd, sizeof(ShmChannelSegment)) != 0) {
        *error = QStringLiteral("ftruncate: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return nullptr;
    }
    // Sealed at its size: the server can trust that the mapping never shrinks under it
    // (touching a truncated mapping would kill it with SIGBUS).
    if (::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        *error = QStringLiteral("sealing the channel segment: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return nullptr;
    }
    void *p = ::mmap(nullptr, sizeof(ShmChannelSegment), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        *error = QStringLiteral("mmap: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return nullptr;
    }
    auto *segment = new (p) ShmChannelSegment;
    return std::unique_ptr<ShmChannel>(new ShmChannel(socket, Side::Client, fd, segment));
}

std::unique_ptr<ShmChannel> ShmChannel::attach(FrameSocket &socket, int memfd, QString *error)
{
    struct stat st = {};
    if (::fstat(memfd, &st) != 0 || st.st_size != off_t(sizeof(ShmChannelSegment))) {
        *error = QStringLiteral("the channel segment has the wrong size");
        ::close(memfd);
        return nullptr;
    }
    const int seals = ::fcntl(memfd, F_GET_SEALS);
    if (seals < 0 || !(seals & F_SEAL_SHRINK)) {
        *error = QStringLiteral("the channel segment is not sealed against shrinking");
        ::close(memfd);
        return nullptr;
    }
    void *p = ::mmap(nullptr, sizeof(ShmChannelSegment), PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    if (p == MAP_FAILED) {
        *error = QStringLiteral("mmap: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(memfd);
        return nullptr;
    }
    auto *segment = static_cast<ShmChannelSegment *>(p);
    if (segment->magic != segmentMagic || segment->size != sizeof(ShmChannelSegment)) {
        *error = QStringLiteral("not a QMP channel segment");
        ::munmap(p, sizeof(ShmChannelSegment));
        ::close(memfd);
        return nullptr;
    }
    return std::unique_ptr<ShmChannel>(new ShmChannel(socket, Side::Server, memfd, segment));
}

qsizetype ShmChannel::segmentSize()
{
    return sizeof(ShmChannelSegment);
}

ShmChannel::~ShmChannel()
{
    ::munmap(m_segment, sizeof(ShmChannelSegment));
    closeMemfd();
}

void ShmChannel::closeMemfd()
{
    if (m_memfd >= 0)
        ::close(m_memfd);
    m_memfd = -1;
}

void ShmChannel::notifyPeer(std::atomic<quint32> &peer)
{
    if (peer.load() && peer.exchange(0)) {
        const char bell = 1;
        while (::send(m_socket.fd(), &bell, 1, MSG_NOSIGNAL) < 0 && errno == EINTR) {
        }
        // A failed send means the peer is gone; the next wait sees the end of stream.
    }
}

template <typename Ready>
bool ShmChannel::waitUntil(std::atomic<quint32> &sleeping, Ready ready)
{
    if (ready())
        return true;
    // Spin while spinning pays (the peer answers within spinNs most of the time); after a run
    // of misses sleep at once, and probe again every probeAfterSleeps sleeps.
    static const bool spinAllowed = qEnvironmentVariableIntValue("QMP_MANAGER_SPIN") != 0 || !qEnvironmentVariableIsSet("QMP_MANAGER_SPIN");
    if (spinAllowed && (m_spinScore > 0 || ++m_sleepsWithoutSpin >= probeAfterSleeps) && cpuToSpare()) {
        m_sleepsWithoutSpin = 0;
        const qint64 start = nowNs();
        for (unsigned i = 1;; ++i) {
            cpuRelax();
            if (ready()) {
                m_spinScore = qMin(m_spinScore + 1, maxSpinScore);
                return true;
            }
            if ((i & 15) == 0 && nowNs() - start > spinNs)
                break;
        }
        m_spinScore = qMax(m_spinScore - 2, 0);
    }
    for (;;) {
        sleeping.store(1);
        std::atomic_thread_fence(std::memory_order_seq_cst); // pairs with the peer's posted / taken update
        if (ready()) {
            sleeping.store(0); // a doorbell already on its way is read (and ignored) next time
            return true;
        }
        char bells[64];
        const ssize_t n = ::recv(m_socket.fd(), bells, sizeof(bells), 0);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        sleeping.store(0);
        m_error = n == 0 ? QStringLiteral("connection closed by the peer") : QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
}

bool ShmChannel::sendFrame(const QByteArray &frame)
{
    ShmLane &lane = m_segment->lanes[int(m_side)];
    const char *p = frame.constData();
    qsizetype left = frame.size();
    do {
        if (!waitUntil(m_segment->awaitingSpace[int(m_side)],
                       [&] { return lane.taken.load(std::memory_order_acquire) == lane.posted.load(std::memory_order_relaxed); }))
            return false;
        const quint32 n = quint32(qMin<qsizetype>(left, laneBytes));
        std::memcpy(lane.data, p, n);
        lane.length = n;
        lane.posted.fetch_add(1, std::memory_order_seq_cst);
        notifyPeer(m_segment->awaitingData[1 - int(m_side)]);
        p += n;
        left -= n;
    } while (left > 0);
    return true;
}

std::optional<QByteArray> ShmChannel::receive()
{
    ShmLane &lane = m_segment->lanes[1 - int(m_side)];
    const auto chunkReady = [&] { return lane.posted.load(std::memory_order_acquire) != lane.taken.load(std::memory_order_relaxed); };
    std::atomic<quint32> &awaiting = m_segment->awaitingData[int(m_side)];
    std::atomic<quint32> &writerAwaiting = m_segment->awaitingSpace[1 - int(m_side)];
    if (!waitUntil(awaiting, chunkReady))
        return std::nullopt;
    quint32 length = lane.length;
    if (length < 4 || length > laneBytes) {
        m_error = QStringLiteral("corrupt channel chunk of %1 bytes").arg(length);
        return std::nullopt;
    }
    const quint32 total = qFromBigEndian<quint32>(lane.data);
    if (total > FrameSocket::maxFrame) {
        m_error = QStringLiteral("frame of %1 bytes is above the limit of %2").arg(total).arg(FrameSocket::maxFrame);
        return std::nullopt;
    }
    if (length - 4 > total) {
        m_error = QStringLiteral("corrupt channel chunk of %1 bytes for a frame of %2").arg(length).arg(total);
        return std::nullopt;
    }
    QByteArray payload(lane.data + 4, length - 4);
    if (total + 4 > length) // a large frame: the rest follows in more chunks
        payload.reserve(total);
    lane.taken.fetch_add(1, std::memory_order_seq_cst);
    notifyPeer(writerAwaiting);
    while (quint32(payload.size()) < total) {
        if (!waitUntil(awaiting, chunkReady))
            return std::nullopt;
        length = lane.length;
        if (length > laneBytes || quint32(payload.size()) + length > total) {
            m_error = QStringLiteral("corrupt channel chunk of %1 bytes").arg(length);
            return std::nullopt;
        }
        payload.append(lane.data, length);
        lane.taken.fetch_add(1, std::memory_order_seq_cst);
        notifyPeer(writerAwaiting);
    }
    return payload;
}

} // namespace qmp
