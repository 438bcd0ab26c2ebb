// qmp::Semaphore and qmp::BoundedSemaphore (multiprocessing's): counting across processes, values
// past QSystemSemaphore's 32767 cap, releases that survive the releasing process's exit (what
// QSystemSemaphore's SEM_UNDO breaks), timeouts, the bound, an exact count for producers and
// consumers in different processes, and the owned slots (lock()/unlock()) of holders that died.

#include "qmpsemaphore.h"
#include "boundedsemaphore.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <optional>
#include <mutex>

namespace {

void releaseN(qmp::Semaphore s, int n)
{
    for (int i = 0; i < n; ++i)
        s.release();
}
QMP_TASK(releaseN);

// A consumer: takes n items (plain acquire), then returns or is killed.
bool consumeN(qmp::Semaphore s, int n, bool die)
{
    for (int i = 0; i < n; ++i) {
        if (!s.acquire(true, 10000))
            return false;
    }
    if (die)
        ::raise(SIGKILL);
    return true;
}
QMP_TASK(consumeN);

// A resource user: holds n owned slots (std::lock_guard: lock()/unlock()) and is killed.
void lockAndDie(qmp::Semaphore s, int n)
{
    for (int i = 0; i < n; ++i)
        s.lock();
    ::raise(SIGKILL);
}
QMP_TASK(lockAndDie);

void boundedLockAndDie(qmp::BoundedSemaphore s)
{
    s.lock();
    ::raise(SIGKILL);
}
QMP_TASK(boundedLockAndDie);

// Holds an owned slot for a while, then gives it back normally.
void lockBriefly(qmp::Semaphore s)
{
    std::lock_guard guard(s);
}
QMP_TASK(lockBriefly);

} // namespace

class tst_Semaphore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void counting()
    {
        qmp::Semaphore s(2);
        QCOMPARE(s.getValue(), 2);
        QVERIFY(s.acquire());
        QVERIFY(s.acquire(false));
        QVERIFY(!s.acquire(false));
        s.release();
        s.release();
        s.release(); // above the initial value: allowed
        QCOMPARE(s.getValue(), 3);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::Semaphore(-1));
    }

    void bounded()
    {
        qmp::BoundedSemaphore s(1);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, s.release());
        s.acquire();
        s.release();
        QCOMPARE(s.getValue(), 1);
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::BoundedSemaphore::fromHandle(qmp::Semaphore(1).handle()));
    }

    void timeout_data()
    {
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("300 ms") << 300;
        QTest::newRow("1 s") << 1000;
    }
    void timeout()
    {
        QFETCH(int, timeoutMs);
        qmp::Semaphore s(0);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!s.acquire(true, timeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), timeoutMs), qPrintable(QString::number(clock.elapsed())));
    }

    void releasesSurviveTheReleaser()
    {
        // 40000 releases by a process that then exits: QSystemSemaphore fails past 32767 and
        // undoes the rest at exit (SEM_UNDO); the count must stay.
        qmp::Semaphore s(0);
        qmp::Process p(&releaseN, s, 40000);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(s.getValue(), 40000);
    }

    // Producer and consumer in different processes: the count stays exact whatever the
    // consumer does after taking its items (a plain acquire() is a consumption, never given back).
    void producerConsumerAcrossProcesses_data()
    {
        QTest::addColumn<bool>("consumerDies");
        QTest::addColumn<bool>("boundedSemaphore");
        QTest::newRow("consumer returns") << false << false;
        QTest::newRow("consumer SIGKILLed after taking") << true << false;
        QTest::newRow("bounded, consumer returns") << false << true;
        QTest::newRow("bounded, consumer SIGKILLed after taking") << true << true;
    }
    void producerConsumerAcrossProcesses()
    {
        QFETCH(bool, consumerDies);
        QFETCH(bool, boundedSemaphore);
        std::optional<qmp::Semaphore> made;
        if (boundedSemaphore) {
            qmp::BoundedSemaphore b(3);
            for (int i = 0; i < 3; ++i)
                QVERIFY(b.acquire(false));
            made = b;
        } else {
            made = qmp::Semaphore(0);
        }
        qmp::Semaphore s = *made;
        for (int i = 0; i < 3; ++i)
            s.release(); // produced 3
        qmp::Process consumer(&consumeN, s, 3, consumerDies);
        consumer.start();
        QVERIFY(consumer.join(20000));
        QCOMPARE(consumer.exitCode(), consumerDies ? -9 : 0);
        QCOMPARE(s.getValue(), 0);
        // Nothing was released after the consumer took the 3: Python times out here.
        QVERIFY(!s.acquire(true, 300));
        QCOMPARE(s.getValue(), 0);
        QCOMPARE(s.recoveredFrom(), 0);
        s.release();
        QCOMPARE(s.getValue(), 1);
        if (boundedSemaphore) {
            s.release();
            s.release();
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, s.release()); // never past the bound
            QCOMPARE(s.getValue(), 3);
        }
    }

    // Owned slots (lock()/unlock(), i.e. std::lock_guard) of holders that were killed come back,
    // however many holders there were; each is reported.
    void ownedSlotsOfDeadHolders_data()
    {
        QTest::addColumn<int>("holders");
        QTest::addColumn<int>("slotsEach");
        QTest::newRow("one holder, two slots") << 1 << 2;
        QTest::newRow("70 holders, one slot each") << 70 << 1;
    }
    void ownedSlotsOfDeadHolders()
    {
        QFETCH(int, holders);
        QFETCH(int, slotsEach);
        const int total = holders * slotsEach;
        qmp::Semaphore s(total);
        QList<qint64> dead;
        for (int i = 0; i < holders; ++i) {
            qmp::Process p(&lockAndDie, s, slotsEach);
            p.start();
            QVERIFY(p.join(20000));
            QCOMPARE(p.exitCode(), -9);
            dead.append(p.pid());
        }
        QCOMPARE(s.getValue(), 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid \\d+\\) died holding")));
        for (int i = 1; i < holders; ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid \\d+\\) died holding")));
        QVERIFY(s.acquire(true, 10000));
        QVERIFY(dead.contains(s.recoveredFrom()));
        QCOMPARE(s.getValue(), total - 1); // every slot is back, none twice
        for (int i = 1; i < total; ++i)
            QVERIFY(s.acquire(false));
        QVERIFY(!s.acquire(false));
    }

    // An owned slot given back normally is not given back again when its holder has exited.
    void ownedSlotReturnedOnce()
    {
        qmp::Semaphore s(1);
        qmp::Process p(&lockBriefly, s);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(s.acquire(false));
        QVERIFY(!s.acquire(true, 300));
        QCOMPARE(s.recoveredFrom(), 0);
        QCOMPARE(s.getValue(), 0);
    }

    // A BoundedSemaphore is never pushed past its bound by a recovery: the dead holder's slot
    // comes back only as its unlock() would have.
    void boundedRecoveryKeepsTheBound()
    {
        qmp::BoundedSemaphore s(2);
        qmp::Process p(&boundedLockAndDie, s);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), -9);
        QCOMPARE(s.getValue(), 1);
        s.release(); // someone else gives a slot back: 2, the bound
        QCOMPARE(s.getValue(), 2);
        QVERIFY(s.acquire(false));
        QVERIFY(s.acquire(false));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died holding 1").arg(p.pid())));
        QVERIFY(s.acquire(true, 10000)); // the dead holder's slot, as its unlock() would have given it
        QCOMPARE(s.recoveredFrom(), p.pid());
        s.release();
        s.release();
        QCOMPARE(s.getValue(), 2);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, s.release());
        QCOMPARE(s.getValue(), 2);
    }

    void unlockWithoutOwnedSlot()
    {
        qmp::Semaphore s(1);
        QVERIFY(s.acquire());
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, s.unlock()); // acquire() took no owned slot
        s.release();
        {
            std::lock_guard guard(s);
            QCOMPARE(s.getValue(), 0);
        }
        QCOMPARE(s.getValue(), 1);
    }
};

QMP_IPC_TEST_MAIN(tst_Semaphore)
#include "tst_semaphore.moc"
