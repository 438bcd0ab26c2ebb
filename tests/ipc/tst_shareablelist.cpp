// qmp::ShareableList (and where Python's truncates non-ASCII strings): the seed's example, type
// changes within a slot, "exceeds available storage", UTF-8 slot sizes ('ééééé' survives), count /
// index, across processes.

#include "shareablelist.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QTest>

namespace {

void setLast(qmp::ShareableList list)
{
    list.set(-1, -999);
}
QMP_TASK(setLast);

} // namespace

class tst_ShareableList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void seedExample()
    {
        qmp::ShareableList a({QStringLiteral("howdy"), QByteArray("HoWdY"), -273.154, 100, nullptr, true, 42});
        QCOMPARE(a.size(), 7);
        QCOMPARE(a.at(2).toDouble(), -273.154);
        a.set(2, -78.5);
        QCOMPARE(a.at(2).toDouble(), -78.5);
        a.set(2, QStringLiteral("dry ice"));
        QCOMPARE(a.at(2).toString(), QStringLiteral("dry ice"));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.set(2, QStringLiteral("larger than previously allocated storage space")));
        QCOMPARE(a.at(2).toString(), QStringLiteral("dry ice"));
        QCOMPARE(a.index(42), 6);
        QCOMPARE(a.count(QByteArray("howdy")), 0);
        QCOMPARE(a.count(QByteArray("HoWdY")), 1);
        QVERIFY(a.at(4).isNull());
        QCOMPARE(a.at(5).toBool(), true);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.index(43));
        a.shm().close();
        a.shm().unlink();
    }

    void utf8Slots_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("5 x é (10 bytes; Python truncates it)") << QStringLiteral("ééééé");
        QTest::newRow("8 ASCII characters") << QStringLiteral("12345678");
        QTest::newRow("CJK") << QStringLiteral("共享列表");
        QTest::newRow("trailing NUL kept") << QStringLiteral("ab") + QChar(0);
    }
    void utf8Slots()
    {
        QFETCH(QString, text);
        qmp::ShareableList a(QCborArray{text});
        QCOMPARE(a.at(0).toString(), text);
        a.shm().unlink();
    }

    void unsupportedType()
    {
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::ShareableList(QCborArray{QCborArray{1, 2}}));
    }

    void acrossProcesses()
    {
        qmp::ShareableList b({0, 1, 2, 3, 4});
        qmp::Process p(&setLast, b);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(b.at(-1).toInteger(), -999);
        qmp::ShareableList c = qmp::ShareableList::attach(b.shm().name());
        QCOMPARE(c.toList(), (QCborArray{0, 1, 2, 3, -999}));
        c.shm().unlink();
    }
};

QMP_IPC_TEST_MAIN(tst_ShareableList)
#include "tst_shareablelist.moc"
