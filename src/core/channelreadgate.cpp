#include "channelreadgate.h"

namespace qmp {

bool ChannelReadGate::tryEnter(bool resumeLater)
{
    std::lock_guard lock(m_mutex);
    if (m_held) {
        m_resumeWanted = m_resumeWanted || resumeLater;
        return false;
    }
    m_held = true;
    return true;
}

void ChannelReadGate::leave()
{
    std::lock_guard lock(m_mutex);
    m_held = false;
    if (m_resumeWanted) {
        m_resumeWanted = false;
        if (m_resume)
            m_resume();
    }
}

void ChannelReadGate::setResume(std::function<void()> resume)
{
    std::lock_guard lock(m_mutex);
    m_resume = std::move(resume);
}

} // namespace qmp
