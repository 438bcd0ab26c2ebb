// MonitorHub with real pools: events become state, changes are coalesced, controls act on the
// pool, stuck tasks are flagged, finished batches announced, and a pool that goes away is kept
// as Gone. Queues: watched through a probe, their depth follows put / get on the hub's ticks, a
// closed handle shows, and a queue nobody holds (or whose segment was destroyed) becomes gone
// with its last state — the hub never keeps it alive.
#include "joinablequeue.h"
#include "lifoqueue.h"
#include "monitorhub.h"
#include "monotonicclock.h"
#include "pool.h"
#include "priorityqueue.h"
#include "qmpipctest.h"
#include "queue.h"
#include "simplequeue.h"

#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

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

// nap, once it has begun: a worker the hub shows busy may not have begun its call yet (a call
// not begun goes back to the queue when its worker dies), so tests that kill a worker running a
// call wait for this mark first.
int markThenNap(const QString &mark, int ms)
{
    QFile(mark).open(QIODevice::WriteOnly);
    QThread::msleep(ulong(ms));
    return ms;
}
QMP_TASK(markThenNap);

qmp::MonitorOptions fastOptions()
{
    qmp::MonitorOptions options;
    options.tickMs = 50;
    options.coalesceMs = 20;
    return options;
}
// A PoolControl that records what it was asked (MonitorHub::setControl).
struct RecordingControl : qmp::PoolControl
{
    QStringList calls;
    bool isAvailable() const override { return true; }
    bool pause(bool) override { return record(QStringLiteral("pause")); }
    bool resume() override { return record(QStringLiteral("resume")); }
    bool close() override { return false; }
    bool terminate() override { return record(QStringLiteral("terminate")); }
    bool terminateWorker(qint64 pid) override { return record(QStringLiteral("terminateWorker %1").arg(pid)); }
    bool cancelTask(quint64 taskId) override { return record(QStringLiteral("cancelTask %1").arg(taskId)); }
    bool resize(int processes) override { return record(QStringLiteral("resize %1").arg(processes)); }
    bool retryTask(quint64) override { return false; }
    bool canJoin() const override { return false; }
    QFuture<void> join() override { return {}; }
    bool record(const QString &call)
    {
        calls.append(call);
        return true;
    }
};

} // namespace

class TestMonitorHub : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A program with rules of its own over a pool it watches (the QMP service) gives the hub the
    // control that carries out that pool's controls instead of the pool's own.
    void setControlRoutesThePoolsControls()
    {
        MonitorHub hub;
        Pool pool(1);
        const int id = hub.watch(&pool);
        RecordingControl control;
        hub.setControl(id, &control);
        QVERIFY(hub.canControl(id));
        QVERIFY(hub.pause(id));
        QVERIFY(hub.resize(id, 3));
        QVERIFY(hub.terminateWorker(id, 4242));
        QVERIFY(hub.cancelTask(id, 7));
        QVERIFY(hub.terminate(id));
        QVERIFY(!hub.close(id));
        QCOMPARE(control.calls, (QStringList{QStringLiteral("pause"), QStringLiteral("resize 3"), QStringLiteral("terminateWorker 4242"),
                                              QStringLiteral("cancelTask 7"), QStringLiteral("terminate")}));
        QVERIFY(!pool.isPaused()); // the pool itself was not touched
        QCOMPARE(pool.processes(), 1);
        hub.setControl(id, nullptr);
        QVERIFY(!hub.canControl(id));
    }

    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void queueDepthFollowsPutAndGet_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("maxsize");
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("joinable");
        using O = qmp::QueueState::Order;
        QTest::newRow("Queue") << QStringLiteral("Queue") << qint64(0) << int(O::Fifo) << false;
        QTest::newRow("bounded Queue") << QStringLiteral("Queue") << qint64(4) << int(O::Fifo) << false;
        QTest::newRow("LifoQueue") << QStringLiteral("LifoQueue") << qint64(0) << int(O::Lifo) << false;
        QTest::newRow("PriorityQueue") << QStringLiteral("PriorityQueue") << qint64(3) << int(O::Priority) << false;
        QTest::newRow("JoinableQueue") << QStringLiteral("JoinableQueue") << qint64(0) << int(O::Fifo) << true;
    }
    void queueDepthFollowsPutAndGet()
    {
        QFETCH(QString, kind);
        QFETCH(qint64, maxsize);
        QFETCH(int, order);
        QFETCH(bool, joinable);
        std::unique_ptr<qmp::Queue> queue;
        if (kind == QStringLiteral("LifoQueue"))
            queue = std::make_unique<qmp::LifoQueue>(maxsize);
        else if (kind == QStringLiteral("PriorityQueue"))
            queue = std::make_unique<qmp::PriorityQueue>(maxsize);
        else if (joinable)
            queue = std::make_unique<qmp::JoinableQueue>(maxsize);
        else
            queue = std::make_unique<qmp::Queue>(maxsize);
        queue->put(1);
        MonitorHub hub(fastOptions());
        QSignalSpy added(&hub, &MonitorHub::queueAdded);
        const int id = hub.watchQueue(*queue);
        QCOMPARE(added.size(), 1);
        QCOMPARE(hub.queueIds(), QList<int>{id});
        const qmp::QueueState *state = hub.queue(id);
        QCOMPARE(state->name(), QStringLiteral("%1-%2").arg(kind).arg(id));
        QCOMPARE(state->key(), queue->handle().key);
        QCOMPARE(state->maxsize(), maxsize);
        QCOMPARE(int(state->order()), order);
        QCOMPARE(state->isJoinable(), joinable);
        QCOMPARE(state->depth(), qint64(1)); // read when watched
        QSignalSpy changed(&hub, &MonitorHub::queueChanged);
        queue->put(2);
        queue->put(3);
        QTRY_COMPARE(hub.queue(id)->depth(), qint64(3)); // the hub's tick reads it
        QVERIFY(!changed.isEmpty());
        QCOMPARE(hub.queue(id)->puts(), quint64(3));
        if (maxsize > 0)
            QCOMPARE(hub.queue(id)->fillPercent(), 300.0 / double(maxsize));
        queue->get();
        QTRY_COMPARE(hub.queue(id)->depth(), qint64(2));
        QCOMPARE(hub.queue(id)->gets(), quint64(1));
        if (joinable) {
            QCOMPARE(hub.queue(id)->unfinished(), qint64(3));
            static_cast<qmp::JoinableQueue *>(queue.get())->taskDone();
            QTRY_COMPARE(hub.queue(id)->unfinished(), qint64(2));
        }
        QTRY_VERIFY(hub.queue(id)->depthSeries().size() >= 2);
        QTRY_VERIFY(hub.queue(id)->putRate() >= 0); // measured once two ticks have passed
        QCOMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Open);
        QSignalSpy removed(&hub, &MonitorHub::queueRemoved);
        hub.removeQueue(id);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!hub.queue(id));
        QCOMPARE(queue->qsize(), qint64(2)); // the program's queue is untouched
    }

    void queueNobodyHoldsBecomesGone()
    {
        MonitorHub hub(fastOptions());
        auto queue = std::make_unique<qmp::Queue>();
        queue->put(QStringLiteral("left behind"));
        const int id = hub.watchQueue(*queue, QStringLiteral("scratch"));
        QCOMPARE(queue->attachCount(), 2); // the program's handle and the hub's
        queue.reset();
        QTRY_COMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Gone);
        QCOMPARE(hub.queue(id)->name(), QStringLiteral("scratch"));
        QCOMPARE(hub.queue(id)->depth(), qint64(1)); // its last state
        // The hub let go: the segment, its key file and the item are gone (cleanup() checks).
    }

    void queueHeldByAnotherHandleStaysOpen()
    {
        MonitorHub hub(fastOptions());
        auto queue = std::make_unique<qmp::Queue>();
        qmp::Queue other = qmp::Queue::fromHandle(queue->handle()); // a child's, say
        const int id = hub.watchQueue(*queue);
        queue.reset(); // the creator let go; the other handle still uses it
        other.put(1);
        QTRY_COMPARE(hub.queue(id)->depth(), qint64(1));
        QCOMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Open);
    }

    void destroyedSegmentBecomesGone()
    {
        MonitorHub hub(fastOptions());
        qmp::Queue queue;
        queue.put(1);
        const int id = hub.watchQueue(queue);
        qmp::SharedSegment::destroy(queue.handle().key, qmp::SharedSegment::Kind::Queue); // `qmp ipc gc`
        QTRY_COMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Gone);
        QCOMPARE(hub.queue(id)->depth(), qint64(1));
        QCOMPARE(queue.get().toInteger(), 1); // the program's mapping still works
    }

    void closedHandleShowsClosed()
    {
        MonitorHub hub(fastOptions());
        qmp::SimpleQueue simple;
        qmp::Queue queue = qmp::Queue::fromHandle(simple.handle());
        const int id = hub.watchQueue(queue, QStringLiteral("watched"));
        qmp::Queue copy = queue; // copies share the handle: closing one closes the handle
        copy.close();
        QTRY_COMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Closed);
        simple.put(7); // other handles still use the queue: its depth still shows
        QTRY_COMPARE(hub.queue(id)->depth(), qint64(1));
        QCOMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Closed);
    }

    void goneQueuesAreBounded()
    {
        qmp::MonitorOptions options = fastOptions();
        options.keptGoneQueues = 1;
        MonitorHub hub(options);
        QSignalSpy removed(&hub, &MonitorHub::queueRemoved);
        QList<int> ids;
        {
            qmp::Queue a, b, c;
            ids = {hub.watchQueue(a), hub.watchQueue(b), hub.watchQueue(c)};
        }
        QTRY_COMPARE(removed.size(), 2);
        QCOMPARE(hub.queueIds(), QList<int>{ids.last()}); // the newest gone one stays
        QCOMPARE(hub.queue(ids.last())->lifecycle(), qmp::QueueState::Lifecycle::Gone);
    }

    void queueKnownByReadings()
    {
        MonitorHub hub(fastOptions());
        const int id = hub.addQueue(QStringLiteral("remote"), QStringLiteral("/tmp/k"), 2, qmp::QueueState::Order::Priority, false);
        QSignalSpy changed(&hub, &MonitorHub::queueChanged);
        hub.feedQueue(id, {2, 2, 5});
        hub.flush();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(hub.queue(id)->depth(), qint64(2));
        QCOMPARE(hub.queue(id)->fillPercent(), 100.0);
        hub.setQueueLifecycle(id, qmp::QueueState::Lifecycle::Closed);
        hub.setQueueLifecycle(id, qmp::QueueState::Lifecycle::Open);
        QCOMPARE(hub.queue(id)->lifecycle(), qmp::QueueState::Lifecycle::Closed);
        hub.feedQueue(999, {1, 1, 1}); // unknown queue: ignored
        hub.removeQueue(999);
    }

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
        const quint64 batch = state->batchOfSubmission(result.batchId()); // the hub's number for it
        QCOMPARE(state->batch(batch)->title, QStringLiteral("eight triples"));
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(1).toULongLong(), batch);
        QVERIFY(!changed.isEmpty());
        // Coalesced: far fewer signals than events.
        QVERIFY2(changed.size() < 20, qPrintable(QString::number(changed.size())));
        QTRY_VERIFY_WITH_TIMEOUT(state->series(PoolState::Series::Throughput).size() >= 2, 60000); // two samples (slow under ASan)
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
                if (task && task->engineBatchId == sleeper.batchId() && task->state == qmp::TaskState::State::Running)
                    running = id;
            }
            return running != 0;
        }());
        QVERIFY(hub.cancelTask(id, running));
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, sleeper.get(10000));
        QTRY_COMPARE(state->task(running)->state, qmp::TaskState::State::Cancelled); // not a failure

        QTemporaryDir dir;
        const QString begun = dir.filePath(QStringLiteral("stuck-begun"));
        auto stuck = pool.applyAsync(&markThenNap, begun, 600000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(begun), 60000);
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

    // AppMonitor's arrangement: the hub on a thread of its own, the pool owned by this thread.
    // The hub pauses, resumes, resizes and finally terminates the pool again and again while its
    // owner keeps submitting work and reading its state: every control runs on the owner's
    // thread (Pool asserts it in debug builds; ThreadSanitizer sees the race otherwise), in the
    // order the hub issued them, and the hub's view follows what the pool really did.
    void controlsFromAnotherThreadRunOnTheOwners()
    {
        struct HubThread
        {
            QThread thread;
            QObject maker;
            MonitorHub *hub = nullptr;
            HubThread()
            {
                thread.start();
                maker.moveToThread(&thread);
                QMetaObject::invokeMethod(&maker, [this] { hub = new MonitorHub(fastOptions()); },
                                          Qt::BlockingQueuedConnection);
            }
            ~HubThread()
            {
                QMetaObject::invokeMethod(&maker, [this] { delete hub; }, Qt::BlockingQueuedConnection);
                thread.quit();
                thread.wait();
            }
        };
        Pool pool(2);
        HubThread hubThread; // gone before the pool, as AppMonitor may be
        MonitorHub *hub = hubThread.hub;
        auto onHub = [&](auto fn) { QMetaObject::invokeMethod(hub, fn, Qt::BlockingQueuedConnection); };
        int id = 0;
        onHub([&] { id = hub->watch(&pool); });

        constexpr int rounds = 200;
        std::atomic<int> issued{0};
        // The hub's thread fires its controls without waiting for this one.
        QMetaObject::invokeMethod(hub, [&] {
            for (int i = 0; i < rounds; ++i) {
                hub->pause(id, i % 2 == 0);
                hub->resume(id);
                hub->resize(id, 1 + i % 3);
                issued.fetch_add(1);
            }
            hub->resize(id, 2);
        }, Qt::QueuedConnection);
        QList<qmp::AsyncResult<int>> results;
        int submitted = 0;
        while (issued.load() < rounds || submitted < 50) {
            if (pool.state() == qmp::PoolBase::State::Running && !pool.isPaused() && submitted < 400)
                results.append(pool.applyAsync(&triple, submitted++));
            QCoreApplication::processEvents(); // the marshalled controls run here
        }
        // Every control has reached the pool, in order: running, two workers.
        QTRY_COMPARE(pool.processes(), 2);
        QTRY_VERIFY(!pool.isPaused());
        for (int i = 0; i < results.size(); ++i)
            QCOMPARE(results.at(i).get(60000), 3 * i);
        PoolState::Lifecycle seen = PoolState::Lifecycle::Gone;
        auto hubView = [&] {
            onHub([&] { seen = hub->pool(id)->lifecycle(); });
            return seen;
        };
        QTRY_COMPARE(hubView(), PoolState::Lifecycle::Running);

        bool sent = false;
        onHub([&] { sent = hub->terminate(id); });
        QVERIFY(sent);
        QTRY_COMPARE(pool.state(), qmp::PoolBase::State::Terminated); // done on this thread
        QTRY_COMPARE(hubView(), PoolState::Lifecycle::Terminated);
    }

    // The studio's "terminate the stuck worker" for a program blocked in get(): the hub on its own
    // thread (AppMonitor's arrangement) kills the worker and cancels a queued task while the
    // pool's owner waits in get() and never returns to its event loop — neither may wait for it.
    void aStuckWorkerIsTerminatedWhileItsOwnerWaits()
    {
        std::atomic<bool> killSent{false};
        std::atomic<bool> cancelSent{false};
        QThread hubThread;
        hubThread.start();
        QObject maker;
        maker.moveToThread(&hubThread);
        MonitorHub *hub = nullptr;
        QMetaObject::invokeMethod(&maker, [&] { hub = new MonitorHub(fastOptions()); }, Qt::BlockingQueuedConnection);
        const auto stopHub = qScopeGuard([&] {
            QMetaObject::invokeMethod(&maker, [&] { delete hub; }, Qt::BlockingQueuedConnection);
            hubThread.quit();
            hubThread.wait();
        });
        Pool pool(1);
        int id = 0;
        QMetaObject::invokeMethod(hub, [&] { id = hub->watch(&pool); }, Qt::BlockingQueuedConnection);
        QTemporaryDir dir;
        const QString begun = dir.filePath(QStringLiteral("stuck-begun"));
        auto stuck = pool.applyAsync(&markThenNap, begun, 600000);
        auto queued = pool.applyAsync(&nap, 600000);
        // The hub acts by itself once it sees the stuck call running (as a user would click);
        // the call has begun by then (see markThenNap).
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(begun), 60000);
        QMetaObject::invokeMethod(hub, [&] {
            auto *watcher = new QTimer(hub); // deleted with the hub
            QObject::connect(watcher, &QTimer::timeout, hub, [&, watcher] {
                const PoolState *state = hub->pool(id);
                for (const qmp::WorkerState &w : state->workers()) {
                    if (w.state != qmp::WorkerState::State::Busy)
                        continue;
                    for (quint64 task : state->taskOrder()) {
                        if (task != w.taskId && !state->task(task)->isDone())
                            cancelSent = hub->cancelTask(id, task);
                    }
                    killSent = hub->terminateWorker(id, w.pid);
                    watcher->stop();
                }
            });
            watcher->start(20);
        }, Qt::BlockingQueuedConnection);
        // Blocked here, as a program in get() is: no event loop turns on this thread.
        QVERIFY_THROWS_EXCEPTION(qmp::WorkerLostError, stuck.get(60000));
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, queued.get(60000));
        QVERIFY(killSent);
        QVERIFY(cancelSent);
        QCOMPARE(pool.apply(&triple, 5), 15); // and it serves on
    }

    // join closes the pool and hands back a future of its end; the caller never waits. From the
    // hub's thread, from another thread (carried out on the owner's), and for a pool that went
    // away before the join reached it (canceled), or one that cannot be joined from here.
    void joinReturnsAFuture()
    {
        MonitorHub hub(fastOptions());
        {
            Pool pool(1);
            const int id = hub.watch(&pool);
            QVERIFY(hub.canJoin(id));
            auto last = pool.applyAsync(&nap, 300);
            QFuture<void> joined = hub.join(id);
            QCOMPARE(pool.state(), qmp::PoolBase::State::Closed);
            QCOMPARE(hub.pool(id)->lifecycle(), PoolState::Lifecycle::Closed);
            QVERIFY(!joined.isFinished()); // its task is still running
            QTRY_VERIFY_WITH_TIMEOUT(joined.isFinished(), 20000);
            QVERIFY(!joined.isCanceled());
            QCOMPARE(last.get(0), 300); // queued work ran before the workers left
            QVERIFY(hub.join(id).isFinished()); // joined already: at once
        }
        const int remote = hub.addPool(QStringLiteral("remote"), 1);
        QVERIFY(!hub.canJoin(remote));
        QVERIFY(hub.join(remote).isCanceled());
        QVERIFY(hub.join(424242).isCanceled());

        QThread hubThread;
        hubThread.start();
        QObject maker;
        maker.moveToThread(&hubThread);
        MonitorHub *threaded = nullptr;
        QMetaObject::invokeMethod(&maker, [&] { threaded = new MonitorHub(fastOptions()); }, Qt::BlockingQueuedConnection);
        auto onHub = [&](auto fn) { QMetaObject::invokeMethod(threaded, fn, Qt::BlockingQueuedConnection); };
        QFuture<void> joined;
        {
            Pool pool(1);
            int id = 0;
            onHub([&] {
                id = threaded->watch(&pool);
                joined = threaded->join(id);
            });
            QCOMPARE(pool.state(), qmp::PoolBase::State::Running); // not yet: this thread closes it
            QTRY_COMPARE(pool.state(), qmp::PoolBase::State::Closed);
            QTRY_VERIFY_WITH_TIMEOUT(joined.isFinished(), 20000);
            QVERIFY(!joined.isCanceled());

            Pool gone(1);
            onHub([&] { joined = threaded->join(threaded->watch(&gone)); });
        } // destroyed before this thread's event loop ran the join
        QTRY_VERIFY(joined.isFinished());
        QVERIFY(joined.isCanceled());
        QMetaObject::invokeMethod(&maker, [&] { delete threaded; }, Qt::BlockingQueuedConnection);
        hubThread.quit();
        hubThread.wait();
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
        // After the pool's last events (they are queued before its end): its workers exited.
        QTRY_COMPARE(hub.pool(id)->lifecycle(), PoolState::Lifecycle::Gone);
        QCOMPARE(hub.pool(id)->liveWorkers(), 0);
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

    // A pool whose work is over costs nothing while nothing happens: no signal reaches the models
    // (no repaint), tick after tick; the next event is delivered as before.
    void anIdlePoolCostsNothing()
    {
        MonitorHub hub(fastOptions());
        const int id = hub.addPool(QStringLiteral("finished"), 1);
        using Kind = qmp::PoolEvent::Kind;
        const auto event = [](Kind kind, quint64 task, qint64 pid) {
            qmp::PoolEvent e;
            e.kind = kind;
            e.timeNs = qmp::monotonicNs();
            e.taskId = task;
            e.batchId = 1;
            e.task = QStringLiteral("t");
            e.items = 1;
            e.workerPid = pid;
            return e;
        };
        hub.feed(id, {event(Kind::WorkerStarted, 0, 100), event(Kind::TaskQueued, 1, 0), event(Kind::TaskStarted, 1, 100),
                      event(Kind::TaskFinished, 1, 100), event(Kind::WorkerExited, 0, 100)});
        hub.setLifecycle(id, PoolState::Lifecycle::Closed);
        QSignalSpy changed(&hub, &MonitorHub::poolChanged);
        QTRY_VERIFY(!changed.isEmpty());
        // Let the throughput window and the last samples settle, then nothing more.
        QTest::qWait(1500);
        changed.clear();
        QTest::qWait(1000); // twenty ticks
        QCOMPARE(changed.size(), 0);
        hub.feed(id, {event(Kind::TaskQueued, 2, 0)});
        // Heard (and the ticks after it may sample the new queue depth: more than one, on a busy machine).
        QTRY_VERIFY(!changed.isEmpty());
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

QMP_IPC_TEST_MAIN(TestMonitorHub)
#include "tst_monitorhub.moc"
