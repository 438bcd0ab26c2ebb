// qmp::RLock against multiprocessing.RLock: recursive, owned (release by a non-owner is
// an AssertionError), acquire timeouts; holder death through the robust mutex (EOWNERDEAD).

#include "rlock.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <csignal>

namespace {

bool tryAcquireR(qmp::RLock lock, int timeoutMs)
{
    const bool got = lock.acquire(true, timeoutMs);
    if (got)
        lock.release();
    return got;
}
QMP_TASK(tryAcquireR);

void acquireTwiceAndDie(qmp::RLock lock)
{
    lock.acquire();
    lock.acquire();
    ::raise(SIGKILL);
}
QMP_TASK(acquireTwiceAndDie);

QString releaseNotOwned(qmp::RLock lock)
{
    try {
        lock.release();
    } catch (const qmp::AssertionError &e) {
        return e.message();
    }
    return {};
}
QMP_TASK(releaseNotOwned);

} // namespace

class tst_RLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void recursive()
    {
        qmp::RLock lock;
        QVERIFY(lock.acquire());
        QVERIFY(lock.acquire(false));
        QCOMPARE(lock.recursionCount(), 2);
        lock.release();
        QVERIFY(lock.isOwned());
        lock.release();
        QVERIFY(!lock.isOwned());
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, lock.release());
    }

    void otherThreadDoesNotOwn()
    {
        qmp::RLock lock;
        lock.acquire();
        bool got = true;
        bool threw = false;
        QThread *t = QThread::create([&] {
            got = lock.acquire(true, 200);
            try {
                lock.release();
            } catch (const qmp::AssertionError &) {
                threw = true;
            }
        });
        t->start();
        QVERIFY(t->wait(5000));
        delete t;
        QVERIFY(!got);
        QVERIFY(threw);
        lock.release();
    }

    void acrossProcesses_data()
    {
        QTest::addColumn<bool>("held");
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("held: times out after 300 ms") << true << 300;
        QTest::newRow("free: acquired") << false << 300;
    }
    void acrossProcesses()
    {
        QFETCH(bool, held);
        QFETCH(int, timeoutMs);
        qmp::RLock lock;
        if (held)
            lock.acquire();
        qmp::Process p(&tryAcquireR, lock, timeoutMs);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.result().toBool(), !held);
        if (held) {
            qmp::Process q(&releaseNotOwned, lock);
            q.start();
            QVERIFY(q.join(10000));
            QVERIFY(q.result().toString().contains(QLatin1String("not owned")));
            lock.release();
        }
    }

    void timeout()
    {
        qmp::RLock lock;
        lock.acquire();
        QElapsedTimer clock;
        QThread *t = QThread::create([&] {
            clock.start();
            QVERIFY(!lock.acquire(true, 500));
        });
        t->start();
        QVERIFY(t->wait(5000));
        delete t;
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), 500), qPrintable(QString::number(clock.elapsed())));
        lock.release();
    }

    void holderDeath()
    {
        qmp::RLock lock;
        qmp::Process p(&acquireTwiceAndDie, lock);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died").arg(p.pid())));
        QVERIFY(lock.acquire(false)); // the kernel hands it over at once: no waiting at all
        QCOMPARE(lock.recoveredFrom(), p.pid());
        QCOMPARE(lock.recursionCount(), 1);
        lock.release();
        QVERIFY(!lock.isOwned());
    }
};

QMP_IPC_TEST_MAIN(tst_RLock)
#include "tst_rlock.moc"
