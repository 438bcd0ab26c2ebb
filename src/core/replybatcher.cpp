#include "replybatcher.h"

#include "errors.h"
#include "monotonicclock.h"
#include "workerlane.h"

#include <chrono>
#include <utility>

namespace qmp {

ReplyBatcher::ReplyBatcher(FrameStream &stream, WorkerLane &lane, qint64 maxHoldNs)
    : m_stream(stream), m_lane(lane), m_maxHoldNs(maxHoldNs)
{
}

ReplyBatcher::~ReplyBatcher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (!m_broken)
            writeHeld();
    }
    m_wake.notify_all();
    if (m_flusher.joinable())
        m_flusher.join();
}

bool ReplyBatcher::queue(const QCborValue &reply)
{
    QByteArray frame;
    try {
        frame = FrameDecoder::encode(reply, m_stream.maxFrameSize());
    } catch (const Error &e) {
        std::lock_guard lock(m_mutex);
        m_encodeError = e.message();
        return false;
    }
    std::lock_guard lock(m_mutex);
    if (m_broken)
        return true; // the parent is gone; release() says so
    if (m_lane.append(frame.constData(), frame.size())) {
        if (m_heldSinceNs == 0)
            m_heldSinceNs = monotonicNs();
        return true;
    }
    // No room: what is held goes first, then this one into the emptied lane, or, when it is
    // larger than the whole lane, straight to the channel.
    writeHeld();
    if (!m_broken && m_lane.append(frame.constData(), frame.size()))
        m_heldSinceNs = monotonicNs();
    else if (!m_broken)
        m_broken = !m_stream.writeBytes(frame.constData(), frame.size());
    return true;
}

void ReplyBatcher::writeHeld()
{
    m_heldSinceNs = 0;
    const qsizetype held = m_lane.heldBytes();
    if (held == 0)
        return;
    m_broken = !m_stream.writeBytes(m_lane.heldData(), held);
    m_lane.clearHeld();
}

bool ReplyBatcher::release(bool hold)
{
    std::unique_lock lock(m_mutex);
    if (m_broken)
        return false;
    if (m_lane.heldBytes() == 0) {
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
    writeHeld();
    return !m_broken;
}

QString ReplyBatcher::errorString()
{
    std::lock_guard lock(m_mutex);
    return m_encodeError.isEmpty() ? m_stream.errorString() : m_encodeError;
}

qsizetype ReplyBatcher::heldBytes()
{
    std::lock_guard lock(m_mutex);
    return m_lane.heldBytes();
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
        writeHeld();
    }
}

} // namespace qmp
