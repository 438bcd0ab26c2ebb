#pragma once
// QueueProbe: how a monitor looks at a Queue without changing its life. It attaches a handle of
// its own (so it reads the queue as long as any process holds it) and keeps only a weak reference
// to the handle it was made from (so it sees when this program closes or drops that handle, and
// never keeps it alive). Once nobody but the probe is attached, or the segment was destroyed
// (`qmp ipc gc`, SharedSegment::destroy), read() says Gone and lets go of its handle: the queue
// ends as it would have without a monitor (the items left in it are dropped then).
// Not thread-safe: one probe is used on one thread; the queue it watches may be used anywhere.

#include "qmpipc_export.h"
#include "queue.h"

#include <QDeadlineTimer>
#include <QString>

#include <memory>
#include <optional>

namespace qmp {

class QMP_IPC_EXPORT QueueProbe
{
public:
    enum class Status {
        Read, // *out holds the queue's counters now
        Busy, // the queue's lock was not free before the deadline: nothing read, try again later
        Gone, // nobody but the probe holds the queue any more (or it was destroyed); released
    };
    struct Reading
    {
        Queue::Counters counters;
        bool closed = false; // the watched handle was closed (close() in this process)
        bool held = false;   // this program still holds the watched handle
    };

    // Attaches to queue's segment. Throws FileNotFoundError when it is gone already.
    explicit QueueProbe(const Queue &queue);
    ~QueueProbe();
    QueueProbe(const QueueProbe &) = delete;
    QueueProbe &operator=(const QueueProbe &) = delete;

    Status read(Reading *out, QDeadlineTimer deadline = QDeadlineTimer(50));
    // Lets go of the probe's handle now (read() says Gone from then on).
    void release();
    bool isReleased() const { return !m_own; }

    QString key() const { return m_key; }
    qint64 maxsize() const { return m_maxsize; }
    Queue::Order order() const { return m_order; }
    bool isJoinable() const { return m_joinable; }

private:
    static bool isClosed(const Queue::Impl &impl); // in queue.cpp, where Impl is defined

    std::optional<Queue> m_own;
    std::weak_ptr<Queue::Impl> m_watched;
    QString m_key;
    qint64 m_maxsize = 0;
    Queue::Order m_order = Queue::Order::Fifo;
    bool m_joinable = false;
    bool m_closed = false;
};

} // namespace qmp
