#pragma once
// BatchRecord: one submission to a pool (a map, a command template over inputs) as the history
// keeps it. Recorded when it starts (finishedMs = 0) and again when it ends, with its counts.

#include <QString>
#include <QtGlobal>

namespace qmp {

struct BatchRecord
{
    qint64 id = 0;          // from HistoryStore::newBatchId(), > 0
    QString pool;           // the pool's name
    QString title;          // task name, or the command template
    qint64 createdMs = 0;   // ms since the Unix epoch
    qint64 finishedMs = 0;  // 0 while it runs
    qint64 total = 0;       // tasks in the batch
    qint64 ok = 0;
    qint64 failed = 0;      // failed, timed out or cancelled

    bool isFinished() const { return finishedMs != 0; }
    bool operator==(const BatchRecord &) const = default;
};

} // namespace qmp
