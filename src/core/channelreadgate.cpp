#include "channelreadgate.h"

#include <utility>

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
    if (reader == Reader::Caller && !m_kept.isEmpty() && m_poolLook)
        m_poolLook();
}

void ChannelReadGate::keep(QByteArray bytes)
{
    std::lock_guard lock(m_mutex);
    m_kept = std::move(bytes);
    m_hasKept.store(!m_kept.isEmpty(), std::memory_order_release);
}

QByteArray ChannelReadGate::takeKept()
{
    if (!hasKept())
        return {};
    std::lock_guard lock(m_mutex);
    m_hasKept.store(false, std::memory_order_release);
    return std::exchange(m_kept, QByteArray());
}

void ChannelReadGate::setPoolLook(std::function<void()> look)
{
    std::lock_guard lock(m_mutex);
    m_poolLook = std::move(look);
}

void ChannelReadGate::forget(Reader reader)
{
    std::lock_guard lock(m_mutex);
    m_resume[int(reader)].clear();
    if (reader == Reader::Pool)
        m_poolLook = nullptr;
}

} // namespace qmp
