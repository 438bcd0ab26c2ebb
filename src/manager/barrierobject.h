#pragma once
// BarrierObject: a manager's Barrier (BarrierProxy's referent): wait() until parties callers
// wait, returning each its arrival index; abort() breaks it, reset() ends the current round
// (its waiters get BrokenBarrierError), a timed-out or abandoned wait breaks it. Thread-safe
// (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <condition_variable>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT BarrierObject : public BuiltinObject<BarrierObject>
{
public:
    // [parties] (1 or more)
    explicit BarrierObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Barrier"); }
    static const MethodTable<BarrierObject> &table();
    const MethodTable<BarrierObject> &methods() const { return table(); }

private:
    QCborValue wait(MethodCall &call);
    QCborValue abort(MethodCall &call);
    QCborValue reset(MethodCall &call);
    QCborValue parties(MethodCall &call);
    QCborValue nWaiting(MethodCall &call);
    QCborValue broken(MethodCall &call);
    void breakBarrier();

    std::condition_variable m_cv;
    qint64 m_parties = 1;
    qint64 m_waiting = 0;
    qint64 m_generation = 0;
    qint64 m_resetGeneration = -1; // the last generation reset() ended while parties waited
    bool m_broken = false;
};

} // namespace qmp
