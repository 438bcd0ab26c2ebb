#pragma once
// CTypeCode: the ctypes typecodes a manager's Value and Array hold (bBhHiIlLqQ integers, f d
// doubles, c one byte, u one character) and the check that converts a value to one. Stateless;
// thread-safe.

#include "qmpmanager_export.h"
#include <QCborValue>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT CTypeCode
{
public:
    // The typecode a creation argument names: TypeError unless one character, ValueError
    // unless a known code.
    static char parse(const QCborValue &v);
    // v as code holds it (an integer becomes a double for f/d, a bool an integer); TypeError
    // when it does not fit.
    static QCborValue coerce(char code, const QCborValue &v);
};

} // namespace qmp
