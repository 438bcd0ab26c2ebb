#pragma once
// ArrayObject: a manager's Array (ArrayProxy's referent): a fixed-length list of one ctypes
// typecode (CTypeCode); an index out of range is qmp::Array's IndexError. Thread-safe
// (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"
#include "framedecoder.h"

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ArrayObject : public BuiltinObject<ArrayObject>
{
public:
    // The most items an Array may have: what one reply frame can carry back (tolist()), at 9
    // bytes an item. A larger size is a ValueError before anything is allocated.
    static constexpr qint64 maxLength = (FrameDecoder::defaultMaxFrameSize - 64) / 9;

    // [typecode, size or list of values]
    explicit ArrayObject(const QCborArray &args);
    QString typeId() const override { return QStringLiteral("Array"); }
    static const MethodTable<ArrayObject> &table();
    const MethodTable<ArrayObject> &methods() const { return table(); }

private:
    QCborValue len(MethodCall &call);
    QCborValue getItem(MethodCall &call);
    QCborValue setItem(MethodCall &call);
    QCborValue toList(MethodCall &call);
    QCborValue typecode(MethodCall &call);
    // A Python index into the items; qmp::Array's IndexError when out of range.
    qsizetype position(const QCborValue &v) const;

    char m_code = 'i';
    QCborArray m_items;
};

} // namespace qmp
