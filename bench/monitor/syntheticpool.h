#pragma once
// SyntheticPool: the event stream of a busy pool, without processes — `workers` workers, and each
// feed() 200 tasks queued, started and finished (600 events), as a Pool delivers them in batches.
// Shared by the monitor and studio benchmarks so both measure the same load.

#include "monitorhub.h"

#include <QElapsedTimer>
#include <QList>

#include <time.h>

class SyntheticPool
{
public:
    SyntheticPool(qmp::MonitorHub *hub, int poolId, int workers = 8) : m_hub(hub), m_id(poolId), m_workers(workers)
    {
        m_clock.start();
        QList<qmp::PoolEvent> start;
        for (int w = 0; w < workers; ++w) {
            qmp::PoolEvent e;
            e.kind = qmp::PoolEvent::Kind::WorkerStarted;
            e.timeNs = now();
            e.workerPid = kFirstPid + w;
            start.append(e);
        }
        hub->feed(poolId, start);
    }

    // Feeds `tasks` whole task lifecycles (3 events each); returns the events fed.
    int feed(int tasks = 200)
    {
        QList<qmp::PoolEvent> batch;
        batch.reserve(tasks * 3);
        const qint64 t = now();
        for (int i = 0; i < tasks; ++i, ++m_next) {
            qmp::PoolEvent e;
            e.taskId = m_next;
            e.batchId = 1 + m_next / 10000;
            e.index = qsizetype(m_next % 10000);
            e.task = QStringLiteral("square");
            e.items = 1;
            e.timeNs = t;
            e.kind = qmp::PoolEvent::Kind::TaskQueued;
            batch.append(e);
            e.kind = qmp::PoolEvent::Kind::TaskStarted;
            e.workerPid = kFirstPid + qint64(m_next % quint64(m_workers));
            batch.append(e);
            e.kind = qmp::PoolEvent::Kind::TaskFinished;
            e.durationNs = 50'000 + qint64(m_next % 97) * 1000;
            batch.append(e);
        }
        m_hub->feed(m_id, batch);
        return int(batch.size());
    }

    quint64 tasksFed() const { return m_next - 1; }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }

private:
    static constexpr qint64 kFirstPid = 1'000'000;
    // CLOCK_MONOTONIC, as a Pool stamps its events.
    static qint64 now()
    {
        timespec ts;
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }

    qmp::MonitorHub *m_hub;
    int m_id;
    int m_workers;
    quint64 m_next = 1;
    QElapsedTimer m_clock;
};
