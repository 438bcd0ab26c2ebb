#pragma once
// How a task's worker process comes to be — Python's start methods.
//
// ForkServer (default): a clean, single-threaded copy of this program forks each worker: Runtime
// forks it at start-up (or, when a thread ran already then, it is this binary executed anew on
// first use). A fork costs a fraction of an exec of a Qt binary, so processes start fast.
// Spawn: every worker is this binary executed anew (QProcess).
// Either way a worker sees the parent's working directory and environment at start().
//
// Command targets always run through QProcess.

#include "qmpcore_export.h"
#include <QString>

#include <optional>

namespace qmp {

enum class StartMethod { ForkServer, Spawn };

// The start method of Processes and Pools that do not choose one. Thread-safe. A child starts
// with the method it was started by as its default (Python's children inherit their context).
QMP_CORE_EXPORT StartMethod defaultStartMethod();
QMP_CORE_EXPORT void setDefaultStartMethod(StartMethod method);

// "forkserver" / "spawn", Python's names; nullopt for another name.
QMP_CORE_EXPORT QString startMethodName(StartMethod method);
QMP_CORE_EXPORT std::optional<StartMethod> startMethodFromName(const QString &name);

} // namespace qmp
