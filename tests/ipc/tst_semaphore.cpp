// qmp::Semaphore and qmp::BoundedSemaphore (§1.6): counting across processes, values past
// QSystemSemaphore's 32767 cap, releases that survive the releasing process's exit (what
// SEM_UNDO breaks, Q9), timeouts, the bound, and slots of a holder that died.

#include "qmpsemaphore.h"
#include "boundedsemaphore.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>

namespace {

void releaseN(qmp::Semaphore s, int n)
{
    for (int i = 0; i < n; ++i)
        s.release();
}
QMP_TASK(releaseN);

void acquireTwoAndDie(qmp::Semaphore s)
{
    s.acquire();
    s.acquire();
    ::raise(SIGKILL);
}
QMP_TASK(acquireTwoAndDie);

} // namespace

class tst_Semaphore : public QObject
{
    Q_OBJECT
private slots:
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
        QVERIFY(clock.elapsed() >= timeoutMs - 100);
        QVERIFY(clock.elapsed() < timeoutMs + 1000);
    }

    void releasesSurviveTheReleaser()
    {
        // 40000 releases by a process that then exits: QSystemSemaphore fails past 32767 and
        // undoes the rest at exit (contract Q9); the count must stay.
        qmp::Semaphore s(0);
        qmp::Process p(&releaseN, s, 40000);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(s.getValue(), 40000);
    }

    void holderDeath()
    {
        qmp::Semaphore s(2);
        qmp::Process p(&acquireTwoAndDie, s);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QCOMPARE(s.getValue(), 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died holding 2").arg(p.pid())));
        QVERIFY(s.acquire(true, 5000));
        QCOMPARE(s.recoveredFrom(), p.pid());
        QCOMPARE(s.getValue(), 1);
    }
};

QMP_IPC_TEST_MAIN(tst_Semaphore)
#include "tst_semaphore.moc"
