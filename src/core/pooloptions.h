#pragma once
// PoolOptions: how a Pool runs its workers and tasks. Every field has a working default.

#include "qmpcore_export.h"
#include "process.h"
#include "slurmworkers.h"
#include "startmethod.h"
#include "taskcall.h"

#include <QString>

#include <chrono>
#include <optional>

namespace qmp {

struct QMP_CORE_EXPORT PoolOptions
{
    // Runs once in each worker before its first task (Python's initializer + initargs).
    // If it throws, the pool stops starting workers and fails every task with that error.
    std::optional<TaskCall> initializer;
    // A worker is replaced after this many tasks (Python's maxtasksperchild); 0: never.
    int maxTasksPerChild = 0;
    // A task running longer is killed with its worker and fails with TimeoutError; 0: none.
    std::chrono::milliseconds taskTimeout{0};
    // How often a task whose worker died (or timed out) is tried again before it fails.
    int retries = 0;
    // Names the workers "<name>-Worker-N"; default "Pool-N".
    QString name;
    // nullopt: qmp::defaultStartMethod() at construction.
    std::optional<StartMethod> startMethod;
    Process::OutputMode outputMode = Process::OutputMode::Inherit;
    // A pool for external commands only (run / runAll), like the `qmp` command line's: it starts
    // no task workers and needs no qmp::Runtime; apply / map fail with a ValueError.
    bool commandsOnly = false;
    // Workers on a Slurm cluster instead of this machine (see SlurmWorkers); nullopt: local.
    // Everything else is the same: tasks are found by name in the same program on the node.
    std::optional<SlurmWorkers> slurm;
};

} // namespace qmp
