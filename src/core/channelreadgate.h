#pragma once
// ChannelReadGate: who may read a socket that two threads read — a remote pool worker's channel,
// read by the pool thread (its FrameChannel) and by a caller's thread that waits for its direct
// call's reply there (DirectCall). One reader at a time, and a reader leaves only at a frame
// boundary, so neither ever sees half a frame. A reader that found the gate taken may ask to be
// told when it is free (resume). Thread-safe.

#include <functional>
#include <mutex>

namespace qmp {

class ChannelReadGate
{
public:
    // True: this reader is in. False: the other one is; with resumeLater, the resume function
    // runs once it leaves.
    bool tryEnter(bool resumeLater);
    void leave();
    // What runs (under the gate's lock, on the leaving thread: it must only post) when a reader
    // that asked to be resumed may come in. Empty: nobody is told (its reader is gone).
    void setResume(std::function<void()> resume);

private:
    std::mutex m_mutex;
    bool m_held = false;
    bool m_resumeWanted = false;
    std::function<void()> m_resume;
};

} // namespace qmp
