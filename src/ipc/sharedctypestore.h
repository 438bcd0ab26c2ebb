#pragma once
// SharedCTypeStore: the untyped part of Value<T> and Array<T> — a segment holding a typecode,
// an element size, a count and the elements (zero-filled), plus the optional RLock. Internal.

#include "ipchandle.h"
#include "rlock.h"

#include <memory>
#include <optional>

namespace qmp {

class SharedCTypeStore
{
public:
    SharedCTypeStore(SharedSegment::Kind kind, char typeCode, qsizetype elementSize, qsizetype count, std::optional<RLock> lock);
    // Throws TypeError when the segment holds another typecode.
    SharedCTypeStore(const IpcHandle &handle, SharedSegment::Kind kind, char typeCode);

    char *data() const;
    qsizetype count() const;
    char typeCode() const;
    const std::optional<RLock> &lock() const { return m_lock; }
    // ValueError naming the object when it has no lock (Python: AttributeError).
    RLock requireLock() const;
    IpcHandle handle() const;

private:
    struct Header;
    Header *header() const;

    std::shared_ptr<SharedSegment> m_segment;
    std::optional<RLock> m_lock;
};

} // namespace qmp
