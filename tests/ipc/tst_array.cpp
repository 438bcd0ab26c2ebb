// qmp::Array<T> (§1.7): zero-filled by size, from items, indexing, num[:] and slice assignment,
// a child's write seen by the parent (seed 002).

#include "array.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

namespace {

void setThird(qmp::Array<int> num)
{
    num[2] = 9999;
}
QMP_TASK(setThird);

} // namespace

class tst_Array : public QObject
{
    Q_OBJECT
private slots:
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
