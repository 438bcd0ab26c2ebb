#pragma once
// SyntheticPool: the event stream of a busy pool, without processes — `workers` workers, and each
// feed() 200 tasks queued, started and finished (600 events), as a Pool delivers them in batches.
// Shared by the monitor and studio benchmarks so both measure the same load, with LoopProbe.

#include "monitorhub.h"
#include "monotonicclock.h"

#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <algorithm>
#include <vector>

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
    static qint64 now() { return qmp::monotonicNs(); } // as a Pool stamps its events

    qmp::MonitorHub *m_hub;
    int m_id;
    int m_workers;
    quint64 m_next = 1;
    QElapsedTimer m_clock;
};

// LoopProbe: how late an event loop runs — a 5 ms precise timer records by how much each tick
// came later than asked. Start it, turn the loop, read p95Ms().
class LoopProbe
{
public:
    LoopProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_lateness.push_back(std::max(0.0, double(m_clock.nsecsElapsed()) / 1e6 - kIntervalMs));
            m_clock.restart();
        });
    }
    void start()
    {
        m_clock.start();
        m_timer.start();
    }
    double p95Ms()
    {
        if (m_lateness.empty())
            return 0;
        std::sort(m_lateness.begin(), m_lateness.end());
        return m_lateness[size_t(double(m_lateness.size() - 1) * 0.95)];
    }

private:
    static constexpr int kIntervalMs = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<double> m_lateness;
};

