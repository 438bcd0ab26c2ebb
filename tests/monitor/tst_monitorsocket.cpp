// The monitor socket: MonitorServer serves a hub, MonitorClient mirrors it into another hub —
// snapshot then live events, discovery through /proc/net/unix, read-only by default, controls
// for the same user when allowed, clients that vanish mid-stream, a server that goes away, a
// malformed peer, and AppMonitor switched on by QMP_MONITOR. Queues: mirrored with their
// counters as they change, closed and gone on the other side too; AppMonitor watches the queues
// a program creates; message kinds a client does not know are ignored. Another user (nobody, when
// the test runs as root) is not admitted, cannot stop the program from serving by binding its
// name first, and cannot pose as one of this user's programs.
#include "appmonitor.h"
#include "framestream.h"
#include "joinablequeue.h"
#include "lifoqueue.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "monitorserver.h"
#include "otheruser.h"
#include "monotonicclock.h"
#include "pool.h"
#include "qmpipctest.h"

#include <QCborMap>
#include <QMap>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>

using qmp::MonitorClient;
using qmp::MonitorEndpoint;
using qmp::MonitorHub;
using qmp::MonitorProtocol;
using qmp::MonitorServer;
using qmp::Pool;
using qmp::PoolState;

namespace {
int cube(int x)
{
    return x * x * x;
}
QMP_TASK(cube);

int doze(int ms)
{
    QThread::msleep(ulong(ms));
    return ms;
}
QMP_TASK(doze);

// doze, once it has begun (a mark file): a call dispatched but not begun goes back to the queue
// when its worker dies, so a test that kills a worker "running" a call waits for the mark.
int markThenDoze(const QString &mark, int ms)
{
    QFile(mark).open(QIODevice::WriteOnly);
    QThread::msleep(ulong(ms));
    return ms;
}
QMP_TASK(markThenDoze);

qmp::MonitorOptions fast()
{
    qmp::MonitorOptions options;
    options.tickMs = 50;
    options.coalesceMs = 10;
    return options;
}

// A name no other test run uses.
QByteArray uniqueName()
{
    static int n = 0;
    return "qmp-monitor-test." + QByteArray::number(QCoreApplication::applicationPid()) + '.' + QByteArray::number(++n);
}

MonitorEndpoint endpointOf(const QByteArray &name)
{
    MonitorEndpoint endpoint;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.uid = uint(::geteuid());
    endpoint.name = name;
    return endpoint;
}

MonitorEndpoint endpointOf(const MonitorServer &server)
{
    return endpointOf(server.name());
}

// A hello as a server of this process sends it.
QCborMap helloFromThisProcess()
{
    QCborMap hello;
    hello.insert(QStringLiteral("t"), QStringLiteral("hello"));
    hello.insert(QStringLiteral("v"), 1);
    hello.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    return hello;
}
} // namespace

class TestMonitorSocket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        qunsetenv("QMP_MONITOR");
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void queuesAreMirrored()
    {
        MonitorHub serverHub(fast());
        qmp::JoinableQueue jobs(4);
        jobs.put(1);
        serverHub.watchQueue(jobs, QStringLiteral("jobs"));
        MonitorServer server(&serverHub);
        QVERIFY2(server.listen(uniqueName()), qPrintable(server.errorString()));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy detached(&client, &MonitorClient::detached);
        QVERIFY(client.attach(endpointOf(server)));
        QTRY_VERIFY(client.isReady());
        QCOMPARE(client.queueIds().size(), 1);
        const int mirror = client.queueIds().first();
        const qmp::QueueState *queue = clientHub.queue(mirror);
        QVERIFY2(queue->name().startsWith(QStringLiteral("jobs · ")), qPrintable(queue->name()));
        QCOMPARE(queue->key(), jobs.handle().key);
        QCOMPARE(queue->maxsize(), qint64(4));
        QCOMPARE(queue->order(), qmp::QueueState::Order::Fifo);
        QVERIFY(queue->isJoinable());
        QCOMPARE(queue->depth(), qint64(1)); // the snapshot
        QCOMPARE(queue->unfinished(), qint64(1));
        // Live: the program's puts and gets show up on the client.
        jobs.put(2);
        jobs.put(3);
        QTRY_COMPARE(clientHub.queue(mirror)->depth(), qint64(3));
        QCOMPARE(jobs.get().toInteger(), 1);
        jobs.taskDone();
        QTRY_COMPARE(clientHub.queue(mirror)->unfinished(), qint64(2));
        QCOMPARE(clientHub.queue(mirror)->depth(), qint64(2));
        QCOMPARE(clientHub.queue(mirror)->puts(), quint64(3));
        QTRY_VERIFY(clientHub.queue(mirror)->putRate() >= 0); // the client's ticks measure rates
        // A queue made after the attach appears; when the program lets go of it, it is gone there too.
        {
            qmp::LifoQueue later;
            serverHub.watchQueue(later);
            QTRY_COMPARE(client.queueIds().size(), 2);
            QCOMPARE(clientHub.queue(client.queueIds().last())->order(), qmp::QueueState::Order::Lifo);
        }
        QTRY_COMPARE(clientHub.queue(client.queueIds().last())->lifecycle(), qmp::QueueState::Lifecycle::Gone);
        jobs.close();
        QTRY_COMPARE(clientHub.queue(mirror)->lifecycle(), qmp::QueueState::Lifecycle::Closed);
        // The program going away leaves its queues gone with their last state.
        server.close();
        QTRY_COMPARE(detached.size(), 1);
        QCOMPARE(clientHub.queue(mirror)->lifecycle(), qmp::QueueState::Lifecycle::Gone);
        QCOMPARE(clientHub.queue(mirror)->depth(), qint64(2));
    }

    void unknownMessageKindsAreIgnored()
    {
        QString error;
        const QByteArray name = uniqueName();
        const int listener = MonitorProtocol::listenOn(name, &error);
        QVERIFY2(listener >= 0, qPrintable(error));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy detached(&client, &MonitorClient::detached);
        QVERIFY(client.attach(endpointOf(name)));
        int fd = -1;
        QTRY_VERIFY(fd >= 0 || (fd = ::accept(listener, nullptr, nullptr)) >= 0);
        qmp::FrameStream stream(fd);
        QVERIFY(stream.write(helloFromThisProcess()));
        QCborMap future; // a kind from a newer program
        future.insert(QStringLiteral("t"), QStringLiteral("semaphore"));
        future.insert(QStringLiteral("id"), 3);
        QVERIFY(stream.write(future));
        QCborMap ready;
        ready.insert(QStringLiteral("t"), QStringLiteral("ready"));
        QVERIFY(stream.write(ready));
        QTRY_VERIFY(client.isReady());
        QVERIFY(client.isConnected());
        QVERIFY(detached.isEmpty());
        QVERIFY(client.queueIds().isEmpty());
        // A queue state for a queue never announced is malformed.
        QCborMap orphan;
        orphan.insert(QStringLiteral("t"), QStringLiteral("queueState"));
        orphan.insert(QStringLiteral("id"), 9);
        QVERIFY(stream.write(orphan));
        QTRY_COMPARE(detached.size(), 1);
        QVERIFY2(detached.at(0).at(0).toString().contains(QStringLiteral("unknown queue 9")),
                 qPrintable(detached.at(0).at(0).toString()));
        ::close(listener);
    }

    void appMonitorWatchesTheQueuesAProgramCreates()
    {
        qputenv("QMP_MONITOR", "1");
        qmp::AppMonitor monitor;
        QVERIFY2(monitor.isEnabled(), qPrintable(monitor.errorString()));
        // The hub lives on the monitor's thread: ask it there. name -> depth.
        auto queuesThere = [&] {
            QMap<QString, qint64> queues;
            QMetaObject::invokeMethod(monitor.hub(), [&] {
                for (int id : monitor.hub()->queueIds()) {
                    const qmp::QueueState *q = monitor.hub()->queue(id);
                    queues.insert(q->name(), q->lifecycle() == qmp::QueueState::Lifecycle::Gone ? -1 : q->depth());
                }
            }, Qt::BlockingQueuedConnection);
            return queues;
        };
        auto jobs = std::make_unique<qmp::JoinableQueue>();
        jobs->put(1);
        jobs->put(2);
        QTRY_COMPARE(queuesThere().size(), 1);
        const QString name = queuesThere().firstKey();
        QVERIFY2(name.startsWith(QStringLiteral("JoinableQueue-")), qPrintable(name));
        QTRY_COMPARE(queuesThere().value(name), qint64(2));
        // A handle attached from another one is not a new queue.
        std::optional<qmp::Queue> attached = qmp::Queue::fromHandle(jobs->handle());
        QCOMPARE(attached->get().toInteger(), 1);
        QTRY_COMPARE(queuesThere().value(name), qint64(1));
        QCOMPARE(queuesThere().size(), 1);
        // `qmp ps` and the studio see it.
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(client.attach(QCoreApplication::applicationPid()));
        QTRY_VERIFY(client.isReady());
        QCOMPARE(client.queueIds().size(), 1);
        QCOMPARE(clientHub.queue(client.queueIds().first())->depth(), qint64(1));
        // Once the program lets go, the monitor does too: the queue is gone, nothing is left.
        jobs.reset();
        attached.reset();
        QTRY_COMPARE(queuesThere().value(name), qint64(-1));
        QTRY_COMPARE(clientHub.queue(client.queueIds().first())->lifecycle(), qmp::QueueState::Lifecycle::Gone);
    }

    void eventsRoundTrip()
    {
        qmp::PoolEvent e;
        e.kind = qmp::PoolEvent::Kind::TaskFailed;
        e.timeNs = 123456789;
        e.taskId = 42;
        e.batchId = 7;
        e.index = 3;
        e.isCommand = true;
        e.task = QStringLiteral("gzip 'a b'");
        e.items = 1;
        e.attempt = 2;
        e.workerPid = 999;
        e.durationNs = 5000;
        e.exitCode = -9;
        e.channel = 2;
        e.message = QStringLiteral("killed — 被终止");
        const auto back = MonitorProtocol::decodeEvent(MonitorProtocol::encode(e));
        QVERIFY(back);
        QCOMPARE(MonitorProtocol::encode(*back), MonitorProtocol::encode(e));
        QVERIFY(!MonitorProtocol::decodeEvent(QCborValue(QStringLiteral("junk"))));
        QVERIFY(!MonitorProtocol::decodeEvent(QCborArray{99, 1, 2}));
        QVERIFY(!MonitorProtocol::decodeEvent(QCborArray{77, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
        // What later versions added travels beside the 14 fields, which older clients still read.
        e.reason = qmp::PoolEvent::Reason::TimedOut;
        e.reasonArgs = {2000};
        e.single = true;
        e.failsTogether = true;
        e.arguments = QCborArray{1, QStringLiteral("a")};
        e.result = QCborValue(7);
        qmp::PoolEvent plain;
        plain.task = QStringLiteral("plain");
        const QList<qmp::PoolEvent> sent{plain, e};
        const QCborMap extras = MonitorProtocol::encodeExtras(sent);
        QCOMPARE(extras.size(), 1); // only the event that has some
        QCOMPARE(MonitorProtocol::encode(sent).at(1).toArray().size(), 14);
        QList<qmp::PoolEvent> received{*MonitorProtocol::decodeEvent(MonitorProtocol::encode(plain)), *back};
        MonitorProtocol::applyExtras(extras, &received);
        QCOMPARE(received.at(1).reason, qmp::PoolEvent::Reason::TimedOut);
        QCOMPARE(received.at(1).reasonArgs, QCborArray{2000});
        QVERIFY(received.at(1).single);
        QVERIFY(received.at(1).failsTogether);
        QVERIFY(!received.at(0).failsTogether);
        QCOMPARE(received.at(1).arguments, e.arguments);
        QCOMPARE(received.at(1).result, QCborValue(7));
        QCOMPARE(received.at(0).reason, qmp::PoolEvent::Reason::None);
        // Where a pool on Slurm runs travels too (a Slurm job, a worker's node and step).
        qmp::PoolEvent job;
        job.kind = qmp::PoolEvent::Kind::SlurmJob;
        job.slurmJobId = 812;
        job.slurmState = QStringLiteral("RUNNING");
        qmp::PoolEvent placed;
        placed.kind = qmp::PoolEvent::Kind::WorkerPlaced;
        placed.host = QStringLiteral("node7");
        placed.slurmStep = QStringLiteral("812.3");
        const QList<qmp::PoolEvent> slurm{job, placed};
        QList<qmp::PoolEvent> slurmBack{*MonitorProtocol::decodeEvent(MonitorProtocol::encode(job)),
                                        *MonitorProtocol::decodeEvent(MonitorProtocol::encode(placed))};
        MonitorProtocol::applyExtras(MonitorProtocol::encodeExtras(slurm), &slurmBack);
        QCOMPARE(slurmBack.at(0).kind, qmp::PoolEvent::Kind::SlurmJob);
        QCOMPARE(slurmBack.at(0).slurmJobId, 812);
        QCOMPARE(slurmBack.at(0).slurmState, QStringLiteral("RUNNING"));
        QCOMPARE(slurmBack.at(1).kind, qmp::PoolEvent::Kind::WorkerPlaced);
        QCOMPARE(slurmBack.at(1).host, QStringLiteral("node7"));
        QCOMPARE(slurmBack.at(1).slurmStep, QStringLiteral("812.3"));
        MonitorProtocol::applyExtras(QCborMap{{99, QCborMap{}}, {QStringLiteral("x"), 1}}, &received); // ignored
        qmp::StuckReason stuck;
        stuck.kind = qmp::StuckReason::Kind::PastTimeout;
        stuck.runningMs = 9000;
        stuck.limitMs = 3000;
        QCOMPARE(MonitorProtocol::decodeStuck(MonitorProtocol::encode(stuck)), std::optional(stuck));
        QVERIFY(!MonitorProtocol::decodeStuck(QCborArray{99, 0, 0, 0, 0}));
    }

    // The program exits with a task running: on the client that task ends as lost and no worker
    // stays busy (or idle) — and a worker that had exited before the attach is shown exited.
    void aProgramThatExitsLeavesNoGhosts()
    {
        using Kind = qmp::PoolEvent::Kind;
        auto serverHub = std::make_unique<MonitorHub>(fast());
        const int id = serverHub->addPool(QStringLiteral("batch"), 2);
        const auto event = [](Kind kind, quint64 task, qint64 pid) {
            qmp::PoolEvent e;
            e.kind = kind;
            e.timeNs = qmp::monotonicNs();
            e.taskId = task;
            e.batchId = 1;
            e.task = QStringLiteral("work");
            e.items = 1;
            e.workerPid = pid;
            return e;
        };
        serverHub->feed(id, {event(Kind::WorkerStarted, 0, 100), event(Kind::WorkerStarted, 0, 101),
                             event(Kind::TaskQueued, 1, 0), event(Kind::TaskStarted, 1, 100),
                             event(Kind::TaskFinished, 1, 100), event(Kind::WorkerExited, 0, 100),
                             event(Kind::WorkerStarted, 0, 102), event(Kind::TaskQueued, 2, 0),
                             event(Kind::TaskStarted, 2, 101), event(Kind::TaskQueued, 3, 0)});
        serverHub->flush();
        auto server = std::make_unique<MonitorServer>(serverHub.get());
        QVERIFY(server->listen(uniqueName()));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy detached(&client, &MonitorClient::detached);
        QVERIFY(client.attach(endpointOf(*server)));
        QTRY_VERIFY(client.isReady());
        const PoolState *mirror = clientHub.pool(client.poolIds().first());
        QCOMPARE(mirror->worker(100)->state, qmp::WorkerState::State::Exited); // not idle
        QCOMPARE(mirror->liveWorkers(), 2);
        QCOMPARE(mirror->busyWorkers(), 1);
        QVERIFY(mirror->isMirrored());
        QVERIFY(clientHub.watchedPids().isEmpty()); // its program samples them, not us
        server.reset();
        serverHub.reset();
        QTRY_COMPARE(detached.size(), 1);
        QCOMPARE(mirror->lifecycle(), PoolState::Lifecycle::Gone);
        QCOMPARE(mirror->task(2)->state, qmp::TaskState::State::Lost);
        QCOMPARE(mirror->task(2)->reason, qmp::PoolEvent::Reason::ProgramExited);
        QCOMPARE(mirror->task(3)->state, qmp::TaskState::State::Lost);
        QCOMPARE(mirror->runningTasks(), 0);
        QCOMPARE(mirror->busyWorkers(), 0);
        QCOMPARE(mirror->liveWorkers(), 0);
        QCOMPARE(mirror->stuckCount(), 0);
    }

    // An attached program's batches are mirrored as they are: its single calls in one batch, a
    // map in another with its title — and no empty batch beside them (the snapshot's titles name
    // the submissions, not the program's own batch numbers).
    void batchesAreMirroredWithoutEmptyOnes()
    {
        MonitorHub serverHub(fast());
        Pool pool(1);
        const int id = serverHub.watch(&pool);
        QList<qmp::AsyncResult<int>> singles;
        for (int i = 1; i <= 3; ++i)
            singles.append(pool.applyAsync(&cube, i));
        auto squares = pool.mapAsync(&cube, QList<int>{4, 5}, 1);
        serverHub.setBatchTitle(id, squares.batchId(), QStringLiteral("cubes"));
        QCOMPARE(squares.get(20000), (QList<int>{64, 125}));
        for (auto &single : singles)
            QVERIFY(single.get(20000) > 0);
        QTRY_COMPARE(serverHub.pool(id)->finishedTasks(), qint64(5));
        serverHub.setBatchTitle(id, 999, QStringLiteral("announced, no task yet"));
        serverHub.flush();
        MonitorServer server(&serverHub);
        QVERIFY(server.listen(uniqueName()));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(client.attach(endpointOf(server)));
        QTRY_VERIFY(client.isReady());
        const PoolState *mirror = clientHub.pool(client.poolIds().first());
        QStringList batches;
        for (const qmp::BatchState &batch : mirror->batches())
            batches.append(QStringLiteral("%1:%2%3").arg(batch.title).arg(batch.tasks).arg(batch.loose ? QStringLiteral(" loose") : QString()));
        QCOMPARE(batches, (QStringList{QStringLiteral("cube:3 loose"), QStringLiteral("cubes:2")}));
        // A map's tasks end with their batch (a cancel there says so); single calls end alone.
        for (quint64 taskId : mirror->taskOrder())
            QCOMPARE(mirror->task(taskId)->failsTogether, !mirror->task(taskId)->single);
    }

    // Stuck is decided once, by the program's hub; every client shows exactly that.
    void stuckAndReasonsComeFromTheProgram()
    {
        using Kind = qmp::PoolEvent::Kind;
        qmp::MonitorOptions serverOptions = fast();
        serverOptions.stuckAfterMs = 100;
        MonitorHub serverHub(serverOptions);
        const int id = serverHub.addPool(QStringLiteral("p"), 1);
        qmp::PoolEvent queued;
        queued.kind = Kind::TaskQueued;
        queued.timeNs = qmp::monotonicNs();
        queued.taskId = 1;
        queued.batchId = 5;
        queued.task = QStringLiteral("work");
        queued.items = 1;
        queued.single = true;
        queued.arguments = QCborArray{42};
        qmp::PoolEvent started = queued;
        started.kind = Kind::TaskStarted;
        started.workerPid = 100;
        qmp::PoolEvent other = queued;
        other.taskId = 2;
        qmp::PoolEvent timedOut = other;
        timedOut.kind = Kind::TaskFailed;
        timedOut.reason = qmp::PoolEvent::Reason::TimedOut;
        timedOut.reasonArgs = {2000};
        timedOut.message = QStringLiteral("timed out after 2000 ms");
        serverHub.feed(id, {queued, started, other, timedOut});
        MonitorServer server(&serverHub);
        QVERIFY(server.listen(uniqueName()));
        qmp::MonitorOptions clientOptions = fast();
        clientOptions.stuckAfterMs = 1; // a client's own rule would flag at once: it must not apply
        MonitorHub clientHub(clientOptions);
        MonitorClient client(&clientHub);
        QVERIFY(client.attach(endpointOf(server)));
        QTRY_VERIFY(client.isReady());
        const PoolState *mirror = clientHub.pool(client.poolIds().first());
        QCOMPARE(mirror->task(2)->state, qmp::TaskState::State::TimedOut);
        QCOMPARE(mirror->task(2)->reasonArgs, QCborArray{2000});
        QCOMPARE(mirror->task(1)->arguments, QCborValue(QCborArray{42}));
        QVERIFY(mirror->task(1)->single);
        QCOMPARE(mirror->task(1)->batchId, mirror->task(2)->batchId); // single calls: one batch
        QTRY_VERIFY(serverHub.pool(id)->task(1)->stuck.isStuck());
        QTRY_VERIFY(mirror->task(1)->stuck.isStuck());
        QCOMPARE(mirror->task(1)->stuck.kind, serverHub.pool(id)->task(1)->stuck.kind);
        QCOMPARE(mirror->task(1)->stuck.limitMs, qint64(100)); // the program's limit, not ours
        // A client attaching later gets the flag in the snapshot.
        MonitorHub lateHub(clientOptions);
        MonitorClient late(&lateHub);
        QVERIFY(late.attach(endpointOf(server)));
        QTRY_VERIFY(late.isReady());
        QCOMPARE(lateHub.pool(late.poolIds().first())->task(1)->stuck.limitMs, qint64(100));
    }

    void attachSeesSnapshotThenLiveEvents()
    {
        MonitorHub serverHub(fast());
        Pool pool(2);
        const int remoteId = serverHub.watch(&pool, QStringLiteral("cubes"));
        QCOMPARE(pool.map(&cube, QList<int>{1, 2, 3}, 1), (QList<int>{1, 8, 27}));
        QTRY_COMPARE(serverHub.pool(remoteId)->finishedTasks(), qint64(3));
        MonitorServer server(&serverHub);
        QVERIFY2(server.listen(uniqueName()), qPrintable(server.errorString()));

        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy ready(&client, &MonitorClient::ready);
        QVERIFY2(client.attach(endpointOf(server)), qPrintable(client.errorString()));
        QTRY_COMPARE(ready.size(), 1);
        QTRY_COMPARE(server.clientCount(), 1);
        QVERIFY(client.isReady());
        QCOMPARE(client.pid(), qint64(QCoreApplication::applicationPid()));
        QVERIFY(!client.controlAllowed());
        QCOMPARE(client.poolIds().size(), 1);
        const PoolState *mirror = clientHub.pool(client.poolIds().first());
        QVERIFY(mirror->name().startsWith(QStringLiteral("cubes")));
        QCOMPARE(mirror->processes(), 2);
        QCOMPARE(mirror->finishedTasks(), qint64(3));   // the snapshot
        QCOMPARE(mirror->liveWorkers(), 2);
        // Live: more work shows up on the client.
        QCOMPARE(pool.map(&cube, QList<int>{4, 5}, 1).size(), 2);
        QTRY_COMPARE(mirror->finishedTasks(), qint64(5));
        QCOMPARE(mirror->workers().keys(), serverHub.pool(remoteId)->workers().keys());
        // Read-only: controls are not sent.
        QVERIFY(!clientHub.pause(client.poolIds().first()));
        QVERIFY(!pool.isPaused());
    }

    void discoveryListsListeningPrograms()
    {
        MonitorHub hub(fast());
        MonitorServer server(&hub);
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        QCOMPARE(server.name(), MonitorProtocol::endpointName(QCoreApplication::applicationPid()));
        const QList<MonitorEndpoint> found = MonitorProtocol::discover();
        const auto self = std::find_if(found.begin(), found.end(), [](const MonitorEndpoint &e) {
            return e.pid == QCoreApplication::applicationPid();
        });
        QVERIFY(self != found.end());
        QCOMPARE(self->uid, uint(::geteuid()));
        QVERIFY(!self->program.isEmpty());
        // A second server finds the name taken and serves under a fallback name, which
        // discovery lists too.
        MonitorServer second(&hub);
        QVERIFY2(second.listen(), qPrintable(second.errorString()));
        QVERIFY(second.name().startsWith(MonitorProtocol::endpointName(QCoreApplication::applicationPid()) + '.'));
        const QList<MonitorEndpoint> both = MonitorProtocol::discover();
        QCOMPARE(std::count_if(both.begin(), both.end(),
                               [](const MonitorEndpoint &e) { return e.pid == QCoreApplication::applicationPid(); }),
                 2);
        second.close();
        server.close();
        const QList<MonitorEndpoint> after = MonitorProtocol::discover();
        QVERIFY(std::none_of(after.begin(), after.end(), [](const MonitorEndpoint &e) {
            return e.pid == QCoreApplication::applicationPid();
        }));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(!client.attach(QCoreApplication::applicationPid()));
        QVERIFY(client.errorString().contains(QStringLiteral("QMP_MONITOR=1")));
    }

    void controlsForTheSameUser()
    {
        MonitorHub serverHub(fast());
        Pool pool(1);
        serverHub.watch(&pool);
        MonitorServer server(&serverHub);
        server.setControlAllowed(true);
        QVERIFY(server.listen(uniqueName()));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy replies(&client, &MonitorClient::commandFinished);
        QVERIFY(client.attach(endpointOf(server)));
        QTRY_VERIFY(client.isReady());
        QVERIFY(client.controlAllowed());
        const int mirror = client.poolIds().first();
        QVERIFY(clientHub.pause(mirror));
        QTRY_VERIFY(pool.isPaused());
        QTRY_COMPARE(replies.size(), 1);
        QCOMPARE(replies.at(0).at(1).toBool(), true);
        QTRY_COMPARE(clientHub.pool(mirror)->lifecycle(), PoolState::Lifecycle::Paused);
        QVERIFY(clientHub.resume(mirror));
        QTRY_VERIFY(!pool.isPaused());
        // A stuck task: terminate its worker from the client; the task fails with the reason.
        QTemporaryDir dir;
        const QString begun = dir.filePath(QStringLiteral("doze-begun"));
        auto result = pool.applyAsync(&markThenDoze, begun, 600000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(begun), 60000);
        QTRY_COMPARE(clientHub.pool(mirror)->runningTasks(), 1);
        const qint64 pid = clientHub.pool(mirror)->workers().firstKey();
        QVERIFY(clientHub.terminateWorker(mirror, pid));
        QTRY_COMPARE(replies.size(), 3);
        QVERIFY2(replies.at(2).at(1).toBool(), qPrintable(replies.at(2).at(2).toString()));
        QVERIFY_THROWS_EXCEPTION(qmp::WorkerLostError, result.get(20000));
        QTRY_COMPARE(clientHub.pool(mirror)->failedTasks(), qint64(1));
        // A command that cannot apply is answered with why.
        QVERIFY(clientHub.cancelTask(mirror, 987654));
        QTRY_COMPARE(replies.size(), 4);
        QCOMPARE(replies.at(3).at(1).toBool(), false);
        QVERIFY(!replies.at(3).at(2).toString().isEmpty());
    }

    void clientVanishingMidStreamLeavesTheServerServing()
    {
        MonitorHub serverHub(fast());
        const int id = serverHub.addPool(QStringLiteral("synthetic"), 1);
        MonitorServer server(&serverHub);
        QVERIFY(server.listen(uniqueName()));
        QSignalSpy gone(&server, &MonitorServer::clientDisconnected);
        {
            MonitorHub clientHub(fast());
            auto client = std::make_unique<MonitorClient>(&clientHub);
            QVERIFY(client->attach(endpointOf(server)));
            QTRY_COMPARE(server.clientCount(), 1);
            QList<qmp::PoolEvent> burst;
            for (quint64 t = 1; t <= 2000; ++t) {
                qmp::PoolEvent e;
                e.kind = qmp::PoolEvent::Kind::TaskQueued;
                e.taskId = t;
                e.task = QStringLiteral("x");
                e.items = 1;
                burst.append(e);
            }
            serverHub.feed(id, burst); // in flight when the client goes
            client.reset();
        }
        QTRY_COMPARE(server.clientCount(), 0);
        QCOMPARE(gone.size(), 1);
        // Still serving: a new client gets the whole state.
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(client.attach(endpointOf(server)));
        QTRY_VERIFY(client.isReady());
        QCOMPARE(clientHub.pool(client.poolIds().first())->queuedTasks(), 2000);
    }

    void serverGoingAwayMarksPoolsGone()
    {
        auto serverHub = std::make_unique<MonitorHub>(fast());
        serverHub->addPool(QStringLiteral("short-lived"), 1);
        auto server = std::make_unique<MonitorServer>(serverHub.get());
        QVERIFY(server->listen(uniqueName()));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy detached(&client, &MonitorClient::detached);
        QVERIFY(client.attach(endpointOf(*server)));
        QTRY_VERIFY(client.isReady());
        server.reset();
        QTRY_COMPARE(detached.size(), 1);
        QVERIFY(!client.isConnected());
        QCOMPARE(clientHub.pool(client.poolIds().first())->lifecycle(), PoolState::Lifecycle::Gone);
        QVERIFY(!clientHub.pause(client.poolIds().first()));
    }

    void malformedPeerIsDisconnectedWithAReason()
    {
        QString error;
        const QByteArray name = uniqueName();
        const int listener = MonitorProtocol::listenOn(name, &error);
        QVERIFY2(listener >= 0, qPrintable(error));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QSignalSpy detached(&client, &MonitorClient::detached);
        QVERIFY(client.attach(endpointOf(name)));
        int fd = -1;
        QTRY_VERIFY(fd >= 0 || (fd = ::accept(listener, nullptr, nullptr)) >= 0);
        qmp::FrameStream stream(fd);
        QVERIFY(stream.write(helloFromThisProcess()));
        QCborMap bad;
        bad.insert(QStringLiteral("t"), QStringLiteral("events"));
        bad.insert(QStringLiteral("id"), 5);
        QVERIFY(stream.write(bad));
        QTRY_COMPARE(detached.size(), 1);
        QVERIFY2(detached.at(0).at(0).toString().contains(QStringLiteral("malformed")),
                 qPrintable(detached.at(0).at(0).toString()));
        ::close(listener);
    }

    // Another user connecting gets nothing: closed before a byte is sent or read. A group it is
    // in, when allowed, lets it read.
    void anotherUserIsNotAdmitted()
    {
        QMP_OTHER_USER(nobody);
        MonitorHub hub(fast());
        MonitorServer server(&hub);
        server.setControlAllowed(true);
        const QByteArray name = uniqueName();
        QVERIFY2(server.listen(name), qPrintable(server.errorString()));
        QSignalSpy refused(&server, &MonitorServer::clientRefused);
        QSignalSpy connected(&server, &MonitorServer::clientConnected);
        const auto peer = [&](const QStringList &arguments) {
            QProcess process;
            QSignalSpy finished(&process, &QProcess::finished);
            qmptest::runAs(process, nobody);
            process.start(QStringLiteral(QMP_MONITOR_PEER), arguments);
            if (!process.waitForStarted(10000))
                return QByteArray("did not start");
            if (finished.isEmpty() && !finished.wait(30000)) // the server serves meanwhile
                return QByteArray("did not finish");
            return QByteArray(process.readAllStandardOutput().trimmed() + process.readAllStandardError());
        };
        QCOMPARE(peer({QStringLiteral("connect"), QString::fromLatin1(name)}), QByteArray("closed 0"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toLongLong(), qint64(nobody.uid));
        QCOMPARE(connected.size(), 0);

        server.setAllowedGroup(nobody.gid);
        const QByteArray admitted = peer({QStringLiteral("connect"), QString::fromLatin1(name)});
        QVERIFY2(admitted.startsWith("got "), admitted.constData());
        QCOMPARE(connected.size(), 1);
    }

    // A client of this user that sends an oversized frame is dropped from its header.
    void oversizedClientFrameIsDropped()
    {
        MonitorHub hub(fast());
        MonitorServer server(&hub);
        const QByteArray name = uniqueName();
        QVERIFY2(server.listen(name), qPrintable(server.errorString()));
        QSignalSpy disconnected(&server, &MonitorServer::clientDisconnected);
        QString error;
        const int fd = MonitorProtocol::connectTo(name, &error);
        QVERIFY2(fd >= 0, qPrintable(error));
        const char header[4] = {0x06, 0x40, 0x00, 0x00}; // 100 MiB follow
        QCOMPARE(::send(fd, header, 4, MSG_NOSIGNAL), ssize_t(4));
        QTRY_COMPARE(disconnected.size(), 1);
        QVERIFY2(disconnected.at(0).at(0).toString().contains(QStringLiteral("above the limit")),
                 qPrintable(disconnected.at(0).at(0).toString()));
        ::close(fd);
    }

    // Another user binds this program's name first: the program serves under a fallback name,
    // discovery lists that one (not the squatter's), and a client attaching by pid gets the
    // program; the squatted name is refused by the client (SO_PEERCRED is not the program).
    void squattedNameFallsBack()
    {
        QMP_OTHER_USER(nobody);
        const qint64 self = QCoreApplication::applicationPid();
        QProcess squatter;
        qmptest::runAs(squatter, nobody);
        squatter.start(QStringLiteral(QMP_MONITOR_PEER),
                       {QStringLiteral("squat"), QString::fromLatin1(MonitorProtocol::endpointName(self)), QString::number(self)});
        QVERIFY(squatter.waitForReadyRead(20000));
        QCOMPARE(squatter.readLine().trimmed(), QByteArray("ready"));
        MonitorHub hub(fast());
        MonitorServer server(&hub);
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        QVERIFY(server.name().startsWith(MonitorProtocol::endpointName(self) + '.'));
        QList<MonitorEndpoint> found = MonitorProtocol::discover();
        found.removeIf([self](const MonitorEndpoint &e) { return e.pid != self; });
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().name, server.name());

        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY2(client.attach(self), qPrintable(client.errorString()));
        QTRY_VERIFY(client.isReady());
        MonitorClient fooled(&clientHub);
        QVERIFY(!fooled.attach(endpointOf(MonitorProtocol::endpointName(self))));
        QVERIFY2(fooled.errorString().contains(QStringLiteral("is not program")), qPrintable(fooled.errorString()));
        squatter.closeWriteChannel();
        QVERIFY(squatter.waitForFinished(20000));
    }

    // Another user poses as a program of this user (binding the name of one of its pids): not
    // discovered, and refused by a client attaching by pid — nothing of the fake is shown.
    void impostorIsIgnored()
    {
        QMP_OTHER_USER(nobody);
        QProcess victim; // a process of this user that serves no monitor
        victim.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(victim.waitForStarted(10000));
        const qint64 pid = victim.processId();
        QProcess squatter;
        qmptest::runAs(squatter, nobody);
        squatter.start(QStringLiteral(QMP_MONITOR_PEER),
                       {QStringLiteral("squat"), QString::fromLatin1(MonitorProtocol::endpointName(pid)), QString::number(pid)});
        QVERIFY(squatter.waitForReadyRead(20000));
        const QList<MonitorEndpoint> found = MonitorProtocol::discover();
        QVERIFY(std::none_of(found.begin(), found.end(), [pid](const MonitorEndpoint &e) { return e.pid == pid; }));
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(!client.attach(pid));
        QVERIFY2(client.errorString().contains(QStringLiteral("is not program")), qPrintable(client.errorString()));
        QVERIFY(clientHub.poolIds().isEmpty());
        squatter.closeWriteChannel();
        QVERIFY(squatter.waitForFinished(20000));
        victim.kill();
        victim.waitForFinished();
    }

    void appMonitorFollowsTheEnvironment()
    {
        {
            qmp::AppMonitor off;
            QVERIFY(!off.isEnabled());
            QVERIFY(!off.hub());
        }
        qputenv("QMP_MONITOR", "1");
        qmp::AppMonitor monitor;
        QVERIFY2(monitor.isEnabled(), qPrintable(monitor.errorString()));
        QVERIFY(!monitor.server()->controlAllowed());
        QVERIFY(monitor.hub()->thread() != QThread::currentThread()); // serves from its own thread
        Pool pool(1, qmp::PoolOptions{});
        // The hub lives on the monitor's thread: ask it there.
        auto finishedThere = [&] {
            qint64 finished = -1;
            QMetaObject::invokeMethod(monitor.hub(), [&] {
                const QList<int> ids = monitor.hub()->poolIds();
                finished = ids.size() == 1 ? monitor.hub()->pool(ids.first())->finishedTasks() : -1;
            }, Qt::BlockingQueuedConnection);
            return finished;
        };
        QCOMPARE(finishedThere(), qint64(0)); // watched from its construction
        QCOMPARE(pool.apply(&cube, 3), 27);
        // This thread's event loop does not turn here (as in a program blocked in get()), yet the
        // monitor hears the pool.
        const QDeadlineTimer deadline(10000);
        while (finishedThere() != 1 && !deadline.hasExpired())
            QThread::msleep(10);
        QCOMPARE(finishedThere(), qint64(1));
        // Anyone may now attach, like `qmp ps` does.
        MonitorHub clientHub(fast());
        MonitorClient client(&clientHub);
        QVERIFY(client.attach(QCoreApplication::applicationPid()));
        QTRY_VERIFY(client.isReady());
        QCOMPARE(clientHub.pool(client.poolIds().first())->finishedTasks(), qint64(1));
        QCOMPARE(pool.map(&cube, QList<int>{1, 2}, 1), (QList<int>{1, 8}));
        QTRY_COMPARE(clientHub.pool(client.poolIds().first())->finishedTasks(), qint64(3));
    }
};

QMP_IPC_TEST_MAIN(TestMonitorSocket)
#include "tst_monitorsocket.moc"
