// qmp::Condition (§1.6): the lock must be held (AssertionError), wait(T) timing, notify(n) wakes
// exactly n waiters in other processes, notifyAll, waitFor's predicate.

#include "condition.h"
#include "event.h"
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

} // namespace

class tst_Condition : public QObject
{
    Q_OBJECT
private slots:
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
        QVERIFY(clock.elapsed() >= timeoutMs - 100);
        QVERIFY(clock.elapsed() < timeoutMs + 1000);
        QVERIFY(cond.rlock().isOwned());
    }

    void notifyN()
    {
        qmp::Condition cond;
        std::vector<std::unique_ptr<qmp::Process>> ps;
        for (int i = 0; i < 3; ++i) {
            ps.push_back(std::make_unique<qmp::Process>(&waitNotified, cond, 20000));
            ps.back()->start();
        }
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 3, 10000);
        {
            std::lock_guard guard(cond);
            cond.notify(2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(cond.waiting(), 1, 10000);
        QTRY_VERIFY(std::count_if(ps.begin(), ps.end(), [](auto &p) { return !p->isAlive(); }) == 2);
        QCOMPARE(cond.waiting(), 1); // the third is still waiting
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
