// qmp::ThreadPool — multiprocessing.dummy.Pool (a ThreadPool): Pool's
// interface and rules on threads. Waiting for a task is done with gates and barriers the tasks
// take part in, never with sleeps.

#include "pool.h"
#include "qmptest.h"
#include "threadpool.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <array>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

using qmp::PoolOptions;
using qmp::ThreadPool;

namespace {

// --- gates: gated(id) blocks until the test opens gate id ---
std::array<QSemaphore, 8> g_gates;
std::atomic<int> g_gatedStarted{0};

int gated(int id)
{
    ++g_gatedStarted;
    g_gates.at(size_t(id)).acquire();
    return id;
}
QMP_TASK(gated);

void openGate(int id)
{
    g_gates.at(size_t(id)).release();
}

// --- rendezvous(n): returns true once n calls are inside it at the same time ---
struct Rendezvous
{
    std::mutex mutex;
    std::condition_variable cv;
    int arrived = 0;
    int inside = 0;
    int maxInside = 0;
};
Rendezvous g_rendezvous;

bool rendezvous(int n)
{
    std::unique_lock lock(g_rendezvous.mutex);
    ++g_rendezvous.arrived;
    g_rendezvous.maxInside = qMax(g_rendezvous.maxInside, ++g_rendezvous.inside);
    g_rendezvous.cv.notify_all();
    // The deadline only turns a broken pool into a failure instead of a hang.
    const bool met = g_rendezvous.cv.wait_for(lock, std::chrono::seconds(20),
                                              [n] { return g_rendezvous.arrived >= n; });
    --g_rendezvous.inside;
    return met;
}
QMP_TASK(rendezvous);

// --- plain tasks ---
std::atomic<int> g_ran{0};

int square(int x)
{
    ++g_ran;
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

void throwKind(int kind)
{
    switch (kind) {
    case 0: throw std::invalid_argument("13 is unlucky");
    case 1: throw qmp::ValueError(QStringLiteral("bad value"));
    default: throw 42;
    }
}
QMP_TASK(throwKind);

// --- initializer: thread-local state, counted ---
thread_local int t_initialised = 0;
std::atomic<int> g_initializerRuns{0};

void initialise(int value)
{
    ++g_initializerRuns;
    t_initialised = value;
}
QMP_TASK(initialise);

int readInitialised(int)
{
    return t_initialised;
}
QMP_TASK(readInitialised);

// Meets n - 1 others, so n threads each run one, then reports what the initializer set there.
int meetAndReadInitialised(int n)
{
    return rendezvous(n) ? t_initialised : -1;
}
QMP_TASK(meetAndReadInitialised);

void failingInitializer()
{
    throw std::runtime_error("no database");
}
QMP_TASK(failingInitializer);

template <typename E, typename F>
QString messageOf(F &&f)
{
    try {
        f();
    } catch (const E &e) {
        return e.message();
    }
    return QStringLiteral("<no exception>");
}

QList<int> range(int n)
{
    QList<int> out;
    for (int i = 0; i < n; ++i)
        out.append(i);
    return out;
}

} // namespace

class tst_ThreadPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
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
    void imapThrowsAtTheFailedCallAndGoesOn();
    void callbacksRunOnTheOwnersThread();
    void tasksRunInParallel_data();
    void tasksRunInParallel();
    void initializerRunsOncePerThread();
    void failingInitializerBreaksThePool();
    void closeRunsWhatIsQueuedAndJoinWaits();
    void submittingAfterStopIsAValueError_data();
    void submittingAfterStopIsAValueError();
    void terminateFailsUnfinishedResults();
    void destructorFailsQueuedWork();
    void cancelDropsPendingWork_data();
    void cancelDropsPendingWork();
    void sameCodeRunsOnEitherPool_data();
    void sameCodeRunsOnEitherPool();
};

void tst_ThreadPool::init()
{
    for (QSemaphore &gate : g_gates)
        gate.tryAcquire(gate.available());
    g_gatedStarted = 0;
    g_ran = 0;
    g_initializerRuns = 0;
    std::lock_guard lock(g_rendezvous.mutex);
    g_rendezvous.arrived = 0;
    g_rendezvous.inside = 0;
    g_rendezvous.maxInside = 0;
}

void tst_ThreadPool::cleanupTestCase()
{
    QVERIFY(qmptest::shutDownAndCheckNothingLeft()); // sameCodeRunsOnEitherPool starts a Pool
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
}

void tst_ThreadPool::badArguments_data()
{
    QTest::addColumn<int>("processes");
    QTest::addColumn<int>("maxTasksPerChild");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no threads") << 0 << 0 << 0 << 0 << "Number of processes must be at least 1 (got 0)";
    QTest::newRow("negative threads") << -2 << 0 << 0 << 0 << "Number of processes must be at least 1 (got -2)";
    QTest::newRow("negative maxTasksPerChild") << 1 << -1 << 0 << 0 << "maxTasksPerChild must be 0";
    QTest::newRow("negative retries") << 1 << 0 << -1 << 0 << "retries must be 0 or positive";
    QTest::newRow("negative taskTimeout") << 1 << 0 << 0 << -5 << "taskTimeout must be 0 (none) or positive";
    QTest::newRow("taskTimeout") << 1 << 0 << 0 << 200 << "taskTimeout is not supported by ThreadPool";
    QTest::newRow("retries") << 1 << 0 << 2 << 0 << "retries is not supported by ThreadPool";
    QTest::newRow("maxTasksPerChild") << 1 << 3 << 0 << 0 << "maxTasksPerChild is not supported by ThreadPool";
}

void tst_ThreadPool::badArguments()
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
    const QString message = messageOf<qmp::ValueError>([&] { ThreadPool pool(processes, options); });
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void tst_ThreadPool::apply()
{
    ThreadPool pool(2);
    QCOMPARE(pool.processes(), 2);
    QVERIFY2(pool.name().startsWith(QStringLiteral("ThreadPool-")), qPrintable(pool.name()));
    QCOMPARE(pool.state(), ThreadPool::State::Running);
    QCOMPARE(pool.apply(&square, 7), 49);
    QCOMPARE(pool.apply(qmp::TaskCall{QStringLiteral("add"), {2, 3}}), QCborValue(5));
    const QString unknown = messageOf<qmp::ValueError>([&] { pool.apply(qmp::TaskCall{QStringLiteral("nope"), {}}); });
    QVERIFY2(unknown.contains(QStringLiteral("unknown task 'nope'")), qPrintable(unknown));
    const QString arity = messageOf<qmp::TypeError>([&] { pool.apply(qmp::TaskCall{QStringLiteral("add"), {1}}); });
    QVERIFY2(arity.contains(QStringLiteral("takes 2 argument(s), 1 given")), qPrintable(arity));
    PoolOptions options;
    options.name = QStringLiteral("io");
    ThreadPool named(1, options);
    named.close();
    const QString name = messageOf<qmp::ValueError>([&] { named.apply(&square, 1); });
    QVERIFY2(name.contains(QStringLiteral("io was closed")), qPrintable(name));
}

void tst_ThreadPool::exceptions_data()
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

void tst_ThreadPool::exceptions()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QString, type);
    QFETCH(QString, message);
    ThreadPool pool(1);
    auto result = pool.applyAsync(qmp::TaskCall{task, args});
    QVERIFY(result.wait(10000));
    QVERIFY(!result.successful());
    try {
        result.get();
        QFAIL("get() did not throw");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), type);
        QCOMPARE(e.remoteMessage(), message);
        const QString context = QStringLiteral("task '%1' in %2-Thread-1").arg(task, pool.name());
        QCOMPARE(e.context(), context);
    }
    QCOMPARE(pool.apply(&square, 4), 16); // the thread serves on
}

void tst_ThreadPool::asyncResultApi()
{
    ThreadPool pool(1);
    auto held = pool.applyAsync(&gated, 0);
    QTRY_COMPARE(g_gatedStarted.load(), 1);
    QVERIFY(!held.ready());
    QVERIFY(!held.wait(0));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, held.successful());
    openGate(0);
    QVERIFY(held.wait(10000));
    QVERIFY(held.ready());
    QVERIFY(held.successful());
    QCOMPARE(held.get(), 0);
    QVERIFY(held.future().isFinished());
}

void tst_ThreadPool::getTimesOutWhileTheTaskRunsOn()
{
    ThreadPool pool(1);
    auto held = pool.applyAsync(&gated, 1);
    QTRY_COMPARE(g_gatedStarted.load(), 1);
    QElapsedTimer timer;
    timer.start();
    QVERIFY_THROWS_EXCEPTION(qmp::TimeoutError, held.get(100));
    QVERIFY(timer.elapsed() >= 90);
    QVERIFY(!held.ready()); // giving up waiting does not stop the task
    openGate(1);
    QCOMPARE(held.get(), 1);
}

void tst_ThreadPool::map_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("chunksize");
    QTest::newRow("empty") << 2 << 0 << 0;
    QTest::newRow("one") << 2 << 1 << 0;
    QTest::newRow("100, default chunks") << 2 << 100 << 0;
    QTest::newRow("100, chunksize 1") << 2 << 100 << 1;
    QTest::newRow("100, chunksize 7") << 3 << 100 << 7;
    QTest::newRow("100, one chunk") << 2 << 100 << 1000;
    QTest::newRow("5000, 8 threads") << 8 << 5000 << 0;
}

void tst_ThreadPool::map()
{
    QFETCH(int, threads);
    QFETCH(int, items);
    QFETCH(int, chunksize);
    ThreadPool pool(threads);
    QList<int> expected;
    for (int i = 0; i < items; ++i)
        expected.append(i * i);
    QCOMPARE(pool.map(&square, range(items), chunksize), expected);
    QCOMPARE(g_ran.load(), items);
    QCOMPARE(ThreadPool(2).defaultChunksize(100), 13); // Python's rule, as Pool
}

void tst_ThreadPool::mapStopsAtTheFirstError()
{
    ThreadPool pool(2);
    auto result = pool.mapAsync(&failOn13, range(50), 1);
    QVERIFY(result.wait(10000));
    QVERIFY(!result.successful());
    const QString message = messageOf<qmp::RemoteError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("std::invalid_argument: 13 is unlucky")), qPrintable(message));
}

void tst_ThreadPool::starmapAndUntyped()
{
    ThreadPool pool(2);
    QCOMPARE(pool.starmap(&add, {{1, 2}, {10, 20}, {-5, 5}}), (QList<int>{3, 30, 0}));
    QCOMPARE(pool.starmapAsync(&add, {{4, 4}}).get(), QList<int>{8});
    QCOMPARE(pool.map(QStringLiteral("square"), QCborArray{1, 2, 3}),
             (QList<QCborValue>{QCborValue(1), QCborValue(4), QCborValue(9)}));
    QCOMPARE(pool.mapAsync(QStringLiteral("square"), QCborArray{5}).get(), QList<QCborValue>{QCborValue(25)});
}

void tst_ThreadPool::imapOrder_data()
{
    QTest::addColumn<bool>("ordered");
    QTest::addColumn<QList<int>>("opening");  // the order the gates open in
    QTest::addColumn<QList<int>>("expected"); // the order the results come in
    QTest::newRow("imap: input order") << true << QList<int>{2, 0, 1} << QList<int>{0, 1, 2};
    QTest::newRow("imap, reversed: input order") << true << QList<int>{2, 1, 0} << QList<int>{0, 1, 2};
    QTest::newRow("imapUnordered: completion order") << false << QList<int>{2, 0, 1} << QList<int>{2, 0, 1};
    QTest::newRow("imapUnordered, reversed") << false << QList<int>{2, 1, 0} << QList<int>{2, 1, 0};
}

void tst_ThreadPool::imapOrder()
{
    QFETCH(bool, ordered);
    QFETCH(QList<int>, opening);
    QFETCH(QList<int>, expected);
    ThreadPool pool(3);
    const QList<int> inputs{0, 1, 2};
    QFuture<int> results = ordered ? pool.imap(&gated, inputs) : pool.imapUnordered(&gated, inputs);
    QTRY_COMPARE(g_gatedStarted.load(), 3); // all three run, each on its own thread
    for (int gate : opening) {
        openGate(gate);
        if (!ordered) { // one result at a time: completion order is the opening order
            const int done = int(opening.indexOf(gate)) + 1;
            QTRY_COMPARE(results.resultCount(), done);
        }
    }
    QList<int> got;
    for (int value : results) // QFuture iteration waits for the next result
        got.append(value);
    QCOMPARE(got, expected);
}

// The same as Pool's: a failed call raises at its position, the next ones follow.
void tst_ThreadPool::imapThrowsAtTheFailedCallAndGoesOn()
{
    ThreadPool pool(2);
    auto failing = pool.imap(&failOn13, QList<int>{1, 13, 4});
    QCOMPARE(failing.next(), std::optional<int>(1));
    QVERIFY_THROWS_EXCEPTION(qmp::RemoteError, failing.next());
    QCOMPARE(failing.next(), std::optional<int>(4));
    QCOMPARE(failing.next(), std::nullopt);
}

void tst_ThreadPool::callbacksRunOnTheOwnersThread()
{
    ThreadPool pool(2);
    QCborValue value;
    QString error;
    QThread *callbackThread = nullptr;
    QThread *errorThread = nullptr;
    pool.applyAsync(qmp::TaskCall{QStringLiteral("square"), {9}}, [&](const QCborValue &v) {
        value = v;
        callbackThread = QThread::currentThread();
    });
    pool.applyAsync(qmp::TaskCall{QStringLiteral("failOn13"), {13}}, {}, [&](const qmp::Error &e) {
        error = e.message();
        errorThread = QThread::currentThread();
    });
    QTRY_COMPARE(value, QCborValue(81));
    QCOMPARE(callbackThread, QThread::currentThread());
    QTRY_VERIFY(error.contains(QStringLiteral("13 is unlucky")));
    QCOMPARE(errorThread, QThread::currentThread());
}

void tst_ThreadPool::tasksRunInParallel_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("2 threads") << 2;
    QTest::newRow("4 threads") << 4;
    QTest::newRow("8 threads") << 8; // more threads than this machine may have cores
}

// N tasks that each wait until all N are inside: they can only all return true when N threads
// run them at the same time.
void tst_ThreadPool::tasksRunInParallel()
{
    QFETCH(int, threads);
    ThreadPool pool(threads);
    const QList<int> inputs(threads, threads);
    const QList<bool> met = pool.map(&rendezvous, inputs, 1);
    QCOMPARE(met, QList<bool>(threads, true));
    QCOMPARE(g_rendezvous.maxInside, threads);

    // And never more than N at once: 3N tasks meeting in groups of N.
    {
        std::lock_guard lock(g_rendezvous.mutex);
        g_rendezvous.arrived = 0;
        g_rendezvous.maxInside = 0;
    }
    const QList<bool> again = pool.map(&rendezvous, QList<int>(3 * threads, threads), 1);
    QCOMPARE(again, QList<bool>(3 * threads, true));
    QCOMPARE(g_rendezvous.maxInside, threads);
}

void tst_ThreadPool::initializerRunsOncePerThread()
{
    PoolOptions options;
    options.initializer = qmp::TaskCall::of(&initialise, 42);
    ThreadPool pool(3, options);
    // Three tasks that meet: one on each thread, so every thread has started.
    QCOMPARE(pool.map(&meetAndReadInitialised, QList<int>{3, 3, 3}, 1), (QList<int>{42, 42, 42}));
    QCOMPARE(pool.map(&readInitialised, range(60), 1), QList<int>(60, 42));
    QCOMPARE(g_initializerRuns.load(), 3);
    QCOMPARE(t_initialised, 0); // not on this thread
}

void tst_ThreadPool::failingInitializerBreaksThePool()
{
    PoolOptions options;
    options.initializer = qmp::TaskCall::of(&failingInitializer);
    ThreadPool pool(2, options);
    auto result = pool.applyAsync(&square, 2);
    QVERIFY(result.wait(10000));
    QString message = messageOf<qmp::RemoteError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("std::runtime_error: no database")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("initializer 'failingInitializer' of ThreadPool-")), qPrintable(message));
    // Later submissions fail with the same reason instead of hanging.
    auto later = pool.mapAsync(&square, range(10));
    QVERIFY(later.wait(10000));
    message = messageOf<qmp::RemoteError>([&] { later.get(); });
    QVERIFY2(message.contains(QStringLiteral("no database")), qPrintable(message));
    QCOMPARE(g_ran.load(), 0);
    pool.close();
    pool.join();
}

void tst_ThreadPool::closeRunsWhatIsQueuedAndJoinWaits()
{
    ThreadPool pool(2);
    const QString early = messageOf<qmp::ValueError>([&] { pool.join(); });
    QVERIFY2(early.contains(QStringLiteral("join(): close() or terminate()")), qPrintable(early));
    auto held = pool.applyAsync(&gated, 0);
    auto queued = pool.mapAsync(&square, range(20), 1);
    pool.close();
    QCOMPARE(pool.state(), ThreadPool::State::Closed);
    pool.close(); // again: no effect
    openGate(0);
    pool.join();
    QVERIFY(held.ready());
    QVERIFY(queued.ready());
    QCOMPARE(held.get(), 0);
    QCOMPARE(queued.get().size(), 20);
    QCOMPARE(g_ran.load(), 20);
}

void tst_ThreadPool::submittingAfterStopIsAValueError_data()
{
    QTest::addColumn<bool>("terminate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("after close") << false << "Pool not running: %1 was closed";
    QTest::newRow("after terminate") << true << "Pool not running: %1 was terminated";
}

void tst_ThreadPool::submittingAfterStopIsAValueError()
{
    QFETCH(bool, terminate);
    QFETCH(QString, expected);
    ThreadPool pool(1);
    terminate ? pool.terminate() : pool.close();
    expected = expected.arg(pool.name());
    const QList<std::function<void()>> submissions{
        [&] { pool.apply(&square, 1); },
        [&] { pool.applyAsync(&square, 1); },
        [&] { pool.applyAsync(qmp::TaskCall{QStringLiteral("square"), {1}}, [](const QCborValue &) {}); },
        [&] { pool.map(&square, QList<int>{1}); },
        [&] { pool.mapAsync(QStringLiteral("square"), QCborArray{1}); },
        [&] { pool.starmap(&add, {{1, 2}}); },
        [&] { pool.imap(&square, QList<int>{1}); },
        [&] { pool.imapUnordered(&square, QList<int>{1}); },
    };
    for (const auto &submit : submissions) {
        const QString message = messageOf<qmp::ValueError>(submit);
        QCOMPARE(message, expected);
    }
    pool.join();
    QCOMPARE(g_ran.load(), 0);
}

void tst_ThreadPool::terminateFailsUnfinishedResults()
{
    ThreadPool pool(1);
    auto running = pool.applyAsync(&gated, 0);
    QTRY_COMPARE(g_gatedStarted.load(), 1);
    auto queued = pool.mapAsync(&square, range(10000), 1);
    pool.terminate();
    QCOMPARE(pool.state(), ThreadPool::State::Terminated);
    // Failed at once, while the running task still holds its thread: no result stays pending.
    QVERIFY(running.ready());
    QVERIFY(queued.ready());
    for (const QString &message : {messageOf<qmp::ProcessError>([&] { running.get(); }),
                                   messageOf<qmp::ProcessError>([&] { queued.get(); })})
        QCOMPARE(message, QStringLiteral("the pool was terminated before the task finished"));
    openGate(0); // the thread cannot be killed: join() waits for its task to return
    pool.join();
    QCOMPARE(g_ran.load(), 0); // the queued tasks never ran
}

void tst_ThreadPool::destructorFailsQueuedWork()
{
    qmp::MapResult<int> queued(QFuture<int>(), std::make_shared<qmp::detail::Completion>());
    std::thread opener;
    {
        ThreadPool pool(1);
        pool.applyAsync(&gated, 0);
        QTRY_COMPARE(g_gatedStarted.load(), 1);
        queued = pool.mapAsync(&square, range(100), 1);
        // Lets the running task return once the destructor has failed the queued work.
        opener = std::thread([queued] {
            queued.wait();
            openGate(0);
        });
    } // like `with ThreadPool() as p:` — terminate(), then wait for the running task
    opener.join();
    QVERIFY(queued.ready());
    const QString message = messageOf<qmp::ProcessError>([&] { queued.get(); });
    QCOMPARE(message, QStringLiteral("the pool was terminated before the task finished"));
    QCOMPARE(g_ran.load(), 0);
}

void tst_ThreadPool::cancelDropsPendingWork_data()
{
    QTest::addColumn<int>("items"); // 0: an applyAsync
    QTest::addColumn<int>("chunksize");
    QTest::newRow("applyAsync") << 0 << 1;
    QTest::newRow("map, chunksize 1") << 30 << 1;
    QTest::newRow("map, chunksize 3") << 30 << 3;
    QTest::newRow("map, one chunk") << 30 << 100;
}

void tst_ThreadPool::cancelDropsPendingWork()
{
    QFETCH(int, items);
    QFETCH(int, chunksize);
    ThreadPool pool(1);
    auto held = pool.applyAsync(&gated, 0);
    QTRY_COMPARE(g_gatedStarted.load(), 1);
    std::function<void()> get;
    std::function<bool()> wait;
    std::function<bool()> successful;
    if (items == 0) {
        auto pending = pool.applyAsync(&square, 3);
        pending.future().cancel();
        QVERIFY(pending.future().isCanceled());
        get = [pending] { pending.get(); };
        wait = [pending] { return pending.wait(10000); };
        successful = [pending] { return pending.successful(); };
    } else {
        auto pending = pool.mapAsync(&square, range(items), chunksize);
        pending.future().cancel();
        QVERIFY(pending.future().isCanceled());
        get = [pending] { pending.get(); };
        wait = [pending] { return pending.wait(10000); };
        successful = [pending] { return pending.successful(); };
    }
    openGate(0);
    QCOMPARE(held.get(), 0);
    QVERIFY(wait());
    QVERIFY(!successful());
    QCOMPARE(messageOf<qmp::ValueError>(get), QStringLiteral("the result was canceled"));
    QCOMPARE(g_ran.load(), 0); // none of the canceled tasks ran
    QCOMPARE(pool.apply(&square, 5), 25);
    QCOMPARE(g_ran.load(), 1);
}

void tst_ThreadPool::sameCodeRunsOnEitherPool_data()
{
    QTest::addColumn<bool>("threads");
    QTest::newRow("qmp::Pool") << false;
    QTest::newRow("qmp::ThreadPool") << true;
}

// One function against PoolBase&: the same tasks, results and errors on either pool.
void tst_ThreadPool::sameCodeRunsOnEitherPool()
{
    QFETCH(bool, threads);
    std::unique_ptr<qmp::PoolBase> owned;
    if (threads)
        owned = std::make_unique<ThreadPool>(2);
    else
        owned = std::make_unique<qmp::Pool>(2);
    qmp::PoolBase &pool = *owned;
    QCOMPARE(pool.apply(&square, 3), 9);
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}), (QList<int>{1, 4, 9}));
    QCOMPARE(pool.starmap(&add, {{1, 2}}), QList<int>{3});
    QList<int> got;
    for (int v : pool.imap(&square, QList<int>{4, 5}))
        got.append(v);
    QCOMPARE(got, (QList<int>{16, 25}));
    try {
        pool.apply(qmp::TaskCall{QStringLiteral("square"), {QStringLiteral("x")}});
        QFAIL("no TypeError");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), QStringLiteral("qmp::TypeError"));
        QCOMPARE(e.remoteMessage(), QStringLiteral("task 'square', argument 1: expected an integer, got string"));
    }
    pool.close();
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.apply(&square, 1));
    pool.join();
}

QMP_TEST_MAIN(tst_ThreadPool)
#include "tst_threadpool.moc"
