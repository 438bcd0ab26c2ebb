#pragma once
// ChannelReadGate: who may read a socket that two threads read — a remote pool worker's channel,
// read by the pool thread (its FrameChannel) and by a caller's thread that waits for its direct
// call's reply there (DirectCall). One reader at a time, and a reader leaves only at a frame
// boundary, so neither ever sees half a frame. A reader that found the gate taken is told (its
// resume function runs) once the other leaves. The caller also says while it waits to read, so
// the pool thread can stand aside instead of racing it for the reply. Thread-safe.

#include <atomic>
#include <functional>
#include <mutex>

namespace qmp {

class ChannelReadGate
{
public:
    enum class Reader { Pool, Caller };

    // True: reader is in. False: the other one is, and reader's resume function runs once it
    // leaves.
    bool tryEnter(Reader reader);
    void leave(Reader reader);
    // What runs (under the gate's lock, on the leaving thread: it must only post or signal) when
    // reader may try again. Empty: nobody is told (that reader is gone).
    void setResume(Reader reader, std::function<void()> resume);

    // A caller waits for its direct call's reply and reads it off the socket itself.
    void setCallerWaiting(bool waiting) { m_callerWaiting.store(waiting, std::memory_order_release); }
    bool callerWaiting() const { return m_callerWaiting.load(std::memory_order_acquire); }

private:
    std::mutex m_mutex;
    bool m_held = false;
    bool m_resumeWanted[2] = {false, false};
    std::function<void()> m_resume[2];
    std::atomic<bool> m_callerWaiting{false};
};

} // namespace qmp
