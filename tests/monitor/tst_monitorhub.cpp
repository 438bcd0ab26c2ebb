// MonitorHub with real pools: events become state, changes are coalesced, controls act on the
// pool, stuck tasks are flagged, finished batches announced, and a pool that goes away is kept
// as Gone.
#include "monitorhub.h"
#include "pool.h"
#include "qmptest.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using qmp::MonitorHub;
using qmp::Pool;
using qmp::PoolState;

namespace {
int triple(int x)
{
    return 3 * x;
}
QMP_TASK(triple);

int nap(int ms)
{
    QThread::msleep(ulong(ms));
    return ms;
}
QMP_TASK(nap);

qmp::MonitorOptions fastOptions()
{
    qmp::MonitorOptions options;
    options.tickMs = 50;
    options.coalesceMs = 20;
    return options;
}
} // namespace

class TestMonitorHub : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>()); }

    void eventsBecomeState()
    {
        MonitorHub hub(fastOptions());
        QSignalSpy added(&hub, &MonitorHub::poolAdded);
        Pool pool(2);
        const int id = hub.watch(&pool, QStringLiteral("triples"));
        QCOMPARE(added.size(), 1);
        QCOMPARE(hub.poolIds(), QList<int>{id});
        const PoolState *state = hub.pool(id);
        QCOMPARE(state->name(), QStringLiteral("triples"));
        QCOMPARE(state->processes(), 2);
        QSignalSpy changed(&hub, &MonitorHub::poolChanged);
        QSignalSpy batches(&hub, &MonitorHub::batchFinished);
        auto result = pool.mapAsync(&triple, QList<int>{1, 2, 3, 4, 5, 6, 7, 8}, 2);
        hub.setBatchTitle(id, result.batchId(), QStringLiteral("eight triples"));
        QCOMPARE(result.get(10000).size(), 8);
        QTRY_COMPARE(state->finishedTasks(), qint64(4));
        QCOMPARE(state->itemsDone(), qint64(8));
        QTRY_COMPARE(state->liveWorkers(), 2);
        QCOMPARE(state->batch(result.batchId())->title, QStringLiteral("eight triples"));
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(1).toULongLong(), result.batchId());
        QVERIFY(!changed.isEmpty());
        // Coalesced: far fewer signals than events.
        QVERIFY2(changed.size() < 20, qPrintable(QString::number(changed.size())));
        QTRY_VERIFY(state->series(PoolState::Series::Throughput).size() >= 2);
        QVERIFY(hub.watchedPids().size() == 2);
    }

    void controlsActOnThePool()
    {
        MonitorHub hub(fastOptions());
        Pool pool(1);
        const int id = hub.watch(&pool);
        const PoolState *state = hub.pool(id);
        QVERIFY(hub.pause(id));
        QCOMPARE(state->lifecycle(), PoolState::Lifecycle::Paused);
        QVERIFY(!hub.pause(id)); // already paused
        auto held = pool.applyAsync(&triple, 2);
        QVERIFY(!held.wait(200));
        QVERIFY(hub.resume(id));
        QCOMPARE(held.get(10000), 6);
        QCOMPARE(state->lifecycle(), PoolState::Lifecycle::Running);

        auto sleeper = pool.applyAsync(&nap, 600000);
        // The sleeper's own task (the finished one's end may still be on its way to the hub).
        quint64 running = 0;
        QTRY_VERIFY([&] {
            for (quint64 id : state->taskOrder()) {
                const qmp::TaskState *task = state->task(id);
                if (task && task->batchId == sleeper.batchId() && task->state == qmp::TaskState::State::Running)
                    running = id;
            }
            return running != 0;
        }());
        QVERIFY(hub.cancelTask(id, running));
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, sleeper.get(10000));
        QTRY_COMPARE(state->task(running)->state, qmp::TaskState::State::Failed);

        auto stuck = pool.applyAsync(&nap, 600000);
        QTRY_COMPARE(state->busyWorkers(), 1);
        qint64 busy = 0;
        for (const qmp::WorkerState &w : state->workers()) {
            if (w.state == qmp::WorkerState::State::Busy)
                busy = w.pid;
        }
        QVERIFY(hub.terminateWorker(id, busy));
        QVERIFY_THROWS_EXCEPTION(qmp::WorkerLostError, stuck.get(10000));
        QTRY_COMPARE(state->worker(busy)->state, qmp::WorkerState::State::Exited);
        QVERIFY(!hub.terminateWorker(id, 999999999));

        QVERIFY(hub.close(id));
        QCOMPARE(state->lifecycle(), PoolState::Lifecycle::Closed);
        QVERIFY(!hub.close(id));
        pool.join();
        QVERIFY(hub.terminate(id));
        QCOMPARE(state->lifecycle(), PoolState::Lifecycle::Terminated);
        QVERIFY(!hub.terminate(id));
    }

    void stuckTasksAreFlagged()
    {
        qmp::MonitorOptions options = fastOptions();
        options.stuckAfterMs = 200;
        MonitorHub hub(options);
        Pool pool(1);
        const int id = hub.watch(&pool);
        QSignalSpy stuck(&hub, &MonitorHub::stuckDetected);
        auto sleeper = pool.applyAsync(&nap, 600000);
        QTRY_COMPARE(stuck.size(), 1);
        const PoolState *state = hub.pool(id);
        const quint64 task = stuck.at(0).at(1).toULongLong();
        QCOMPARE(state->task(task)->stuck.kind, qmp::StuckReason::Kind::PastLimit);
        QVERIFY(state->task(task)->stuck.runningMs > 200);
        QCOMPARE(stuck.at(0).at(2).toLongLong(), state->task(task)->workerPid);
        QCOMPARE(state->stuckCount(), 1);
        QVERIFY(hub.terminateWorker(id, stuck.at(0).at(2).toLongLong()));
        QVERIFY_THROWS_EXCEPTION(qmp::WorkerLostError, sleeper.get(10000));
        QTRY_COMPARE(state->stuckCount(), 0);
    }

    void aDestroyedPoolStaysAsGone()
    {
        MonitorHub hub(fastOptions());
        QSignalSpy removed(&hub, &MonitorHub::poolRemoved);
        int id = 0;
        {
            Pool pool(1);
            id = hub.watch(&pool);
            QCOMPARE(pool.apply(&triple, 1), 3);
            QTRY_COMPARE(hub.pool(id)->finishedTasks(), qint64(1));
        }
        QCOMPARE(hub.pool(id)->lifecycle(), PoolState::Lifecycle::Gone);
        QCOMPARE(hub.livePool(id), nullptr);
        QVERIFY(!hub.pause(id));
        QVERIFY(!hub.terminateWorker(id, 1));
        hub.remove(id);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(hub.pool(id), nullptr);
    }

    void adoptedPoolsAreOwned()
    {
        MonitorHub hub(fastOptions());
        auto pool = std::make_unique<Pool>(1);
        QPointer<Pool> watch = pool.get();
        const int id = hub.adopt(std::move(pool));
        QCOMPARE(hub.livePool(id), watch.data());
        QCOMPARE(watch->apply(&triple, 4), 12);
        hub.remove(id);
        QVERIFY(watch.isNull());
    }

    void feedWithoutAPool()
    {
        MonitorHub hub(fastOptions());
        const int id = hub.addPool(QStringLiteral("remote"), 3);
        qmp::PoolEvent queued;
        queued.kind = qmp::PoolEvent::Kind::TaskQueued;
        queued.taskId = 1;
        queued.timeNs = 1;
        QSignalSpy changed(&hub, &MonitorHub::poolChanged);
        hub.feed(id, {queued});
        hub.flush();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(1).value<PoolState::Changes>().addedTasks, QList<quint64>{1});
        QCOMPARE(hub.pool(id)->queuedTasks(), 1);
        QCOMPARE(hub.livePool(id), nullptr);
        hub.feed(12345, {queued}); // unknown pool: ignored
    }

    void badOptions()
    {
        qmp::MonitorOptions options;
        options.tickMs = 0;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, MonitorHub{options});
        MonitorHub hub;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, hub.watch(nullptr));
    }
};

QMP_TEST_MAIN(TestMonitorHub)
#include "tst_monitorhub.moc"
