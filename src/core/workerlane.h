#pragma once
// WorkerLane: memory a pool worker shares with its parent (one memfd, mapped by both), which
// the parent can still read after the worker has died. It tells the parent exactly which calls
// the worker had begun, and holds the replies the worker had finished but not yet written to its
// channel. That is what makes a pool's calls at-most-once (PoolEngine): after a death, a call is
// queued again only if it never began, and a finished call's reply is delivered, never lost.
//
// It also carries the direct replies (DirectLanes): a caller thread that wrote a direct call to
// the worker itself waits on the lane's doorbell (a futex) and reads the reply from the direct
// area, so the pool thread is not woken for it.
//
// Layout: a header (the started-call counter, the length of the held replies, the direct
// reply's call id, length, doorbell and waiter flag), the direct area, then the held
// area: whole frames, in order, exactly as they go on the channel. The worker appends a frame
// and then publishes the new length; it empties the area once the frames are written to the
// channel. A worker killed while writing may have sent some held frames already: the parent
// skips replies it has had.
//
// Worker side: one thread at a time (ReplyBatcher serialises). Parent side: read only after the
// worker has exited.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

#include <memory>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT WorkerLane
{
public:
    // Room for held replies. The pages are touched only as replies use them; a reply that does
    // not fit goes straight to the channel.
    static constexpr qsizetype defaultCapacity = qsizetype(4) * 1024 * 1024;

    // Parent: a new lane, and a descriptor (close-on-exec) to hand to the worker. Throws
    // ProcessError when it cannot be made.
    static std::unique_ptr<WorkerLane> create(qsizetype capacity = defaultCapacity);
    // Worker: maps the lane behind fd (and closes fd). nullptr when it cannot; error says why.
    static std::unique_ptr<WorkerLane> attach(int fd, QString *error);
    ~WorkerLane();
    WorkerLane(const WorkerLane &) = delete;
    WorkerLane &operator=(const WorkerLane &) = delete;

    // Parent: the descriptor to pass on (until closeDescriptor(); -1 afterwards).
    int descriptor() const { return m_fd; }
    void closeDescriptor();

    // Worker: call before each call begins (a chunk's calls count one by one).
    void beginCall();
    // Worker: appends one encoded frame; false when it does not fit in the room left.
    bool append(const char *frame, qsizetype size);
    const char *heldData() const;
    qsizetype heldBytes() const;
    // Worker: the held frames have been written to the channel.
    void clearHeld();
    qsizetype capacity() const { return m_capacity; }

    // Parent, after the worker exited: how many calls it began, and the frames it held.
    quint64 startedCalls() const;
    QByteArray heldReplies() const;

    // --- direct replies ---
    // Room for one direct reply frame; a larger one goes on the channel.
    static constexpr qsizetype directCapacity = qsizetype(64) * 1024;
    // Worker: stores the reply frame of direct call id (when it fits) and rings the doorbell.
    // True when a caller waits for it (it takes the reply); false when the parent must be sent
    // the reply on the channel (no caller waits, or it did not fit).
    bool postDirectReply(quint64 id, const char *frame, qsizetype size);
    // Parent, any thread: the reply frame of direct call id when it is in the lane.
    bool hasDirectReply(quint64 id) const;
    QByteArray directReply() const;
    // Parent: a caller waits (or spins) for a direct reply; the worker wakes it.
    void setWaiting(bool waiting);
    quint32 doorbell() const;
    // Blocks while the doorbell still reads seen, until the deadline (false then).
    bool waitDoorbell(quint32 seen, QDeadlineTimer deadline);
    // Parent: wakes a caller waiting on the doorbell (its call was completed another way).
    void ringDoorbell();

private:
    struct Header;
    WorkerLane(int fd, void *map, qsizetype mapSize);

    int m_fd = -1;
    void *m_map = nullptr;
    qsizetype m_mapSize = 0;
    qsizetype m_capacity = 0;
    Header *m_header = nullptr;
    char *m_direct = nullptr;
    char *m_area = nullptr;
};

} // namespace qmp
