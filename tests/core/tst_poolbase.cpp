// qmp::PoolBase — the pools' conformance suite: what qmp::Pool and qmp::ThreadPool both promise
// (the README: switching between them is a change of type), written once against PoolBase& and
// run on each kind of pool: Pool under both start methods, and ThreadPool (the global rows).
// What only one of them does is tested in tst_pool / tst_threadpool.
//
// A Pool runs its tasks in other processes, so tasks and test meet through files, never through
// memory: a task waits at a gate until the test creates the gate's file, a task that ran leaves a
// file behind. No sleeps: the test waits for those files.

#include "pool.h"
#include "qmptest.h"
#include "threadpool.h"

#include <QCborArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

using qmp::PoolBase;
using qmp::PoolOptions;

using qmptest::messageOf;

namespace {

// How long a task waits for the test before it gives up: only turns a broken pool into a failure
// instead of a hang.
constexpr int kTaskPatienceMs = 60000;

bool waitForFile(const QString &path, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!QFileInfo::exists(path)) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(1);
    }
    return true;
}

void createFile(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly);
}

// --- tasks ---

int square(int x)
{
    return x * x;
}
QMP_TASK(square);

int add(int a, int b)
{
    return a + b;
}
QMP_TASK(add);

int failOn13(int x)
{
    if (x == 13)
        throw std::invalid_argument("13 is unlucky");
    return x;
}
QMP_TASK(failOn13);

int alwaysFails(int x)
{
    throw std::runtime_error(std::to_string(x) + " failed");
}
QMP_TASK(alwaysFails);

void throwKind(int kind)
{
    switch (kind) {
    case 0: throw std::invalid_argument("13 is unlucky");
    case 1: throw qmp::ValueError(QStringLiteral("bad value"));
    default: throw 42;
    }
}
QMP_TASK(throwKind);

// gate is ".../gate-N": says it began (gate-N.began), waits until the test opens it (gate-N.open),
// returns N.
int gated(const QString &gate)
{
    createFile(gate + QStringLiteral(".began"));
    if (!waitForFile(gate + QStringLiteral(".open"), kTaskPatienceMs))
        return -1;
    return gate.section(QLatin1Char('-'), -1).toInt();
}
QMP_TASK(gated);

// Leaves its file: the test counts the tasks that ran.
int touch(const QString &path)
{
    createFile(path);
    return 1;
}
QMP_TASK(touch);

// Leaves its mark, then waits until n marks are in the folder: true only when n tasks run at the
// same time.
bool meet(const QString &mark, int n)
{
    createFile(mark);
    const QDir folder = QFileInfo(mark).dir();
    QElapsedTimer timer;
    timer.start();
    while (folder.entryList({QStringLiteral("in-*")}, QDir::Files).size() < n) {
        if (timer.elapsed() > kTaskPatienceMs)
            return false;
        QThread::msleep(1);
    }
    return true;
}
QMP_TASK(meet);

// Per thread, so that the state is the task's own on either pool (a Pool's worker runs its
// initializer and its tasks on one thread).
thread_local int t_initialised = 0;

void initialise(int value)
{
    t_initialised = value;
}
QMP_TASK(initialise);

int readInitialised(int)
{
    return t_initialised;
}
QMP_TASK(readInitialised);

void failingInitializer()
{
    throw std::runtime_error("no database");
}
QMP_TASK(failingInitializer);

// An input whose iterator throws when it reaches item `failAt` (a generator that breaks).
struct BreaksAt
{
    int failAt;
    struct iterator
    {
        using iterator_category = std::input_iterator_tag;
        using value_type = int;
        using difference_type = std::ptrdiff_t;
        int i = 0;
        int failAt = 0;
        int operator*() const
        {
            if (i == failAt)
                throw std::runtime_error("the input broke at item " + std::to_string(i));
            return i;
        }
        iterator &operator++()
        {
            ++i;
            return *this;
        }
        bool operator!=(const iterator &other) const { return i != other.i; }
        bool operator==(const iterator &other) const { return i == other.i; }
    };
    iterator begin() const { return {0, failAt}; }
    iterator end() const { return {failAt + 10, failAt}; }
};

QList<int> range(int n)
{
    QList<int> out;
    for (int i = 0; i < n; ++i)
        out.append(i);
    return out;
}

// What the callbacks of one submission saw.
struct Calls
{
    int successes = 0;
    int errors = 0;
    QCborArray values;
    QString error;
    QThread *thread = nullptr;

    template <typename T>
    PoolBase::ListCallback<T> onSuccess()
    {
        return [this](const QList<T> &list) {
            ++successes;
            thread = QThread::currentThread();
            for (const T &v : list)
                values.append(qmp::toCbor(v));
        };
    }
    PoolBase::ErrorCallback onError()
    {
        return [this](const qmp::Error &e) {
            ++errors;
            thread = QThread::currentThread();
            error = e.message();
        };
    }
};

} // namespace

class tst_PoolBase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void cleanupTestCase();

    void badArguments_data();
    void badArguments();
    void apply();
    void exceptions_data();
    void exceptions();
    void asyncResultApi();
    void getTimesOutWhileTheTaskRunsOn();
    void map_data();
    void map();
    void mapStopsAtTheFirstError();
    void starmapAndUntyped();
    void imapOrder_data();
    void imapOrder();
    void imapYieldsWhatWasReadBeforeTheInputThrew_data();
    void imapYieldsWhatWasReadBeforeTheInputThrew();
    void imapThrowsAtTheFailedCallAndGoesOn();
    void tasksRunInParallel_data();
    void tasksRunInParallel();
    void initializerRunsBeforeTheTasks();
    void failingInitializerBreaksThePool();
    void closeRunsWhatIsQueuedAndJoinWaits();
    void joinAsyncFinishesOnceThePoolHasStopped();
    void submittingAfterStopIsAValueError_data();
    void submittingAfterStopIsAValueError();
    void terminateFailsUnfinishedResults();
    void destructorFailsQueuedWork();
    void cancelDropsPendingWork_data();
    void cancelDropsPendingWork();
    void callbacksRunOnTheOwnersThread();
    void mapCallbacksRunExactlyOnce_data();
    void mapCallbacksRunExactlyOnce();
    void callbacksAndUserContinuationBothRun();
    void terminateRunsTheErrorCallback();
    void aThrowingCallbackIsReported();

private:
    // The pool of this row, seen as what both pools are.
    static std::unique_ptr<PoolBase> makePool(std::optional<int> processes, const PoolOptions &options = {});
    // "Pool" or "ThreadPool": how the pools of this row are named ("Pool-3").
    static QString kind();
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString gate(int id) const { return path(QStringLiteral("gate-%1").arg(id)); }
    bool began(int id) const { return QFileInfo::exists(gate(id) + QStringLiteral(".began")); }
    void open(int id) const { createFile(gate(id) + QStringLiteral(".open")); }
    // n paths for touch(): "ran-0" ...
    QStringList ranPaths(int n) const;
    int ranCount() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

// Every test runs on every kind of pool.
void tst_PoolBase::initTestCase_data()
{
    QTest::addColumn<bool>("threads");
    QTest::addColumn<qmp::StartMethod>("method");
    QTest::newRow("Pool, forkserver") << false << qmp::StartMethod::ForkServer;
    QTest::newRow("Pool, spawn") << false << qmp::StartMethod::Spawn;
    QTest::newRow("ThreadPool") << true << qmp::StartMethod::ForkServer;
}

void tst_PoolBase::init()
{
    QFETCH_GLOBAL(qmp::StartMethod, method);
    qmp::setDefaultStartMethod(method);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_PoolBase::cleanup()
{
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
    m_dir.reset();
}

void tst_PoolBase::cleanupTestCase()
{
    QVERIFY(qmptest::shutDownAndCheckNothingLeft());
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
}

std::unique_ptr<PoolBase> tst_PoolBase::makePool(std::optional<int> processes, const PoolOptions &options)
{
    QFETCH_GLOBAL(bool, threads);
    if (threads)
        return std::make_unique<qmp::ThreadPool>(processes, options);
    return std::make_unique<qmp::Pool>(processes, options);
}

QString tst_PoolBase::kind()
{
    QFETCH_GLOBAL(bool, threads);
    return threads ? QStringLiteral("ThreadPool") : QStringLiteral("Pool");
}

QStringList tst_PoolBase::ranPaths(int n) const
{
    QStringList paths;
    for (int i = 0; i < n; ++i)
        paths.append(path(QStringLiteral("ran-%1").arg(i)));
    return paths;
}

int tst_PoolBase::ranCount() const
{
    return int(QDir(m_dir->path()).entryList({QStringLiteral("ran-*")}, QDir::Files).size());
}

void tst_PoolBase::badArguments_data()
{
    QTest::addColumn<int>("processes");
    QTest::addColumn<int>("maxTasksPerChild");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no processes") << 0 << 0 << 0 << 0 << "Number of processes must be at least 1 (got 0)";
    QTest::newRow("negative processes") << -2 << 0 << 0 << 0 << "Number of processes must be at least 1 (got -2)";
    QTest::newRow("negative maxTasksPerChild") << 1 << -1 << 0 << 0 << "maxTasksPerChild must be 0";
    QTest::newRow("negative retries") << 1 << 0 << -1 << 0 << "retries must be 0 or positive";
    QTest::newRow("negative taskTimeout") << 1 << 0 << 0 << -5 << "taskTimeout must be 0 (none) or positive";
}

void tst_PoolBase::badArguments()
{
    QFETCH(int, processes);
    QFETCH(int, maxTasksPerChild);
    QFETCH(int, retries);
    QFETCH(int, timeoutMs);
    QFETCH(QString, expected);
    PoolOptions options;
    options.maxTasksPerChild = maxTasksPerChild;
    options.retries = retries;
    options.taskTimeout = std::chrono::milliseconds(timeoutMs);
    const QString message = messageOf<qmp::ValueError>([&] { makePool(processes, options); });
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void tst_PoolBase::apply()
{
    auto owned = makePool(2);
    PoolBase &pool = *owned;
    QCOMPARE(pool.processes(), 2);
    QCOMPARE(makePool(std::nullopt)->processes(), qmp::processCpuCount()); // the CPUs this process may use
    QVERIFY2(pool.name().startsWith(kind() + QLatin1Char('-')), qPrintable(pool.name()));
    QCOMPARE(pool.state(), PoolBase::State::Running);
    QCOMPARE(pool.apply(&square, 7), 49);
    QCOMPARE(pool.apply(qmp::TaskCall{QStringLiteral("add"), {2, 3}}), QCborValue(5));
    const QString unknown = messageOf<qmp::ValueError>([&] { pool.apply(qmp::TaskCall{QStringLiteral("nope"), {}}); });
    QVERIFY2(unknown.contains(QStringLiteral("unknown task 'nope'")), qPrintable(unknown));
    const QString arity = messageOf<qmp::TypeError>([&] { pool.apply(qmp::TaskCall{QStringLiteral("add"), {1}}); });
    QVERIFY2(arity.contains(QStringLiteral("takes 2 argument(s), 1 given")), qPrintable(arity));
    PoolOptions options;
    options.name = QStringLiteral("io");
    auto named = makePool(1, options);
    QCOMPARE(named->name(), QStringLiteral("io"));
    named->close();
    const QString name = messageOf<qmp::ValueError>([&] { named->apply(&square, 1); });
    QVERIFY2(name.contains(QStringLiteral("io was closed")), qPrintable(name));
}

void tst_PoolBase::exceptions_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("std::exception") << "throwKind" << QCborArray{0} << "std::invalid_argument" << "13 is unlucky";
    QTest::newRow("qmp::ValueError") << "throwKind" << QCborArray{1} << "qmp::ValueError" << "bad value";
    QTest::newRow("not a std::exception") << "throwKind" << QCborArray{2} << "int"
                                          << "(not a std::exception: no message)";
    QTest::newRow("argument of the wrong type") << "square" << QCborArray{QStringLiteral("seven")} << "qmp::TypeError"
                                                << "task 'square', argument 1: expected an integer, got string";
}

// What a task throws comes back as a RemoteError with its C++ type and message; the pool serves on.
void tst_PoolBase::exceptions()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QString, type);
    QFETCH(QString, message);
    auto pool = makePool(1);
    auto result = pool->applyAsync(qmp::TaskCall{task, args});
    QVERIFY(result.wait(60000));
    QVERIFY(!result.successful());
    try {
        result.get();
        QFAIL("get() did not throw");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), type);
        QCOMPARE(e.remoteMessage(), message);
        // "in Pool-1-Worker-1, pid 4711" or "in ThreadPool-1-Thread-1"
        const QString context = QStringLiteral("task '%1' in %2-").arg(task, pool->name());
        QVERIFY2(e.context().startsWith(context), qPrintable(e.context()));
    }
    QCOMPARE(pool->apply(&square, 4), 16);
}

void tst_PoolBase::asyncResultApi()
{
    auto pool = makePool(1);
    auto held = pool->applyAsync(&gated, gate(0));
    QTRY_VERIFY(began(0));
    QVERIFY(!held.ready());
    QVERIFY(!held.wait(0));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, held.successful());
    open(0);
    QVERIFY(held.wait(60000));
    QVERIFY(held.ready());
    QVERIFY(held.successful());
    QCOMPARE(held.get(), 0);
    QVERIFY(held.future().isFinished());
}

void tst_PoolBase::getTimesOutWhileTheTaskRunsOn()
{
    auto pool = makePool(1);
    auto held = pool->applyAsync(&gated, gate(1));
    QTRY_VERIFY(began(1));
    QElapsedTimer timer;
    timer.start();
    QVERIFY_THROWS_EXCEPTION(qmp::TimeoutError, held.get(100));
    QVERIFY(timer.elapsed() >= 90);
    QVERIFY(!held.ready()); // giving up waiting does not stop the task
    open(1);
    QCOMPARE(held.get(), 1);
}

void tst_PoolBase::map_data()
{
    QTest::addColumn<int>("processes");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("chunksize");
    QTest::newRow("empty") << 2 << 0 << 0;
    QTest::newRow("one") << 2 << 1 << 0;
    QTest::newRow("100, default chunks") << 2 << 100 << 0;
    QTest::newRow("100, chunksize 1") << 2 << 100 << 1;
    QTest::newRow("100, chunksize 7") << 3 << 100 << 7;
    QTest::newRow("100, one chunk") << 2 << 100 << 1000;
    QTest::newRow("5000, default chunks") << 2 << 5000 << 0;
    QTest::newRow("5000, 8 processes") << 8 << 5000 << 0;
}

void tst_PoolBase::map()
{
    QFETCH(int, processes);
    QFETCH(int, items);
    QFETCH(int, chunksize);
    auto pool = makePool(processes);
    QList<int> expected;
    for (int i = 0; i < items; ++i)
        expected.append(i * i);
    auto mapped = pool->mapAsync(&square, range(items), chunksize);
    QCOMPARE(mapped.get(), expected);
    QCOMPARE(mapped.future().progressMaximum(), items); // a QFutureWatcher's progress
    QCOMPARE(mapped.future().progressValue(), items);
    // Every call ran, once.
    QCOMPARE(pool->map(&touch, ranPaths(items), chunksize), QList<int>(items, 1));
    QCOMPARE(ranCount(), items);
    // Python's rule: divmod(100, 4 * processes), rounded up.
    QCOMPARE(pool->defaultChunksize(100), (100 + 4 * processes - 1) / (4 * processes));
    QCOMPARE(pool->defaultChunksize(0), 0);
}

void tst_PoolBase::mapStopsAtTheFirstError()
{
    auto pool = makePool(2);
    auto result = pool->mapAsync(&failOn13, range(50), 1);
    QVERIFY(result.wait(60000));
    QVERIFY(!result.successful());
    const QString message = messageOf<qmp::RemoteError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("std::invalid_argument: 13 is unlucky")), qPrintable(message));
}

void tst_PoolBase::starmapAndUntyped()
{
    auto pool = makePool(2);
    QCOMPARE(pool->starmap(&add, {{1, 2}, {10, 20}, {-5, 5}}), (QList<int>{3, 30, 0}));
    QCOMPARE(pool->starmapAsync(&add, {{4, 4}}).get(), QList<int>{8});
    QCOMPARE(pool->map(QStringLiteral("square"), QCborArray{1, 2, 3}),
             (QList<QCborValue>{QCborValue(1), QCborValue(4), QCborValue(9)}));
    QCOMPARE(pool->mapAsync(QStringLiteral("square"), QCborArray{5}).get(), QList<QCborValue>{QCborValue(25)});
}

void tst_PoolBase::imapOrder_data()
{
    QTest::addColumn<bool>("ordered");
    QTest::addColumn<QList<int>>("opening");  // the order the gates open in
    QTest::addColumn<QList<int>>("expected"); // the order the results come in
    QTest::newRow("imap: input order") << true << QList<int>{2, 0, 1} << QList<int>{0, 1, 2};
    QTest::newRow("imap, reversed: input order") << true << QList<int>{2, 1, 0} << QList<int>{0, 1, 2};
    QTest::newRow("imapUnordered: completion order") << false << QList<int>{2, 0, 1} << QList<int>{2, 0, 1};
    QTest::newRow("imapUnordered, reversed") << false << QList<int>{2, 1, 0} << QList<int>{2, 1, 0};
}

void tst_PoolBase::imapOrder()
{
    QFETCH(bool, ordered);
    QFETCH(QList<int>, opening);
    QFETCH(QList<int>, expected);
    auto pool = makePool(3);
    const QStringList inputs{gate(0), gate(1), gate(2)};
    QFuture<int> results = ordered ? pool->imap(&gated, inputs).future() : pool->imapUnordered(&gated, inputs).future();
    QTRY_VERIFY_WITH_TIMEOUT(began(0) && began(1) && began(2), 60000); // all three run at once
    for (int id : opening) {
        open(id);
        if (!ordered) { // one result at a time: completion order is the opening order
            const int done = int(opening.indexOf(id)) + 1;
            QTRY_COMPARE_WITH_TIMEOUT(results.resultCount(), done, 60000);
        }
    }
    QList<int> got;
    for (int value : results) // QFuture iteration waits for the next result
        got.append(value);
    QCOMPARE(got, expected);
}

void tst_PoolBase::imapYieldsWhatWasReadBeforeTheInputThrew_data()
{
    QTest::addColumn<bool>("ordered");
    QTest::newRow("imap") << true;
    QTest::newRow("imapUnordered") << false;
}

// Python's imap yields the results of the items its input gave before it raised, then raises.
void tst_PoolBase::imapYieldsWhatWasReadBeforeTheInputThrew()
{
    QFETCH(bool, ordered);
    auto pool = makePool(2);
    auto results = ordered ? pool->imap(&square, BreaksAt{3}) : pool->imapUnordered(&square, BreaksAt{3});
    QList<int> got;
    QString error;
    try {
        for (int v : results)
            got.append(v);
    } catch (const std::runtime_error &e) {
        error = QString::fromUtf8(e.what());
    }
    QCOMPARE(error, QStringLiteral("the input broke at item 3"));
    if (!ordered)
        std::sort(got.begin(), got.end());
    QCOMPARE(got, (QList<int>{0, 1, 4}));
    QCOMPARE(results.next(), std::nullopt); // thrown once; then the iteration is over
    // As a QFuture it fails as a whole, like every QFuture with an error.
    QFuture<int> future = results;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, future.waitForFinished());
    // Nothing read at all: the error comes first.
    auto none = pool->imap(&square, BreaksAt{0});
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, none.next());
}

// Python's imap: a failed call raises at its position; next() goes on with the calls after it.
void tst_PoolBase::imapThrowsAtTheFailedCallAndGoesOn()
{
    auto pool = makePool(2);
    auto held = pool->imap(&gated, QStringList{gate(0)});
    QVERIFY_THROWS_EXCEPTION(qmp::TimeoutError, held.next(10));
    open(0);
    QCOMPARE(held.next(), std::optional<int>(0));
    QCOMPARE(held.next(), std::nullopt);

    auto failing = pool->imap(&failOn13, QList<int>{1, 2, 13, 4});
    QCOMPARE(failing.next(), std::optional<int>(1));
    QCOMPARE(failing.next(), std::optional<int>(2));
    const QString message = messageOf<qmp::RemoteError>([&] { failing.next(); });
    QVERIFY2(message.contains(QStringLiteral("13 is unlucky")), qPrintable(message));
    QCOMPARE(failing.next(), std::optional<int>(4));
    QCOMPARE(failing.next(), std::nullopt);
    QVERIFY_THROWS_EXCEPTION(qmp::RemoteError, failing.future().waitForFinished()); // a QFuture fails as a whole

    auto byName = pool->imap(QStringLiteral("failOn13"), QCborArray{1, 13, 4});
    QCOMPARE(byName.next(), std::optional<QCborValue>(1));
    QVERIFY_THROWS_EXCEPTION(qmp::RemoteError, byName.next());
    QCOMPARE(byName.next(), std::optional<QCborValue>(4));
    QCOMPARE(byName.next(), std::nullopt);

    QList<int> completion;
    int errors = 0;
    auto unordered = pool->imapUnordered(&failOn13, QList<int>{13, 5, 6});
    for (;;) {
        try {
            const std::optional<int> v = unordered.next();
            if (!v)
                break;
            completion.append(*v);
        } catch (const qmp::RemoteError &) {
            ++errors;
        }
    }
    std::sort(completion.begin(), completion.end());
    QCOMPARE(completion, (QList<int>{5, 6}));
    QCOMPARE(errors, 1);
}

void tst_PoolBase::tasksRunInParallel_data()
{
    QTest::addColumn<int>("processes");
    QTest::newRow("2") << 2;
    QTest::newRow("4") << 4;
    QTest::newRow("8") << 8; // more than this machine may have cores
}

// N tasks that each wait until all N are in: they can only all return true when the pool runs N
// at the same time.
void tst_PoolBase::tasksRunInParallel()
{
    QFETCH(int, processes);
    auto pool = makePool(processes);
    QList<QCborArray> calls;
    for (int i = 0; i < processes; ++i)
        calls.append(QCborArray{path(QStringLiteral("in-%1").arg(i)), processes});
    QCOMPARE(pool->starmap(&meet, calls, 1), QList<bool>(processes, true));
}

// The initializer runs where the tasks run, before them: what it sets is what every task sees.
void tst_PoolBase::initializerRunsBeforeTheTasks()
{
    PoolOptions options;
    options.initializer = qmp::TaskCall::of(&initialise, 42);
    auto pool = makePool(3, options);
    QCOMPARE(pool->map(&readInitialised, range(60), 1), QList<int>(60, 42));
    QCOMPARE(t_initialised, 0); // not here
}

// It breaks the pool: what was submitted and what is submitted later fails with its error,
// instead of hanging (Python's Pool respawns its workers forever).
void tst_PoolBase::failingInitializerBreaksThePool()
{
    PoolOptions options;
    options.initializer = qmp::TaskCall::of(&failingInitializer);
    options.outputMode = qmp::Process::OutputMode::Discard; // a Pool's workers print the error
    auto pool = makePool(2, options);
    auto result = pool->applyAsync(&touch, path(QStringLiteral("ran-first")));
    QVERIFY(result.wait(60000));
    QString message = messageOf<qmp::RemoteError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("std::runtime_error: no database")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("initializer 'failingInitializer' of %1").arg(pool->name())),
             qPrintable(message));
    auto later = pool->mapAsync(&touch, ranPaths(10));
    QVERIFY(later.wait(60000));
    message = messageOf<qmp::RemoteError>([&] { later.get(); });
    QVERIFY2(message.contains(QStringLiteral("no database")), qPrintable(message));
    QCOMPARE(ranCount(), 0);
    pool->close();
    pool->join();
}

void tst_PoolBase::closeRunsWhatIsQueuedAndJoinWaits()
{
    auto pool = makePool(2);
    const QString early = messageOf<qmp::ValueError>([&] { pool->join(); });
    QVERIFY2(early.contains(QStringLiteral("join(): close() or terminate()")), qPrintable(early));
    auto held = pool->applyAsync(&gated, gate(0));
    auto queued = pool->mapAsync(&touch, ranPaths(20), 1);
    pool->close();
    QCOMPARE(pool->state(), PoolBase::State::Closed);
    pool->close(); // again: no effect
    QCOMPARE(pool->state(), PoolBase::State::Closed);
    open(0);
    pool->join();
    QVERIFY(held.ready());
    QVERIFY(queued.ready());
    QCOMPARE(held.get(), 0);
    QCOMPARE(queued.get(), QList<int>(20, 1));
    QCOMPARE(ranCount(), 20);
}

// join() without waiting: a future that finishes once the pool has stopped — also when the pool
// is destroyed first.
void tst_PoolBase::joinAsyncFinishesOnceThePoolHasStopped()
{
    auto pool = makePool(1);
    const QString early = messageOf<qmp::ValueError>([&] { (void)pool->joinAsync(); });
    QVERIFY2(early.contains(QStringLiteral("joinAsync(): close() or terminate()")), qPrintable(early));
    auto held = pool->applyAsync(&gated, gate(0));
    QTRY_VERIFY_WITH_TIMEOUT(began(0), 60000);
    pool->close();
    const QFuture<void> joined = pool->joinAsync();
    QVERIFY(!joined.isFinished()); // the gated task holds the pool
    open(0);
    QTRY_VERIFY_WITH_TIMEOUT(joined.isFinished(), 60000);
    QCOMPARE(held.get(), 0);
    QVERIFY(pool->joinAsync().isFinished()); // stopped already: at once

    auto destroyed = makePool(1);
    destroyed->applyAsync(&gated, gate(1));
    QTRY_VERIFY_WITH_TIMEOUT(began(1), 60000);
    destroyed->close();
    const QFuture<void> orphan = destroyed->joinAsync();
    QVERIFY(!orphan.isFinished());
    open(1); // a ThreadPool's destructor waits for its running task
    destroyed.reset();
    QTRY_VERIFY(orphan.isFinished());
}

void tst_PoolBase::submittingAfterStopIsAValueError_data()
{
    QTest::addColumn<bool>("terminate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("after close") << false << "Pool not running: %1 was closed";
    QTest::newRow("after terminate") << true << "Pool not running: %1 was terminated";
}

void tst_PoolBase::submittingAfterStopIsAValueError()
{
    QFETCH(bool, terminate);
    QFETCH(QString, expected);
    auto owned = makePool(1);
    PoolBase &pool = *owned;
    terminate ? pool.terminate() : pool.close();
    expected = expected.arg(pool.name());
    const QString ran = path(QStringLiteral("ran-0"));
    const QList<std::function<void()>> submissions{
        [&] { pool.apply(&touch, ran); },
        [&] { pool.applyAsync(&touch, ran); },
        [&] { pool.apply(qmp::TaskCall{QStringLiteral("touch"), {ran}}); },
        [&] { pool.applyAsync(qmp::TaskCall{QStringLiteral("touch"), {ran}}, [](const QCborValue &) {}); },
        [&] { pool.map(&touch, QStringList{ran}); },
        [&] { pool.mapAsync(&touch, QStringList{ran}); },
        [&] { pool.map(QStringLiteral("touch"), QCborArray{ran}); },
        [&] { pool.mapAsync(QStringLiteral("touch"), QCborArray{ran}); },
        [&] { pool.starmap(&touch, {{ran}}); },
        [&] { pool.starmapAsync(&touch, {{ran}}); },
        [&] { pool.imap(&touch, QStringList{ran}); },
        [&] { pool.imapUnordered(&touch, QStringList{ran}); },
        [&] { pool.imap(QStringLiteral("touch"), QCborArray{ran}); },
        [&] { pool.imapUnordered(QStringLiteral("touch"), QCborArray{ran}); },
    };
    for (const auto &submit : submissions) {
        const QString message = messageOf<qmp::ValueError>(submit);
        QCOMPARE(message, expected);
    }
    pool.join();
    QCOMPARE(ranCount(), 0);
}

// terminate() fails every unfinished result at once — the running task's and 10 000 queued —
// instead of leaving them pending (Python's do, for ever).
void tst_PoolBase::terminateFailsUnfinishedResults()
{
    auto pool = makePool(1);
    auto running = pool->applyAsync(&gated, gate(0));
    QTRY_VERIFY_WITH_TIMEOUT(began(0), 60000);
    auto queued = pool->mapAsync(&touch, ranPaths(10000), 1);
    pool->terminate();
    QCOMPARE(pool->state(), PoolBase::State::Terminated);
    QVERIFY(running.ready());
    QVERIFY(queued.ready());
    for (const QString &message : {messageOf<qmp::ProcessError>([&] { running.get(); }),
                                   messageOf<qmp::ProcessError>([&] { queued.get(); })})
        QCOMPARE(message, QStringLiteral("the pool was terminated before the task finished"));
    open(0); // a ThreadPool's thread cannot be killed: join() waits for its task to return
    pool->join();
    QCOMPARE(ranCount(), 0); // the queued tasks never ran
}

// Destroying a pool is `with Pool() as p:` — terminate(), then wait for the running task.
void tst_PoolBase::destructorFailsQueuedWork()
{
    qmp::MapResult<int> queued(QFuture<int>(), std::make_shared<qmp::detail::Completion>());
    std::thread opener;
    {
        auto pool = makePool(1);
        pool->applyAsync(&gated, gate(0));
        QTRY_VERIFY_WITH_TIMEOUT(began(0), 60000);
        queued = pool->mapAsync(&touch, ranPaths(100), 1);
        // Lets the running task return once the destructor has failed the queued work.
        opener = std::thread([this, queued] {
            queued.wait();
            open(0);
        });
    }
    opener.join();
    QVERIFY(queued.ready());
    const QString message = messageOf<qmp::ProcessError>([&] { queued.get(); });
    QCOMPARE(message, QStringLiteral("the pool was terminated before the task finished"));
    QCOMPARE(ranCount(), 0);
}

void tst_PoolBase::cancelDropsPendingWork_data()
{
    QTest::addColumn<int>("items"); // 0: an applyAsync
    QTest::addColumn<int>("chunksize");
    QTest::newRow("applyAsync") << 0 << 1;
    QTest::newRow("map, chunksize 1") << 30 << 1;
    QTest::newRow("map, chunksize 3") << 30 << 3;
    QTest::newRow("map, one chunk") << 30 << 100;
}

// future().cancel() drops the tasks that have not started; get() says so.
void tst_PoolBase::cancelDropsPendingWork()
{
    QFETCH(int, items);
    QFETCH(int, chunksize);
    auto pool = makePool(1);
    auto held = pool->applyAsync(&gated, gate(0));
    QTRY_VERIFY_WITH_TIMEOUT(began(0), 60000);
    std::function<void()> get;
    std::function<bool()> wait;
    std::function<bool()> successful;
    const auto keep = [&](const auto &pending) {
        get = [pending] { pending.get(); };
        wait = [pending] { return pending.wait(60000); };
        successful = [pending] { return pending.successful(); };
    };
    if (items == 0) {
        auto pending = pool->applyAsync(&touch, path(QStringLiteral("ran-0")));
        pending.future().cancel();
        QVERIFY(pending.future().isCanceled());
        keep(pending);
    } else {
        auto pending = pool->mapAsync(&touch, ranPaths(items), chunksize);
        pending.future().cancel();
        QVERIFY(pending.future().isCanceled());
        keep(pending);
    }
    open(0);
    QCOMPARE(held.get(), 0);
    QVERIFY(wait());
    QVERIFY(!successful());
    QCOMPARE(messageOf<qmp::ValueError>(get), QStringLiteral("the result was canceled"));
    QCOMPARE(pool->apply(&square, 5), 25); // the pool serves on: the dropped tasks would have run before
    QCOMPARE(ranCount(), 0);
}

void tst_PoolBase::callbacksRunOnTheOwnersThread()
{
    auto pool = makePool(2);
    QCborValue value;
    QString error;
    QThread *callbackThread = nullptr;
    QThread *errorThread = nullptr;
    pool->applyAsync(qmp::TaskCall{QStringLiteral("square"), {9}}, [&](const QCborValue &v) {
        value = v;
        callbackThread = QThread::currentThread();
    });
    pool->applyAsync(qmp::TaskCall{QStringLiteral("failOn13"), {13}}, {}, [&](const qmp::Error &e) {
        error = e.message();
        errorThread = QThread::currentThread();
    });
    QTRY_COMPARE_WITH_TIMEOUT(value, QCborValue(81), 60000);
    QCOMPARE(callbackThread, QThread::currentThread());
    QTRY_VERIFY_WITH_TIMEOUT(error.contains(QStringLiteral("13 is unlucky")), 60000);
    QCOMPARE(errorThread, QThread::currentThread());
}

void tst_PoolBase::mapCallbacksRunExactlyOnce_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QCborArray>("expected"); // the list callback gets
    QTest::addColumn<QString>("error");       // or what error_callback gets
    const auto row = [](const char *name) -> QTestData & {
        return QTest::newRow(name) << QString::fromLatin1(name);
    };
    row("map") << QCborArray{0, 1, 4, 9, 16, 25, 36} << QString();
    row("map chunksize 3") << QCborArray{0, 1, 4, 9, 16, 25, 36} << QString();
    row("map untyped") << QCborArray{4, 9} << QString();
    row("map empty input") << QCborArray{} << QString();
    row("map one item fails") << QCborArray{} << QStringLiteral("13 is unlucky");
    row("map every item fails") << QCborArray{} << QStringLiteral(" failed");
    row("starmap") << QCborArray{3, 7, 11} << QString();
    row("starmap fails") << QCborArray{} << QStringLiteral("13 is unlucky");
    row("apply") << QCborArray{81} << QString();
    row("apply fails") << QCborArray{} << QStringLiteral("13 is unlucky");
}

// Python's callback / error_callback of map_async / starmap_async / apply_async: exactly one of
// them runs, once, on the thread that owns the pool; map's callback gets the whole list in input
// order, error_callback the first error.
void tst_PoolBase::mapCallbacksRunExactlyOnce()
{
    QFETCH(QString, call);
    QFETCH(QCborArray, expected);
    QFETCH(QString, error);
    auto p = makePool(2);
    Calls calls;
    std::function<bool()> wait; // the result's wait()
    const auto keep = [&](const auto &result) { wait = [result] { return result.wait(60000); }; };
    if (call == QLatin1String("map"))
        keep(p->mapAsync(&square, range(7), 1, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("map chunksize 3"))
        keep(p->mapAsync(&square, range(7), 3, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("map untyped"))
        keep(p->mapAsync(QStringLiteral("square"), QCborArray{2, 3}, 0, calls.onSuccess<QCborValue>(), calls.onError()));
    else if (call == QLatin1String("map empty input"))
        keep(p->mapAsync(&square, QList<int>{}, 0, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("map one item fails"))
        keep(p->mapAsync(&failOn13, QList<int>{1, 13, 2}, 1, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("map every item fails"))
        keep(p->mapAsync(&alwaysFails, range(20), 1, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("starmap"))
        keep(p->starmapAsync(&add, {{1, 2}, {3, 4}, {5, 6}}, 0, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("starmap fails"))
        keep(p->starmapAsync(&failOn13, {{1}, {13}}, 0, calls.onSuccess<int>(), calls.onError()));
    else if (call == QLatin1String("apply"))
        keep(p->applyAsync(qmp::TaskCall{QStringLiteral("square"), {9}},
                           [&](const QCborValue &v) { calls.onSuccess<QCborValue>()({v}); }, calls.onError()));
    else if (call == QLatin1String("apply fails"))
        keep(p->applyAsync(qmp::TaskCall{QStringLiteral("failOn13"), {13}},
                           [&](const QCborValue &v) { calls.onSuccess<QCborValue>()({v}); }, calls.onError()));
    QVERIFY(wait());
    // The callbacks are queued before the result is ready: one pass of the event loop runs
    // every one there is.
    QCOMPARE(calls.successes + calls.errors, 0); // never inside the submitting call or wait()
    QCoreApplication::processEvents();
    QCOMPARE(calls.thread, QThread::currentThread());
    if (error.isEmpty()) {
        QCOMPARE(calls.errors, 0);
        QCOMPARE(calls.successes, 1);
        QCOMPARE(calls.values, expected);
    } else {
        QCOMPARE(calls.successes, 0);
        QCOMPARE(calls.errors, 1);
        QVERIFY2(calls.error.contains(error), qPrintable(calls.error));
    }
}

// A continuation the user attaches to future() does not replace the callbacks (a QFuture holds
// one continuation), and the callbacks do not take the user's place.
void tst_PoolBase::callbacksAndUserContinuationBothRun()
{
    auto p = makePool(1);
    int applied = 0;
    int mapped = 0;
    int continued = 0;
    auto held = p->applyAsync(&gated, gate(0)); // keeps the next two queued while we attach
    auto one = p->applyAsync(qmp::TaskCall{QStringLiteral("square"), {3}}, [&](const QCborValue &) { ++applied; });
    one.future().then([&](const QCborValue &) { ++continued; });
    auto many = p->mapAsync(&square, range(3), 1, [&](const QList<int> &) { ++mapped; });
    many.future().then([&](QFuture<int>) { ++continued; });
    open(0);
    QVERIFY(held.wait(60000) && one.wait(60000) && many.wait(60000));
    QTRY_COMPARE(continued, 2);
    QTRY_COMPARE(applied, 1);
    QTRY_COMPARE(mapped, 1);
}

// terminate() fails every unfinished result: its error_callback runs once with ProcessError.
void tst_PoolBase::terminateRunsTheErrorCallback()
{
    auto p = makePool(1);
    Calls calls;
    auto result = p->mapAsync(&gated, QStringList{gate(0), gate(1)}, 1, calls.onSuccess<int>(), calls.onError());
    QTRY_VERIFY_WITH_TIMEOUT(began(0), 60000);
    p->terminate();
    QVERIFY(result.wait(60000));
    QCoreApplication::processEvents();
    QCOMPARE(calls.successes, 0);
    QCOMPARE(calls.errors, 1);
    QVERIFY2(calls.error.contains(QStringLiteral("terminated")), qPrintable(calls.error));
    open(0);
    p->join();
}

// A callback that throws is reported and changes nothing else.
void tst_PoolBase::aThrowingCallbackIsReported()
{
    auto p = makePool(1);
    auto result = p->mapAsync(&square, range(2), 1, [](const QList<int> &) { throw std::runtime_error("oops"); });
    QVERIFY(result.wait(60000));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("a callback of .* threw: oops")));
    QCoreApplication::processEvents();
    QCOMPARE(p->map(&square, range(3)), (QList<int>{0, 1, 4}));
}

QMP_TEST_MAIN(tst_PoolBase)
#include "tst_poolbase.moc"
