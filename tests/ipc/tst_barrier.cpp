// qmp::Barrier, as multiprocessing.Barrier: indices across processes, the action once per round,
// timeout breaks, abort / reset, nWaiting, parties, an action that throws.

#include "barrier.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

namespace {

std::atomic<int> actionRuns{0};
void countRound()
{
    ++actionRuns;
}
QMP_TASK(countRound);

void failingAction()
{
    throw std::runtime_error("action failed");
}
QMP_TASK(failingAction);

int partyWait(qmp::Barrier b)
{
    return b.wait(10000);
}
QMP_TASK(partyWait);

QString waitExpectBroken(qmp::Barrier b)
{
    try {
        b.wait(20000);
    } catch (const qmp::BrokenBarrierError &e) {
        return QStringLiteral("broken");
    }
    return QStringLiteral("passed");
}
QMP_TASK(waitExpectBroken);

} // namespace

class tst_Barrier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void acrossProcesses()
    {
        qmp::Barrier b(3);
        QCOMPARE(b.parties(), 3);
        qmp::Process p1(&partyWait, b);
        qmp::Process p2(&partyWait, b);
        p1.start();
        p2.start();
        QTRY_COMPARE_WITH_TIMEOUT(b.nWaiting(), 2, 10000);
        const int mine = b.wait(10000);
        QVERIFY(p1.join(10000) && p2.join(10000));
        const QSet<int> indices{mine, int(p1.result().toInteger()), int(p2.result().toInteger())};
        QCOMPARE(indices, (QSet<int>{0, 1, 2}));
        QCOMPARE(b.nWaiting(), 0);
        QVERIFY(!b.broken());
    }

    void actionOncePerRound()
    {
        actionRuns = 0;
        qmp::Barrier b(3, &countRound);
        std::vector<QThread *> threads;
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 2; ++i) {
                threads.push_back(QThread::create([b]() mutable { b.wait(10000); }));
                threads.back()->start();
            }
            b.wait(10000);
            QCOMPARE(actionRuns.load(), round + 1);
            for (QThread *t : threads) {
                QVERIFY(t->wait(10000));
                delete t;
            }
            threads.clear();
        }
    }

    void actionThrows()
    {
        qmp::Barrier b(1, &failingAction);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, b.wait());
        QVERIFY(b.broken());
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenBarrierError, b.wait());
    }

    void timeoutBreaks_data()
    {
        QTest::addColumn<int>("waitTimeoutMs");
        QTest::addColumn<int>("barrierTimeoutMs");
        QTest::addColumn<int>("expectedMs");
        QTest::newRow("wait(300)") << 300 << -1 << 300;
        QTest::newRow("the barrier's own 500 ms") << -2 << 500 << 500;
    }
    void timeoutBreaks()
    {
        QFETCH(int, waitTimeoutMs);
        QFETCH(int, barrierTimeoutMs);
        QFETCH(int, expectedMs);
        qmp::Barrier b(2, nullptr, barrierTimeoutMs);
        QElapsedTimer clock;
        clock.start();
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenBarrierError, b.wait(waitTimeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), expectedMs), qPrintable(QString::number(clock.elapsed())));
        QVERIFY(b.broken());
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenBarrierError, b.wait(0));
        b.reset();
        QVERIFY(!b.broken());
    }

    void abortAndReset_data()
    {
        QTest::addColumn<bool>("abort");
        QTest::newRow("abort") << true;
        QTest::newRow("reset") << false;
    }
    void abortAndReset()
    {
        QFETCH(bool, abort);
        qmp::Barrier b(2);
        qmp::Process p(&waitExpectBroken, b);
        p.start();
        QTRY_COMPARE_WITH_TIMEOUT(b.nWaiting(), 1, 10000);
        if (abort)
            b.abort();
        else
            b.reset();
        QVERIFY(p.join(10000));
        QCOMPARE(p.result().toString(), QStringLiteral("broken"));
        QCOMPARE(b.broken(), abort);
        QCOMPARE(b.nWaiting(), 0);
    }
};

QMP_IPC_TEST_MAIN(tst_Barrier)
#include "tst_barrier.moc"
