#pragma once
// BatchRecord: one submission to a pool (a map, a command template over inputs, a pool's single
// calls) as the history keeps it. Recorded when it starts (finishedMs = 0) and again when it
// ends, with its counts. A batch whose owner (the program that ran it) is gone while finishedMs
// is still 0 was interrupted (isInterrupted()).

#include "qmpmonitor_export.h"
#include <QString>
#include <QtGlobal>

namespace qmp {

struct QMP_MONITOR_EXPORT BatchRecord
{
    qint64 id = 0;          // from HistoryStore::newBatchId(), > 0
    QString pool;           // the pool's name
    QString title;          // task name, or the command template
    qint64 createdMs = 0;   // ms since the Unix epoch
    qint64 finishedMs = 0;  // 0 while it runs
    qint64 total = 0;       // tasks in the batch
    qint64 ok = 0;
    qint64 failed = 0;      // failed, timed out or lost
    // Since schema 2 (0 in older records):
    qint64 startedMs = 0;   // when its first task started
    qint64 cancelled = 0;
    qint64 ownerPid = 0;    // the process that runs it, and that process's start time (clock
    quint64 ownerStartTicks = 0; // ticks after boot, /proc/<pid>/stat): who it is, for sure
    // Since schema 3 (empty / false in older records and in batches of task calls):
    QString commandTemplate{}; // the command template its commands were expanded from
    bool shell = false;      // they run in /bin/sh -c (the template has shell syntax)

    bool isFinished() const { return finishedMs != 0; }
    // Not finished, and its owner is not running any more (the program was killed, crashed).
    bool isInterrupted() const;
    // The owner fields for this process.
    void setOwnerToThisProcess();
    // The owner fields for process pid (running now: its start time is read from /proc).
    void setOwner(qint64 pid);
    bool operator==(const BatchRecord &) const = default;
};

} // namespace qmp
