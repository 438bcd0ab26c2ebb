#pragma once
// NamespaceObject: a manager's Namespace (NamespaceProxy's referent): named attributes; a
// missing one is AttributeError, as in Python. Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <QCborMap>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT NamespaceObject : public BuiltinObject<NamespaceObject>
{
public:
    // [] or [map of attributes]
    explicit NamespaceObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Namespace"); }
    static const MethodTable<NamespaceObject> &table();
    const MethodTable<NamespaceObject> &methods() const { return table(); }
    void visitValues(const std::function<void(const QCborValue &)> &visit) override;

private:
    QCborValue getAttribute(MethodCall &call);
    QCborValue delAttr(MethodCall &call);
    QCborValue setAttr(MethodCall &call);
    QCborValue contains(MethodCall &call);
    QCborValue getValue(MethodCall &call);
    // The attribute named by call's first argument; AttributeError when there is none.
    QCborMap::iterator attribute(MethodCall &call);

    QCborMap m_attrs;
};

} // namespace qmp
