#pragma once
// ShmChannel: the fast path of a local manager connection. Frames travel through a shared
// memory segment (a memfd the client makes and passes over the Unix socket) instead of the
// socket, so a call on an idle machine costs no system call at all: each side spins briefly for
// the other's answer before it sleeps. The socket stays open as the doorbell and the lifeline:
// a side that sleeps blocks in recv() on it (a 1-byte "wake up" from the peer, end of stream
// when the peer dies or the connection is shut down), so waiting is as cheap as before and a
// dead peer is seen at once.
//
// The spin is adaptive: a side whose spins keep failing (a loaded machine, a peer that does
// other work between calls) stops spinning and sleeps at once, then probes again later.
//
// One channel per connection, one thread per side at a time, strict request / reply use is not
// required (frames of any size stream through in chunks). The socket must carry nothing else
// once the channel is in use.

#include "qmpmanager_export.h"
#include <QByteArray>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace qmp {

class FrameSocket;
struct ShmChannelSegment;

class QMP_MANAGER_AUTOTEST_EXPORT ShmChannel
{
public:
    enum class Side { Client = 0, Server = 1 };

    // The client's side: a new segment; memfd() is what to hand to the server. nullptr with
    // *error when the system refuses (no memfd, no memory).
    static std::unique_ptr<ShmChannel> create(FrameSocket &socket, QString *error);
    // The server's side, on the segment the client passed (this takes ownership of memfd).
    // nullptr with *error when it is not a channel segment.
    static std::unique_ptr<ShmChannel> attach(FrameSocket &socket, int memfd, QString *error);
    ~ShmChannel();
    ShmChannel(const ShmChannel &) = delete;
    ShmChannel &operator=(const ShmChannel &) = delete;

    // The size of a channel's segment (for diagnostics and tests).
    static qsizetype segmentSize();

    // The segment's descriptor (closed by the destructor, or earlier by closeMemfd()).
    int memfd() const { return m_memfd; }
    void closeMemfd();

    // Sends frame, which already starts with its 4-byte big-endian length (ManagerWire's
    // frames); false when the peer is gone (lastError() says why).
    bool sendFrame(const QByteArray &frame);
    // The next frame's payload; nullopt when the peer is gone or the socket was shut down.
    std::optional<QByteArray> receive();
    QString lastError() const { return m_error; }

private:
    ShmChannel(FrameSocket &socket, Side side, int memfd, ShmChannelSegment *segment);
    // Spins, then sleeps on the socket with sleeping raised, until ready(); false when the
    // socket ends.
    template <typename Ready>
    bool waitUntil(std::atomic<quint32> &sleeping, Ready ready);
    // Rings the doorbell when the peer sleeps on peerSleeping.
    void notifyPeer(std::atomic<quint32> &peerSleeping);

    FrameSocket &m_socket;
    Side m_side;
    int m_memfd;
    ShmChannelSegment *m_segment;
    int m_spinScore; // spin before sleeping while > 0 (see waitUntil)
    int m_sleepsWithoutSpin = 0;
    QString m_error;
};

} // namespace qmp
