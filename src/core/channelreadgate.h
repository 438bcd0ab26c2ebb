#pragma once
// ChannelReadGate: who may read a socket that two threads read — a remote pool worker's channel,
// read by the pool thread (its FrameChannel) and by a caller's thread that waits for its direct
// call's reply there (DirectCall). One reader at a time, and a reader leaves only at a frame
// boundary, so neither ever sees half a frame. A reader that found the gate taken is told (the
// resume function it gave runs) once the other leaves. Callers also say while they wait to
// read, so the pool thread can stand aside instead of racing them for the reply. A caller may
// take more than its frame off the socket in one read: it keeps the rest here, and the next
// reader takes it before it reads the socket (the pool thread's is told to look). Thread-safe.

#include "qmpcore_export.h"

#include <QByteArray>

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT ChannelReadGate
{
public:
    enum class Reader { Pool, Caller };

    // True: reader is in. False: the other one is, and resume runs once it leaves (under the
    // gate's lock, on the leaving thread: it must only post or signal). Every refused caller's
    // resume runs, each once.
    bool tryEnter(Reader reader, std::function<void()> resume);
    void leave(Reader reader);
    // Drops the resume functions reader left (and the pool's look function: it is going away).
    void forget(Reader reader);

    // Inside the gate: bytes read off the socket past a whole frame, for whoever reads next
    // (each reader takes what is kept before it reads the socket, so keep() finds none).
    void keep(QByteArray bytes);
    QByteArray takeKept();
    // Any thread: there are kept bytes (a reader should come in although the socket may be quiet).
    bool hasKept() const { return m_hasKept.load(std::memory_order_acquire); }
    // The pool thread's reader: look runs (under the gate's lock, on the leaving thread: it must
    // only post) when a caller leaves bytes kept.
    void setPoolLook(std::function<void()> look);

    // A caller waits for its direct call's reply and reads it off the socket itself, until it
    // says it stopped; several may overlap (one finishing, the next call's beginning).
    void callerWaits() { m_callersWaiting.fetch_add(1, std::memory_order_acq_rel); }
    void callerStopped() { m_callersWaiting.fetch_sub(1, std::memory_order_acq_rel); }
    bool callerWaiting() const { return m_callersWaiting.load(std::memory_order_acquire) > 0; }

private:
    std::mutex m_mutex;
    bool m_held = false;
    std::vector<std::function<void()>> m_resume[2];
    std::atomic<int> m_callersWaiting{0};
    QByteArray m_kept;
    std::atomic<bool> m_hasKept{false};
    std::function<void()> m_poolLook;
};

} // namespace qmp
