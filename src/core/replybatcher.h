#pragma once
// ReplyBatcher: a pool worker's outgoing replies. Every reply is first appended to the worker's
// lane (shared with the parent, which reads it if the worker dies before writing it), then
// written to the channel. Replies to tiny calls may be held so that many share one write (and
// one wake-up of the parent); a flusher thread writes any reply held longer than maxHold, so a
// call that turns out slow never delays the results before it.
// Used by the worker's main thread; the flusher thread only writes, under the same lock.

#include "qmpcore_export.h"
#include "framestream.h"

#include <QCborValue>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace qmp {

class WorkerLane;

class QMP_CORE_AUTOTEST_EXPORT ReplyBatcher
{
public:
    ReplyBatcher(FrameStream &stream, WorkerLane &lane, qint64 maxHoldNs);
    ~ReplyBatcher(); // writes what is held, stops the flusher
    ReplyBatcher(const ReplyBatcher &) = delete;
    ReplyBatcher &operator=(const ReplyBatcher &) = delete;

    // Queues reply. False when it cannot be encoded (errorString() says why). A reply too large
    // for the lane is written at once, after what is held.
    bool queue(const QCborValue &reply);
    QString errorString();
    // hold: the queued replies may wait for more (at most maxHold); otherwise they are written
    // now. False when the parent is gone.
    bool release(bool hold);
    bool flush() { return release(false); }
    qsizetype heldBytes();

private:
    void runFlusher();
    // Writes the held replies to the channel and empties the lane. Called with m_mutex held.
    void writeHeld();

    FrameStream &m_stream;
    WorkerLane &m_lane;
    const qint64 m_maxHoldNs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QString m_encodeError;
    qint64 m_heldSinceNs = 0; // 0: nothing held
    bool m_broken = false;    // a write failed: the parent is gone
    bool m_stop = false;
    bool m_flusherArmed = false; // the flusher knows a deadline: no need to wake it per reply
    std::thread m_flusher; // started with the first held reply
};

} // namespace qmp
