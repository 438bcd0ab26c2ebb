// manager.Value / manager.Array read like qmp::Value / qmp::Array: value() /
// setValue() (Python's .value on both), checked against the typecode; Array by size zero-filled;
// read-modify-write from several processes under a manager lock loses nothing.

#include "manager.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <mutex>

namespace {

void addUnderLock(qmp::ValueProxy v, qmp::LockProxy lock, int n)
{
    for (int i = 0; i < n; ++i) {
        std::lock_guard guard(lock);
        v.setValue(v.value<qint64>() + 1);
    }
}
QMP_TASK(addUnderLock);

} // namespace

class tst_ValueProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void valueAndSetValue_data()
    {
        QTest::addColumn<QString>("typecode");
        QTest::addColumn<QCborValue>("initial");
        QTest::addColumn<QCborValue>("next");
        QTest::addColumn<QCborValue>("wrong"); // refused with TypeError
        QTest::newRow("i") << "i" << QCborValue(1) << QCborValue(-7) << QCborValue(QStringLiteral("x"));
        QTest::newRow("d") << "d" << QCborValue(1.5) << QCborValue(10.78) << QCborValue(QStringLiteral("x"));
        QTest::newRow("c") << "c" << QCborValue(QByteArray("a")) << QCborValue(QByteArray("b")) << QCborValue(QByteArray("bc"));
    }
    void valueAndSetValue()
    {
        QFETCH(QString, typecode);
        QFETCH(QCborValue, initial);
        QFETCH(QCborValue, next);
        QFETCH(QCborValue, wrong);
        qmp::Manager manager;
        qmp::ValueProxy v = manager.value(typecode.at(0).toLatin1(), initial);
        QCOMPARE(v.value(), initial);
        v.setValue(next);
        QCOMPARE(v.value(), next);
        QCOMPARE(v.get(), next); // the same call under Python's proxy name
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, v.setValue(wrong));
    }

    void arrayBySize()
    {
        qmp::Manager manager;
        qmp::ArrayProxy a = manager.array('d', qsizetype(3));
        QCOMPARE(a.toList(), (QCborArray{0.0, 0.0, 0.0}));
        a.set(-1, 2.5);
        QCOMPARE(a.at<double>(2), 2.5);
        QCOMPARE(manager.array('i', QCborArray{1, 2}).size(), 2);
    }

    void readModifyWriteUnderAManagerLock()
    {
        qmp::Manager manager;
        qmp::ValueProxy v = manager.value('q', 0);
        qmp::LockProxy lock = manager.lock();
        qmp::Process a(&addUnderLock, v, lock, 200);
        qmp::Process b(&addUnderLock, v, lock, 200);
        a.start();
        b.start();
        QVERIFY(a.join(60000) && b.join(60000));
        QCOMPARE(v.value<qint64>(), 400);
    }
};

QMP_IPC_TEST_MAIN(tst_ValueProxy)
#include "tst_valueproxy.moc"
