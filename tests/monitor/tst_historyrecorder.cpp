// HistoryRecorder: what the hub sees ends up in the history — a batch when it shows up and
// again, with its counts, when it finishes; every ended task with its state, worker, attempt,
// message and output; batches of two pools kept apart.
#include "historyrecorder.h"
#include "historystore.h"
#include "monitorhub.h"

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
private slots:
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
        const qint64 alphaBatch = recorder.historyBatchId(a, 7);
        const qint64 betaBatch = recorder.historyBatchId(b, 7);
        QVERIFY(alphaBatch > 0);
        QVERIFY(betaBatch > 0);
        QVERIFY(alphaBatch != betaBatch);
        QCOMPARE(recorder.historyBatchId(a, 99), qint64(0));
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
        PoolEvent q = makeEvent(Kind::TaskQueued, 1, 1);
        q.isCommand = true;
        q.task = QStringLiteral("echo hello");
        PoolEvent s = makeEvent(Kind::TaskStarted, 1, 1, 900);
        s.isCommand = true;
        PoolEvent out = makeEvent(Kind::TaskOutput, 1, 1, 900);
        out.isCommand = true;
        out.channel = 1;
        out.message = QStringLiteral("hello\n");
        PoolEvent f = makeEvent(Kind::TaskFinished, 1, 1, 900);
        f.isCommand = true;
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
};

QTEST_GUILESS_MAIN(TestHistoryRecorder)
#include "tst_historyrecorder.moc"
