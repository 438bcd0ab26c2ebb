#pragma once
// LockObject: a manager's Lock or RLock (LockProxy's referent). The owner is the connection
// that acquired it; when that connection ends (its process died) the lock is released — a
// Python manager's lock stays held forever. A Lock may be released by any connection, an RLock
// only by its owner. Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"
#include "lockownership.h"

#include <condition_variable>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT LockObject : public BuiltinObject<LockObject>
{
public:
    // [] only
    LockObject(const QCborArray &args, bool recursive);
    QString typeId() const override { return typeIdOf(m_recursive); }
    static QString typeIdOf(bool recursive) { return recursive ? QStringLiteral("RLock") : QStringLiteral("Lock"); }
    static const MethodTable<LockObject> &table();
    const MethodTable<LockObject> &methods() const { return table(); }
    void connectionClosed(qint64 connectionId) override;

private:
    QCborValue acquire(MethodCall &call);
    QCborValue release(MethodCall &call);
    QCborValue locked(MethodCall &call);

    const bool m_recursive;
    std::condition_variable m_cv;
    LockOwnership m_ownership{m_cv};
};

} // namespace qmp
