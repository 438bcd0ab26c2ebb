#pragma once
// BatchSpec: one batch the studio is asked to start (by the job launcher, a history re-run or the
// startup demo) — external commands or calls of one registered task — and where it goes.

#include "command.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>

namespace qmp {

struct BatchSpec
{
    enum class Kind { Commands, Task };
    Kind kind = Kind::Commands;
    QString title;               // shown in the tables and kept in the history
    QList<Command> commands;     // Kind::Commands
    QString task;                // Kind::Task: a registered task with one argument ...
    QStringList inputs;          // ... called once per input (numbers are converted for number tasks)
    int poolId = 0;              // an existing pool of the hub, or 0: a new pool ...
    QString poolName;            // ... with this name
    int processes = 2;           // ... and this many workers
    // Commands: per command. Tasks: the new pool's PoolOptions (an existing pool keeps its own).
    std::chrono::milliseconds timeout{0};
    int retries = 0;
};

} // namespace qmp
