#pragma once
// SemaphoreObject: a manager's Semaphore or BoundedSemaphore (SemaphoreProxy's referent): a
// counter acquire() takes from (waiting while it is 0) and release(n) adds to, kept within
// 0..2^31-1 like a qmp::Semaphore; a bounded one never above its initial value. Thread-safe
// (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <condition_variable>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT SemaphoreObject : public BuiltinObject<SemaphoreObject>
{
public:
    // [] (value 1) or [value]
    SemaphoreObject(const QCborArray &args, bool bounded);
    QString typeId() const override { return typeIdOf(m_bounded); }
    static QString typeIdOf(bool bounded) { return bounded ? QStringLiteral("BoundedSemaphore") : QStringLiteral("Semaphore"); }
    static const MethodTable<SemaphoreObject> &table();
    const MethodTable<SemaphoreObject> &methods() const { return table(); }

private:
    QCborValue acquire(MethodCall &call);
    QCborValue release(MethodCall &call);
    QCborValue getValue(MethodCall &call);

    const bool m_bounded;
    std::condition_variable m_cv;
    qint64 m_value = 1;
    qint64 m_initial = 1;
};

} // namespace qmp
