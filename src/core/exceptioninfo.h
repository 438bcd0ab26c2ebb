#pragma once
// What a task threw, as the C++ type name and message a qmp::RemoteError carries. Shared by the
// worker processes (which send it to the parent) and ThreadPool (which runs tasks in-process),
// so both report a task's exception the same way. Internal.

#include "qmpcore_export.h"
#include <QString>

namespace qmp::detail {

struct QMP_CORE_EXPORT ExceptionInfo
{
    QString type;    // demangled C++ type: "std::invalid_argument", "qmp::TypeError", "int"
    QString message; // what(), or a note when it is not a std::exception
};

// Call inside a catch block only: describes the exception being handled. A qmp::RemoteError
// keeps its remote type, its context appended to the message.
QMP_CORE_EXPORT ExceptionInfo describeCurrentException();

} // namespace qmp::detail
