#pragma once
// qmp::SharedMemory — multiprocessing.shared_memory.SharedMemory: a named block of bytes.
// A value type: copies share one mapping (close() closes it for all of them). Thread-safe
// except for the bytes themselves, which are the caller's to synchronise.
//
// Lifetime — Python's rule, on Qt's segments: a block lives until unlink(), as long as its
// creator process runs. The creator keeps an attachment of its own (a "keeper") until unlink()
// or its exit, so close() everywhere does not destroy the block (Qt 6.4 alone would destroy it
// at the last detach). When the creator exits without unlink(), the block lives on
// while another process is attached and goes with the last detach — what Python's resource
// tracker does too, minus the warning. A creator killed by SIGKILL leaves the block behind if
// nobody else is attached; it is reclaimed by the next libqmp program that creates an IPC
// object, by `qmp ipc gc` (its creator is gone and nobody is attached), or by the last detach
// of a process that attaches to it later (which can still read it, as Python's can).
//
// Names: [A-Za-z0-9.-] and '_', at most 64 characters; auto-generated names are psm_ + 8 hex
// digits like Python's. The key file is <tmp>/qmp_ipc_sharedmemory_<name>: a process attaching
// by name must see the same $TMPDIR (handles passed as task arguments carry the full key).

#include "qmpipc_export.h"
#include "ipchandle.h"

#include <QString>

#include <memory>

namespace qmp {

class QMP_IPC_EXPORT SharedMemory
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::SharedMemory;
    struct Impl;

    // Python's SharedMemory(name=None, create=False, size=0). create: size must be > 0
    // (ValueError), an existing name throws FileExistsError. Attach: the size is ignored; a
    // missing name throws FileNotFoundError; no name throws ValueError.
    explicit SharedMemory(const QString &name = {}, bool create = false, qsizetype size = 0);

    QString name() const;
    // The exact size asked for at creation.
    qsizetype size() const;
    // The bytes (Python's buf); nullptr after close().
    char *data() const;
    // Unmaps this process's view (every copy of this handle). The block stays until unlink().
    void close();
    bool isClosed() const;
    // Destroys the block now; mappings stay valid until closed. Call once across processes:
    // a second call throws FileNotFoundError, like Python's.
    void unlink();

    IpcHandle handle() const;
    // Throws FileNotFoundError when the block was unlinked (Python's unpickling does the same).
    static SharedMemory fromHandle(const IpcHandle &handle);

    static QString nativeKeyFor(const QString &name);

private:
    explicit SharedMemory(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}
    std::shared_ptr<Impl> m_impl;
};

} // namespace qmp

QMP_IPC_CBOR(SharedMemory)
