#pragma once
// TaskCall: a registered task's name and its arguments — a call to make in another process.

#include "qmpcore_export.h"
#include "cborconvert.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QString>

namespace qmp {

struct QMP_CORE_EXPORT TaskCall
{
    QString name;
    QCborArray args;

    // TaskCall::of(&square, 7): looks the function up by address, converts the arguments.
    // Throws ValueError when the function was never registered.
    template <typename R, typename... P, typename... A>
    static TaskCall of(R (*fn)(P...), A &&...args)
    {
        return {registeredName(detail::functionAddress(fn)), toCborArray(std::forward<A>(args)...)};
    }

    static QString registeredName(const void *functionAddress);
};

} // namespace qmp
