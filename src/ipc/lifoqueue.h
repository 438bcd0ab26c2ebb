#pragma once
// qmp::LifoQueue — queue.LifoQueue's order over processes: get() returns the newest item.
// Everything else as qmp::Queue.

#include "qmpipc_export.h"
#include "queue.h"

namespace qmp {

class QMP_IPC_EXPORT LifoQueue : public Queue
{
public:
    explicit LifoQueue(qint64 maxsize = 0, qsizetype ringBytes = defaultRingBytes)
        : Queue(maxsize, ringBytes, Order::Lifo, false)
    {
    }
    static LifoQueue fromHandle(const IpcHandle &handle) { return LifoQueue(Queue::fromHandle(handle)); }

private:
    explicit LifoQueue(Queue &&queue) : Queue(std::move(queue)) {}
};

} // namespace qmp

QMP_IPC_CBOR(LifoQueue)
