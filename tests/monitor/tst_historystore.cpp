// HistoryStore: records survive a reopen, 10 000 round-trip field by field, every filter, paging,
// two threads recording at once; only a damaged file is moved aside, every other bad file (locked,
// newer, another application's, a directory, another user's, an unusable folder) is left as it is
// and reported — never a crash; read-only mode changes nothing.
#include "qmptempdirs.h"
#include "errors.h"
#include "historydatabase.h"
#include "historystore.h"
#include "otheruser.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <memory>
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
    if (t.kind == TaskRecord::Kind::Command) // as it ran: a shell line, or words with spaces
        t.setCommand(i % 4 == 3 ? qmp::Command{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("a %1 | b").arg(i)}, {}, {}}
                                : qmp::Command{QStringLiteral("convert"), {QStringLiteral("in %1.png").arg(i), QStringLiteral("out%1.jpg").arg(i)}, {}, {}});
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

QStringList filesIn(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

// filesIn() without SQLite's WAL companions (-wal, -shm), which a read-only connection to a
// WAL file makes (when the folder allows) and cannot remove; the database itself is unchanged.
QStringList filesWithoutCompanions(const QTemporaryDir &dir)
{
    QStringList files = filesIn(dir);
    files.removeIf([](const QString &name) { return name.endsWith(QLatin1String("-wal")) || name.endsWith(QLatin1String("-shm")); });
    return files;
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(cannot be read)");
}

// Runs statements on path through a connection of its own, as another program would.
bool execRaw(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-%1").arg(quintptr(&statements));
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &sql : statements) {
            QSqlQuery query(db);
            ok = ok && query.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Another program holding a history's write lock (BEGIN EXCLUSIVE) on its own connection, on the
// thread that made it.
class LockHolder
{
public:
    explicit LockHolder(const QString &path)
        : m_name(QStringLiteral("holder-%1").arg(quintptr(this)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
    }
    ~LockHolder()
    {
        unlock();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool lock()
    {
        if (!m_db.open())
            return false;
        QSqlQuery query(m_db);
        m_locked = query.exec(QStringLiteral("BEGIN EXCLUSIVE"));
        m_error = query.lastError().text();
        return m_locked;
    }
    void unlock()
    {
        if (m_locked)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        m_locked = false;
    }
    QString error() const { return m_error.isEmpty() ? m_db.lastError().text() : m_error; }

private:
    QString m_name;
    QSqlDatabase m_db;
    bool m_locked = false;
    QString m_error;
};

// A history exactly as QMP wrote it with schema 2 (before commands were kept as they ran): its
// tables, one batch of two commands (one a shell line: `a x | b`) and their tasks.
QStringList schema2History()
{
    return {
        QStringLiteral("CREATE TABLE batches (id INTEGER PRIMARY KEY, pool TEXT, title TEXT, created_ms INTEGER NOT NULL DEFAULT 0,"
                       " finished_ms INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,"
                       " ok INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,"
                       " started_ms INTEGER NOT NULL DEFAULT 0, cancelled INTEGER NOT NULL DEFAULT 0,"
                       " owner_pid INTEGER NOT NULL DEFAULT 0, owner_start INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE tasks (id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                       " kind INTEGER NOT NULL, name TEXT, state INTEGER NOT NULL, host TEXT,"
                       " worker_pid INTEGER NOT NULL DEFAULT 0, exit_code INTEGER NOT NULL DEFAULT 0,"
                       " start_ms INTEGER NOT NULL DEFAULT 0, duration_ns INTEGER NOT NULL DEFAULT 0,"
                       " attempts INTEGER NOT NULL DEFAULT 1, message TEXT, input_bytes INTEGER NOT NULL DEFAULT 0,"
                       " stdout_bytes INTEGER NOT NULL DEFAULT 0, stderr_bytes INTEGER NOT NULL DEFAULT 0,"
                       " stdout_tail BLOB, stderr_tail BLOB, queued_ms INTEGER NOT NULL DEFAULT 0,"
                       " end_ms INTEGER NOT NULL DEFAULT 0, reason INTEGER NOT NULL DEFAULT 0, reason_args BLOB,"
                       " arguments TEXT, result TEXT)"),
        QStringLiteral("CREATE INDEX tasks_by_batch ON tasks (batch_id, id)"),
        QStringLiteral("CREATE INDEX tasks_by_state ON tasks (state, id)"),
        QStringLiteral("CREATE INDEX tasks_by_start ON tasks (start_ms)"),
        QStringLiteral("INSERT INTO batches VALUES (7, 'qmp run', 'a {} | b', %1, %2, 2, 1, 1, %1, 0, 0, 0)").arg(kT0).arg(kT0 + 900),
        QStringLiteral("INSERT INTO tasks (batch_id, seq, kind, name, state, exit_code, start_ms, duration_ns, stdout_bytes,"
                       " stdout_tail, queued_ms, end_ms) VALUES (7, 1, 1, 'a x | b', 0, 0, %1, 5000, 3, X'6f6b0a', %1, %2)")
            .arg(kT0).arg(kT0 + 400),
        QStringLiteral("INSERT INTO tasks (batch_id, seq, kind, name, state, exit_code, start_ms, message)"
                       " VALUES (7, 2, 1, 'a y | b', 1, 2, %1, 'exited with code 2')").arg(kT0 + 500),
        QStringLiteral("PRAGMA user_version = 2"),
        QStringLiteral("PRAGMA application_id = %1").arg(qmp::HistoryDatabase::kApplicationId),
    };
}

// PRAGMA user_version of path, read through a connection of its own.
int userVersion(const QString &path)
{
    const QString name = QStringLiteral("version-%1").arg(quintptr(&path));
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery query(db);
        if (db.open() && query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
            version = query.value(0).toInt();
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    // A batch with no task is not a batch to list: an id taken and not recorded yet (or never),
    // or an empty batch an older QMP recorded.
    void emptyBatchesAreNotListed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        const qint64 reserved = store.newBatchId();
        const qint64 empty = store.newBatchId();
        store.record(BatchRecord{empty, QStringLiteral("p"), QStringLiteral("consume"), kT0, 0, 0, 0, 0});
        const qint64 real = store.newBatchId();
        store.record(BatchRecord{real, QStringLiteral("p"), QStringLiteral("consume"), kT0, 0, 3, 0, 0});
        QVERIFY(store.flush());
        QCOMPARE(store.countBatches(), qint64(1));
        const QList<BatchRecord> listed = store.batches(10);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().id, real);
        QCOMPARE(store.batches(10, real).size(), 0);
        QVERIFY(reserved < empty && empty < real);
    }

    // Ids for a batch of batches (qmp submit ::: inputs) in one write; never one another program
    // sharing the file has, and later ids come after them.
    void manyBatchIdsAtOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        HistoryStore other(historyIn(dir));
        const qint64 before = other.newBatchId();
        const QList<qint64> ids = store.newBatchIds(500);
        const qint64 after = other.newBatchId();
        QCOMPARE(ids.size(), 500);
        for (qsizetype i = 1; i < ids.size(); ++i)
            QVERIFY(ids.at(i) > ids.at(i - 1));
        QVERIFY(before < ids.first() && ids.last() < after);
        QVERIFY(store.newBatchId() > after);
        QCOMPARE(store.newBatchIds(0).size(), 1); // at least one
    }

    void batchesNewestFirstInPages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(historyIn(dir));
        for (int i = 0; i < 25; ++i)
            store.record(BatchRecord{store.newBatchId(), QStringLiteral("p"), QStringLiteral("b%1").arg(i), kT0 + i, 0, 1, 0, 0});
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
    // Only a file SQLite reports as damaged is moved aside, and the message names both paths.
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
        QVERIFY2(store.errorString().contains(path) && store.errorString().contains(store.movedAsidePath())
                     && store.errorString().contains(QStringLiteral("damaged")),
                 qPrintable(store.errorString()));
        QVERIFY(store.movedAsidePath().startsWith(path + QStringLiteral(".damaged-")));
        QFile aside(store.movedAsidePath());
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), content); // kept as it was
        store.record(makeTask(1, 1));
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(), qint64(1));
    }

    // Another program's write lock: waited for (up to HistoryDatabase::kBusyTimeoutMs), then an
    // error; the file is never moved, and it can still be read.
    void aLockedFileIsLeftAloneAndStillRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        {
            HistoryStore earlier(path);
            earlier.record(makeTask(1, 1));
        }
        const QStringList before = filesIn(dir);
        {
            LockHolder holder(path);
            QVERIFY2(holder.lock(), qPrintable(holder.error()));
            HistoryStore store(path);
            QVERIFY(!store.isOpen());
            QVERIFY(store.movedAsidePath().isEmpty());
            QVERIFY2(store.errorString().contains(path) && store.errorString().contains(QStringLiteral("lock")),
                     qPrintable(store.errorString()));
            QCOMPARE(store.countTasks(), qint64(1)); // WAL: readers are not blocked by the writer
            store.record(makeTask(2, 1));
            QVERIFY(!store.flush());
            QCOMPARE(store.droppedRecords(), quint64(1));
            holder.unlock();
        }
        QCOMPARE(filesIn(dir), before);
        HistoryStore after(path);
        QVERIFY2(after.errorString().isEmpty(), qPrintable(after.errorString()));
        QCOMPARE(after.countTasks(), qint64(1));
    }

    // A lock released within the wait is simply waited for: at the open and in a write round.
    void aLockReleasedInTimeIsWaitedFor_data()
    {
        QTest::addColumn<bool>("atOpen");
        QTest::newRow("at the open") << true;
        QTest::newRow("in a write round") << false;
    }
    void aLockReleasedInTimeIsWaitedFor()
    {
        QFETCH(bool, atOpen);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        std::unique_ptr<HistoryStore> store;
        if (!atOpen)
            store = std::make_unique<HistoryStore>(path);
        else
            HistoryStore(path).record(makeTask(0, 1));
        // The other program holds the lock for a while in its own thread, then lets go.
        std::promise<QString> locked;
        std::thread other([&] {
            LockHolder holder(path);
            locked.set_value(holder.lock() ? QString() : holder.error());
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            holder.unlock();
        });
        const QString lockError = locked.get_future().get();
        if (atOpen)
            store = std::make_unique<HistoryStore>(path);
        store->record(makeTask(1, 1));
        const bool flushed = store->flush();
        other.join();
        QVERIFY(lockError.isEmpty());
        QVERIFY2(store->isOpen() && flushed && store->errorString().isEmpty(), qPrintable(store->errorString()));
        QCOMPARE(store->countTasks(), qint64(atOpen ? 2 : 1));
        QCOMPARE(store->droppedRecords(), quint64(0));
        QVERIFY(store->movedAsidePath().isEmpty());
    }

    // What is not a history this QMP may write to is refused, for writing and for reading, and
    // left exactly as it was.
    void unusableFilesAreLeftAsTheyAre_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("newer schema") << "newer" << "written by a newer QMP";
        QTest::newRow("another application's tables") << "foreign-tables" << "another application's SQLite database";
        QTest::newRow("another application's id") << "foreign-id" << "another application's SQLite database";
        QTest::newRow("a directory") << "directory" << "is a directory";
    }
    void unusableFilesAreLeftAsTheyAre()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        if (kind == QLatin1String("directory")) {
            QVERIFY(QDir().mkpath(path));
            QFile inside(path + QStringLiteral("/keep.txt"));
            QVERIFY(inside.open(QIODevice::WriteOnly));
            inside.write("mine");
        } else {
            if (kind == QLatin1String("newer"))
                HistoryStore(path).record(makeTask(1, 1));
            const QString newer = QStringLiteral("PRAGMA user_version = %1").arg(qmp::HistoryDatabase::kSchemaVersion + 1);
            const QString sql = kind == QLatin1String("newer") ? newer
                : kind == QLatin1String("foreign-id")           ? QStringLiteral("PRAGMA application_id = 1234")
                                                                 : QStringLiteral("CREATE TABLE contacts (name TEXT)");
            QVERIFY(execRaw(path, {sql, QStringLiteral("PRAGMA user_version")}));
            if (kind == QLatin1String("foreign-tables"))
                QVERIFY(execRaw(path, {QStringLiteral("INSERT INTO contacts VALUES ('Ada')")}));
        }
        const QStringList files = filesWithoutCompanions(dir);
        const QByteArray content = kind == QLatin1String("directory") ? QByteArray() : contentOf(path);
        for (const HistoryStore::Mode mode : {HistoryStore::Mode::ReadWrite, HistoryStore::Mode::ReadOnly}) {
            HistoryStore store(path, mode);
            QVERIFY(!store.isOpen());
            QVERIFY2(store.errorString().contains(path) && store.errorString().contains(reason),
                     qPrintable(store.errorString()));
            QVERIFY(store.movedAsidePath().isEmpty());
            QCOMPARE(store.countTasks(), qint64(0));
        }
        QCOMPARE(filesWithoutCompanions(dir), files);
        if (kind == QLatin1String("directory"))
            QCOMPARE(contentOf(path + QStringLiteral("/keep.txt")), QByteArray("mine"));
        else
            QCOMPARE(contentOf(path), content);
    }

    void anEmptyFileBecomesAHistory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        HistoryStore store(path);
        QVERIFY2(store.isOpen() && store.errorString().isEmpty(), qPrintable(store.errorString()));
        store.record(makeTask(1, 1));
        QVERIFY(store.flush());
        QCOMPARE(store.countTasks(), qint64(1));
    }

    // An existing user's history of schema 2 opens, is upgraded in place (nothing lost) and keeps
    // working: its records read as before (no command kept: they cannot run again exactly), new
    // records keep their commands as they ran.
    void aSchema2HistoryIsUpgradedAndKeepsWorking()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        QVERIFY(execRaw(path, schema2History()));
        QCOMPARE(userVersion(path), 2);
        {
            HistoryStore store(path);
            QVERIFY2(store.isOpen() && store.errorString().isEmpty(), qPrintable(store.errorString()));
            QCOMPARE(userVersion(path), qmp::HistoryDatabase::kSchemaVersion);
            const std::optional<BatchRecord> old = store.batch(7);
            QVERIFY(old);
            QCOMPARE(old->title, QStringLiteral("a {} | b"));
            QCOMPARE(old->total, qint64(2));
            QVERIFY(old->commandTemplate.isEmpty());
            QVERIFY(!old->shell);
            const QList<TaskRecord> oldTasks = store.tasks(query(7), 10);
            QCOMPARE(oldTasks.size(), 2);
            QCOMPARE(oldTasks.at(0).name, QStringLiteral("a x | b"));
            QCOMPARE(oldTasks.at(0).stdoutTail, QByteArray("ok\n"));
            QCOMPARE(oldTasks.at(1).state, State::Failed);
            QCOMPARE(oldTasks.at(1).exitCode, 2);
            QVERIFY(oldTasks.at(0).argv.isEmpty());
            QVERIFY(!oldTasks.at(0).command()); // nothing to guess from: no re-run by parsing

            const qint64 id = store.newBatchId();
            QVERIFY(id > 7);
            BatchRecord batch{id, QStringLiteral("qmp run"), QStringLiteral("a {} | b"), kT0, 0, 1, 0, 0};
            batch.commandTemplate = QStringLiteral("a {} | b");
            batch.shell = true;
            store.record(batch);
            TaskRecord task;
            task.batchId = id;
            task.seq = 1;
            task.kind = TaskRecord::Kind::Command;
            task.name = QStringLiteral("a 'x y' | b");
            task.setCommand(qmp::Command{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), task.name}, {}, {}});
            store.record(task);
            QVERIFY(store.flush());
            QCOMPARE(store.batch(id)->commandTemplate, QStringLiteral("a {} | b"));
            QVERIFY(store.batch(id)->shell);
            const TaskRecord back = store.tasks(query(id), 1).value(0);
            QVERIFY(back.shell);
            QCOMPARE(back.argv, QStringList{QStringLiteral("a 'x y' | b")});
            QCOMPARE(back.command()->program, QStringLiteral("/bin/sh"));
            QCOMPARE(back.command()->arguments, (QStringList{QStringLiteral("-c"), QStringLiteral("a 'x y' | b")}));
        }
        HistoryStore again(path); // the upgrade is done once
        QVERIFY2(again.isOpen(), qPrintable(again.errorString()));
        QCOMPARE(again.countTasks(), qint64(3));
    }

    // Read-only (qmp history, another user's file) reads a schema-2 history as it is: no upgrade.
    void aSchema2HistoryIsReadAsItIs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        QVERIFY(execRaw(path, schema2History()));
        const QByteArray content = contentOf(path);
        {
            HistoryStore store(path, HistoryStore::Mode::ReadOnly);
            QVERIFY2(store.isOpen() && store.errorString().isEmpty(), qPrintable(store.errorString()));
            QCOMPARE(store.batches(10).size(), 1);
            QCOMPARE(store.batch(7)->title, QStringLiteral("a {} | b"));
            const QList<TaskRecord> tasks = store.tasks(query(7), 10);
            QCOMPARE(tasks.size(), 2);
            QCOMPARE(tasks.at(1).name, QStringLiteral("a y | b"));
            QVERIFY(tasks.at(1).argv.isEmpty());
        }
        QCOMPARE(userVersion(path), 2);
        QCOMPARE(contentOf(path), content);
    }

    void readOnlyModeChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = historyIn(dir);
        {
            HistoryStore earlier(path);
            earlier.record(BatchRecord{earlier.newBatchId(), QStringLiteral("p"), QStringLiteral("t"), kT0, 0, 1, 0, 0});
            earlier.record(makeTask(1, 1));
        }
        const QStringList files = filesWithoutCompanions(dir);
        const QByteArray content = contentOf(path);
        {
            HistoryStore store(path, HistoryStore::Mode::ReadOnly);
            QVERIFY2(store.isOpen() && store.errorString().isEmpty(), qPrintable(store.errorString()));
            QCOMPARE(store.countTasks(), qint64(1));
            QCOMPARE(store.batches(10).size(), 1);
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, store.record(makeTask(2, 1)));
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, store.newBatchId());
            QVERIFY(store.flush());
        }
        QCOMPARE(filesWithoutCompanions(dir), files);
        QCOMPARE(contentOf(path), content);

        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        HistoryStore none(missing, HistoryStore::Mode::ReadOnly);
        QVERIFY(!none.isOpen());
        QVERIFY2(none.errorString().contains(QStringLiteral("does not exist")), qPrintable(none.errorString()));
        QVERIFY(!QFile::exists(missing));

        QFile damaged(path);
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("not a database at all, not even close to one.");
        damaged.close();
        HistoryStore bad(path, HistoryStore::Mode::ReadOnly);
        QVERIFY(!bad.isOpen());
        QVERIFY2(bad.errorString().contains(QStringLiteral("damaged")), qPrintable(bad.errorString()));
        QVERIFY(bad.movedAsidePath().isEmpty());
        QCOMPARE(contentOf(path), QByteArray("not a database at all, not even close to one."));
    }

    // Another user's history (a file and folder this user cannot write): not written, not moved,
    // but read — by a writer (which reports it cannot record) and by a read-only store.
    void anotherUsersHistoryIsReadNotWritten()
    {
        QMP_OTHER_USER(nobody);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                      | QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString path = historyIn(dir);
        {
            HistoryStore owner(path);
            owner.record(makeTask(1, 1));
        }
        const QStringList files = filesIn(dir);
        const QByteArray content = contentOf(path);
        const int code = qmptest::runForkedAs(nobody, [&] {
            {
                HistoryStore store(path);
                if (store.isOpen() || !store.movedAsidePath().isEmpty()
                    || !store.errorString().contains(QStringLiteral("cannot be written"))) {
                    std::fprintf(stderr, "writer: %s\n", qPrintable(store.errorString()));
                    return 1;
                }
                if (store.countTasks() != 1)
                    return 2;
            }
            HistoryStore reader(path, HistoryStore::Mode::ReadOnly);
            if (!reader.isOpen()) {
                std::fprintf(stderr, "reader: %s\n", qPrintable(reader.errorString()));
                return 3;
            }
            return reader.countTasks() == 1 && reader.tasks({}, 10).value(0).name == makeTask(1, 1).name ? 0 : 4;
        });
        QCOMPARE(code, 0);
        QCOMPARE(filesIn(dir), files);
        QCOMPARE(contentOf(path), content);
    }
};

QMP_GUILESS_TEST_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
