#pragma once
// EventObject: a manager's Event (EventProxy's referent): a flag, set / clear / is_set, and
// wait(timeout) until it is set. Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <condition_variable>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT EventObject : public BuiltinObject<EventObject>
{
public:
    // [] only
    explicit EventObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Event"); }
    static const MethodTable<EventObject> &table();
    const MethodTable<EventObject> &methods() const { return table(); }

private:
    QCborValue set(MethodCall &call);
    QCborValue clear(MethodCall &call);
    QCborValue isSet(MethodCall &call);
    QCborValue wait(MethodCall &call);

    std::condition_variable m_cv;
    bool m_flag = false;
};

} // namespace qmp
