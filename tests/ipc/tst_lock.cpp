// qmp::Lock against multiprocessing.Lock: no owner, release of an unlocked lock is a ValueError,
// acquire(block, timeout) with timing tolerances; plus holder death (a Python lock held by a killed
// process stays held forever; QMP's is taken over).

#include "lock.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>
#include <mutex>

namespace {

bool tryAcquire(qmp::Lock lock, int timeoutMs)
{
    return lock.acquire(true, timeoutMs);
}
QMP_TASK(tryAcquire);

void releaseIt(qmp::Lock lock)
{
    lock.release();
}
QMP_TASK(releaseIt);

void acquireAndDie(qmp::Lock lock)
{
    lock.acquire();
    ::raise(SIGKILL);
}
QMP_TASK(acquireAndDie);

} // namespace

class tst_Lock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void acquireRelease()
    {
        qmp::Lock lock;
        QVERIFY(!lock.locked());
        QVERIFY(lock.acquire());
        QVERIFY(lock.locked());
        QVERIFY(!lock.acquire(false));
        lock.release();
        QVERIFY(!lock.locked());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, lock.release());
        {
            std::lock_guard guard(lock);
            QVERIFY(lock.locked());
        }
        QVERIFY(!lock.locked());
    }

    void timeout_data()
    {
        QTest::addColumn<bool>("block");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<int>("expectedMs");
        QTest::newRow("non-blocking ignores the timeout") << false << 600000 << 0;
        QTest::newRow("timeout 0") << true << 0 << 0;
        QTest::newRow("timeout 300 ms") << true << 300 << 300;
        QTest::newRow("timeout 1 s") << true << 1000 << 1000;
    }
    void timeout()
    {
        QFETCH(bool, block);
        QFETCH(int, timeoutMs);
        QFETCH(int, expectedMs);
        qmp::Lock lock;
        lock.acquire();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!lock.acquire(block, timeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), expectedMs), qPrintable(QString::number(clock.elapsed())));
        lock.release();
    }

    void childTimesOutWhileHeld()
    {
        qmp::Lock lock;
        lock.acquire();
        qmp::Process p(&tryAcquire, lock, 200);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.result().toBool(), false);
        lock.release();
    }

    void anotherProcessMayRelease()
    {
        qmp::Lock lock;
        lock.acquire();
        qmp::Process p(&releaseIt, lock);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(!lock.locked());
    }

    void wakesAWaiter()
    {
        qmp::Lock lock;
        lock.acquire();
        qmp::Process p(&tryAcquire, lock, 10000);
        p.start();
        lock.release(); // the child either finds it free or is woken
        QVERIFY(p.join(10000));
        QCOMPARE(p.result().toBool(), true);
        QVERIFY(lock.locked()); // the child exits holding it: no owner, so it stays locked
        lock.release();
    }

    void holderDeath()
    {
        qmp::Lock lock;
        qmp::Process p(&acquireAndDie, lock);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QVERIFY(lock.locked());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died").arg(p.pid())));
        QVERIFY(lock.acquire(true, 20000)); // taken over (it checks the holder every 50 ms of waiting)
        QCOMPARE(lock.recoveredFrom(), p.pid());
        lock.release();
        QVERIFY(lock.acquire(false));
        QCOMPARE(lock.recoveredFrom(), 0);
        lock.release();
    }

    void handleRoundTrip()
    {
        qmp::Lock lock;
        const QCborValue handle = qmp::toCbor(lock);
        qmp::Lock again = qmp::CborConvert<qmp::Lock>::fromCbor(handle);
        again.acquire();
        QVERIFY(lock.locked());
        again.release();
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::CborConvert<qmp::Lock>::fromCbor(QCborValue(42)));
    }
};

QMP_IPC_TEST_MAIN(tst_Lock)
#include "tst_lock.moc"
