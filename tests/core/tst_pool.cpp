// qmp::Pool — what only the process pool does, against the traps of Python's multiprocessing.Pool
// it must beat: a dead worker hangs the pool, a stuck task runs for ever; and its own controls
// (pause, cancel, terminateWorker, setProcesses, events). What it shares with qmp::ThreadPool is
// the conformance suite tst_poolbase.

#include "forkserver.h"
#include "pool.h"
#include "process.h"
#include "qmptest.h"
#include "startmethodtestcase.h"

#include <QCborArray>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <stdexcept>
#include <unistd.h>

using qmp::Pool;
using qmp::PoolOptions;

using qmptest::messageOf;

namespace {

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

int sleepMs(int ms)
{
    QThread::msleep(ms);
    return ms;
}
QMP_TASK(sleepMs);

// Says it has begun (the file exists), then sleeps: a test can act on a call that is really running.
int markThenSleep(const QString &mark, int ms)
{
    QFile(mark).open(QIODevice::WriteOnly);
    QThread::msleep(ms);
    return ms;
}
QMP_TASK(markThenSleep);

void dieBy(int sig)
{
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}
QMP_TASK(dieBy);

void exitWith(int code)
{
    qmp::exit(code);
}
QMP_TASK(exitWith);

qint64 workerPid(int)
{
    return qint64(::getpid());
}
QMP_TASK(workerPid);

// Dies the first time (no marker file yet), succeeds when retried.
int crashOnce(const QString &marker)
{
    QFile file(marker);
    if (!file.exists()) {
        file.open(QIODevice::WriteOnly);
        file.close();
        std::signal(SIGKILL, SIG_DFL);
        ::raise(SIGKILL);
    }
    return 7;
}
QMP_TASK(crashOnce);

// Hangs (10 minutes) the first time — a stuck task — and returns 5 when run again.
int stuckOnce(const QString &marker)
{
    QFile file(marker);
    if (!file.exists()) {
        file.open(QIODevice::WriteOnly);
        file.close();
        QThread::sleep(600);
    }
    return 5;
}
QMP_TASK(stuckOnce);

int dieOn3(int x)
{
    if (x == 3) {
        std::signal(SIGKILL, SIG_DFL);
        ::raise(SIGKILL);
    }
    return x;
}
QMP_TASK(dieOn3);

// Crashes the worker (fatal signal, given as x < 0, raised as a real fault would, without
// touching the handlers) or returns x: a crash amid tiny calls.
int crashAt(int x)
{
    if (x < 0)
        ::raise(-x);
    return x;
}
QMP_TASK(crashAt);

// Returns at once for 0; sleeps ms otherwise.
int quickOrSlow(int ms)
{
    if (ms > 0)
        QThread::msleep(ms);
    return ms;
}
QMP_TASK(quickOrSlow);

int startsAChild(int x)
{
    qmp::Process child(&square, x);
    child.start();
    child.join();
    return int(child.result().toInteger());
}
QMP_TASK(startsAChild);

} // namespace

class tst_Pool : public qmptest::StartMethodTestCase // every test once per start method
{
    Q_OBJECT
private Q_SLOTS:
    void aSlowTaskDoesNotHoldQuickOnesBehindIt();
    void aQuickResultIsNotHeldBehindASlowCall();
    void aCrashAmidTinyCallsFailsOnlyTheCrashingCall_data();
    void aCrashAmidTinyCallsFailsOnlyTheCrashingCall();
    void deadWorkerFailsItsTaskAndIsReplaced_data();
    void deadWorkerFailsItsTaskAndIsReplaced();
    void retriesRunATaskAgain();
    void taskTimeout();
    void maxTasksPerChild();
    void maxTasksPerChildSmallerThanTwoChunks();
    void deadWorkerFailsItsWholeChunk();
    void randomWorkerKills();
    void workersMayStartProcesses();
    void pauseHoldsNewWorkAndResumeGoesOn();
    void pauseWithStopFreezesRunningWork();
    void eventsTellTheStory();
    void eventsCarryBatchIndexAndAttempt();
    void disconnectingFromEventsDoesNotDeadlock();
    void terminateWorkerFailsItsTaskAndReplacesIt_data();
    void terminateWorkerFailsItsTaskAndReplacesIt();
    void cancelTask_data();
    void cancelTask();
    void cancellingOneCallOfABatch_data();
    void cancellingOneCallOfABatch();
    void aMapQueuedBeforeEventsAreWatchedHasAnEventPerTask();
    void eventsSayWhyATaskFailed_data();
    void eventsSayWhyATaskFailed();
    void eventsCarryArgumentsResultsAndSingleCalls();
    void lastEventsLeaveWhenThePoolIsDestroyed();
    void setProcessesGrowsAndShrinks();
};

void tst_Pool::aSlowTaskDoesNotHoldQuickOnesBehindIt()
{
    Pool pool(2);
    pool.map(&square, QList<int>(5000, 1), 1); // many tiny tasks: a deep prefetch for square
    QList<int> delays{800};
    delays += QList<int>(20, 1);
    QList<int> completion;
    for (int value : pool.imapUnordered(&sleepMs, delays))
        completion.append(value);
    // The free worker takes every quick task; none waits behind the slow one (Python's shared
    // queue behaves so too).
    QCOMPARE(completion.size(), 21);
    QCOMPARE(completion.last(), 800);
}

// A worker holds replies to tiny calls so that many share one write. The held reply of a quick
// call must not wait for the slow call queued behind it — even one of the same task, which the
// worker expects to be quick.
void tst_Pool::aQuickResultIsNotHeldBehindASlowCall()
{
    Pool pool(1);
    pool.map(&quickOrSlow, QList<int>(2000, 0), 1); // known as a tiny task now: a deep prefetch
    QList<int> inputs(20, 0);
    inputs.append(20000); // sent in the same write as the quick ones, run right after them
    auto results = pool.mapAsync(&quickOrSlow, inputs, 1);
    QTRY_VERIFY_WITH_TIMEOUT(results.future().isResultReadyAt(19), 10000);
    QVERIFY(!results.ready());
    pool.terminate();
    QVERIFY(results.wait(10000));
}

void tst_Pool::aCrashAmidTinyCallsFailsOnlyTheCrashingCall_data()
{
    QTest::addColumn<int>("sig");
    QTest::addColumn<QString>("expected");
    QTest::newRow("segfault") << SIGSEGV << "was killed by signal 11 (SIGSEGV)";
    QTest::newRow("abort") << SIGABRT << "was killed by signal 6 (SIGABRT)";
}

// The calls before the crash finished: their held replies are in the worker's lane, where the
// parent reads them after the death, so exactly the crashing call fails, with the right reason.
void tst_Pool::aCrashAmidTinyCallsFailsOnlyTheCrashingCall()
{
    QFETCH(int, sig);
    QFETCH(QString, expected);
    PoolOptions options;
    options.outputMode = qmp::Process::OutputMode::Discard;
    Pool pool(1, options);
    pool.map(&crashAt, QList<int>(2000, 1), 1); // crashAt is known as a tiny task now
    QList<qmp::AsyncResult<int>> results;
    for (int i = 0; i < 600; ++i)
        results.append(pool.applyAsync(&crashAt, i == 400 ? -sig : i));
    for (int i = 0; i < results.size(); ++i) {
        QVERIFY(results[i].wait(20000));
        if (i == 400) {
            const QString message = messageOf<qmp::WorkerLostError>([&] { results[i].get(); });
            QVERIFY2(message.contains(QStringLiteral("while running task 'crashAt'")), qPrintable(message));
#ifdef __SANITIZE_ADDRESS__
            // AddressSanitizer reports the fault itself, then exits with code 1, or aborts with
            // ASAN_OPTIONS=abort_on_error=1 (scripts/test sets it).
            if (sig == SIGSEGV && message.contains(QStringLiteral("exited with code 1")))
                expected = QStringLiteral("exited with code 1");
            if (sig == SIGSEGV && message.contains(QStringLiteral("was killed by signal 6 (SIGABRT)")))
                expected = QStringLiteral("was killed by signal 6 (SIGABRT)");
#endif
            QVERIFY2(message.contains(expected), qPrintable(message));
        } else {
            QVERIFY2(results[i].successful(), qPrintable(QStringLiteral("call %1 failed: %2")
                                                             .arg(i)
                                                             .arg(messageOf<qmp::Error>([&] { results[i].get(); }))));
            QCOMPARE(results[i].get(), i);
        }
    }
}

void tst_Pool::deadWorkerFailsItsTaskAndIsReplaced_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<int>("argument");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SIGKILL") << "dieBy" << SIGKILL << "was killed by signal 9 (SIGKILL) while running task 'dieBy'";
    QTest::newRow("segfault") << "dieBy" << SIGSEGV << "was killed by signal 11 (SIGSEGV)";
    QTest::newRow("abort") << "dieBy" << SIGABRT << "was killed by signal 6 (SIGABRT)";
    QTest::newRow("qmp::exit(3)") << "exitWith" << 3 << "exited with code 3 while running task 'exitWith'";
}

void tst_Pool::deadWorkerFailsItsTaskAndIsReplaced()
{
    QFETCH(QString, task);
    QFETCH(int, argument);
    QFETCH(QString, expected);
    PoolOptions options;
    options.outputMode = qmp::Process::OutputMode::Discard;
    Pool pool(2, options);
    QSignalSpy exited(&pool, &Pool::workerExited);
    auto doomed = pool.applyAsync(qmp::TaskCall{task, {argument}});
    QVERIFY(doomed.wait(10000)); // Python's pool hangs here forever (bpo-22393)
    const QString message = messageOf<qmp::WorkerLostError>([&] { doomed.get(); });
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("worker pid ")), qPrintable(message));
    QTRY_COMPARE(exited.count(), 1);
    QList<int> inputs{1, 2, 3, 4, 5, 6};
    QCOMPARE(pool.map(&square, inputs), (QList<int>{1, 4, 9, 16, 25, 36}));
}

void tst_Pool::retriesRunATaskAgain()
{
    QTemporaryDir dir;
    PoolOptions options;
    options.retries = 1;
    Pool pool(1, options);
    QCOMPARE(pool.apply(&crashOnce, dir.filePath(QStringLiteral("marker"))), 7);
}

void tst_Pool::taskTimeout()
{
    PoolOptions options;
    options.taskTimeout = std::chrono::milliseconds(200);
    Pool pool(1, options);
    auto stuck = pool.applyAsync(&sleepMs, 600000); // ends only by its timeout
    QVERIFY(stuck.wait());
    const QString message = messageOf<qmp::TimeoutError>([&] { stuck.get(); });
    QVERIFY2(message.contains(QStringLiteral("ran past its timeout of 200 ms")), qPrintable(message));
    QCOMPARE(pool.apply(&sleepMs, 10), 10); // a fresh worker serves on
}

void tst_Pool::maxTasksPerChild()
{
    PoolOptions options;
    options.maxTasksPerChild = 2;
    Pool pool(1, options);
    QList<int> inputs{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const QList<qint64> pids = pool.map(&workerPid, inputs, 1);
    QCOMPARE(QSet<qint64>(pids.begin(), pids.end()).size(), 5);
}

void tst_Pool::maxTasksPerChildSmallerThanTwoChunks()
{
    PoolOptions options;
    options.maxTasksPerChild = 5;
    Pool pool(1, options);
    QList<int> inputs;
    for (int i = 0; i < 20; ++i)
        inputs.append(i);
    // Chunks of 3: a worker takes one (3 calls), cannot take a second (6 > 5), retires.
    auto result = pool.mapAsync(&workerPid, inputs, 3);
    QVERIFY(result.wait(20000));
    const QList<qint64> pids = result.get();
    QCOMPARE(pids.size(), 20);
    // Chunks 3,3,3,3,3,3,2: each worker takes one chunk, except that the last 2 fit beside a 3.
    QCOMPARE(QSet<qint64>(pids.begin(), pids.end()).size(), 6);
}

void tst_Pool::deadWorkerFailsItsWholeChunk()
{
    Pool pool(1);
    auto result = pool.mapAsync(&dieOn3, QList<int>{0, 1, 2, 3, 4, 5}, 3);
    QVERIFY(result.wait(10000));
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("while running a chunk of 3 calls of task 'dieOn3'")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("items 3-5")), qPrintable(message));
    QCOMPARE(pool.map(&dieOn3, QList<int>{7, 8}), (QList<int>{7, 8}));
}

void tst_Pool::randomWorkerKills()
{
    Pool pool(2);
    QList<qint64> workers;
    connect(&pool, &Pool::workerStarted, this, [&](qint64 pid) { workers.append(pid); });
    QList<qmp::AsyncResult<int>> results;
    for (int i = 0; i < 1000; ++i)
        results.append(pool.applyAsync(&sleepMs, 1));
    // Kill a random live worker every 25 ms while the tasks run.
    QTimer killer;
    int kills = 0;
    connect(&killer, &QTimer::timeout, this, [&] {
        if (workers.isEmpty() || kills >= 10)
            return;
        const qint64 pid = workers.at(QRandomGenerator::global()->bounded(int(workers.size())));
        if (::kill(pid_t(pid), SIGKILL) == 0)
            ++kills;
    });
    killer.start(25);
    for (const auto &r : results)
        QTRY_VERIFY_WITH_TIMEOUT(r.ready(), 30000);
    killer.stop();
    int done = 0, lost = 0;
    for (const auto &r : results) {
        if (r.successful()) {
            QCOMPARE(r.get(), 1);
            ++done;
        } else {
            const QString message = messageOf<qmp::WorkerLostError>([&] { r.get(); });
            QVERIFY2(message.contains(QStringLiteral("was killed by signal 9")), qPrintable(message));
            ++lost;
        }
    }
    QCOMPARE(done + lost, 1000);
    QVERIFY(kills > 0);
    QVERIFY2(lost <= kills, qPrintable(QStringLiteral("%1 lost for %2 kills").arg(lost).arg(kills)));
    qInfo("%d kills: %d tasks done, %d failed with the worker's death", kills, done, lost);
}

void tst_Pool::workersMayStartProcesses()
{
    Pool pool(1);
    QCOMPARE(pool.apply(&startsAChild, 6), 36);
}

void tst_Pool::pauseHoldsNewWorkAndResumeGoesOn()
{
    Pool pool(1);
    QCOMPARE(pool.apply(&square, 2), 4);
    pool.pause();
    QVERIFY(pool.isPaused());
    auto held = pool.applyAsync(&square, 3);
    QVERIFY(!held.wait(300)); // nothing starts while paused
    pool.resume();
    QCOMPARE(held.get(10000), 9);
}

void tst_Pool::pauseWithStopFreezesRunningWork()
{
    PoolOptions options;
    options.taskTimeout = std::chrono::milliseconds(1500);
    Pool pool(1, options);
    qint64 worker = 0;
    connect(&pool, &Pool::workerStarted, this, [&](qint64 pid) { worker = pid; });
    auto running = pool.applyAsync(&sleepMs, 1000);
    QTRY_VERIFY(worker != 0);
    pool.pause(true);
    QTRY_COMPARE(qmptest::processStateOf(worker), 'T'); // stopped
    QVERIFY(!running.wait(2000)); // past the timeout, but stopped time does not count
    pool.resume();
    QTRY_VERIFY(qmptest::processStateOf(worker) != 'T');
    QCOMPARE(running.get(10000), 1000);
}

void tst_Pool::eventsTellTheStory()
{
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}, 1), (QList<int>{1, 4, 9}));
    pool.applyAsync(&dieBy, SIGKILL).wait(10000);
    auto count = [&](qmp::PoolEvent::Kind kind) {
        return std::count_if(seen.begin(), seen.end(), [kind](const qmp::PoolEvent &e) { return e.kind == kind; });
    };
    QTRY_COMPARE(count(qmp::PoolEvent::Kind::TaskFailed), 1);
    QTRY_COMPARE(count(qmp::PoolEvent::Kind::WorkerExited), 1);
    QCOMPARE(count(qmp::PoolEvent::Kind::TaskFinished), 3);
    QCOMPARE(count(qmp::PoolEvent::Kind::TaskStarted), 4);
    QVERIFY(count(qmp::PoolEvent::Kind::TaskQueued) >= 4);
    const auto failed = std::find_if(seen.begin(), seen.end(),
                                     [](const qmp::PoolEvent &e) { return e.kind == qmp::PoolEvent::Kind::TaskFailed; });
    QCOMPARE(failed->task, QStringLiteral("dieBy"));
    QCOMPARE(failed->exitCode, -SIGKILL);
    QVERIFY2(failed->message.contains(QStringLiteral("SIGKILL")), qPrintable(failed->message));
    for (qsizetype i = 1; i < seen.size(); ++i)
        QVERIFY(seen.at(i).timeNs >= seen.at(i - 1).timeNs);
}

void tst_Pool::eventsCarryBatchIndexAndAttempt()
{
    PoolOptions options;
    options.retries = 1;
    Pool pool(2, options);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    auto squares = pool.mapAsync(&square, QList<int>{1, 2, 3, 4, 5, 6}, 2);
    auto sum = pool.applyAsync(&add, 2, 3);
    QVERIFY(squares.batchId() != 0);
    QVERIFY(sum.batchId() != 0);
    QVERIFY(squares.batchId() != sum.batchId());
    QCOMPARE(squares.get(10000), (QList<int>{1, 4, 9, 16, 25, 36}));
    QCOMPARE(sum.get(10000), 5);
    QTemporaryDir dir;
    QCOMPARE(pool.apply(&crashOnce, dir.filePath(QStringLiteral("crashed"))), 7); // dies once, retried
    auto finishedOf = [&](quint64 batch) {
        QList<qsizetype> indexes;
        for (const qmp::PoolEvent &e : seen) {
            if (e.kind == qmp::PoolEvent::Kind::TaskFinished && e.batchId == batch && !e.isCommand)
                indexes.append(e.index);
        }
        std::sort(indexes.begin(), indexes.end());
        return indexes;
    };
    QTRY_COMPARE(finishedOf(squares.batchId()), (QList<qsizetype>{0, 2, 4}));
    QTRY_COMPARE(finishedOf(sum.batchId()), (QList<qsizetype>{0}));
    QTRY_VERIFY(std::any_of(seen.begin(), seen.end(), [](const qmp::PoolEvent &e) {
        return e.kind == qmp::PoolEvent::Kind::TaskFinished && e.task == QStringLiteral("crashOnce") && e.attempt == 2;
    }));
    const auto firstTry = std::find_if(seen.begin(), seen.end(), [](const qmp::PoolEvent &e) {
        return e.kind == qmp::PoolEvent::Kind::TaskFailed && e.task == QStringLiteral("crashOnce");
    });
    QVERIFY(firstTry != seen.end());
    QCOMPARE(firstTry->attempt, 1);
}

void tst_Pool::disconnectingFromEventsDoesNotDeadlock()
{
    // Qt may hold its connection lock in disconnectNotify(): the pool must not re-enter QObject.
    Pool pool(1);
    int seen = 0;
    QObject receiver;
    const auto connection = connect(&pool, &Pool::events, &receiver, [&](const QList<qmp::PoolEvent> &b) { seen += int(b.size()); });
    QCOMPARE(pool.apply(&square, 2), 4);
    QTRY_VERIFY(seen >= 3);
    QVERIFY(disconnect(connection));
    connect(&pool, &Pool::events, &receiver, [&](const QList<qmp::PoolEvent> &b) { seen += int(b.size()); });
    pool.disconnect(&receiver);
    QCOMPARE(pool.apply(&square, 3), 9);
}

void tst_Pool::terminateWorkerFailsItsTaskAndReplacesIt_data()
{
    QTest::addColumn<int>("retries");
    QTest::newRow("no retries: the task fails") << 0;
    QTest::newRow("retries: the task runs again") << 1;
}

void tst_Pool::terminateWorkerFailsItsTaskAndReplacesIt()
{
    QFETCH(int, retries);
    PoolOptions options;
    options.retries = retries;
    Pool pool(1, options);
    QSignalSpy started(&pool, &Pool::workerStarted);
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("stuck"));
    auto stuck = pool.applyAsync(&stuckOnce, marker);
    QTRY_VERIFY(QFile::exists(marker)); // it runs, and hangs
    QCOMPARE(started.size(), 1);
    const qint64 worker = started.at(0).at(0).toLongLong();
    QVERIFY(!pool.terminateWorker(999999999)); // no such worker
    QVERIFY(pool.terminateWorker(worker));
    if (retries) {
        QCOMPARE(stuck.get(10000), 5);
    } else {
        const QString message = messageOf<qmp::WorkerLostError>([&] { stuck.get(10000); });
        QVERIFY2(message.contains(QString::number(worker)) && message.contains(QStringLiteral("terminated by the user"))
                     && message.contains(QStringLiteral("stuckOnce")),
                 qPrintable(message));
    }
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(worker), 60000);
    QTRY_COMPARE(started.size(), 2); // replaced
    QCOMPARE(pool.apply(&square, 7), 49); // and serving
}

void tst_Pool::cancelTask_data()
{
    QTest::addColumn<bool>("running");
    QTest::newRow("running: its worker is killed") << true;
    QTest::newRow("queued: it never runs") << false;
}

void tst_Pool::cancelTask()
{
    QFETCH(bool, running);
    PoolOptions options;
    options.retries = 3; // a cancelled task is not retried all the same
    Pool pool(1, options);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    auto blocker = pool.applyAsync(&sleepMs, running ? 600000 : 400);
    auto queued = pool.applyAsync(&sleepMs, 600000);
    auto idOf = [&](quint64 batch, qmp::PoolEvent::Kind kind) -> quint64 {
        for (const qmp::PoolEvent &e : seen) {
            if (e.batchId == batch && e.kind == kind)
                return e.taskId;
        }
        return 0;
    };
    const quint64 batch = running ? blocker.batchId() : queued.batchId();
    const auto kind = running ? qmp::PoolEvent::Kind::TaskStarted : qmp::PoolEvent::Kind::TaskQueued;
    QTRY_VERIFY(idOf(batch, kind) != 0);
    const quint64 id = idOf(batch, kind);
    QVERIFY(pool.cancelTask(id));
    auto &cancelled = running ? blocker : queued;
    const QString message = messageOf<qmp::CancelledError>([&] { cancelled.get(10000); });
    QVERIFY2(message.contains(QStringLiteral("cancelled")) && message.contains(QStringLiteral("#%1").arg(id)), qPrintable(message));
    QVERIFY(!pool.cancelTask(id)); // gone now
    if (!running)
        QCOMPARE(blocker.get(10000), 400);
    QTRY_VERIFY(std::any_of(seen.begin(), seen.end(), [id](const qmp::PoolEvent &e) {
        return e.taskId == id && e.kind == qmp::PoolEvent::Kind::TaskFailed && e.message.contains(QStringLiteral("cancelled"));
    }));
    const auto ends = std::count_if(seen.begin(), seen.end(), [id](const qmp::PoolEvent &e) {
        return e.taskId == id && (e.kind == qmp::PoolEvent::Kind::TaskFailed || e.kind == qmp::PoolEvent::Kind::TaskFinished);
    });
    QCOMPARE(ends, 1);
    if (running) { // the replacement worker took the other sleeper: cancel that one too
        QTRY_VERIFY(idOf(queued.batchId(), qmp::PoolEvent::Kind::TaskStarted) != 0);
        QVERIFY(pool.cancelTask(idOf(queued.batchId(), qmp::PoolEvent::Kind::TaskStarted)));
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, queued.get(10000));
    }
    QCOMPARE(pool.apply(&square, 3), 9);
}

void tst_Pool::cancellingOneCallOfABatch_data()
{
    QTest::addColumn<bool>("map");
    QTest::newRow("map: the batch ends as a whole") << true;
    QTest::newRow("imap by name: the others run on") << false;
}

// Python's map fails as a whole: the calls that had not started never run. An imap's calls end
// A map waits in the queue as one range of chunks; once events are watched each chunk is a task
// of its own there: terminating the pool reports each one, with its position and size.
void tst_Pool::aMapQueuedBeforeEventsAreWatchedHasAnEventPerTask()
{
    Pool pool(1);
    pool.pause();
    const qmp::MapResult<int> mapped = pool.mapAsync(&square, QList<int>{0, 1, 2, 3, 4, 5, 6}, 2);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    pool.terminate();
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, mapped.get(20000));
    QList<qmp::PoolEvent> failed;
    QTRY_VERIFY((failed = [&] {
                     QList<qmp::PoolEvent> found;
                     for (const qmp::PoolEvent &e : std::as_const(seen)) {
                         if (e.batchId == mapped.batchId() && e.kind == qmp::PoolEvent::Kind::TaskFailed)
                             found.append(e);
                     }
                     return found;
                 }()).size() == 4);
    QSet<quint64> ids;
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(failed.at(i).index, qsizetype(2 * i));
        QCOMPARE(failed.at(i).items, i < 3 ? 2 : 1);
        QCOMPARE(failed.at(i).reason, qmp::PoolEvent::Reason::PoolTerminated);
        ids.insert(failed.at(i).taskId);
    }
    QCOMPARE(ids.size(), 4);
}

// alone; the events say which kind a task is (PoolEvent::failsTogether).
void tst_Pool::cancellingOneCallOfABatch()
{
    QFETCH(bool, map);
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    const QCborArray inputs{60000, 20, 30};
    std::optional<qmp::MapResult<QCborValue>> mapped;
    std::optional<qmp::ImapResult<QCborValue>> iterated;
    if (map)
        mapped = pool.mapAsync(QStringLiteral("sleepMs"), inputs, 1);
    else
        iterated = pool.imap(QStringLiteral("sleepMs"), inputs, 1);
    const quint64 batch = map ? mapped->batchId() : iterated->batchId();
    auto eventsOf = [&](qmp::PoolEvent::Kind kind) {
        QList<qmp::PoolEvent> found;
        for (const qmp::PoolEvent &e : seen) {
            if (e.batchId == batch && e.kind == kind)
                found.append(e);
        }
        return found;
    };
    QTRY_COMPARE(eventsOf(qmp::PoolEvent::Kind::TaskStarted).size(), 1);
    for (const qmp::PoolEvent &queued : eventsOf(qmp::PoolEvent::Kind::TaskQueued))
        QCOMPARE(queued.failsTogether, map);
    QVERIFY(pool.cancelTask(eventsOf(qmp::PoolEvent::Kind::TaskStarted).first().taskId));
    if (map) {
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, mapped->get(20000));
        QTRY_COMPARE(eventsOf(qmp::PoolEvent::Kind::TaskFailed).size(), 3);
        QCOMPARE(eventsOf(qmp::PoolEvent::Kind::TaskFailed).last().reason, qmp::PoolEvent::Reason::BatchFailed);
        QCOMPARE(eventsOf(qmp::PoolEvent::Kind::TaskFinished).size(), 0);
    } else {
        QVERIFY_THROWS_EXCEPTION(qmp::CancelledError, iterated->next(20000));
        QCOMPARE(iterated->next(20000), std::optional<QCborValue>(20));
        QCOMPARE(iterated->next(20000), std::optional<QCborValue>(30));
        QCOMPARE(iterated->next(20000), std::nullopt);
        QTRY_COMPARE(eventsOf(qmp::PoolEvent::Kind::TaskFinished).size(), 2);
        QCOMPARE(eventsOf(qmp::PoolEvent::Kind::TaskFailed).size(), 1);
    }
    QCOMPARE(pool.apply(&square, 3), 9);
}

void tst_Pool::eventsSayWhyATaskFailed_data()
{
    using R = qmp::PoolEvent::Reason;
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("reason");
    QTest::addColumn<QCborArray>("args"); // compared as far as given
    QTest::newRow("the task threw") << QStringLiteral("throw") << int(R::Error) << QCborArray{QStringLiteral("std::invalid_argument")};
    QTest::newRow("its worker died") << QStringLiteral("die") << int(R::WorkerDied) << QCborArray{-SIGKILL};
    QTest::newRow("timed out") << QStringLiteral("timeout") << int(R::TimedOut) << QCborArray{300};
    QTest::newRow("cancelled while running") << QStringLiteral("cancelRunning") << int(R::Cancelled) << QCborArray{};
    QTest::newRow("cancelled while queued") << QStringLiteral("cancelQueued") << int(R::CancelledQueued) << QCborArray{};
    QTest::newRow("worker terminated") << QStringLiteral("terminateWorker") << int(R::WorkerTerminated) << QCborArray{};
    QTest::newRow("pool terminated") << QStringLiteral("terminatePool") << int(R::PoolTerminated) << QCborArray{};
}

void tst_Pool::eventsSayWhyATaskFailed()
{
    QFETCH(QString, how);
    QFETCH(int, reason);
    QFETCH(QCborArray, args);
    PoolOptions options;
    if (how == QStringLiteral("timeout"))
        options.taskTimeout = std::chrono::milliseconds(300);
    Pool pool(1, options);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    auto eventOf = [&](quint64 batch, qmp::PoolEvent::Kind kind) -> const qmp::PoolEvent * {
        for (const qmp::PoolEvent &e : seen) {
            if (e.batchId == batch && e.kind == kind)
                return &e;
        }
        return nullptr;
    };
    quint64 batch = 0;
    if (how == QStringLiteral("throw")) {
        batch = pool.applyAsync(&failOn13, 13).batchId();
    } else if (how == QStringLiteral("die")) {
        batch = pool.applyAsync(&dieBy, SIGKILL).batchId();
    } else if (how == QStringLiteral("timeout")) {
        batch = pool.applyAsync(&sleepMs, 60000).batchId();
    } else {
        // The first call must have begun in its worker (not only been sent to it): a call its
        // worker had not begun is "cancelled before it started", or runs again elsewhere.
        QTemporaryDir dir;
        const QString mark = dir.filePath(QStringLiteral("began"));
        auto first = pool.applyAsync(&markThenSleep, mark, 60000);
        auto second = pool.applyAsync(&sleepMs, 60000);
        const bool queued = how == QStringLiteral("cancelQueued") || how == QStringLiteral("terminatePool");
        batch = queued ? second.batchId() : first.batchId();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
        QTRY_VERIFY(eventOf(first.batchId(), qmp::PoolEvent::Kind::TaskStarted));
        QTRY_VERIFY(eventOf(second.batchId(), qmp::PoolEvent::Kind::TaskQueued));
        if (how == QStringLiteral("terminatePool"))
            pool.terminate();
        else if (how == QStringLiteral("terminateWorker"))
            QVERIFY(pool.terminateWorker(eventOf(first.batchId(), qmp::PoolEvent::Kind::TaskStarted)->workerPid));
        else
            QVERIFY(pool.cancelTask(eventOf(batch, queued ? qmp::PoolEvent::Kind::TaskQueued
                                                          : qmp::PoolEvent::Kind::TaskStarted)->taskId));
    }
    QTRY_VERIFY_WITH_TIMEOUT(eventOf(batch, qmp::PoolEvent::Kind::TaskFailed), 20000);
    const qmp::PoolEvent *failed = eventOf(batch, qmp::PoolEvent::Kind::TaskFailed);
    QCOMPARE(int(failed->reason), reason);
    QVERIFY2(failed->reasonArgs.size() >= args.size(), qPrintable(failed->message));
    for (qsizetype i = 0; i < args.size(); ++i)
        QCOMPARE(failed->reasonArgs.at(i), args.at(i));
    QVERIFY(!failed->message.isEmpty()); // the English sentence stays for library users
    if (how == QStringLiteral("timeout"))
        QVERIFY2(failed->durationNs >= 300'000'000, qPrintable(QString::number(failed->durationNs)));
    if (how != QStringLiteral("terminatePool"))
        pool.terminate();
}

void tst_Pool::eventsCarryArgumentsResultsAndSingleCalls()
{
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    auto sum = pool.applyAsync(&add, 2, 3);
    auto squares = pool.mapAsync(&square, QList<int>{4, 5}, 1);
    QCOMPARE(sum.get(10000), 5);
    QCOMPARE(squares.get(10000), (QList<int>{16, 25}));
    auto find = [&](quint64 batch, qmp::PoolEvent::Kind kind, qsizetype index) -> const qmp::PoolEvent * {
        for (const qmp::PoolEvent &e : seen) {
            if (e.batchId == batch && e.kind == kind && e.index == index)
                return &e;
        }
        return nullptr;
    };
    QTRY_VERIFY(find(squares.batchId(), qmp::PoolEvent::Kind::TaskFinished, 1));
    QTRY_VERIFY(find(sum.batchId(), qmp::PoolEvent::Kind::TaskFinished, 0));
    const qmp::PoolEvent *queued = find(sum.batchId(), qmp::PoolEvent::Kind::TaskQueued, 0);
    QVERIFY(queued);
    QVERIFY(queued->single);
    QCOMPARE(queued->arguments, QCborValue(QCborArray{2, 3}));
    QCOMPARE(find(sum.batchId(), qmp::PoolEvent::Kind::TaskFinished, 0)->result, QCborValue(5));
    const qmp::PoolEvent *mapped = find(squares.batchId(), qmp::PoolEvent::Kind::TaskQueued, 1);
    QVERIFY(mapped);
    QVERIFY(!mapped->single);
    QCOMPARE(mapped->arguments, QCborValue(QCborArray{5}));
    QCOMPARE(find(squares.batchId(), qmp::PoolEvent::Kind::TaskFinished, 1)->result, QCborValue(25));
}

void tst_Pool::lastEventsLeaveWhenThePoolIsDestroyed()
{
    // A monitor must hear every worker's exit, even when the pool is destroyed right after join().
    QList<qmp::PoolEvent> seen;
    QMutex mutex;
    {
        Pool pool(2);
        connect(&pool, &Pool::eventsNow, &pool, [&](const QList<qmp::PoolEvent> &batch) {
            const QMutexLocker lock(&mutex);
            seen += batch;
        }, Qt::DirectConnection);
        QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}, 1), (QList<int>{1, 4, 9}));
        pool.close();
        pool.join();
    }
    const QMutexLocker lock(&mutex);
    const auto count = [&](qmp::PoolEvent::Kind kind) {
        return std::count_if(seen.begin(), seen.end(), [kind](const qmp::PoolEvent &e) { return e.kind == kind; });
    };
    QCOMPARE(count(qmp::PoolEvent::Kind::WorkerExited), 2); // they started before we listened
    QCOMPARE(count(qmp::PoolEvent::Kind::TaskFinished), 3);
}

void tst_Pool::setProcessesGrowsAndShrinks()
{
    Pool pool(1);
    QSignalSpy started(&pool, &Pool::workerStarted);
    QSignalSpy exited(&pool, &Pool::workerExited);
    QTRY_COMPARE(started.size(), 1);
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.setProcesses(0));
    pool.setProcesses(3);
    QCOMPARE(pool.processes(), 3);
    QTRY_COMPARE(started.size(), 3);
    auto sleepers = pool.mapAsync(&sleepMs, QList<int>{300, 300, 300}, 1);
    pool.setProcesses(1); // two leave once their sleep is done; nothing is lost
    QCOMPARE(sleepers.get(20000), (QList<int>{300, 300, 300}));
    QTRY_COMPARE(exited.size(), 2);
    QCOMPARE(started.size(), 3); // no replacement for those who left
    QCOMPARE(pool.apply(&square, 6), 36);
}

QMP_TEST_MAIN(tst_Pool)
#include "tst_pool.moc"
