#pragma once
// SharedCTypeStore: the untyped part of Value<T> and Array<T> — a segment holding a typecode,
// an element size, a count and the elements (zero-filled), plus the optional lock (a Lock or an
// RLock, Python's lock= argument), whose handle travels inside the store's. Internal.

#include "qmpipc_export.h"
#include "anylock.h"
#include "ipchandle.h"

#include <memory>
#include <optional>

namespace qmp {

class QMP_IPC_EXPORT SharedCTypeStore
{
public:
    SharedCTypeStore(SharedSegment::Kind kind, char typeCode, qsizetype elementSize, qsizetype count, std::optional<AnyLock> lock);
    // Throws TypeError when the segment holds another typecode. withLock: attach the lock the
    // handle names too (RawValue / RawArray do not).
    SharedCTypeStore(const IpcHandle &handle, SharedSegment::Kind kind, char typeCode, bool withLock);

    // Python's lock=True / lock=False: a new RLock, or none.
    static std::optional<AnyLock> lockOption(bool lock);

    char *data() const;
    qsizetype count() const;
    char typeCode() const;
    const std::optional<AnyLock> &lock() const { return m_lock; }
    // ValueError naming the object when it has no lock (Python: AttributeError).
    AnyLock requireLock() const;
    IpcHandle handle() const;

private:
    struct Header;
    Header *header() const;

    std::shared_ptr<SharedSegment> m_segment;
    std::optional<AnyLock> m_lock;
};

} // namespace qmp
