#pragma once
// ValueObject: a manager's Value (ValueProxy's referent): one value held as its ctypes typecode
// says (CTypeCode). Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ValueObject : public BuiltinObject<ValueObject>
{
public:
    // [typecode] or [typecode, value]
    explicit ValueObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Value"); }
    static const MethodTable<ValueObject> &table();
    const MethodTable<ValueObject> &methods() const { return table(); }

private:
    QCborValue get(MethodCall &call);
    QCborValue set(MethodCall &call);
    QCborValue typecode(MethodCall &call);

    char m_code = 'i';
    QCborValue m_value;
};

} // namespace qmp
