#pragma once
// DictObject: a manager's dict (DictProxy's referent): CBOR keys and values in insertion order,
// Python's dict methods. Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <QCborMap>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT DictObject : public BuiltinObject<DictObject>
{
public:
    // [] or [map or null]
    explicit DictObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("dict"); }
    static const MethodTable<DictObject> &table();
    const MethodTable<DictObject> &methods() const { return table(); }
    void visitValues(const std::function<void(const QCborValue &)> &visit) override;

private:
    QCborValue getItem(MethodCall &call);
    QCborValue setItem(MethodCall &call);
    QCborValue delItem(MethodCall &call);
    QCborValue pop(MethodCall &call);
    QCborValue len(MethodCall &call);
    QCborValue contains(MethodCall &call);
    QCborValue get(MethodCall &call);
    QCborValue setDefault(MethodCall &call);
    QCborValue popItem(MethodCall &call);
    QCborValue keys(MethodCall &call);
    QCborValue values(MethodCall &call);
    QCborValue items(MethodCall &call);
    QCborValue update(MethodCall &call);
    QCborValue clear(MethodCall &call);
    QCborValue copy(MethodCall &call);

    QCborMap m_map;
};

} // namespace qmp
