#pragma once
// qmp::SimpleQueue — multiprocessing.SimpleQueue: unbounded, blocking get(), put(), empty(),
// close() (idempotent). No timeouts, like Python's. Same sharing rules as qmp::Queue.

#include "qmpipc_export.h"
#include "queue.h"

namespace qmp {

class QMP_IPC_EXPORT SimpleQueue
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Queue;

    SimpleQueue() : m_queue(0) {}

    template <typename T>
    void put(const T &item) { m_queue.put(item); }
    QCborValue get() { return m_queue.get(); }
    bool empty() const { return m_queue.empty(); }
    void close() { m_queue.close(); }

    IpcHandle handle() const { return m_queue.handle(); }
    static SimpleQueue fromHandle(const IpcHandle &handle) { return SimpleQueue(Queue::fromHandle(handle)); }

private:
    explicit SimpleQueue(Queue queue) : m_queue(std::move(queue)) {}
    Queue m_queue;
};

} // namespace qmp

QMP_IPC_CBOR(SimpleQueue)
