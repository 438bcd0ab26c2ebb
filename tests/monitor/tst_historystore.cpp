// HistoryStore: records survive a reopen, 10 000 round-trip field by field, every filter, paging,
// two threads recording at once, and bad files (garbage, locked, unusable folder) moved aside or
// reported — never a crash.
#include "errors.h"
#include "historystore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

#include <unistd.h>

using qmp::BatchRecord;
using qmp::HistoryStore;
using qmp::TaskQuery;
using qmp::TaskRecord;
using State = qmp::TaskRecord::State;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000; // a start time, ms since the epoch

// Task i of a generated history: every field differs from task to task.
TaskRecord makeTask(int i, qint64 batchId)
{
    TaskRecord t;
    t.batchId = batchId;
    t.seq = i + 1;
    t.kind = i % 2 ? TaskRecord::Kind::Command : TaskRecord::Kind::Task;
    t.name = i % 2 ? QStringLiteral("convert 'in %1.png' out%1.jpg").arg(i) : QStringLiteral("square");
    t.state = State(i % 4);
    t.host = i % 5 == 0 ? QStringLiteral("node-%1").arg(i % 3) : QString();
    t.workerPid = 1000 + i % 7;
    t.exitCode = t.state == State::Finished ? 0 : (i % 3 ? i % 256 : -9);
    t.startMs = kT0 + i * 10;
    t.durationNs = qint64(i) * 1'000'003;
    t.attempts = 1 + i % 3;
    t.message = t.state == State::Failed ? QStringLiteral("ValueError: bad input %1 — 失败").arg(i) : QString();
    t.inputBytes = i % 11;
    t.stdoutBytes = i * 3;
    t.stderrBytes = i % 13;
    t.stdoutTail = i % 3 == 0 ? QByteArray("line\n").repeated(i % 9) : QByteArray();
    t.stderrTail = i % 4 == 1 ? QByteArray("\x00\xff err", 6) : QByteArray();
    return t;
}

// The records as read back, with the ids the store gave them cleared, for comparison.
QList<TaskRecord> withoutIds(QList<TaskRecord> tasks)
{
    for (TaskRecord &t : tasks)
        t.id = 0;
    return tasks;
}

// Every task matching query, read page by page.
QList<TaskRecord> allTasks(const HistoryStore &store, TaskQuery query, int page = 333)
{
    QList<TaskRecord> out;
    for (;;) {
        const QList<TaskRecord> got = store.tasks(query, page);
        out += got;
        if (got.size() < page)
            return out;
        query.afterId = got.last().id;
    }
}

TaskQuery query(qint64 batchId, const QList<State> &states = {}, qint64 fromMs = 0, qint64 toMs = 0,
                qint64 afterId = 0)
{
    TaskQuery q;
    q.batchId = batchId;
    q.states = states;
    q.fromMs = fromMs;
    q.toMs = toMs;
    q.afterId = afterId;
    return q;
}

QString historyIn(const QTemporaryDir &dir)
{
    return dir.filePath(QStringLiteral("history.sqlite"));
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private slots:
    // qmp run and qmp-studio see each other's runs: one default file, whatever the program's name.
    void oneDefaultHistoryForEveryProgram()
    {
        const QString organization = QCoreApplication::organizationName();
        const QString application = QCoreApplication::applicationName();
        QCoreApplication::setOrganizationName(QString());
        QCoreApplication::setApplicationName(QStringLiteral("qmp"));
        const QString cli = HistoryStore::defaultPath();
        QCoreApplication::setOrganizationName(QStringLiteral("QMP"));
        QCoreApplication::setApplicationName(QStringLiteral("qmp-studio"));
        const QString studio = HistoryStore::defaultPath();
        QCoreApplication::setOrganizationName(organization);
        QCoreApplication::setApplicationName(application);
        QCOMPARE(studio, cli);
        QVERIFY2(cli.endsWith(QStringLiteral("/qmp/history.sqlite")), qPrintable(cli));
        qputenv("QMP_HISTORY", "/tmp/elsewhere.sqlite");
        QCOMPARE(HistoryStore::pathFromEnvironment(), QStringLiteral("/tmp/elsewhere.sqlite"));
        qunsetenv("QMP_HISTORY");
        QCOMPARE(HistoryStore::pathFromEnvironment(), cli);
    }

    void reopenKeepsEverything()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QList<TaskRecord> tasks;
        BatchRecord batch;
        {
            HistoryStore store(historyIn(dir));
            QVERIFY2(store.isOpen() && store.errorString().isEmpty(), qPrintable(store.errorString()));
            QCOMPARE(store.path(), historyIn(dir));
            batch = {store.newBatchId(), QStringLiteral("pool-1"), QStringLiteral("gzip {}"), kT0, 0, 50, 0, 0};
            QCOMPARE(batch.id, qint64(1));
            store.record(batch);
            for (int i = 0; i < 50; ++i) {
                tasks.append(makeTask(i, batch.id));
                store.record(tasks.last());
            }
            batch.finishedMs = kT0 + 999;
            batch.ok = 13;
            batch.failed = 37;
            store.record(batch); // the same batch again, finished: replaces the first record
            // no flush: the destructor writes everything
        }
        HistoryStore store(historyIn(dir));
        QVERIFY2(store.errorString().isEmpty(), qPrintable(store.errorString()));
        QCOMPARE(withoutIds(allTasks(store, {})), tasks);
        QCOMPARE(store.countBatches(), qint64(1));
        QCOMPARE(store.batch(batch.id), std::optional<BatchRecord>(batch));
        QCOMPARE(store.newBatchId(), batch.id + 1); // ids continue after the ones in the file
    }

    void tenThousandRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        QList<TaskRecord> tasks;
        for (int i = 0; i < 10000; ++i) {
            tasks.append(makeTask(i, 1 + i / 1000));
            store.record(tasks.last());
        }
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(), qint64(10000));
        const QList<TaskRecord> back = allTasks(store, {});
        QCOMPARE(back.size(), 10000);
        for (int i = 0; i < back.size(); ++i) {
            QVERIFY(back[i].id > (i ? back[i - 1].id : 0));
            TaskRecord t = back[i];
            t.id = 0;
            if (!(t == tasks[i]))
                QFAIL(qPrintable(QStringLiteral("task %1 differs after the round trip").arg(i)));
        }
        QCOMPARE(store.droppedRecords(), quint64(0));
    }

    void filters_data()
    {
        QTest::addColumn<TaskQuery>("filter");
        QTest::newRow("everything") << TaskQuery{};
        QTest::newRow("one batch") << query(2);
        QTest::newRow("missing batch") << query(99);
        QTest::newRow("failed") << query(0, {State::Failed});
        QTest::newRow("timed out or cancelled") << query(0, {State::TimedOut, State::Cancelled});
        QTest::newRow("batch and state") << query(3, {State::Finished});
        QTest::newRow("from") << query(0, {}, kT0 + 2500);
        QTest::newRow("until") << query(0, {}, 0, kT0 + 700);
        QTest::newRow("time window in a batch") << query(2, {}, kT0 + 1200, kT0 + 1500);
        QTest::newRow("after id") << query(0, {}, 0, 0, 777);
        QTest::newRow("all together") << query(1, {State::Failed, State::Finished}, kT0 + 10, kT0 + 9000, 5);
    }
    void filters()
    {
        QFETCH(TaskQuery, filter);
        const TaskQuery &query = filter;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        QList<TaskRecord> expected;
        for (int i = 0; i < 1000; ++i) {
            const TaskRecord t = makeTask(i, 1 + i % 3);
            store.record(t);
            const qint64 id = i + 1; // ids are given in recording order from 1
            if ((query.batchId == 0 || t.batchId == query.batchId)
                && (query.states.isEmpty() || query.states.contains(t.state))
                && (query.fromMs == 0 || t.startMs >= query.fromMs) && (query.toMs == 0 || t.startMs < query.toMs)
                && id > query.afterId)
                expected.append(t);
        }
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(query), qint64(expected.size()));
        QCOMPARE(withoutIds(allTasks(store, query, 64)), expected);
    }

    void batchesNewestFirstInPages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        for (int i = 0; i < 25; ++i)
            store.record(BatchRecord{store.newBatchId(), QStringLiteral("p"), QStringLiteral("b%1").arg(i), kT0 + i, 0, 0, 0, 0});
        QVERIFY(store.flush());
        QCOMPARE(store.countBatches(), qint64(25));
        const QList<BatchRecord> first = store.batches(10);
        QCOMPARE(first.size(), 10);
        QCOMPARE(first.first().id, qint64(25));
        QCOMPARE(first.first().title, QStringLiteral("b24"));
        QVERIFY(!first.first().isFinished());
        const QList<BatchRecord> rest = store.batches(100, first.last().id);
        QCOMPARE(rest.size(), 15);
        QCOMPARE(rest.first().id, qint64(15));
        QCOMPARE(rest.last().id, qint64(1));
        QVERIFY(!store.batch(26).has_value());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, store.batches(0));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, store.tasks({}, 0));
    }

    void outputTailsAreBounded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        TaskRecord t = makeTask(1, 1);
        QByteArray out;
        for (int i = 0; i < 2000; ++i)
            out += QByteArray::number(i) + '\n';
        t.stdoutTail = out;
        t.stdoutBytes = out.size();
        store.record(t);
        QVERIFY(store.flush());
        const TaskRecord back = store.tasks({}, 1).value(0);
        QCOMPARE(back.stdoutTail, out.right(TaskRecord::kTailBytes));
        QCOMPARE(back.stdoutBytes, qint64(out.size()));
    }

    void writesInRoundsWithoutFlush()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        QSignalSpy spy(&store, &HistoryStore::written);
        for (int i = 0; i < 2500; ++i)
            store.record(makeTask(i, 1));
        QTRY_VERIFY(([&] {
                         int sum = 0;
                         for (const QList<QVariant> &args : spy)
                             sum += args.at(1).toInt();
                         return sum;
                     }()) == 2500); // in one round or more, without a flush
        QCOMPARE(store.countTasks(), qint64(2500));
    }

    void concurrentRecordFromTwoThreads()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        constexpr int kEach = 5000;
        auto producer = [&store](qint64 *batchId) {
            *batchId = store.newBatchId();
            for (int i = 0; i < kEach; ++i)
                store.record(makeTask(i, *batchId));
        };
        qint64 a = 0;
        qint64 b = 0;
        std::thread first(producer, &a);
        std::thread second(producer, &b);
        first.join();
        second.join();
        QVERIFY(a != b);
        QVERIFY(store.flush());
        for (const qint64 batch : {a, b}) {
            QList<TaskRecord> got = allTasks(store, query(batch));
            QCOMPARE(got.size(), kEach);
            std::sort(got.begin(), got.end(), [](const auto &x, const auto &y) { return x.seq < y.seq; });
            for (int i = 0; i < kEach; ++i)
                QCOMPARE(got[i].seq, qint64(i + 1)); // each once
        }
    }

    void queriesStayOnOneThread()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        QCOMPARE(store.countTasks(), qint64(0));
        bool threw = false;
        std::thread other([&] {
            try {
                store.countTasks();
            } catch (const qmp::ValueError &) {
                threw = true;
            }
        });
        other.join();
        QVERIFY(threw);
    }

    void aBadFileIsMovedAsideAndAFreshOneStarted_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("random bytes") << QByteArray("\x13\x37garbage\x00\xff", 11).repeated(500);
        QTest::newRow("text") << QByteArray("this is not a database\n");
        QTest::newRow("sqlite header then garbage") << QByteArray("SQLite format 3\0", 16) + QByteArray(4000, '\x5a');
    }
    void aBadFileIsMovedAsideAndAFreshOneStarted()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        HistoryStore store(path);
        QVERIFY(store.isOpen());
        QCOMPARE(store.path(), path);
        QVERIFY2(store.errorString().contains(path) && store.errorString().contains(store.movedAsidePath()),
                 qPrintable(store.errorString()));
        QVERIFY(store.movedAsidePath().startsWith(path + QStringLiteral(".damaged-")));
        QFile aside(store.movedAsidePath());
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), content); // kept as it was
        store.record(makeTask(1, 1));
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(), qint64(1));
    }

    void aLockedFileIsMovedAside()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        {
            HistoryStore earlier(path);
            earlier.record(makeTask(1, 1));
        }
        {
            // Another program holds the file's write lock and does not let go.
            QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            holder.setDatabaseName(path);
            QVERIFY(holder.open());
            QSqlQuery lock(holder);
            QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            HistoryStore store(path);
            QVERIFY(store.isOpen());
            QVERIFY(store.movedAsidePath().startsWith(path + QStringLiteral(".locked-")));
            QVERIFY2(store.errorString().contains(QStringLiteral("locked")), qPrintable(store.errorString()));
            QCOMPARE(store.countTasks(), qint64(0));
            store.record(makeTask(2, 1));
            QVERIFY(store.flush());
            QCOMPARE(store.countTasks(), qint64(1));
            lock.exec(QStringLiteral("ROLLBACK"));
            lock = QSqlQuery();
            holder.close();
            holder = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("holder"));
            // The old file is intact, with its task, under its new name.
            HistoryStore old(store.movedAsidePath());
            QVERIFY2(old.errorString().isEmpty(), qPrintable(old.errorString()));
            QCOMPARE(old.countTasks(), qint64(1));
        }
    }

    void noUsableFolderIsReportedNotFatal()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString blocker = dir.filePath(QStringLiteral("a-file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        HistoryStore store(blocker + QStringLiteral("/history.sqlite")); // a folder that is a file
        QVERIFY(!store.isOpen());
        QVERIFY2(store.errorString().contains(blocker), qPrintable(store.errorString()));
        store.record(makeTask(1, 1));
        store.record(BatchRecord{store.newBatchId(), {}, {}, 0, 0, 0, 0, 0});
        QVERIFY(!store.flush());
        QCOMPARE(store.droppedRecords(), quint64(2));
        QCOMPARE(store.countTasks(), qint64(0));
        QVERIFY(store.tasks({}, 10).isEmpty());
        QVERIFY(store.batches(10).isEmpty());
    }

    void aReadOnlyFileIsMovedAside()
    {
        if (::geteuid() == 0)
            QSKIP("root writes to read-only files: this case needs an ordinary user");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        {
            HistoryStore earlier(path);
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
        HistoryStore store(path);
        QVERIFY(store.isOpen());
        QVERIFY2(!store.movedAsidePath().isEmpty(), qPrintable(store.errorString()));
        store.record(makeTask(1, 1));
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
