#pragma once
// BatchSpec: one batch the studio is asked to start (by the job launcher, a history re-run or the
// startup demo) — external commands or calls of one registered task — and where it goes.

#include "command.h"
#include "launchtarget.h"

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
    QList<Command> commands;     // Kind::Commands, each exactly as it runs ...
    QStringList lines;           // ... and how it reads (the launcher's preview, qmp run --dry-run)
    QString commandTemplate;     // the template they came from (kept in the history), if any ...
    bool shell = false;          // ... and whether they run in /bin/sh -c
    QString task;                // Kind::Task: a registered task with one argument ...
    QStringList inputs;          // ... called once per input (numbers are converted for number tasks)
    LaunchTarget target;         // the studio (default), the service (commands only) or Slurm ...
    int poolId = 0;              // ... the studio: an existing pool of the hub, or 0: a new pool ...
    // Service: poolName is the service's group and processes its parallel jobs (timeout and retries
    // do not apply).
    QString poolName;            // ... with this name
    int processes = 2;           // ... and this many workers
    // Commands: per command. Tasks: the new pool's PoolOptions (an existing pool keeps its own).
    std::chrono::milliseconds timeout{0};
    int retries = 0;

    // A batch of commands: text (a CommandTemplate, exactly as `qmp run` reads it) over inputs,
    // job i with {#} = i + 1. The template's own ValueError (a replacement string naming an input
    // source other than the one) comes through. The job slot {%} is not known before a job starts
    // in a pool, so a template using it is a ValueError too.
    static BatchSpec fromTemplate(const QString &text, const QStringList &inputs);
};

} // namespace qmp
