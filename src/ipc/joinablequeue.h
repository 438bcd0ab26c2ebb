#pragma once
// qmp::JoinableQueue — multiprocessing.JoinableQueue: a Queue that counts unfinished tasks.
// Every put() adds one; taskDone() finishes one; join() waits until none is left.
// The count lives in the queue's segment, so any process may call taskDone() or join().

#include "qmpipc_export.h"
#include "queue.h"

namespace qmp {

class QMP_IPC_EXPORT JoinableQueue : public Queue
{
public:
    explicit JoinableQueue(qint64 maxsize = 0, qsizetype ringBytes = defaultRingBytes)
        : Queue(maxsize, ringBytes, Order::Fifo, true)
    {
    }

    // Throws ValueError("task_done() called too many times") when no task is unfinished.
    void taskDone();
    // Waits until every item put has been taskDone()'d; false when timeoutMs passed first.
    bool join(int timeoutMs = -1) { return join(deadlineFor(true, timeoutMs)); }
    bool join(QDeadlineTimer deadline);

    static JoinableQueue fromHandle(const IpcHandle &handle);

private:
    explicit JoinableQueue(Queue &&queue) : Queue(std::move(queue)) {}
};

} // namespace qmp

QMP_IPC_CBOR(JoinableQueue)
