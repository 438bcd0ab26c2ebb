// qmp::DictProxy iteration: keys(), values(), items() as Python's proxies return
// them — lists copied from the manager in one call, in insertion order — typed forms, range-for
// over a snapshot of the keys, nested proxies among the values, and the same from a child.

#include "manager.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

namespace {

// What a child sees iterating the dict it was given: [keys by range-for, values, items].
QCborArray iterateInChild(qmp::DictProxy d)
{
    QCborArray keys;
    for (const QCborValue &key : d)
        keys.append(key);
    return {keys, d.values(), d.items()};
}
QMP_TASK(iterateInChild);

void addKey(qmp::DictProxy d, const QString &key)
{
    d.set(key, 1);
}
QMP_TASK(addKey);

} // namespace

class tst_DictProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void keysValuesItems_data()
    {
        QTest::addColumn<QCborArray>("pairs"); // [key, value]..., set in this order
        QTest::newRow("empty") << QCborArray{};
        QTest::newRow("one") << QCborArray{QCborArray{QStringLiteral("a"), 1}};
        QTest::newRow("insertion order, mixed keys")
            << QCborArray{QCborArray{QStringLiteral("z"), 1}, QCborArray{3, QStringLiteral("three")},
                          QCborArray{0.25, QCborValue(nullptr)}, QCborArray{QStringLiteral("a"), QCborArray{1, 2}}};
        QCborArray many;
        for (int i = 0; i < 500; ++i)
            many.append(QCborArray{QStringLiteral("k%1").arg(499 - i), i});
        QTest::newRow("500 keys") << many;
    }
    void keysValuesItems()
    {
        QFETCH(QCborArray, pairs);
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict();
        QCborArray keys, values;
        for (const QCborValue &pair : pairs) {
            d.set(pair[0], pair[1]);
            keys.append(pair[0]);
            values.append(pair[1]);
        }
        QCOMPARE(d.keys(), keys);
        QCOMPARE(d.values(), values);
        QCOMPARE(d.items(), pairs);
        QCborArray walked;
        for (const QCborValue &key : d) // Python's `for key in d`
            walked.append(key);
        QCOMPARE(walked, keys);

        // The same from a child that got the proxy as an argument.
        qmp::Process child(&iterateInChild, d);
        child.start();
        QVERIFY(child.join(30000));
        QCOMPARE(child.exitCode(), 0);
        QCOMPARE(child.result(), QCborValue(QCborArray{keys, values, pairs}));
    }

    void typedForms()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict();
        d.set(QStringLiteral("apples"), 3);
        d.set(QStringLiteral("pears"), 5);
        QCOMPARE(d.keys<QString>(), (QStringList{QStringLiteral("apples"), QStringLiteral("pears")}));
        QCOMPARE(d.values<int>(), (QList<int>{3, 5}));
        QStringList seen;
        for (const auto &[name, count] : d.items<QString, int>())
            seen.append(QStringLiteral("%1=%2").arg(name).arg(count));
        QCOMPARE(seen, (QStringList{QStringLiteral("apples=3"), QStringLiteral("pears=5")}));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, d.keys<int>());
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, (d.items<QString, QString>()));
    }

    // Iterating walks the keys as they were when it began (one call): keys added or removed
    // meanwhile, here or in another process, neither show nor break it.
    void iterationWalksASnapshot()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict(QCborMap{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}, {QStringLiteral("c"), 3}});
        QStringList walked;
        for (const QCborValue &key : d) {
            walked.append(key.toString());
            if (walked.size() == 1) {
                d.remove(QStringLiteral("b"));
                qmp::Process child(&addKey, d, QStringLiteral("d"));
                child.start();
                QVERIFY(child.join(30000));
            }
        }
        QCOMPARE(walked, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(d.keys<QString>(), (QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")}));
    }

    // values<ListProxy>() gives live nested proxies; range-for over a list proxy walks its items.
    void nestedProxiesAmongTheValues()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict();
        d.set(QStringLiteral("x"), manager.list(QCborArray{1}));
        d.set(QStringLiteral("y"), manager.list(QCborArray{2}));
        for (const qmp::ListProxy &l : d.values<qmp::ListProxy>())
            l.append(10);
        QCborArray all;
        for (const auto &[name, list] : d.items<QString, qmp::ListProxy>()) {
            for (const QCborValue &item : list)
                all.append(QCborArray{name, item});
        }
        QCOMPARE(all, (QCborArray{QCborArray{QStringLiteral("x"), 1}, QCborArray{QStringLiteral("x"), 10},
                                  QCborArray{QStringLiteral("y"), 2}, QCborArray{QStringLiteral("y"), 10}}));
    }
};

QMP_IPC_TEST_MAIN(tst_DictProxy)
#include "tst_dictproxy.moc"
