#include "channelreadgate.h"

namespace qmp {

bool ChannelReadGate::tryEnter(Reader reader)
{
    std::lock_guard lock(m_mutex);
    if (m_held) {
        m_resumeWanted[int(reader)] = true;
        return false;
    }
    m_held = true;
    return true;
}

void ChannelReadGate::leave(Reader reader)
{
    std::lock_guard lock(m_mutex);
    m_held = false;
    const int other = reader == Reader::Pool ? int(Reader::Caller) : int(Reader::Pool);
    if (m_resumeWanted[other]) {
        m_resumeWanted[other] = false;
        if (m_resume[other])
            m_resume[other]();
    }
}

void ChannelReadGate::setResume(Reader reader, std::function<void()> resume)
{
    std::lock_guard lock(m_mutex);
    m_resume[int(reader)] = std::move(resume);
}

} // namespace qmp
