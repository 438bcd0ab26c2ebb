#pragma once
// BuiltinObjects: the types every manager serves — Python's SyncManager typeids:
// dict, list, Queue, JoinableQueue, Lock, RLock, Semaphore, BoundedSemaphore, Event,
// Condition, Barrier, Value, Array, Namespace. The classes themselves are private to
// builtinobjects.cpp; this is their factory. Thread-safe.

#include "serverobject.h"

#include <QStringList>

#include <memory>

namespace qmp {

class BuiltinObjects
{
public:
    static QStringList typeIds();
    static bool has(const QString &typeId);
    // A new object of typeId, built from the creation arguments (ValueError / TypeError when
    // they do not fit). nullptr when typeId is not a builtin.
    static std::shared_ptr<ServerObject> create(const QString &typeId, const QCborArray &args);

    // Python's == between two values: numbers compare by value (1 == 1.0).
    static bool equal(const QCborValue &a, const QCborValue &b);
};

} // namespace qmp
