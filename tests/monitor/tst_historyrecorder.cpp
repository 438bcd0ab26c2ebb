// HistoryRecorder: what the hub sees ends up in the history — a batch when it shows up and
// again, with its counts, when it finishes; every ended task with its state, worker, attempt,
// message and output; batches of two pools kept apart; an attached program's batches are its own.
#include "qmptempdirs.h"
#include "historyrecorder.h"
#include "historystore.h"
#include "monitorhub.h"
#include "monotonicclock.h"

#include <QDateTime>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>

#include <QTemporaryDir>
#include <QTest>

using qmp::HistoryRecorder;
using qmp::HistoryStore;
using qmp::MonitorHub;
using qmp::PoolEvent;
using qmp::TaskRecord;
using Kind = qmp::PoolEvent::Kind;

namespace {
PoolEvent makeEvent(Kind kind, quint64 taskId, quint64 batchId, qint64 pid = 0)
{
    PoolEvent e;
    e.kind = kind;
    e.timeNs = 1'000'000'000 + qint64(taskId) * 1000;
    e.taskId = taskId;
    e.batchId = batchId;
    e.index = qsizetype(taskId) - 1;
    e.task = QStringLiteral("square");
    e.items = 1;
    e.workerPid = pid;
    e.durationNs = 2'000'000;
    return e;
}

// The same for an event of an external command.
PoolEvent commandEvent(Kind kind, quint64 taskId, quint64 batchId, qint64 pid = 0)
{
    PoolEvent e = makeEvent(kind, taskId, batchId, pid);
    e.isCommand = true;
    return e;
}

qmp::MonitorOptions manual()
{
    qmp::MonitorOptions options;
    options.tickMs = 3'600'000;
    options.coalesceMs = 3'600'000;
    return options;
}
} // namespace

class TestHistoryRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesAndTasksReachTheHistory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int a = hub.addPool(QStringLiteral("alpha"), 2);
        const int b = hub.addPool(QStringLiteral("beta"), 1);

        hub.feed(a, {makeEvent(Kind::TaskQueued, 1, 7), makeEvent(Kind::TaskQueued, 2, 7), makeEvent(Kind::TaskStarted, 1, 7, 500)});
        hub.feed(b, {makeEvent(Kind::TaskQueued, 1, 7)}); // the same batch id in another pool
        hub.setBatchTitle(a, 7, QStringLiteral("squares"));
        hub.flush();
        QVERIFY(store.flush());
        const qint64 alphaBatch = qint64(hub.pool(a)->batchOfSubmission(7));
        const qint64 betaBatch = qint64(hub.pool(b)->batchOfSubmission(7));
        QVERIFY(alphaBatch > 0);
        QVERIFY(betaBatch > 0);
        QVERIFY(alphaBatch != betaBatch);
        QCOMPARE(hub.pool(a)->batchOfSubmission(99), quint64(0));
        // The dashboard's batch number is the history's.
        QCOMPARE(qint64(hub.pool(a)->task(1)->batchId), alphaBatch);
        auto started = store.batch(alphaBatch);
        QVERIFY(started);
        QCOMPARE(started->pool, QStringLiteral("alpha"));
        QVERIFY(!started->isFinished());

        PoolEvent failed = makeEvent(Kind::TaskFailed, 2, 7, 501);
        failed.message = QStringLiteral("worker 501 was killed by signal 9 (SIGKILL)");
        failed.exitCode = -9;
        hub.feed(a, {makeEvent(Kind::TaskFinished, 1, 7, 500), makeEvent(Kind::TaskStarted, 2, 7, 501), failed});
        hub.flush();
        QVERIFY(store.flush());
        auto done = store.batch(alphaBatch);
        QVERIFY(done);
        QVERIFY(done->isFinished());
        QCOMPARE(done->title, QStringLiteral("squares"));
        QCOMPARE(done->total, qint64(2));
        QCOMPARE(done->ok, qint64(1));
        QCOMPARE(done->failed, qint64(1));
        qmp::TaskQuery query;
        query.batchId = alphaBatch;
        const QList<TaskRecord> tasks = store.tasks(query, 10);
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks.at(0).seq, qint64(1));
        QCOMPARE(tasks.at(0).state, TaskRecord::State::Finished);
        QCOMPARE(tasks.at(0).workerPid, qint64(500));
        QCOMPARE(tasks.at(0).durationNs, qint64(2'000'000));
        QCOMPARE(tasks.at(1).state, TaskRecord::State::Failed);
        QCOMPARE(tasks.at(1).exitCode, -9);
        QCOMPARE(tasks.at(1).signal(), 9);
        QVERIFY(tasks.at(1).message.contains(QStringLiteral("SIGKILL")));
        // The other pool's batch is still open.
        QVERIFY(!store.batch(betaBatch)->isFinished());
    }

    void commandOutputIsKept()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("cmds"), 1);
        PoolEvent q = commandEvent(Kind::TaskQueued, 1, 1);
        q.task = QStringLiteral("echo hello");
        PoolEvent s = commandEvent(Kind::TaskStarted, 1, 1, 900);
        PoolEvent out = commandEvent(Kind::TaskOutput, 1, 1, 900);
        out.channel = 1;
        out.message = QStringLiteral("hello\n");
        PoolEvent f = commandEvent(Kind::TaskFinished, 1, 1, 900);
        hub.feed(id, {q, s, out, f});
        hub.flush();
        QVERIFY(store.flush());
        const QList<TaskRecord> tasks = store.tasks({}, 10);
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.at(0).kind, TaskRecord::Kind::Command);
        QCOMPARE(tasks.at(0).name, QStringLiteral("echo hello"));
        QCOMPARE(tasks.at(0).stdoutTail, QByteArray("hello\n"));
        QCOMPARE(tasks.at(0).stdoutBytes, qint64(6));
    }

    // Created is when the batch's first task was queued, started when the first one started,
    // finished when the last one ended — even when the batch was titled before its tasks came.
    void batchTimesAreWhenThingsHappened()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("p"), 1);
        hub.setBatchTitle(id, 3, QStringLiteral("three"));
        hub.flush();
        const qint64 now = qmp::monotonicNs();
        const auto at = [&](PoolEvent e, qint64 secondsAgo) {
            e.timeNs = now - secondsAgo * 1'000'000'000;
            return e;
        };
        hub.feed(id, {at(makeEvent(Kind::TaskQueued, 1, 3), 30), at(makeEvent(Kind::TaskQueued, 2, 3), 30),
                      at(makeEvent(Kind::TaskStarted, 1, 3, 500), 20), at(makeEvent(Kind::TaskFinished, 1, 3, 500), 15),
                      at(makeEvent(Kind::TaskStarted, 2, 3, 500), 15), at(makeEvent(Kind::TaskFinished, 2, 3, 500), 5)});
        hub.flush();
        QVERIFY(store.flush());
        const qint64 batchId = qint64(hub.pool(id)->batchOfSubmission(3));
        const std::optional<qmp::BatchRecord> batch = store.batch(batchId);
        QVERIFY(batch);
        QVERIFY(batch->isFinished());
        const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
        const auto near = [&](qint64 ms, qint64 secondsAgo) { return qAbs(ms - (wallNow - secondsAgo * 1000)) < 2000; };
        QVERIFY2(near(batch->createdMs, 30), qPrintable(QString::number(wallNow - batch->createdMs)));
        QVERIFY2(near(batch->startedMs, 20), qPrintable(QString::number(wallNow - batch->startedMs)));
        QVERIFY2(near(batch->finishedMs, 5), qPrintable(QString::number(wallNow - batch->finishedMs)));
        qmp::TaskQuery query;
        query.batchId = batchId;
        const QList<TaskRecord> tasks = store.tasks(query, 10);
        QCOMPARE(tasks.size(), 2);
        QVERIFY(near(tasks.at(1).queuedMs, 30));
        QVERIFY(near(tasks.at(1).startMs, 15));
        QVERIFY(near(tasks.at(1).endMs, 5));
        QVERIFY(batch->ownerPid == QCoreApplication::applicationPid());
        QVERIFY(!batch->isInterrupted());
    }

    // The program went away with a task running: the history does not keep it running forever.
    void lostTasksEndInTheHistory()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("attached"), 1);
        hub.feed(id, {makeEvent(Kind::WorkerStarted, 0, 0, 500), makeEvent(Kind::TaskQueued, 1, 4),
                      makeEvent(Kind::TaskStarted, 1, 4, 500)});
        hub.flush();
        hub.setLifecycle(id, qmp::PoolState::Lifecycle::Gone, PoolEvent::Reason::ProgramExited);
        hub.flush();
        QVERIFY(store.flush());
        const qint64 batchId = qint64(hub.pool(id)->batchOfSubmission(4));
        QVERIFY(store.batch(batchId)->isFinished());
        QCOMPARE(store.batch(batchId)->failed, qint64(1));
        const QList<TaskRecord> tasks = store.tasks({}, 10);
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.at(0).state, TaskRecord::State::Lost);
        QCOMPARE(tasks.at(0).reason, int(PoolEvent::Reason::ProgramExited));
    }

    // A command's end as the engine reports it reaches the history as qmp run records it (both
    // through FinishedJob): timed out as timed out with why; stdout and stderr apart, each with
    // its full size and its own end — a loud stderr does not push stdout out — and the command
    // as it ran (a shell line as its line), so it can run again exactly; the template with it.
    void aCommandIsRecordedAsItRan()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("cmds"), 1);
        const QString line = QStringLiteral("printf '%s\\n' 'x y' | tr a-z A-Z");
        PoolEvent q = commandEvent(Kind::TaskQueued, 1, 3);
        q.task = QStringLiteral("/bin/sh -c 'what the engine shows'");
        q.arguments = QCborArray{QStringLiteral("/bin/sh"), QCborArray{QStringLiteral("-c"), line}, QString(), 300, 0};
        PoolEvent s = commandEvent(Kind::TaskStarted, 1, 3, 900);
        PoolEvent out = commandEvent(Kind::TaskOutput, 1, 3, 900);
        out.channel = 1;
        out.message = QStringLiteral("X Y\n");
        PoolEvent err = out;
        err.channel = 2;
        err.message = QString(70'000, QLatin1Char('e'));
        PoolEvent f = commandEvent(Kind::TaskFailed, 1, 3, 900);
        f.exitCode = -15;
        f.reason = PoolEvent::Reason::TimedOut;
        f.reasonArgs = {300};
        f.message = QStringLiteral("timed out after 300 ms");
        hub.feed(id, {q, s, out, err, f});
        hub.setBatchTemplate(id, 3, QStringLiteral("printf '%s\\n' {} | tr a-z A-Z"), true);
        hub.flush();
        QVERIFY(store.flush());
        const QList<TaskRecord> tasks = store.tasks({}, 10);
        QCOMPARE(tasks.size(), 1);
        const TaskRecord &t = tasks.at(0);
        QCOMPARE(t.state, TaskRecord::State::TimedOut);
        QCOMPARE(t.exitCode, -15);
        QCOMPARE(t.reason, int(PoolEvent::Reason::TimedOut));
        QCOMPARE(t.message, QStringLiteral("timed out after 300 ms"));
        QCOMPARE(t.stdoutTail, QByteArray("X Y\n"));
        QCOMPARE(t.stdoutBytes, qint64(4));
        QCOMPARE(t.stderrTail, QByteArray(TaskRecord::kTailBytes, 'e'));
        QCOMPARE(t.stderrBytes, qint64(70'000));
        QCOMPARE(t.name, line);
        QVERIFY(t.shell);
        QCOMPARE(t.argv, QStringList{line});
        const auto batch = store.batch(t.batchId);
        QVERIFY(batch);
        QCOMPARE(batch->commandTemplate, QStringLiteral("printf '%s\\n' {} | tr a-z A-Z"));
        QVERIFY(batch->shell);
    }

    // A command retried after a failed attempt: each end is recorded, the retry's with its own
    // attempt's output only, as qmp run records a job (the dashboard still shows every attempt's).
    void aRetriedCommandKeepsItsLastAttemptsOutput()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("cmds"), 1);
        auto command = [](Kind kind, int attempt) {
            PoolEvent e = commandEvent(kind, 1, 1, 900 + attempt);
            e.attempt = attempt;
            return e;
        };
        PoolEvent q = command(Kind::TaskQueued, 1);
        q.arguments = QCborArray{QStringLiteral("flaky"), QCborArray{QStringLiteral("my file")}, QString(), 0, 1};
        PoolEvent first = command(Kind::TaskOutput, 1);
        first.message = QStringLiteral("first try\n");
        PoolEvent failed = command(Kind::TaskFailed, 1);
        failed.exitCode = 1;
        failed.reason = PoolEvent::Reason::CommandFailed;
        PoolEvent second = command(Kind::TaskOutput, 2);
        second.message = QStringLiteral("second try\n");
        hub.feed(id, {q, command(Kind::TaskStarted, 1), first, failed, command(Kind::TaskStarted, 2), second,
                      command(Kind::TaskFinished, 2)});
        hub.flush();
        QVERIFY(store.flush());
        QList<TaskRecord> tasks = store.tasks({}, 10);
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks.at(0).attempts, 1);
        QCOMPARE(tasks.at(0).stdoutTail, QByteArray("first try\n"));
        const TaskRecord last = tasks.at(1);
        QCOMPARE(last.state, TaskRecord::State::Finished);
        QCOMPARE(last.attempts, 2);
        QCOMPARE(last.stdoutTail, QByteArray("second try\n"));
        QCOMPARE(last.stdoutBytes, qint64(11));
        QCOMPARE(last.name, QStringLiteral("flaky 'my file'"));
        QVERIFY(!last.shell);
        QCOMPARE(last.argv, (QStringList{QStringLiteral("flaky"), QStringLiteral("my file")}));
        QVERIFY(hub.pool(id)->task(1)->outputText().contains(QLatin1String("first try"))); // still shown
    }

    // A batch titled before its first task (a launch, an attached program's snapshot) is not in
    // the history until a task of it arrives: an empty batch is never recorded.
    void aBatchWithoutTasksIsNotRecorded()
    {
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("p"), 1);
        hub.setBatchTitle(id, 9, QStringLiteral("squares"));
        hub.setBatchTitle(id, 10, QStringLiteral("never ran"));
        hub.flush();
        QVERIFY(store.flush());
        QCOMPARE(store.countBatches(), qint64(0));
        hub.feed(id, {makeEvent(Kind::TaskQueued, 1, 9)});
        hub.flush();
        QVERIFY(store.flush());
        QCOMPARE(store.countBatches(), qint64(1));
        const std::optional<qmp::BatchRecord> batch = store.batch(qint64(hub.pool(id)->batchOfSubmission(9)));
        QVERIFY(batch);
        QCOMPARE(batch->title, QStringLiteral("squares"));
        QCOMPARE(batch->total, qint64(1));
        QVERIFY(!batch->isFinished());
        // The pool goes: the empty one is not recorded as finished either.
        hub.setLifecycle(id, qmp::PoolState::Lifecycle::Gone);
        hub.flush();
        QVERIFY(store.flush());
        QCOMPARE(store.countBatches(), qint64(1));
    }

    // A mirrored pool's batches are its program's: running while that program runs, even once we
    // stop following it (release: nothing of it ends here), interrupted only when it is gone.
    void aMirroredPoolsBatchBelongsToItsProgram()
    {
        QProcess program; // stands for the attached program
        program.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(program.waitForStarted(10000));
        QTemporaryDir dir;
        HistoryStore store(dir.filePath(QStringLiteral("h.sqlite")));
        MonitorHub hub(manual());
        HistoryRecorder recorder(&hub, &store);
        const int id = hub.addPool(QStringLiteral("attached"), 1);
        hub.setMirrored(id, program.processId());
        hub.feed(id, {makeEvent(Kind::WorkerStarted, 0, 0, 500), makeEvent(Kind::TaskQueued, 1, 4),
                      makeEvent(Kind::TaskQueued, 2, 4), makeEvent(Kind::TaskStarted, 1, 4, 500)});
        hub.flush();
        const qint64 batchId = qint64(hub.pool(id)->batchOfSubmission(4));
        hub.feed(id, {makeEvent(Kind::TaskFinished, 1, 4, 500)}); // not flushed yet: release delivers it
        QSignalSpy removed(&hub, &MonitorHub::poolRemoved);
        hub.release(id);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!hub.pool(id));
        QVERIFY(store.flush());
        std::optional<qmp::BatchRecord> batch = store.batch(batchId);
        QVERIFY(batch);
        QCOMPARE(batch->ownerPid, program.processId());
        QVERIFY(!batch->isFinished());
        QVERIFY(!batch->isInterrupted());
        QCOMPARE(batch->ok, qint64(1));
        QCOMPARE(batch->failed, qint64(0));
        const QList<TaskRecord> tasks = store.tasks({}, 10);
        QCOMPARE(tasks.size(), 1); // the one that finished; the other is neither lost nor ended
        QCOMPARE(tasks.at(0).state, TaskRecord::State::Finished);
        program.kill();
        QVERIFY(program.waitForFinished(10000));
        QVERIFY(store.batch(batchId)->isInterrupted());
    }

    // Two programs on one history (qmp run beside the studio): batch ids never collide.
    void twoStoresOnOneFileHandOutDistinctIds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.sqlite"));
        HistoryStore first(path);
        HistoryStore second(path);
        QSet<qint64> ids;
        for (int i = 0; i < 20; ++i) {
            ids.insert(first.newBatchId());
            ids.insert(second.newBatchId());
        }
        QCOMPARE(ids.size(), 40);
    }
};

QMP_GUILESS_TEST_MAIN(TestHistoryRecorder)
#include "tst_historyrecorder.moc"
