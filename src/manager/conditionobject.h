#pragma once
// ConditionObject: a manager's Condition (ConditionProxy's referent) with its own RLock, owned
// by a connection and released when that connection ends. wait() gives the lock up, waits for
// a notify (or the timeout) and takes it back at its old depth; notify(n) wakes the n longest
// waiting. Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"
#include "lockownership.h"

#include <condition_variable>
#include <deque>
#include <memory>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ConditionObject : public BuiltinObject<ConditionObject>
{
public:
    // [] only
    explicit ConditionObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Condition"); }
    static const MethodTable<ConditionObject> &table();
    const MethodTable<ConditionObject> &methods() const { return table(); }
    void connectionClosed(qint64 connectionId) override;

private:
    QCborValue acquire(MethodCall &call);
    QCborValue release(MethodCall &call);
    QCborValue wait(MethodCall &call);
    QCborValue notify(MethodCall &call);
    QCborValue notifyAll(MethodCall &call);
    // Marks the n longest waiting as notified.
    void wake(qint64 n);

    std::condition_variable m_cv;
    LockOwnership m_ownership{m_cv};
    std::deque<std::shared_ptr<bool>> m_waiters; // each waiter's "notified" ticket, oldest first
};

} // namespace qmp
