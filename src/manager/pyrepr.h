#pragma once
// PyRepr: Python's repr() of a CBOR value — None, True, 3, 2.5, 'text', b'bytes', [..], {k: v}
// — so examples print what the seeds' Python prints. A proxy token prints like Python's
// "<DictProxy object, typeid 'dict' at 0x..>" (with the object id). Stateless.

#include "qmpmanager_export.h"
#include <QCborValue>
#include <QString>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT PyRepr
{
public:
    static QString repr(const QCborValue &value);
    // Python's str(): a string without quotes, anything else as repr().
    static QString str(const QCborValue &value);
};

} // namespace qmp
