#pragma once
// qmp::AnyLock — a Lock or an RLock, whichever the caller gave: what Value / Array take as
// Python's `lock=` argument and what their getLock() returns. A value type (copies share the
// lock); its handle is the lock's own, so it crosses processes as a task argument and arrives
// as the same kind of lock. Thread-safe as the lock it holds.

#include "qmpipc_export.h"
#include "lock.h"
#include "rlock.h"

#include <QDeadlineTimer>

#include <optional>
#include <variant>

namespace qmp {

class QMP_IPC_EXPORT AnyLock
{
public:
    // Implicit: a Value takes either, as Python's lock= does.
    AnyLock(Lock lock) : m_lock(std::move(lock)) {}
    AnyLock(RLock lock) : m_lock(std::move(lock)) {}

    bool acquire(bool block = true, int timeoutMs = -1) { return acquire(deadlineFor(block, timeoutMs)); }
    bool acquire(QDeadlineTimer deadline);
    // The lock's release(): ValueError for an unlocked Lock, AssertionError for an RLock the
    // calling thread does not own.
    void release();
    // BasicLockable: std::lock_guard / std::unique_lock give Python's `with v.get_lock():`.
    void lock() { acquire(); }
    void unlock() { release(); }
    qint64 recoveredFrom() const;

    // True for an RLock (recursive, owned by a thread).
    bool isRecursive() const { return std::holds_alternative<RLock>(m_lock); }
    // The lock itself, when it is of that kind (nullopt otherwise).
    std::optional<Lock> toLock() const;
    std::optional<RLock> toRLock() const;

    IpcHandle handle() const;
    // A Lock's or an RLock's handle; TypeError for anything else.
    static AnyLock fromCbor(const QCborValue &handle);

private:
    std::variant<Lock, RLock> m_lock;
};

template <>
struct CborConvert<AnyLock>
{
    static QCborValue toCbor(const AnyLock &v) { return v.handle().toCbor(); }
    static AnyLock fromCbor(const QCborValue &v) { return AnyLock::fromCbor(v); }
};

} // namespace qmp
