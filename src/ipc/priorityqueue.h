#pragma once
// qmp::PriorityQueue — queue.PriorityQueue's order over processes: get() returns the item with
// the lowest priority first, ties in insertion order. An item's priority is its first element
// when it is a list starting with a number (Python's (priority, data) tuples), the item itself
// when it is a number, and 0 otherwise. Everything else as qmp::Queue.

#include "qmpipc_export.h"
#include "queue.h"

namespace qmp {

class QMP_IPC_EXPORT PriorityQueue : public Queue
{
public:
    explicit PriorityQueue(qint64 maxsize = 0, qsizetype ringBytes = defaultRingBytes)
        : Queue(maxsize, ringBytes, Order::Priority, false)
    {
    }
    static PriorityQueue fromHandle(const IpcHandle &handle) { return PriorityQueue(Queue::fromHandle(handle)); }

private:
    explicit PriorityQueue(Queue &&queue) : Queue(std::move(queue)) {}
};

} // namespace qmp

QMP_IPC_CBOR(PriorityQueue)
