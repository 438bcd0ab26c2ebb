#pragma once
// Builders of PoolEvents for model tests: a pool known only by its events (MonitorHub::addPool +
// feed), so tests control exactly what happened and when, without processes.

#include "monitorhub.h"
#include "poolevent.h"

#include <QElapsedTimer>

namespace poolevents {

using Kind = qmp::PoolEvent::Kind;

inline qint64 nowNs()
{
    static QElapsedTimer clock = [] { QElapsedTimer t; t.start(); return t; }();
    return clock.nsecsElapsed() + 1'000'000'000;
}

inline qmp::PoolEvent makeEvent(Kind kind, quint64 taskId = 0, qint64 pid = 0)
{
    qmp::PoolEvent e;
    e.kind = kind;
    e.timeNs = nowNs();
    e.taskId = taskId;
    e.batchId = 1;
    e.index = qsizetype(taskId) - 1;
    e.task = QStringLiteral("square");
    e.items = 1;
    e.workerPid = pid;
    return e;
}

inline qmp::PoolEvent workerStarted(qint64 pid) { return makeEvent(Kind::WorkerStarted, 0, pid); }
inline qmp::PoolEvent workerExited(qint64 pid, int code)
{
    qmp::PoolEvent e = makeEvent(Kind::WorkerExited, 0, pid);
    e.exitCode = code;
    return e;
}
inline qmp::PoolEvent queued(quint64 taskId, quint64 batchId = 1)
{
    qmp::PoolEvent e = makeEvent(Kind::TaskQueued, taskId);
    e.batchId = batchId;
    return e;
}
inline qmp::PoolEvent started(quint64 taskId, qint64 pid) { return makeEvent(Kind::TaskStarted, taskId, pid); }
inline qmp::PoolEvent finished(quint64 taskId, qint64 pid, qint64 durationNs = 1'000'000)
{
    qmp::PoolEvent e = makeEvent(Kind::TaskFinished, taskId, pid);
    e.durationNs = durationNs;
    return e;
}
inline qmp::PoolEvent failed(quint64 taskId, qint64 pid, const QString &message)
{
    qmp::PoolEvent e = makeEvent(Kind::TaskFailed, taskId, pid);
    e.message = message;
    e.exitCode = -9;
    return e;
}

// Queues, starts and finishes tasks [first, last] on worker pid.
inline QList<qmp::PoolEvent> run(quint64 first, quint64 last, qint64 pid)
{
    QList<qmp::PoolEvent> events;
    for (quint64 id = first; id <= last; ++id)
        events << queued(id) << started(id, pid) << finished(id, pid);
    return events;
}

inline qmp::MonitorOptions quietOptions()
{
    qmp::MonitorOptions options;
    options.tickMs = 3'600'000; // tests tick by hand
    options.coalesceMs = 3'600'000; // and flush by hand
    return options;
}

} // namespace poolevents
