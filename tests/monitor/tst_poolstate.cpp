// PoolState: events in, consistent state out — counters, workers, batches, retries, retention,
// series and stuck detection — with synthetic events, no processes.
#include "poolstate.h"
#include "remotecommand.h"

#include <QTest>

using qmp::PoolEvent;
using qmp::PoolState;
using qmp::TaskState;
using qmp::WorkerState;
using qmp::BatchState;
using Kind = PoolEvent::Kind;

namespace {
PoolEvent ev(Kind kind, quint64 task = 0, qint64 pid = 0, int attempt = 1, quint64 batch = 1, int items = 1)
{
    PoolEvent e;
    e.kind = kind;
    e.taskId = task;
    e.batchId = batch;
    e.task = QStringLiteral("work");
    e.items = items;
    e.workerPid = pid;
    e.attempt = attempt;
    e.durationNs = 5000000; // 5 ms
    return e;
}
} // namespace

class TestPoolState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countersFollowTheLifecycle_data()
    {
        QTest::addColumn<QList<int>>("kinds"); // event kinds of task 1 on worker 100
        QTest::addColumn<int>("queued");
        QTest::addColumn<int>("running");
        QTest::addColumn<int>("finished");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("state");
        const int q = int(Kind::TaskQueued), s = int(Kind::TaskStarted), f = int(Kind::TaskFinished), x = int(Kind::TaskFailed);
        QTest::newRow("queued") << QList<int>{q} << 1 << 0 << 0 << 0 << int(TaskState::State::Queued);
        QTest::newRow("running") << QList<int>{q, s} << 0 << 1 << 0 << 0 << int(TaskState::State::Running);
        QTest::newRow("finished") << QList<int>{q, s, f} << 0 << 0 << 1 << 0 << int(TaskState::State::Finished);
        QTest::newRow("failed") << QList<int>{q, s, x} << 0 << 0 << 0 << 1 << int(TaskState::State::Failed);
        QTest::newRow("cancelled while queued") << QList<int>{q, x} << 0 << 0 << 0 << 1 << int(TaskState::State::Failed);
        QTest::newRow("duplicate end ignored") << QList<int>{q, s, f, f} << 0 << 0 << 1 << 0 << int(TaskState::State::Finished);
        QTest::newRow("seen mid-way (late attach)") << QList<int>{s, f} << 0 << 0 << 1 << 0 << int(TaskState::State::Finished);
    }
    void countersFollowTheLifecycle()
    {
        QFETCH(QList<int>, kinds);
        PoolState pool(1, QStringLiteral("p"), 2);
        pool.apply(ev(Kind::WorkerStarted, 0, 100), 1000);
        for (int kind : kinds)
            pool.apply(ev(Kind(kind), 1, 100), 2000);
        QTEST(pool.queuedTasks(), "queued");
        QTEST(pool.runningTasks(), "running");
        QTEST(int(pool.finishedTasks()), "finished");
        QTEST(int(pool.failedTasks()), "failed");
        QVERIFY(pool.task(1));
        QTEST(int(pool.task(1)->state), "state");
        const WorkerState *worker = pool.worker(100);
        QVERIFY(worker);
        QFETCH(int, running);
        QCOMPARE(worker->state, running ? WorkerState::State::Busy : WorkerState::State::Idle);
        QCOMPARE(pool.busyWorkers(), running);
    }

    void slurmJobWorkerPlacesAndTaskHosts()
    {
        PoolState pool(1, QStringLiteral("p"), 2);
        QVERIFY(!pool.isOnSlurm());
        PoolEvent job = ev(Kind::SlurmJob);
        job.slurmJobId = 812;
        job.slurmState = QStringLiteral("PENDING");
        job.message = QStringLiteral("Priority");
        pool.apply(job, 1);
        QVERIFY(pool.isOnSlurm());
        QCOMPARE(pool.slurmJob().jobId, 812);
        QCOMPARE(pool.slurmJob().reason, QStringLiteral("Priority"));
        job.slurmState = QStringLiteral("RUNNING");
        job.message.clear();
        pool.apply(job, 2);
        QCOMPARE(pool.slurmJob().state, QStringLiteral("RUNNING"));
        QCOMPARE(pool.slurmJob().reason, QString());

        pool.apply(ev(Kind::WorkerStarted, 0, 100), 3);
        PoolEvent placed = ev(Kind::WorkerPlaced, 0, 100);
        placed.host = QStringLiteral("node7");
        placed.slurmStep = QStringLiteral("812.0");
        pool.apply(placed, 4);
        QCOMPARE(pool.worker(100)->host, QStringLiteral("node7"));
        QCOMPARE(pool.worker(100)->slurmStep, QStringLiteral("812.0"));
        QVERIFY(pool.takeChanges().workers);

        // A task's node comes with its start (a worker's) or its end (a command's, from srun).
        pool.apply(ev(Kind::TaskQueued, 1), 5);
        PoolEvent started = ev(Kind::TaskStarted, 1, 100);
        started.host = QStringLiteral("node7");
        pool.apply(started, 6);
        QCOMPARE(pool.task(1)->host, QStringLiteral("node7"));
        pool.apply(ev(Kind::TaskFinished, 1, 100), 7);
        QCOMPARE(pool.task(1)->host, QStringLiteral("node7"));
        pool.apply(ev(Kind::TaskQueued, 2), 8);
        pool.apply(ev(Kind::TaskStarted, 2, 200), 9);
        PoolEvent ended = ev(Kind::TaskFinished, 2, 200);
        ended.host = QStringLiteral("node3");
        pool.apply(ended, 10);
        QCOMPARE(pool.task(2)->host, QStringLiteral("node3"));
    }

    void retryReopensAFailedTask()
    {
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::TaskQueued, 7), 1);
        pool.apply(ev(Kind::TaskStarted, 7, 100, 1), 2);
        pool.apply(ev(Kind::TaskFailed, 7, 100, 1), 3);
        QCOMPARE(pool.failedTasks(), 1);
        pool.apply(ev(Kind::TaskStarted, 7, 101, 2), 4); // retried on a new worker
        QCOMPARE(pool.failedTasks(), 0);
        QCOMPARE(pool.runningTasks(), 1);
        pool.apply(ev(Kind::TaskFinished, 7, 101, 2), 5);
        QCOMPARE(pool.finishedTasks(), 1);
        QCOMPARE(pool.failedTasks(), 0);
        QCOMPARE(pool.task(7)->attempt, 2);
        QCOMPARE(pool.task(7)->workerPid, qint64(101));
        const PoolState::Changes changes = pool.takeChanges();
        QCOMPARE(changes.ended.size(), 2); // both ends reach the history
        QCOMPARE(changes.ended.last().state, TaskState::State::Finished);
        QCOMPARE(changes.finishedBatches, QList<quint64>{1});
    }

    void commandsAreTheirOwnWorkers()
    {
        PoolState pool(1, QStringLiteral("p"), 2);
        PoolEvent started = ev(Kind::TaskStarted, 1, 555);
        started.isCommand = true;
        pool.apply(ev(Kind::TaskQueued, 1), 1);
        pool.apply(started, 2);
        QVERIFY(pool.worker(555));
        QVERIFY(pool.worker(555)->isCommand);
        PoolEvent output = ev(Kind::TaskOutput, 1, 555);
        output.message = QStringLiteral("hello\n");
        pool.apply(output, 3);
        QCOMPARE(pool.task(1)->outputText(), QStringLiteral("hello\n"));
        PoolEvent failed = ev(Kind::TaskFailed, 1, 555);
        failed.isCommand = true;
        failed.exitCode = 3;
        failed.message = QStringLiteral("exited with code 3");
        pool.apply(failed, 4);
        QVERIFY(!pool.worker(555)); // gone with its task
        QCOMPARE(pool.task(1)->exitCode, 3);
        QCOMPARE(pool.task(1)->message, QStringLiteral("exited with code 3"));
    }

    // A command a worker runs for its pool (RemoteCommand: qmp run --slurm, the studio's Slurm
    // batches) is shown as the command: its line, its arguments as a command's, and at its end
    // its worker's answer — output, exit code, node — deciding how it ended. The worker stays.
    void remoteCommandsShowAsCommands_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<bool>("started");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("reason");
        QTest::addColumn<int>("shownExit");
        using R = PoolEvent::Reason;
        using S = TaskState::State;
        QTest::newRow("succeeded") << 0 << false << true << int(S::Finished) << int(R::None) << 0;
        QTest::newRow("exit 3") << 3 << false << true << int(S::Failed) << int(R::CommandFailed) << 3;
        QTest::newRow("killed") << -9 << false << true << int(S::Failed) << int(R::CommandFailed) << -9;
        QTest::newRow("timed out") << -9 << true << true << int(S::TimedOut) << int(R::TimedOut) << -9;
        QTest::newRow("cannot start") << 0 << false << false << int(S::Failed) << int(R::CannotStart) << 127;
    }

    void remoteCommandsShowAsCommands()
    {
        QFETCH(int, exitCode);
        QFETCH(bool, timedOut);
        QFETCH(bool, started);
        QFETCH(int, state);
        QFETCH(int, reason);
        QFETCH(int, shownExit);
        qmp::Command command;
        command.program = QStringLiteral("/bin/sh");
        command.arguments = {QStringLiteral("-c"), QStringLiteral("echo it's {}")};
        command.workingDirectory = QStringLiteral("/data");
        const qmp::TaskCall call = qmp::RemoteCommand::call(command, std::chrono::milliseconds(2500));

        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::WorkerStarted, 0, 100), 0);
        PoolEvent queued = ev(Kind::TaskQueued, 1);
        queued.task = call.name;
        queued.arguments = call.args;
        pool.apply(queued, 1);
        const TaskState *task = pool.task(1);
        QVERIFY(task->isCommand);
        QCOMPARE(task->name, command.displayLine());
        QCOMPARE(pool.batches().first().title, command.displayLine());
        QCOMPARE(task->arguments, QCborValue(QCborArray{command.program, QCborArray::fromStringList(command.arguments),
                                                        command.workingDirectory, 2500, 0}));
        PoolEvent started_ = ev(Kind::TaskStarted, 1, 100);
        started_.task = call.name;
        pool.apply(started_, 2);
        QCOMPARE(pool.worker(100)->taskName, command.displayLine());

        qmp::CommandResult answer;
        answer.started = started;
        answer.error = started ? QString() : QStringLiteral("no such program");
        answer.exitCode = exitCode;
        answer.timedOut = timedOut;
        answer.host = QStringLiteral("node7");
        answer.durationNs = 42'000'000;
        answer.standardOutput = "out\n";
        answer.standardError = "err\n";
        PoolEvent finished = ev(Kind::TaskFinished, 1, 100);
        finished.task = call.name;
        finished.result = qmp::CborConvert<qmp::CommandResult>::toCbor(answer);
        pool.apply(finished, 3);
        QCOMPARE(int(task->state), state);
        QCOMPARE(int(task->reason), reason);
        QCOMPARE(task->exitCode, shownExit);
        QCOMPARE(task->host, QStringLiteral("node7"));
        QCOMPARE(task->durationNs, 42'000'000);
        QCOMPARE(task->outputText(1), QStringLiteral("out\n"));
        QCOMPARE(task->outputText(2), QStringLiteral("err\n"));
        QCOMPARE(task->stderrTail, QByteArray("err\n"));
        QVERIFY(!task->result.isMap()); // the answer is shown as what it says, not kept as a value
        QCOMPARE(task->message.isEmpty(), state == int(TaskState::State::Finished));
        QVERIFY(pool.worker(100)); // the worker is no command's process: it stays
        QCOMPARE(pool.worker(100)->state, WorkerState::State::Idle);
    }

    void outputKeepsTheTail()
    {
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::TaskQueued, 1), 1);
        PoolEvent output = ev(Kind::TaskOutput, 1);
        output.message = QString(TaskState::outputLimit, QLatin1Char('a'));
        pool.apply(output, 2);
        output.message = QStringLiteral("END");
        pool.apply(output, 3);
        QCOMPARE(pool.task(1)->outputText().size(), TaskState::outputLimit);
        QVERIFY(pool.task(1)->outputText().endsWith(QStringLiteral("aEND")));
    }

    void retentionForgetsOldestFinishedOnly_data()
    {
        QTest::addColumn<int>("kept");
        QTest::addColumn<int>("done");
        QTest::newRow("under the limit") << 10 << 5;
        QTest::newRow("over the limit") << 10 << 25;
        QTest::newRow("keep none") << 0 << 3;
    }
    void retentionForgetsOldestFinishedOnly()
    {
        QFETCH(int, kept);
        QFETCH(int, done);
        qmp::MonitorOptions options;
        options.keptFinishedTasks = kept;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        pool.apply(ev(Kind::TaskQueued, 1000), 0); // an old task that never ends stays
        for (int i = 1; i <= done; ++i) {
            pool.apply(ev(Kind::TaskQueued, quint64(i)), i);
            pool.apply(ev(Kind::TaskStarted, quint64(i), 100), i);
            pool.apply(ev(Kind::TaskFinished, quint64(i), 100), i);
        }
        QVERIFY(pool.task(1000));
        const int inMemory = std::min(kept, done);
        QCOMPARE(int(pool.taskOrder().size()), inMemory + 1);
        for (int i = done - inMemory + 1; i <= done; ++i)
            QVERIFY(pool.task(quint64(i)));
        QCOMPARE(int(pool.finishedTasks()), done); // counters keep everything
        const PoolState::Changes changes = pool.takeChanges();
        QCOMPARE(changes.removedTasks.size(), 0); // added and removed in one window: never seen
        QCOMPARE(changes.addedTasks.size(), inMemory + 1);
    }

    void removalsReportedAfterModelsSawTheRows()
    {
        qmp::MonitorOptions options;
        options.keptFinishedTasks = 2;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        for (quint64 i = 1; i <= 2; ++i) {
            pool.apply(ev(Kind::TaskQueued, i), 1);
            pool.apply(ev(Kind::TaskFinished, i), 1);
        }
        QCOMPARE(pool.takeChanges().addedTasks, (QList<quint64>{1, 2}));
        pool.apply(ev(Kind::TaskQueued, 3), 2);
        pool.apply(ev(Kind::TaskFinished, 3), 2);
        const PoolState::Changes changes = pool.takeChanges();
        QCOMPARE(changes.removedTasks, QList<quint64>{1});
        QCOMPARE(changes.addedTasks, QList<quint64>{3});
    }

    void workersExitAndOldOnesAreForgotten()
    {
        qmp::MonitorOptions options;
        options.keptExitedWorkers = 2;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        for (qint64 pid = 1; pid <= 5; ++pid) {
            pool.apply(ev(Kind::WorkerStarted, 0, pid), pid * 10);
            PoolEvent exited = ev(Kind::WorkerExited, 0, pid);
            exited.exitCode = -9;
            exited.message.clear();
            pool.apply(exited, pid * 10 + 1);
        }
        QCOMPARE(pool.workers().keys(), (QList<qint64>{4, 5}));
        QCOMPARE(pool.worker(5)->exitDescription, QStringLiteral("was killed by signal 9 (SIGKILL)"));
        QCOMPARE(pool.liveWorkers(), 0);
    }

    void seriesAndPercentiles()
    {
        PoolState pool(1, QStringLiteral("p"), 2);
        pool.tick(1000);
        for (quint64 i = 1; i <= 100; ++i) {
            PoolEvent finished = ev(Kind::TaskFinished, i, 0, 1, 1, 2); // 2 items per chunk
            finished.durationNs = qint64(i) * 2000000;                 // i ms per item
            pool.apply(ev(Kind::TaskQueued, i, 0, 1, 1, 2), 1000);
            pool.apply(finished, 1500);
        }
        pool.apply(ev(Kind::TaskQueued, 500, 0, 1, 1, 2), 1600);
        pool.tick(3000); // 200 items in 2 s
        QCOMPARE(pool.series(PoolState::Series::Throughput).last().value, 100.0);
        QCOMPARE(pool.series(PoolState::Series::QueueDepth).last().value, 2.0);
        QCOMPARE(pool.p50Ns(), qint64(50000000));
        QCOMPARE(pool.p95Ns(), qint64(95000000));
        QCOMPARE(pool.series(PoolState::Series::P95Ms).last().value, 95.0);
        // 1000, then (after a tick with no sample) the old values held at 2000, then 3000.
        QCOMPARE(pool.series(PoolState::Series::Throughput).size(), 3);
        QCOMPARE(pool.series(PoolState::Series::Throughput).at(1).timeMs, 2000);
        QCOMPARE(pool.series(PoolState::Series::Throughput).at(1).value, 0.0);
    }

    void stuckDetection_data()
    {
        QTest::addColumn<qint64>("limitMs");
        QTest::addColumn<qint64>("timeoutMs"); // the pool's task timeout
        QTest::addColumn<qint64>("noCpuMs");   // opted in per pool (0: off, the default)
        QTest::addColumn<int>("history");      // finished tasks of 10 ms per call each before
        QTest::addColumn<int>("items");        // calls in the running chunk
        QTest::addColumn<qint64>("runningMs");
        QTest::addColumn<double>("cpu");       // sampled CPU % of its worker (-1: none)
        QTest::addColumn<int>("kind");
        using K = qmp::StuckReason::Kind;
        QTest::newRow("fine") << qint64(0) << qint64(0) << qint64(0) << 0 << 1 << qint64(5000) << -1.0 << int(K::None);
        QTest::newRow("past the fixed limit") << qint64(1000) << qint64(0) << qint64(0) << 0 << 1 << qint64(1500) << 50.0
                                              << int(K::PastLimit);
        QTest::newRow("under the fixed limit") << qint64(2000) << qint64(0) << qint64(0) << 0 << 1 << qint64(1500) << 50.0
                                               << int(K::None);
        QTest::newRow("far beyond p95") << qint64(0) << qint64(0) << qint64(0) << 30 << 1 << qint64(12000) << 50.0
                                        << int(K::FarBeyondP95);
        QTest::newRow("beyond p95 but not for long") << qint64(0) << qint64(0) << qint64(0) << 30 << 1 << qint64(2500)
                                                     << 50.0 << int(K::None);
        QTest::newRow("too few for a p95") << qint64(0) << qint64(0) << qint64(0) << 10 << 1 << qint64(12000) << 50.0
                                           << int(K::None);
        // p95 is per call: 2000 calls of 10 ms take 20 s, which is not stuck.
        QTest::newRow("a big chunk is not beyond p95") << qint64(0) << qint64(0) << qint64(0) << 30 << 2000
                                                       << qint64(25000) << 50.0 << int(K::None);
        QTest::newRow("past its timeout: the kill did not take") << qint64(0) << qint64(3000) << qint64(0) << 0 << 1
                                                                 << qint64(9000) << 0.0 << int(K::PastTimeout);
        QTest::newRow("within its timeout") << qint64(0) << qint64(30000) << qint64(0) << 0 << 1 << qint64(9000) << 0.0
                                            << int(K::None);
        // A sleep, a download, a consumer waiting on a queue: no CPU, and not stuck.
        QTest::newRow("no CPU, rule off (default)") << qint64(0) << qint64(0) << qint64(0) << 0 << 1 << qint64(40000)
                                                    << 0.0 << int(K::None);
        QTest::newRow("no CPU, opted in") << qint64(0) << qint64(0) << qint64(30000) << 0 << 1 << qint64(40000) << 0.0
                                          << int(K::NoCpu);
        QTest::newRow("busy on CPU is not stuck") << qint64(0) << qint64(0) << qint64(30000) << 0 << 1 << qint64(40000)
                                                  << 90.0 << int(K::None);
    }
    void stuckDetection()
    {
        QFETCH(qint64, limitMs);
        QFETCH(qint64, timeoutMs);
        QFETCH(qint64, noCpuMs);
        QFETCH(int, history);
        QFETCH(int, items);
        QFETCH(qint64, runningMs);
        QFETCH(double, cpu);
        QFETCH(int, kind);
        qmp::MonitorOptions options;
        options.stuckAfterMs = limitMs;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        pool.setTaskTimeoutMs(timeoutMs);
        pool.setNoCpuStuckMs(noCpuMs);
        const qint64 t0 = 1000000;
        pool.apply(ev(Kind::WorkerStarted, 0, 100), t0);
        for (int i = 0; i < history; ++i) {
            PoolEvent done = ev(Kind::TaskFinished, quint64(1000 + i), 100);
            done.durationNs = 10000000;
            pool.apply(ev(Kind::TaskQueued, quint64(1000 + i)), t0);
            pool.apply(ev(Kind::TaskStarted, quint64(1000 + i), 100), t0);
            pool.apply(done, t0);
        }
        pool.apply(ev(Kind::TaskQueued, 1, 0, 1, 1, items), t0);
        pool.apply(ev(Kind::TaskStarted, 1, 100, 1, 1, items), t0);
        if (cpu >= 0)
            pool.applySample(100, cpu, 1 << 20, 1, 1, cpu > 0 ? t0 + runningMs : t0);
        pool.takeChanges();
        pool.tick(t0 + runningMs);
        QCOMPARE(int(pool.task(1)->stuck.kind), kind);
        QCOMPARE(int(pool.worker(100)->stuck.kind), kind);
        QCOMPARE(pool.stuckCount(), kind ? 1 : 0);
        const PoolState::Changes changes = pool.takeChanges();
        QCOMPARE(changes.newlyStuck.size(), kind ? 1 : 0);
        if (cpu > 0) // it works hard now: still stuck once flagged (no flicker), never newly
            pool.applySample(100, cpu, 1 << 20, 1, 1, t0 + runningMs + 1);
        pool.tick(t0 + runningMs + 1);
        QCOMPARE(pool.takeChanges().newlyStuck.size(), 0); // reported once
        QCOMPARE(int(pool.task(1)->stuck.kind), kind);
        pool.apply(ev(Kind::TaskFinished, 1, 100), t0 + runningMs + 2000);
        QCOMPARE(pool.stuckCount(), 0);
        QVERIFY(!pool.worker(100)->stuck.isStuck());
    }

    // Another program's pool: its own hub decides; this one only shows what it is told.
    void aMirroredPoolAppliesNoRuleOfItsOwn()
    {
        qmp::MonitorOptions options;
        options.stuckAfterMs = 1000;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        pool.setMirrored(true);
        pool.apply(ev(Kind::TaskQueued, 1), 0);
        pool.apply(ev(Kind::TaskStarted, 1, 100), 0);
        pool.tick(60000);
        QVERIFY(!pool.task(1)->stuck.isStuck());
        qmp::StuckReason told;
        told.kind = qmp::StuckReason::Kind::FarBeyondP95;
        told.runningMs = 30000;
        pool.setStuck(1, told);
        QCOMPARE(pool.task(1)->stuck, told);
        QCOMPARE(pool.stuckCount(), 1);
        QCOMPARE(pool.takeChanges().newlyStuck, QList<quint64>{1});
    }

    void batchesGetTitlesAndFinish()
    {
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.setBatchTitle(9, QStringLiteral("thumbnails")); // before its tasks arrive, as a launch does
        const quint64 id = pool.batchOfSubmission(9);
        QVERIFY(id != 0);
        pool.apply(ev(Kind::TaskQueued, 1, 0, 1, 9, 3), 1000);
        pool.apply(ev(Kind::TaskQueued, 2, 0, 1, 9, 2), 1001);
        QCOMPARE(pool.batch(id)->title, QStringLiteral("thumbnails"));
        QCOMPARE(pool.batch(id)->items, 5);
        QCOMPARE(pool.batch(id)->firstQueuedMs, 1000); // created when its first task was queued
        QCOMPARE(pool.task(1)->batchId, id);
        QCOMPARE(pool.task(1)->engineBatchId, quint64(9));
        pool.apply(ev(Kind::TaskStarted, 1, 100, 1, 9, 3), 1500);
        pool.apply(ev(Kind::TaskFinished, 1, 100, 1, 9, 3), 2000);
        QVERIFY(!pool.batch(id)->isDone());
        pool.apply(ev(Kind::TaskFailed, 2, 0, 1, 9, 2), 3000);
        QVERIFY(pool.batch(id)->isDone());
        QCOMPARE(pool.batch(id)->firstStartedMs, 1500);
        QCOMPARE(pool.batch(id)->lastEndedMs, 3000);
        QCOMPARE(pool.batch(id)->itemsDone, 5);
        QCOMPARE(pool.batch(id)->failed, 1);
        QCOMPARE(pool.takeChanges().finishedBatches, QList<quint64>{id});
    }

    // One apply / run() at a time: they gather in one open batch per pool, which ends with the
    // pool's work; maps are batches of their own. Ids come from the hub's source.
    void singleCallsShareOneBatch()
    {
        PoolState pool(1, QStringLiteral("p"), 2);
        quint64 next = 40;
        pool.setBatchIdSource([&next] { return next++; });
        for (quint64 i = 1; i <= 5; ++i) {
            PoolEvent queued = ev(Kind::TaskQueued, i, 0, 1, 100 + i); // each apply: a submission of its own
            queued.single = true;
            queued.task = i % 2 ? QStringLiteral("resize") : QStringLiteral("upload");
            pool.apply(queued, qint64(i));
        }
        pool.apply(ev(Kind::TaskQueued, 6, 0, 1, 200, 4), 6); // a map
        QCOMPARE(pool.batches().size(), 2);
        QCOMPARE(pool.task(1)->batchId, quint64(40));
        QCOMPARE(pool.task(5)->batchId, quint64(40));
        QCOMPARE(pool.task(6)->batchId, quint64(41));
        QVERIFY(pool.batch(40)->loose);
        QCOMPARE(pool.batch(40)->tasks, 5);
        QCOMPARE(pool.task(3)->index, qsizetype(2)); // its place among the single calls
        QCOMPARE(pool.batch(40)->title, QStringLiteral("resize, upload"));
        QCOMPARE(pool.takeChanges().addedBatches, (QList<quint64>{40, 41}));
        for (quint64 i = 1; i <= 5; ++i)
            pool.apply(ev(Kind::TaskFinished, i, 0, 1, 100 + i), 10);
        QVERIFY(!pool.batch(40)->isDone()); // open while the pool takes calls
        QVERIFY(pool.takeChanges().finishedBatches.isEmpty());
        pool.setLifecycle(PoolState::Lifecycle::Closed);
        QVERIFY(pool.batch(40)->isDone());
        QCOMPARE(pool.takeChanges().finishedBatches, QList<quint64>{40});
    }

    // Gone: the program exited or the pool was destroyed. Nothing it had not reported as ended
    // ever will be: those tasks end as lost, its workers as exited — no ghost stays busy.
    void goneEndsWhatWasUnfinished_data()
    {
        QTest::addColumn<int>("why");
        QTest::newRow("the program exited") << int(qmp::PoolEvent::Reason::ProgramExited);
        QTest::newRow("the pool was destroyed") << int(qmp::PoolEvent::Reason::PoolGone);
    }
    void goneEndsWhatWasUnfinished()
    {
        QFETCH(int, why);
        PoolState pool(1, QStringLiteral("p"), 2);
        pool.apply(ev(Kind::WorkerStarted, 0, 100), 1000);
        pool.apply(ev(Kind::WorkerStarted, 0, 101), 1000);
        pool.apply(ev(Kind::TaskQueued, 1), 1000);
        pool.apply(ev(Kind::TaskStarted, 1, 100), 2000);
        pool.apply(ev(Kind::TaskQueued, 2), 2000);
        pool.takeChanges();
        pool.setLifecycle(PoolState::Lifecycle::Gone, qmp::PoolEvent::Reason(why), 5000);
        QCOMPARE(pool.task(1)->state, TaskState::State::Lost);
        QCOMPARE(pool.task(2)->state, TaskState::State::Lost);
        QCOMPARE(int(pool.task(1)->reason), why);
        QCOMPARE(pool.task(1)->durationNs, qint64(3000) * 1'000'000);
        QCOMPARE(pool.runningTasks(), 0);
        QCOMPARE(pool.queuedTasks(), 0);
        QCOMPARE(pool.failedTasks(), 2);
        QCOMPARE(pool.busyWorkers(), 0);
        QCOMPARE(pool.liveWorkers(), 0);
        for (const WorkerState &worker : pool.workers()) {
            QCOMPARE(worker.state, WorkerState::State::Exited);
            QCOMPARE(int(worker.exitReason), why);
            QCOMPARE(worker.cpuPercent, -1.0); // no sample of another process's CPU
        }
        const PoolState::Changes changes = pool.takeChanges();
        QCOMPARE(changes.ended.size(), 2); // what the history records
        QCOMPARE(changes.finishedBatches, QList<quint64>{1});
        // Whatever arrives late changes nothing: gone is gone.
        pool.apply(ev(Kind::TaskStarted, 2, 101), 6000);
        pool.applySample(101, 80, 1 << 20, 1, 1, 6000);
        QCOMPARE(pool.task(2)->state, TaskState::State::Lost);
        QCOMPARE(pool.worker(101)->state, WorkerState::State::Exited);
        QCOMPARE(pool.worker(101)->cpuPercent, -1.0);
    }

    void reasonsGiveTheEndState_data()
    {
        using R = qmp::PoolEvent::Reason;
        QTest::addColumn<int>("reason");
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("failure");
        QTest::newRow("threw") << int(R::Error) << int(TaskState::State::Failed) << true;
        QTest::newRow("no reason (older program)") << int(R::None) << int(TaskState::State::Failed) << true;
        QTest::newRow("timed out") << int(R::TimedOut) << int(TaskState::State::TimedOut) << true;
        QTest::newRow("cancelled") << int(R::Cancelled) << int(TaskState::State::Cancelled) << false;
        QTest::newRow("cancelled queued") << int(R::CancelledQueued) << int(TaskState::State::Cancelled) << false;
        QTest::newRow("pool terminated") << int(R::PoolTerminated) << int(TaskState::State::Cancelled) << false;
        QTest::newRow("worker terminated") << int(R::WorkerTerminated) << int(TaskState::State::Failed) << true;
    }
    void reasonsGiveTheEndState()
    {
        QFETCH(int, reason);
        QFETCH(int, state);
        QFETCH(bool, failure);
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::TaskQueued, 1), 1);
        PoolEvent failed = ev(Kind::TaskFailed, 1);
        failed.reason = qmp::PoolEvent::Reason(reason);
        pool.apply(failed, 2);
        QCOMPARE(int(pool.task(1)->state), state);
        QCOMPARE(pool.failedTasks(), failure ? 1 : 0);
        QCOMPARE(pool.cancelledTasks(), failure ? 0 : 1);
        QCOMPARE(pool.batch(1)->failed, failure ? 1 : 0);
        QCOMPARE(pool.batch(1)->cancelled, failure ? 0 : 1);
    }

    void stderrIsKeptApart()
    {
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::TaskQueued, 1), 1);
        PoolEvent out = ev(Kind::TaskOutput, 1);
        out.channel = 1;
        out.message = QStringLiteral("a\n");
        pool.apply(out, 2);
        PoolEvent err = out;
        err.channel = 2;
        err.message = QStringLiteral("oops\n");
        pool.apply(err, 3);
        pool.apply(out, 4);
        QCOMPARE(pool.task(1)->output.size(), 3);
        QCOMPARE(pool.task(1)->outputText(), QStringLiteral("a\noops\na\n"));
        QCOMPARE(pool.task(1)->outputText(2), QStringLiteral("oops\n"));
        QCOMPARE(pool.task(1)->outputText(1), QStringLiteral("a\na\n"));
    }

    // A pool whose work is over costs its charts nothing: no samples while nothing changes.
    void seriesSampleOnlyWhatChanges()
    {
        qmp::MonitorOptions options;
        options.idleSampleMs = 10000;
        PoolState pool(1, QStringLiteral("p"), 1, options);
        pool.apply(ev(Kind::WorkerStarted, 0, 100), 0);
        pool.tick(1000);
        QCOMPARE(pool.series(PoolState::Series::QueueDepth).size(), 1);
        pool.takeChanges();
        for (qint64 t = 2000; t < 10000; t += 1000)
            pool.tick(t);
        QCOMPARE(pool.series(PoolState::Series::QueueDepth).size(), 1); // idle: nothing new
        QVERIFY(!pool.takeChanges().series);
        pool.tick(11000); // live workers: one sample every idleSampleMs
        QCOMPARE(pool.series(PoolState::Series::QueueDepth).size(), 2);
        PoolEvent exited = ev(Kind::WorkerExited, 0, 100);
        pool.apply(exited, 11500);
        pool.setLifecycle(PoolState::Lifecycle::Closed);
        pool.takeChanges();
        for (qint64 t = 12000; t < 60000; t += 1000)
            pool.tick(t);
        QCOMPARE(pool.series(PoolState::Series::QueueDepth).size(), 2); // over: none at all
        QVERIFY(pool.takeChanges().isEmpty());
    }

    void lifecycle()
    {
        PoolState pool(1, QStringLiteral("p"), 1);
        pool.apply(ev(Kind::Paused), 1);
        QCOMPARE(pool.lifecycle(), PoolState::Lifecycle::Paused);
        pool.apply(ev(Kind::Resumed), 2);
        QCOMPARE(pool.lifecycle(), PoolState::Lifecycle::Running);
        pool.setLifecycle(PoolState::Lifecycle::Closed);
        pool.apply(ev(Kind::Paused), 3);
        QCOMPARE(pool.lifecycle(), PoolState::Lifecycle::Closed);
        pool.setLifecycle(PoolState::Lifecycle::Gone);
        pool.setLifecycle(PoolState::Lifecycle::Running);
        QCOMPARE(pool.lifecycle(), PoolState::Lifecycle::Gone);
    }
};

QTEST_GUILESS_MAIN(TestPoolState)
#include "tst_poolstate.moc"
