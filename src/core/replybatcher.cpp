#include "replybatcher.h"

#include "monotonicclock.h"

#include <chrono>
#include <utility>
#include <sys/socket.h>

namespace qmp {

ReplyBatcher::ReplyBatcher(FrameStream &stream, qint64 maxHoldNs)
    : m_stream(stream), m_maxHoldNs(maxHoldNs)
{
}

ReplyBatcher::~ReplyBatcher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (!m_broken && m_stream.queuedBytes() > 0)
            m_stream.flush();
    }
    m_wake.notify_all();
    if (m_flusher.joinable())
        m_flusher.join();
}

bool ReplyBatcher::queue(const QCborValue &reply)
{
    std::lock_guard lock(m_mutex);
    if (m_heldSinceNs == 0)
        m_heldSinceNs = monotonicNs();
    return m_stream.queue(reply);
}

bool ReplyBatcher::release(bool hold)
{
    std::unique_lock lock(m_mutex);
    if (m_broken)
        return false;
    if (m_stream.queuedBytes() == 0) {
        m_heldSinceNs = 0;
        return true;
    }
    if (hold && monotonicNs() - m_heldSinceNs < m_maxHoldNs) {
        if (!m_flusher.joinable())
            m_flusher = std::thread([this] { runFlusher(); });
        if (!std::exchange(m_flusherArmed, true)) {
            lock.unlock();
            m_wake.notify_one();
        }
        return true;
    }
    m_heldSinceNs = 0;
    m_broken = !m_stream.flush();
    return !m_broken;
}

QString ReplyBatcher::errorString()
{
    std::lock_guard lock(m_mutex);
    return m_stream.errorString();
}

qsizetype ReplyBatcher::heldBytes()
{
    std::lock_guard lock(m_mutex);
    return m_stream.queuedBytes();
}

void ReplyBatcher::runFlusher()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_heldSinceNs == 0 || m_broken) {
            m_flusherArmed = false;
            m_wake.wait(lock);
            continue;
        }
        const qint64 dueNs = m_heldSinceNs + m_maxHoldNs;
        const qint64 nowNs = monotonicNs();
        if (nowNs < dueNs) {
            m_wake.wait_for(lock, std::chrono::nanoseconds(dueNs - nowNs));
            continue;
        }
        m_heldSinceNs = 0;
        m_broken = !m_stream.flush();
    }
}

void ReplyBatcher::writeHeldOnCrash()
{
    if (!m_mutex.try_lock())
        return; // a write is in progress: what it writes is all we can send
    const char *data = m_stream.queuedData();
    qsizetype left = m_stream.queuedBytes();
    while (left > 0) {
        const ssize_t n = ::send(m_stream.fd(), data, size_t(left), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        data += n;
        left -= n;
    }
    m_mutex.unlock();
}

} // namespace qmp
