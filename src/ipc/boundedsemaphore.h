#pragma once
// qmp::BoundedSemaphore — a Semaphore whose release() above the initial value throws
// ValueError (Python's behaviour). Same sharing, thread-safety and holder-death rules.

#include "qmpipc_export.h"
#include "qmpsemaphore.h"

namespace qmp {

class QMP_IPC_EXPORT BoundedSemaphore : public Semaphore
{
public:
    explicit BoundedSemaphore(int value = 1) : Semaphore(value, true) {}

    static BoundedSemaphore fromHandle(const IpcHandle &handle);

private:
    explicit BoundedSemaphore(std::shared_ptr<SharedSegment> segment) : Semaphore(std::move(segment)) {}
};

} // namespace qmp

QMP_IPC_CBOR(BoundedSemaphore)
