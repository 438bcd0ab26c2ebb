#include "channelreadgate.h"

namespace qmp {

bool ChannelReadGate::tryEnter(Reader reader, std::function<void()> resume)
{
    std::lock_guard lock(m_mutex);
    if (m_held) {
        if (resume)
            m_resume[int(reader)].push_back(std::move(resume));
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
    std::vector<std::function<void()>> resume;
    resume.swap(m_resume[other]);
    for (const auto &function : resume)
        function();
}

void ChannelReadGate::forget(Reader reader)
{
    std::lock_guard lock(m_mutex);
    m_resume[int(reader)].clear();
}

} // namespace qmp
