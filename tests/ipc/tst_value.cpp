// qmp::Value<T> (§1.7): typecodes, the optional lock, a child's write seen by the parent
// (seed 002), increments under getLock() from several processes.

#include "value.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <mutex>

namespace {

void setTo(qmp::Value<double> num)
{
    num.setValue(10.78);
}
QMP_TASK(setTo);

void addMany(qmp::Value<int> counter, int n)
{
    for (int i = 0; i < n; ++i) {
        qmp::RLock lock = counter.getLock();
        std::lock_guard guard(lock);
        counter.setValue(counter.value() + 1);
    }
}
QMP_TASK(addMany);

} // namespace

class tst_Value : public QObject
{
    Q_OBJECT
private slots:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void typeCodes()
    {
        QCOMPARE(qmp::Value<double>::typeCode(), 'd');
        QCOMPARE(qmp::Value<int>::typeCode(), 'i');
        QCOMPARE(qmp::Value<char>::typeCode(), 'c');
        QCOMPARE(qmp::Value<unsigned long long>::typeCode(), 'Q');
        qmp::Value<qint64> v(1LL << 40);
        QCOMPARE(v.value(), 1LL << 40);
        *v.getObj() = 7;
        QCOMPARE(v.value(), 7);
    }

    void lockOptions()
    {
        qmp::Value<int> withLock(1);
        QVERIFY(withLock.hasLock());
        qmp::Value<int> raw(1, false);
        QVERIFY(!raw.hasLock());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, raw.getLock());
        qmp::RLock shared;
        qmp::Value<int> a(1, shared);
        qmp::Value<float> b(2.5f, shared);
        a.getLock().acquire();
        QVERIFY(b.getLock().isOwned());
        a.getLock().release();
    }

    void childWriteSeen()
    {
        qmp::Value<double> num(10.0);
        qmp::Process p(&setTo, num);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(num.value(), 10.78);
    }

    void lockedIncrements()
    {
        qmp::Value<int> counter(0);
        qmp::Process a(&addMany, counter, 2000);
        qmp::Process b(&addMany, counter, 2000);
        a.start();
        b.start();
        QVERIFY(a.join(20000) && b.join(20000));
        QCOMPARE(counter.value(), 4000);
    }

    void wrongTypeCode()
    {
        qmp::Value<int> v(1);
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::Value<double>::fromHandle(v.handle()));
    }
};

QMP_IPC_TEST_MAIN(tst_Value)
#include "tst_value.moc"
