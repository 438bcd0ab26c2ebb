// qmp::Condition, as multiprocessing.Condition: the lock must be held (AssertionError), wait(T)
// timing, notify(n) wakes exactly n of the processes waiting at that moment (not the notifier
// waiting again, not a later arrival, not a waiter that was killed), notifyAll, waitFor's
// predicate, and two processes taking turns without losing a wake-up.

#include "condition.h"
#include "event.h"
#include "value.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTest>

#include <mutex>

namespace {

bool waitNotified(qmp::Condition cond, int timeoutMs)
{
    std::lock_guard guard(cond);
    return cond.wait(timeoutMs);
}
QMP_TASK(waitNotified);

void setAndNotify(qmp::Condition cond, qmp::Event flag)
{
    std::lock_guard guard(cond);
    flag.set();
    cond.notifyAll();
}
QMP_TASK(setAndNotify);

// Takes turns with another process: waits until turn == me, passes the turn, notifies; `rounds`
// times. Returns how many of its waits ended by a notification (-1: the turn never came).
int takeTurns(qmp::Condition cond, qmp::Value<int> turn, int me, int rounds, bool useWaitFor)
{
    int wakeUps = 0;
    std::lock_guard guard(cond);
    for (int r = 0; r < rounds; ++r) {
        if (useWaitFor) {
            if (!cond.waitFor([&] { return turn.value() == me; }))
                return -1;
        } else {
            while (turn.value() != me) {
                if (!cond.wait())
                    return -1;
                ++wakeUps;
            }
        }
        turn.setValue(1 - me);
        cond.notify();
    }
    return wakeUps;
}
QMP_TASK(takeTurns);

using Processes = std::vector<std::unique_ptr<qmp::Process>>;

// n children in waitNotified(cond, 30 s), started once all are waiting.
Processes startWaiters(const qmp::Condition &cond, int n)
{
    Processes ps;
    for (int i = 0; i < n; ++i) {
        ps.push_back(std::make_unique<qmp::Process>(&waitNotified, cond, 30000));
        ps.back()->start();
    }
    return ps;
}

long endedCount(const Processes &ps)
{
    return long(std::count_if(ps.begin(), ps.end(), [](const auto &p) { return !p->isAlive(); }));
}

} // namespace

class tst_Condition : public QObject
{
    Q_OBJECT
private:
    // Wakes every waiter; each must end notified.
    static void notifyAllAndJoin(qmp::Condition &cond, Processes &ps)
    {
        {
            std::lock_guard guard(cond);
            cond.notifyAll();
        }
        for (auto &p : ps) {
            QVERIFY(p->join(10000));
            QCOMPARE(p->result().toBool(), true);
        }
        QCOMPARE(cond.waiting(), 0);
    }

private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void needsTheLock()
    {
        qmp::Condition cond;
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, cond.wait(0));
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, cond.notify());
        cond.acquire();
        cond.acquire(); // an RLock: recursion kept across wait()
        QVERIFY(!cond.wait(0));
        QCOMPARE(cond.rlock().recursionCount(), 2);
        cond.release();
        cond.release();
    }

    void waitTimeout_data()
    {
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("300 ms") << 300;
        QTest::newRow("1 s") << 1000;
    }
    void waitTimeout()
    {
        QFETCH(int, timeoutMs);
        qmp::Condition cond;
        std::lock_guard guard(cond);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!cond.wait(timeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), timeoutMs), qPrintable(QString::number(clock.elapsed())));
        QVERIFY(cond.rlock().isOwned());
    }

    void notifyN()
    {
        qmp::Condition cond;
        Processes ps = startWaiters(cond, 3);
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 3, 10000);
        {
            std::lock_guard guard(cond);
            cond.notify(2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(endedCount(ps), 2L, 10000);
        QCOMPARE(cond.waiting(), 1); // the third is still waiting
        notifyAllAndJoin(cond, ps);
    }

    // The notifier's own wait() after notify() must not take the wake-up it gave (it did:
    // the waiter it meant then slept until its timeout).
    void notifierDoesNotTakeItsOwnWakeUp()
    {
        qmp::Condition cond;
        Processes ps = startWaiters(cond, 2);
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 2, 10000);
        {
            std::lock_guard guard(cond);
            cond.notify(1);
            QVERIFY(!cond.wait(300)); // nobody notified us
        }
        QTRY_COMPARE_WITH_TIMEOUT(endedCount(ps), 1L, 10000);
        QCOMPARE(cond.waiting(), 1);
        notifyAllAndJoin(cond, ps);
    }

    // notify(1) goes to the process waiting then, not to one that starts waiting afterwards.
    void laterArrivalIsNotWoken()
    {
        qmp::Condition cond;
        qmp::Process first(&waitNotified, cond, 30000);
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        qmp::Process later(&waitNotified, cond, 30000);
        {
            std::lock_guard guard(cond);
            cond.notify(1);
            later.start(); // it waits for the lock, then waits on the condition
        }
        QVERIFY(first.join(10000));
        QCOMPARE(first.result().toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        QVERIFY(later.isAlive());
        {
            std::lock_guard guard(cond);
            cond.notify(1);
        }
        QVERIFY(later.join(10000));
        QCOMPARE(later.result().toBool(), true);
    }

    // A waiter killed while waiting stops counting, and a notify() goes to a live waiter.
    void killedWaiter()
    {
        qmp::Condition cond;
        qmp::Process victim(&waitNotified, cond, 60000);
        victim.start();
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        victim.kill();
        QVERIFY(victim.join(10000));
        QCOMPARE(victim.exitCode(), -9);
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 0, 10000);
        qmp::Process live(&waitNotified, cond, 30000);
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        {
            std::lock_guard guard(cond);
            cond.notify(1);
        }
        QVERIFY(live.join(10000));
        QCOMPARE(live.result().toBool(), true);
        QCOMPARE(cond.waiting(), 0);
    }

    // Two processes take turns 200 times, each notify() waking the other: no wake-up is lost (a
    // lost one leaves both waiting forever, so join() would time out).
    void twoProcessesTakeTurns_data()
    {
        QTest::addColumn<bool>("useWaitFor");
        QTest::newRow("wait") << false;
        QTest::newRow("waitFor") << true;
    }
    void twoProcessesTakeTurns()
    {
        QFETCH(bool, useWaitFor);
        const int rounds = 200;
        qmp::Condition cond;
        qmp::Value<int> turn(0, false);
        qmp::Process zero(&takeTurns, cond, turn, 0, rounds, useWaitFor);
        qmp::Process one(&takeTurns, cond, turn, 1, rounds, useWaitFor);
        zero.start();
        one.start();
        const bool ended = zero.join(30000) && one.join(30000);
        if (!ended) {
            zero.kill();
            one.kill();
            zero.join();
            one.join();
        }
        QVERIFY2(ended, "a wake-up was lost: both processes wait");
        QCOMPARE(zero.exitCode(), 0);
        QCOMPARE(one.exitCode(), 0);
        if (!useWaitFor) {
            // Each wait() ended by a notify(), and each turn the other passed woke us at most once.
            const qint64 wakeUps = zero.result().toInteger() + one.result().toInteger();
            QVERIFY2(wakeUps >= 2 * rounds - 2 && wakeUps <= 2 * rounds,
                     qPrintable(QStringLiteral("%1 wake-ups for %2 turns").arg(wakeUps).arg(2 * rounds)));
        }
        QCOMPARE(cond.waiting(), 0);
    }

    void waitFor()
    {
        qmp::Condition cond;
        qmp::Event flag;
        std::lock_guard guard(cond);
        QVERIFY(!cond.waitFor([&] { return flag.isSet(); }, 200));
        qmp::Process p(&setAndNotify, cond, flag);
        p.start();
        QVERIFY(cond.waitFor([&] { return flag.isSet(); }, 10000));
        cond.release();
        QVERIFY(p.join(10000));
        cond.acquire();
    }
};

QMP_IPC_TEST_MAIN(tst_Condition)
#include "tst_condition.moc"
