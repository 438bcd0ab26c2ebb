#pragma once
// PyCompare: Python's == and < between CBOR values, as a manager's list needs them (count,
// index, remove, sort). Stateless; thread-safe.

#include "qmpmanager_export.h"
#include <QCborValue>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT PyCompare
{
public:
    // Numbers compare by value (1 == 1.0 == True); anything else as CBOR values.
    static bool equal(const QCborValue &a, const QCborValue &b);
    // Numbers by value, strings and bytes lexicographically; TypeError for any other pair.
    static bool lessThan(const QCborValue &a, const QCborValue &b);
};

} // namespace qmp
