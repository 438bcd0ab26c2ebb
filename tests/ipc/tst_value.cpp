// qmp::Value<T> and qmp::RawValue<T>, as multiprocessing's: typecodes, Python's lock= (a new RLock,
// a Lock or an RLock given and shared, none) also as a child sees it, a child's write seen by the
// parent (seed 002), increments under getLock() from several processes.

#include "value.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <mutex>
#include <optional>

namespace {

void setTo(qmp::Value<double> num)
{
    num.setValue(10.78);
}
QMP_TASK(setTo);

void addMany(qmp::Value<int> counter, int n)
{
    for (int i = 0; i < n; ++i) {
        qmp::AnyLock lock = counter.getLock();
        std::lock_guard guard(lock);
        counter.setValue(counter.value() + 1);
    }
}
QMP_TASK(addMany);

// What a child sees of a Value's lock: "none", or "Lock"/"RLock" + ", free" when it could take
// it (and gave it back) or ", taken" when someone else holds it.
QString lockSeenByChild(qmp::Value<int> v)
{
    if (!v.hasLock())
        return QStringLiteral("none");
    qmp::AnyLock lock = v.getLock();
    const QString kind = lock.isRecursive() ? QStringLiteral("RLock") : QStringLiteral("Lock");
    if (!lock.acquire(false))
        return kind + QStringLiteral(", taken");
    lock.release();
    return kind + QStringLiteral(", free");
}
QMP_TASK(lockSeenByChild);

// Increments both under the one lock they share, taking it through each in turn.
void addToBoth(qmp::Value<int> a, qmp::Value<qint64> b, int n)
{
    for (int i = 0; i < n; ++i) {
        qmp::AnyLock lock = i % 2 ? a.getLock() : b.getLock();
        std::lock_guard guard(lock);
        a.setValue(a.value() + 1);
        b.setValue(b.value() + 1);
    }
}
QMP_TASK(addToBoth);

double readRaw(qmp::RawValue<double> v)
{
    return v.value();
}
QMP_TASK(readRaw);

} // namespace

class tst_Value : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    // Python's Value(typecode, v, lock=...): True, a Lock, an RLock, False.
    void lockOptions_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<QString>("seenFree");  // lockSeenByChild() while nobody holds it
        QTest::addColumn<QString>("seenTaken"); // ... while this process holds it
        QTest::newRow("lock=true: a new RLock") << "true" << "RLock, free" << "RLock, taken";
        QTest::newRow("lock=Lock()") << "Lock" << "Lock, free" << "Lock, taken";
        QTest::newRow("lock=RLock()") << "RLock" << "RLock, free" << "RLock, taken";
        QTest::newRow("lock=false") << "false" << "none" << "none";
    }
    void lockOptions()
    {
        QFETCH(QString, lock);
        QFETCH(QString, seenFree);
        QFETCH(QString, seenTaken);
        const qmp::Lock plain;
        const qmp::RLock recursive;
        qmp::Value<int> v = lock == QLatin1String("true")    ? qmp::Value<int>(1)
                            : lock == QLatin1String("false") ? qmp::Value<int>(1, false)
                            : lock == QLatin1String("Lock")  ? qmp::Value<int>(1, plain)
                                                             : qmp::Value<int>(1, recursive);
        QCOMPARE(v.value(), 1);
        QCOMPARE(v.hasLock(), lock != QLatin1String("false"));
        if (!v.hasLock()) {
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, v.getLock());
        } else {
            QCOMPARE(v.getLock().isRecursive(), lock != QLatin1String("Lock"));
            // A lock given is that lock: holding one holds the other.
            if (lock == QLatin1String("Lock")) {
                qmp::Lock held = plain;
                held.acquire();
                QVERIFY(v.getLock().toLock()->locked());
                held.release();
            } else if (lock == QLatin1String("RLock")) {
                qmp::RLock held = recursive;
                held.acquire();
                QVERIFY(v.getLock().toRLock()->isOwned());
                held.release();
            }
        }
        for (bool holding : {false, true}) {
            std::optional<qmp::AnyLock> held;
            if (holding && v.hasLock()) {
                held = v.getLock();
                QVERIFY(held->acquire(false));
            }
            qmp::Process child(&lockSeenByChild, v);
            child.start();
            QVERIFY(child.join(20000));
            QCOMPARE(child.result().toString(), holding ? seenTaken : seenFree);
            if (held)
                held->release();
        }
    }

    // Two Values sharing one Lock (Python: lock=lock for both): two processes update both under
    // whichever Value's lock, and no update is lost.
    void valuesShareOneLockAcrossProcesses()
    {
        const qmp::Lock lock;
        qmp::Value<int> a(0, lock);
        qmp::Value<qint64> b(0, lock);
        qmp::Process p(&addToBoth, a, b, 2000);
        qmp::Process q(&addToBoth, a, b, 2000);
        p.start();
        q.start();
        QVERIFY(p.join(30000) && q.join(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(q.exitCode(), 0);
        QCOMPARE(a.value(), 4000);
        QCOMPARE(b.value(), 4000);
    }

    // sharedctypes.RawValue: no lock at all; a Value's handle read as a RawValue is its raw object.
    void rawValue()
    {
        qmp::RawValue<double> raw(2.5);
        QCOMPARE(raw.value(), 2.5);
        *raw.getObj() = 3.5;
        QCOMPARE(raw.value(), 3.5);
        qmp::Process child(&readRaw, raw);
        child.start();
        QVERIFY(child.join(20000));
        QCOMPARE(child.result().toDouble(), 3.5);

        qmp::Value<double> locked(7.25);
        qmp::RawValue<double> itsObject = qmp::RawValue<double>::fromHandle(locked.handle());
        itsObject.setValue(8.5);
        QCOMPARE(locked.value(), 8.5);
        const qmp::RawValue<double> &asRaw = locked; // a Value is a RawValue
        QCOMPARE(asRaw.value(), 8.5);
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
