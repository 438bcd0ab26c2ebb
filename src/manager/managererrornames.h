#pragma once
// ManagerErrorNames: the one table of the exceptions that cross the manager's wire as themselves.
// The server names what an object's method threw (nameOf); the client throws the same type again
// from that name (raise). Any other failure travels as "RemoteError:<type>" and comes back as a
// RemoteError. Thread-safe (read-only data).

#include "qmpmanager_export.h"
#include <QString>
#include <QStringList>

#include <exception>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ManagerErrorNames
{
public:
    // The name e travels under: a listed type's own name ("KeyError", the most derived listed
    // type first), "RemoteError:<type>" for a RemoteError, "RemoteError:Error" for another
    // qmp::Error, "RemoteError:std::exception" for anything else.
    static QString nameOf(const std::exception &e);
    // Throws the exception name stands for, with message; for a name not listed, a RemoteError
    // of that type (without its "RemoteError:" prefix) raised at where.
    [[noreturn]] static void raise(const QString &name, const QString &message, const QString &where);
    // Every name that travels as itself, in the order nameOf() tries them.
    static QStringList names();
};

} // namespace qmp
