#pragma once
// BuiltinObjects: the types every manager serves — Python's SyncManager typeids: dict, list,
// Queue, JoinableQueue, Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier,
// Value, Array, Namespace — as a table typeid → factory and method table. Each type is a
// class of its own (DictObject, QueueObject...); this is where the manager finds them.
// Thread-safe.

#include "qmpmanager_export.h"
#include "methodsignature.h"
#include "serverobject.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT BuiltinObjects
{
public:
    static QStringList typeIds();
    static bool has(const QString &typeId);
    // A new object of typeId, built from the creation arguments (ValueError / TypeError when
    // they do not fit). nullptr when typeId is not a builtin.
    static std::shared_ptr<ServerObject> create(const QString &typeId, const QCborArray &args);
    // The methods typeId's objects answer, with the argument counts each accepts (empty for
    // a typeid that is not a builtin).
    static QList<MethodSignature> methods(const QString &typeId);
};

} // namespace qmp
