#pragma once
// ListObject: a manager's list (ListProxy's referent): Python's list methods, indices counted
// from the end when negative, == and sort with Python's number rules (PyCompare). Thread-safe
// (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ListObject : public BuiltinObject<ListObject>
{
public:
    // [] or [list or null]
    explicit ListObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("list"); }
    static const MethodTable<ListObject> &table();
    const MethodTable<ListObject> &methods() const { return table(); }
    void visitValues(const std::function<void(const QCborValue &)> &visit) override;

private:
    QCborValue getItem(MethodCall &call);
    QCborValue setItem(MethodCall &call);
    QCborValue delItem(MethodCall &call);
    QCborValue len(MethodCall &call);
    QCborValue contains(MethodCall &call);
    QCborValue append(MethodCall &call);
    QCborValue extend(MethodCall &call);
    QCborValue insert(MethodCall &call);
    QCborValue pop(MethodCall &call);
    QCborValue remove(MethodCall &call);
    QCborValue index(MethodCall &call);
    QCborValue count(MethodCall &call);
    QCborValue reverse(MethodCall &call);
    QCborValue sort(MethodCall &call);
    QCborValue clear(MethodCall &call);
    QCborValue copy(MethodCall &call);

    // A Python index into the list (IndexError when out of range).
    qsizetype position(const QCborValue &v) const;
    // The first item equal to v, or -1.
    qsizetype find(const QCborValue &v) const;
    // remove() and index(): the position of v, ValueError naming method when absent.
    qsizetype findOrThrow(const QString &method, const QCborValue &v) const;

    QCborArray m_list;
};

} // namespace qmp
