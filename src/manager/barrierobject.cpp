#include "barrierobject.h"

#include "pythonerrors.h"

namespace qmp {

BarrierObject::BarrierObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 1, 1}.checkCount(typeId(), args);
    m_parties = MethodCall::integer(QStringLiteral("parties"), args.at(0));
    if (m_parties < 1)
        throw PythonErrors::barrierParties(m_parties);
}

const MethodTable<BarrierObject> &BarrierObject::table()
{
    static const MethodTable<BarrierObject> methods{
        {{QStringLiteral("wait"), 0, 1}, &BarrierObject::wait},
        {{QStringLiteral("abort"), 0, 0}, &BarrierObject::abort},
        {{QStringLiteral("reset"), 0, 0}, &BarrierObject::reset},
        {{QStringLiteral("parties"), 0, 0}, &BarrierObject::parties},
        {{QStringLiteral("n_waiting"), 0, 0}, &BarrierObject::nWaiting},
        {{QStringLiteral("broken"), 0, 0}, &BarrierObject::broken},
    };
    return methods;
}

// [timeout ms]
QCborValue BarrierObject::wait(MethodCall &call)
{
    if (m_broken)
        throw PythonErrors::barrierBroken();
    const qint64 index = m_waiting++;
    const qint64 generation = m_generation;
    if (m_waiting == m_parties) {
        m_waiting = 0;
        ++m_generation;
        m_cv.notify_all();
        return index;
    }
    bool passed = false;
    try {
        passed = call.wait(m_cv, call.timeoutDeadline(0), [&] { return m_generation != generation || m_broken; });
    } catch (const CallAbandoned &) {
        breakBarrier();
        throw;
    }
    if (m_generation != generation) {
        if (m_resetGeneration == generation)
            throw PythonErrors::barrierReset();
        return index;
    }
    if (!passed) {
        breakBarrier();
        throw PythonErrors::barrierTimedOut();
    }
    throw PythonErrors::barrierBroken(); // aborted while waiting
}

QCborValue BarrierObject::abort(MethodCall &)
{
    breakBarrier();
    return {};
}

QCborValue BarrierObject::reset(MethodCall &)
{
    if (m_waiting > 0)
        m_resetGeneration = m_generation; // its waiters fail with barrierReset()
    m_broken = false;
    m_waiting = 0;
    ++m_generation;
    m_cv.notify_all();
    return {};
}

QCborValue BarrierObject::parties(MethodCall &)
{
    return m_parties;
}

QCborValue BarrierObject::nWaiting(MethodCall &)
{
    return m_waiting;
}

QCborValue BarrierObject::broken(MethodCall &)
{
    return m_broken;
}

void BarrierObject::breakBarrier()
{
    m_broken = true;
    m_waiting = 0;
    m_cv.notify_all();
}

} // namespace qmp
