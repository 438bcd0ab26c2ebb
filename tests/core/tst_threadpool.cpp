// qmp::ThreadPool — what only the thread pool does: the options a thread cannot honour, at most N
// tasks at once on N threads, the initializer once per thread. What it shares with qmp::Pool is
// the conformance suite tst_poolbase. Waiting for a task is done with barriers the tasks take part
// in, never with sleeps.

#include "qmptest.h"
#include "threadpool.h"

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

using qmp::PoolOptions;
using qmp::ThreadPool;

using qmptest::messageOf;

namespace {

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

    void unsupportedOptions_data();
    void unsupportedOptions();
    void neverMoreTasksAtOnceThanThreads_data();
    void neverMoreTasksAtOnceThanThreads();
    void initializerRunsOncePerThread();
};

void tst_ThreadPool::init()
{
    g_initializerRuns = 0;
    std::lock_guard lock(g_rendezvous.mutex);
    g_rendezvous.arrived = 0;
    g_rendezvous.inside = 0;
    g_rendezvous.maxInside = 0;
}

// A thread can be neither killed nor replaced: the options that need it are ValueErrors.
void tst_ThreadPool::unsupportedOptions_data()
{
    QTest::addColumn<QString>("option"); // set to a positive value
    QTest::newRow("taskTimeout") << QStringLiteral("taskTimeout");
    QTest::newRow("retries") << QStringLiteral("retries");
    QTest::newRow("maxTasksPerChild") << QStringLiteral("maxTasksPerChild");
}

void tst_ThreadPool::unsupportedOptions()
{
    QFETCH(QString, option);
    PoolOptions options;
    if (option == QLatin1String("taskTimeout"))
        options.taskTimeout = std::chrono::milliseconds(200);
    else if (option == QLatin1String("retries"))
        options.retries = 2;
    else
        options.maxTasksPerChild = 3;
    const QString message = messageOf<qmp::ValueError>([&] { ThreadPool pool(1, options); });
    QVERIFY2(message.startsWith(option + QStringLiteral(" is not supported by ThreadPool")), qPrintable(message));
}

void tst_ThreadPool::neverMoreTasksAtOnceThanThreads_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("2 threads") << 2;
    QTest::newRow("4 threads") << 4;
    QTest::newRow("8 threads") << 8; // more threads than this machine may have cores
}

// 3N tasks meeting in groups of N: all meet (N run at once), and never more than N are inside.
void tst_ThreadPool::neverMoreTasksAtOnceThanThreads()
{
    QFETCH(int, threads);
    ThreadPool pool(threads);
    const QList<bool> met = pool.map(&rendezvous, QList<int>(3 * threads, threads), 1);
    QCOMPARE(met, QList<bool>(3 * threads, true));
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

QMP_TEST_MAIN(tst_ThreadPool)
#include "tst_threadpool.moc"
