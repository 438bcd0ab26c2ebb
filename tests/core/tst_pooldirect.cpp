// qmp::Pool's direct calls: a single apply / applyAsync made while a worker is idle is written by
// the calling thread to the worker and answered to the thread that waits for the result. The
// pool thread still supervises it: a death, a timeout, terminate() and pause complete or hold it
// exactly as for any call, and a call still runs at most once however workers are killed.

#include "callcounters.h"
#include "pool.h"
#include "qmptest.h"
#include "startmethodtestcase.h"
#include "startmethod.h"

#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>
#include <time.h>
#include <unistd.h>

using qmp::Pool;
using qmp::PoolOptions;

namespace {

int square(int x)
{
    return x * x;
}
QMP_TASK(square);

int failOn13(int x)
{
    if (x == 13)
        throw std::invalid_argument("13 is unlucky");
    return x;
}
QMP_TASK(failOn13);

// Counts its beginning, sleeps ms, counts its end.
int countedSleep(const QString &counters, int index, int ms)
{
    CallCounters &calls = CallCounters::at(counters);
    calls.countBegin(index);
    QThread::msleep(ms);
    calls.countFinish(index);
    return index;
}
QMP_TASK(countedSleep);

// Burns ms of this process's CPU time: a stopped worker makes no progress (unlike a sleep,
// which is over at once when a long stop ends).
int cpuFor(int ms)
{
    const auto cpuNs = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    };
    const qint64 until = cpuNs() + qint64(ms) * 1000000;
    volatile quint64 spins = 0;
    while (cpuNs() < until)
        spins = spins + 1;
    return ms;
}
QMP_TASK(cpuFor);

// Until a call has gone direct: the workers are ready and idle, their seats open (the pool
// thread opens them right after it has handled a reply, which may be after get() returned).
bool warmUp(Pool &pool)
{
    const quint64 before = pool.directCalls();
    return QTest::qWaitFor([&] { return pool.apply(&square, 2) == 4 && pool.directCalls() > before; }, 10000);
}

template <typename E, typename F>
QString messageOf(F &&f)
{
    try {
        f();
    } catch (const qmp::Error &e) {
        if (dynamic_cast<const E *>(&e) != nullptr)
            return e.message();
        return QStringLiteral("<another error: %1>").arg(e.message());
    }
    return QStringLiteral("<no exception>");
}

} // namespace

class tst_PoolDirect : public qmptest::StartMethodTestCase // every test once per start method
{
    Q_OBJECT
private Q_SLOTS:
    void aSingleCallGoesDirectAndReturnsItsValue();
    void aDirectCallsErrorReachesTheCaller();
    void aResultNobodyWaitsForCompletesAllTheSame();
    void aGetThatTimesOutLeavesTheCallToComplete();
    void aCallerLateToWaitCostsNoWorker();
    void aWorkerKilledDuringADirectCallFailsIt();
    void aDirectCallPastItsTimeoutFails();
    void terminateFailsARunningDirectCall();
    void aPauseWithStopFreezesADirectCallsTimeout();
    void aPausedPoolTakesNoDirectCall();
    void aBusyPoolTakesTheUsualPath();
    void aRecordingPoolTakesTheUsualPath();
    void manyThreadsCallAtOnce();
    void theEnvironmentTurnsDirectCallsOff();
    void aDirectCallRunsAtMostOnceUnderKills();

private:
    QTemporaryDir m_dir;
};

void tst_PoolDirect::aSingleCallGoesDirectAndReturnsItsValue()
{
    Pool pool(2);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    for (int i = 0; i < 50; ++i)
        QCOMPARE(pool.apply(&square, i), i * i);
    QVERIFY2(pool.directCalls() >= before + 49, qPrintable(QString::number(pool.directCalls() - before)));
    QCOMPARE(pool.apply(qmp::TaskCall::of(&square, 12)), QCborValue(144));
}

void tst_PoolDirect::aDirectCallsErrorReachesTheCaller()
{
    Pool pool(1);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto result = pool.applyAsync(&failOn13, 13);
    QCOMPARE(pool.directCalls(), before + 1);
    const QString message = messageOf<qmp::RemoteError>([&] { result.get(10000); });
    QVERIFY2(message.contains(QLatin1String("13 is unlucky")), qPrintable(message));
    QVERIFY(!result.successful());
    QCOMPARE(pool.apply(&failOn13, 2), 2); // the worker serves on
}

// Nobody waits on the lane: the worker answers on its channel and the pool thread completes it.
void tst_PoolDirect::aResultNobodyWaitsForCompletesAllTheSame()
{
    Pool pool(1);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto result = pool.applyAsync(&square, 5);
    QCOMPARE(pool.directCalls(), before + 1);
    QCborValue fromCallback;
    auto viaCallback = pool.applyAsync(qmp::TaskCall::of(&square, 6), [&](const QCborValue &v) { fromCallback = v; });
    QTRY_VERIFY(result.ready());
    QCOMPARE(result.get(), 25);
    QTRY_COMPARE(fromCallback, QCborValue(36));
}

void tst_PoolDirect::aGetThatTimesOutLeavesTheCallToComplete()
{
    const QString path = m_dir.filePath(QStringLiteral("timeout-get-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, 1);
    Pool pool(1);
    QVERIFY(warmUp(pool));
    auto result = pool.applyAsync(&countedSleep, path, 0, 300);
    QCOMPARE(messageOf<qmp::TimeoutError>([&] { result.get(10); }), QStringLiteral("the result was not ready in time"));
    QTRY_VERIFY(result.ready()); // completed by the pool thread, nobody waiting
    QCOMPARE(result.get(), 0);
    QCOMPARE(pool.apply(&square, 4), 16);
}

// The caller comes to get() only after the worker answered: the worker writes the reply to the
// channel too, and the caller takes it from the lane. Before the fix the pool thread found no call
// for that copy and killed the worker as out of step.
void tst_PoolDirect::aCallerLateToWaitCostsNoWorker()
{
    Pool pool(1);
    QVERIFY(warmUp(pool));
    QSignalSpy exits(&pool, &Pool::workerExited);
    const quint64 before = pool.directCalls();
    // Busy threads, as on a loaded machine: the pool thread comes late to the channel's copy.
    std::atomic<bool> stop{false};
    std::vector<std::thread> hogs;
    const auto stopHogs = qScopeGuard([&] {
        stop = true;
        for (auto &hog : hogs)
            hog.join();
    });
    for (int h = 0; h < 2; ++h) {
        hogs.emplace_back([&] {
            while (!stop) {
            }
        });
    }
    for (int i = 0; i < 3000; ++i) {
        auto result = pool.applyAsync(&square, i % 1000);
        const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(i % 61 * 3);
        while (std::chrono::steady_clock::now() < until) {
        } // busy, as a caller doing other work before it asks for the result
        QCOMPARE(result.get(10000), (i % 1000) * (i % 1000));
    }
    QVERIFY(pool.directCalls() > before);
    QCOMPARE(pool.apply(&square, 3), 9);
    QCOMPARE(exits.count(), 0);
}

void tst_PoolDirect::aWorkerKilledDuringADirectCallFailsIt()
{
    const QString path = m_dir.filePath(QStringLiteral("killed-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, 1);
    Pool pool(1);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto result = pool.applyAsync(&countedSleep, path, 0, 60000);
    QCOMPARE(pool.directCalls(), before + 1);
    QTRY_COMPARE(counters.began(0), 1);
    const QList<qint64> workers = pool.workerPids();
    QCOMPARE(workers.size(), 1);
    std::thread killer([pid = workers.first()] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // get() below is waiting by then
        ::kill(pid_t(pid), SIGKILL);
    });
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(30000); });
    killer.join();
    QVERIFY2(message.contains(QLatin1String("had begun")), qPrintable(message));
    QCOMPARE(counters.began(0), 1);
    QCOMPARE(pool.apply(&square, 5), 25); // a new worker serves
}

void tst_PoolDirect::aDirectCallPastItsTimeoutFails()
{
    const QString path = m_dir.filePath(QStringLiteral("task-timeout-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, 1);
    PoolOptions options;
    options.taskTimeout = std::chrono::milliseconds(300);
    Pool pool(1, options);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto result = pool.applyAsync(&countedSleep, path, 0, 60000);
    QCOMPARE(pool.directCalls(), before + 1);
    const QString message = messageOf<qmp::TimeoutError>([&] { result.get(30000); });
    QVERIFY2(message.contains(QLatin1String("timeout")) || message.contains(QLatin1String("300")), qPrintable(message));
    QCOMPARE(pool.apply(&square, 6), 36);
}

void tst_PoolDirect::terminateFailsARunningDirectCall()
{
    const QString path = m_dir.filePath(QStringLiteral("terminate-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, 1);
    Pool pool(1);
    QVERIFY(warmUp(pool));
    auto result = pool.applyAsync(&countedSleep, path, 0, 60000);
    QTRY_COMPARE(counters.began(0), 1);
    pool.terminate();
    QVERIFY(result.ready()); // terminate() fails every unfinished result before it returns
    const QString message = messageOf<qmp::ProcessError>([&] { result.get(); });
    QVERIFY2(message.contains(QLatin1String("terminated")), qPrintable(message));
    pool.join();
}

// Before the fix the stopped time counted: the call was killed as timed out right after resume().
void tst_PoolDirect::aPauseWithStopFreezesADirectCallsTimeout()
{
    PoolOptions options;
    options.taskTimeout = std::chrono::milliseconds(3000);
    Pool pool(1, options);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto running = pool.applyAsync(&cpuFor, 200); // its CPU time: well within the timeout, even on a loaded machine
    QCOMPARE(pool.directCalls(), before + 1);
    const qint64 worker = pool.workerPids().value(0);
    pool.pause(true);
    QTRY_COMPARE(qmptest::processStateOf(worker), 'T'); // stopped
    QVERIFY(!running.wait(3500)); // past the timeout, but stopped time does not count
    pool.resume();
    QCOMPARE(running.get(30000), 200);
}

void tst_PoolDirect::aPausedPoolTakesNoDirectCall()
{
    Pool pool(1);
    QVERIFY(warmUp(pool));
    pool.pause();
    const quint64 before = pool.directCalls();
    auto held = pool.applyAsync(&square, 3);
    QCOMPARE(pool.directCalls(), before);
    QVERIFY(!held.wait(300)); // nothing starts while paused
    pool.resume();
    QCOMPARE(held.get(10000), 9);
    QTRY_VERIFY(pool.apply(&square, 4) == 16 && pool.directCalls() > before); // direct again
}

void tst_PoolDirect::aBusyPoolTakesTheUsualPath()
{
    const QString path = m_dir.filePath(QStringLiteral("busy-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, 1);
    Pool pool(1);
    QVERIFY(warmUp(pool));
    const quint64 before = pool.directCalls();
    auto slow = pool.applyAsync(&countedSleep, path, 0, 300);
    auto queued = pool.applyAsync(&square, 7); // the only worker is taken: queued for it
    QCOMPARE(pool.directCalls(), before + 1);
    QCOMPARE(queued.get(10000), 49);
    QCOMPARE(slow.get(10000), 0);
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}, 1), (QList<int>{1, 4, 9}));
}

void tst_PoolDirect::aRecordingPoolTakesTheUsualPath()
{
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    QCOMPARE(pool.apply(&square, 2), 4);
    const quint64 before = pool.directCalls();
    QCOMPARE(pool.apply(&square, 3), 9);
    QCOMPARE(pool.directCalls(), before);
    const auto finished = [&] {
        return std::count_if(seen.begin(), seen.end(), [](const qmp::PoolEvent &e) { return e.kind == qmp::PoolEvent::Kind::TaskFinished; });
    };
    QTRY_COMPARE(finished(), 2); // monitors see every call
}

void tst_PoolDirect::manyThreadsCallAtOnce()
{
    Pool pool(2);
    QVERIFY(warmUp(pool));
    constexpr int threads = 6;
    constexpr int calls = 300;
    std::atomic<int> wrong{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < threads; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < calls; ++i) {
                const int x = t * calls + i;
                try {
                    if (pool.apply(&square, x % 1000) != (x % 1000) * (x % 1000))
                        ++wrong;
                } catch (const qmp::Error &e) {
                    qWarning("call %d: %s", x, qPrintable(e.message()));
                    ++wrong;
                }
            }
        });
    }
    for (auto &caller : callers)
        caller.join();
    QCOMPARE(wrong.load(), 0);
    QVERIFY(pool.directCalls() > 0);
    QCOMPARE(pool.map(&square, QList<int>{4, 5}), (QList<int>{16, 25}));
}

void tst_PoolDirect::theEnvironmentTurnsDirectCallsOff()
{
    qputenv("QMP_POOL_DIRECT", "0");
    Pool pool(1);
    qunsetenv("QMP_POOL_DIRECT");
    for (int i = 0; i < 20; ++i)
        QCOMPARE(pool.apply(&square, i), i * i);
    QCOMPARE(pool.directCalls(), quint64(0));
}

// Direct calls one after another while a killer SIGKILLs the workers: every call ends, none runs
// twice (retries 0), a lost one is one its worker had begun, and the pool serves at the end.
void tst_PoolDirect::aDirectCallRunsAtMostOnceUnderKills()
{
    constexpr int calls = 3000;
    const QString path = m_dir.filePath(QStringLiteral("storm-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    CallCounters counters(path, calls);
    Pool pool(2);
    QVERIFY(warmUp(pool));
    std::atomic<bool> stop{false};
    std::atomic<int> kills{0};
    // A kill waits until some call has finished since the last one: where a worker takes longer
    // than the storm's pace to start (spawn under the sanitizers), a fixed pace would kill every
    // worker before its first call.
    std::atomic<int> finished{0};
    std::thread killer([&] {
        int finishedAtLastKill = -1;
        while (!stop) {
            const QList<qint64> pids = pool.workerPids();
            if (finished > finishedAtLastKill && !pids.isEmpty()
                && ::kill(pid_t(pids.at(kills % pids.size())), SIGKILL) == 0) {
                ++kills;
                finishedAtLastKill = finished;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(30)); // the storm's pace, not a wait
        }
    });
    int done = 0;
    int lost = 0;
    QStringList problems;
    const quint64 before = pool.directCalls();
    for (int i = 0; i < calls; ++i) {
        try {
            if (pool.apply(&countedSleep, path, i, 0) != i)
                problems << QStringLiteral("call %1: wrong value").arg(i);
            ++done;
        } catch (const qmp::WorkerLostError &e) {
            if (!e.message().contains(QLatin1String("had begun")))
                problems << QStringLiteral("call %1: %2").arg(i).arg(e.message());
            ++lost;
        } catch (const qmp::Error &e) {
            problems << QStringLiteral("call %1: %2").arg(i).arg(e.message());
        }
        if (counters.began(i) > 1)
            problems << QStringLiteral("call %1 began %2 times").arg(i).arg(counters.began(i));
        ++finished;
    }
    stop = true;
    killer.join();
    qInfo("%d kills, %d done, %d lost, %llu direct", int(kills), done, lost, pool.directCalls() - before);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 10).join(QLatin1Char('\n'))));
    QCOMPARE(done + lost, calls);
    QVERIFY(kills > 0);
    QVERIFY(pool.directCalls() > before);
    QVERIFY(lost <= kills);
    QCOMPARE(pool.apply(&square, 9), 81);
}

QMP_TEST_MAIN(tst_PoolDirect)
#include "tst_pooldirect.moc"
