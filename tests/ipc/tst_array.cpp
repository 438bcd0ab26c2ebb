// qmp::Array<T> and qmp::RawArray<T>, as multiprocessing's: zero-filled by size, from items,
// indexing, num[:] and slice assignment, a child's write seen by the parent (seed 002), Python's
// lock= (a new RLock, a Lock or an RLock given, none) and the lock a child sees.

#include "array.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <optional>

namespace {

void setThird(qmp::Array<int> num)
{
    num[2] = 9999;
}
QMP_TASK(setThird);

void setLast(qmp::RawArray<qint64> num, qint64 value)
{
    num.set(-1, value);
}
QMP_TASK(setLast);

// Whether a child can take the array's lock now (and gives it back); -1 without a lock.
int childCanTakeLock(qmp::Array<int> num)
{
    if (!num.hasLock())
        return -1;
    qmp::AnyLock lock = num.getLock();
    if (!lock.acquire(false))
        return 0;
    lock.release();
    return 1;
}
QMP_TASK(childCanTakeLock);

} // namespace

class tst_Array : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void construction_data()
    {
        QTest::addColumn<bool>("bySize");
        QTest::newRow("size: zero-filled") << true;
        QTest::newRow("items") << false;
    }
    void construction()
    {
        QFETCH(bool, bySize);
        qmp::Array<double> a = bySize ? qmp::Array<double>(4) : qmp::Array<double>({1.5, 2.5, 3.5, 4.5});
        QCOMPARE(a.size(), 4);
        const std::vector<double> expected = bySize ? std::vector<double>(4, 0.0) : std::vector<double>{1.5, 2.5, 3.5, 4.5};
        QCOMPARE(a.toVector(), expected);
        QCOMPARE(a.typeCode(), 'd');
    }

    void indexing()
    {
        qmp::Array<int> a({1, 2, 3});
        QCOMPARE(a.at(-1), 3);
        a.set(-3, 10);
        QCOMPARE(a[0], 10);
        QVERIFY_THROWS_EXCEPTION(qmp::IndexError, a.at(3));
        QVERIFY_THROWS_EXCEPTION(qmp::IndexError, a.set(-4, 0));
        a.assign({7, 8, 9});
        QCOMPARE(a.toVector(), (std::vector<int>{7, 8, 9}));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.assign({1}));
        QVERIFY(a.hasLock());
        QVERIFY(!qmp::Array<int>(2, false).hasLock());
    }

    void lockOptions_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::newRow("lock=true: a new RLock") << "true";
        QTest::newRow("lock=Lock()") << "Lock";
        QTest::newRow("lock=RLock()") << "RLock";
        QTest::newRow("lock=false") << "false";
    }
    void lockOptions()
    {
        QFETCH(QString, lock);
        const qmp::Lock plain;
        const qmp::RLock recursive;
        const bool given = lock == QLatin1String("Lock") || lock == QLatin1String("RLock");
        const auto make = [&](const std::vector<int> &items) {
            if (lock == QLatin1String("Lock"))
                return qmp::Array<int>(items, plain);
            if (lock == QLatin1String("RLock"))
                return qmp::Array<int>(items, recursive);
            return qmp::Array<int>(items, lock == QLatin1String("true"));
        };
        qmp::Array<int> num = make({1, 2, 3});
        QCOMPARE(num.toVector(), (std::vector<int>{1, 2, 3}));
        QCOMPARE(num.hasLock(), lock != QLatin1String("false"));
        if (!num.hasLock()) {
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, num.getLock());
        } else {
            QCOMPARE(num.getLock().isRecursive(), lock != QLatin1String("Lock"));
        }
        // The child sees the same lock: free, then taken while this process holds it (through
        // the lock given, or through getLock()).
        std::optional<qmp::AnyLock> held;
        for (int round = 0; round < 2; ++round) {
            if (round == 1 && num.hasLock()) {
                held = given ? (lock == QLatin1String("Lock") ? qmp::AnyLock(plain) : qmp::AnyLock(recursive)) : num.getLock();
                QVERIFY(held->acquire(false));
            }
            qmp::Process child(&childCanTakeLock, num);
            child.start();
            QVERIFY(child.join(20000));
            QCOMPARE(child.result().toInteger(), !num.hasLock() ? -1 : round == 0 ? 1 : 0);
        }
        if (held)
            held->release();
    }

    // sharedctypes.RawArray: no lock; a child writes into it.
    void rawArray()
    {
        qmp::RawArray<qint64> raw(3);
        QCOMPARE(raw.toVector(), (std::vector<qint64>{0, 0, 0}));
        qmp::Process child(&setLast, raw, qint64(1) << 40);
        child.start();
        QVERIFY(child.join(20000));
        QCOMPARE(raw.toVector(), (std::vector<qint64>{0, 0, qint64(1) << 40}));
        const qmp::RawArray<qint64> items({4, 5});
        QCOMPARE(items.at(-1), 5);
    }

    void childWriteSeen()
    {
        qmp::Array<int> num({1, 2, 3, 4, 5});
        qmp::Process p(&setThird, num);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(num.toVector(), (std::vector<int>{1, 2, 9999, 4, 5}));
    }
};

QMP_IPC_TEST_MAIN(tst_Array)
#include "tst_array.moc"
