// Reference counting across processes (RefReleaser on the client side, ManagerServer's
// ledgers): dropped proxies free their objects, copies share one reference, a proxy passed to a
// child keeps its object alive until both processes drop it, a SIGKILLed client's references
// are released, proxies held inside other managed objects stay valid (cycles are still freed),
// a proxy lent to a child that has not started yet waits for it, and published objects stay.

#include "manager.h"
#include "process.h"
#include "qmpipctest.h"
#include "refreleaser.h"
#include "taskregistry.h"

#include <QTest>

#include <memory>

namespace {

// Attaches to target (deserialising it counts a reference for this process), says so, waits
// for go, then uses target: its size afterwards.
qint64 holdUntilGo(qmp::DictProxy target, qmp::DictProxy status, qmp::EventProxy go)
{
    status.set(QStringLiteral("attached"), true);
    if (!go.wait(30000))
        throw qmp::TimeoutError(QStringLiteral("go was never set"));
    target.set(QStringLiteral("child"), 1);
    return target.size();
}
QMP_TASK(holdUntilGo);

qint64 readX(qmp::DictProxy d)
{
    return d.at(QStringLiteral("x")).toInteger();
}
QMP_TASK(readX);

// The object's counted references over all clients (-1 when the manager no longer has it).
qint64 refsOf(const qmp::BaseManager &manager, qint64 id)
{
    const QCborValue info = manager.debugInfo().value(id);
    return info.isMap() ? info.toMap().value(QStringLiteral("refs")).toInteger(-1) : -1;
}

} // namespace

class tst_RefReleaser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Proxies passed to children or stored elsewhere keep their objects this long after
        // the last local copy goes (10 s by default): short here, so the tests do not wait.
        qputenv("QMP_MANAGER_LEND_GRACE_MS", "1000");
    }

    void clientIdIsStable()
    {
        QCOMPARE(qmp::RefReleaser::clientId(), qmp::RefReleaser::clientId());
        QVERIFY(qmp::RefReleaser::clientId() > 0);
    }

    // A loop that makes and drops objects leaves the manager with none (Python's managers
    // decref too; before, every object lived until shutdown).
    void droppedProxiesFreeTheirObjects_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<int>("count");
        QTest::newRow("dict") << QStringLiteral("dict") << 1000;
        QTest::newRow("list") << QStringLiteral("list") << 200;
        QTest::newRow("Queue") << QStringLiteral("Queue") << 200;
        QTest::newRow("Lock") << QStringLiteral("Lock") << 200;
    }
    void droppedProxiesFreeTheirObjects()
    {
        QFETCH(QString, typeId);
        QFETCH(int, count);
        qmp::Manager manager;
        const qmp::BaseProxy kept = manager.create(typeId);
        for (int i = 0; i < count; ++i) {
            const qmp::BaseProxy p = manager.create(typeId);
            QVERIFY(!p.isNull());
        }
        QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(1), 20000);
        QCOMPARE(refsOf(manager, kept.id()), qint64(1));
        QVERIFY(manager.debugInfo().contains(kept.id())); // the one still referenced
    }

    void copiesShareOneReference()
    {
        qmp::Manager manager;
        auto first = std::make_unique<qmp::DictProxy>(manager.dict());
        const qint64 id = first->id();
        auto second = std::make_unique<qmp::DictProxy>(*first);
        QCOMPARE(refsOf(manager, id), qint64(1));
        first.reset();
        second->set(1, 2);
        QCOMPARE(second->at(1).toInteger(), 2);
        QCOMPARE(manager.objectCount(), qint64(1));
        second.reset();
        QTRY_COMPARE(manager.objectCount(), qint64(0));
    }

    // The child counts its own reference when it deserialises the proxy: the parent can drop
    // its copy, and the object lives until the child is done with it too.
    void proxyPassedToChildLivesUntilBothDrop()
    {
        qmp::Manager manager;
        const qmp::DictProxy status = manager.dict();
        const qmp::EventProxy go = manager.event();
        std::unique_ptr<qmp::Process> child;
        qint64 id = -1;
        {
            const qmp::DictProxy target = manager.dict();
            id = target.id();
            child = std::make_unique<qmp::Process>(&holdUntilGo, target, status, go);
            child->start();
            QTRY_VERIFY_WITH_TIMEOUT(status.contains(QStringLiteral("attached")), 30000);
            QCOMPARE(refsOf(manager, id), qint64(2));
        }
        QTRY_COMPARE(refsOf(manager, id), qint64(1)); // the parent's decref arrived
        QCOMPARE(manager.objectCount(), qint64(3));
        go.set();
        QVERIFY(child->join(30000));
        QCOMPARE(child->exitCode(), 0);
        QCOMPARE(child->result().toInteger(), 1); // the child still reached the object
        QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(2), 15000);
        QCOMPARE(refsOf(manager, id), qint64(-1));
    }

    // A client killed while it holds references (no destructor runs) releases them when its
    // connections end.
    void killedClientReleasesItsReferences()
    {
        qmp::Manager manager;
        const qmp::DictProxy status = manager.dict();
        const qmp::EventProxy never = manager.event();
        std::unique_ptr<qmp::Process> child;
        qint64 id = -1;
        {
            const qmp::DictProxy target = manager.dict();
            id = target.id();
            child = std::make_unique<qmp::Process>(&holdUntilGo, target, status, never);
            child->start();
            QTRY_VERIFY_WITH_TIMEOUT(status.contains(QStringLiteral("attached")), 30000);
        }
        QTRY_COMPARE(refsOf(manager, id), qint64(1));
        child->kill();
        QVERIFY(child->join(30000));
        QTRY_COMPARE_WITH_TIMEOUT(refsOf(manager, id), qint64(-1), 15000);
        QCOMPARE(manager.objectCount(), qint64(2));
    }

    // A proxy stored in a managed dict keeps its object alive without any process holding it;
    // taken out again, the object goes (after the short grace a proxy in a reply gets).
    void nestedProxiesStayValid()
    {
        qmp::Manager manager;
        const qmp::DictProxy outer = manager.dict();
        qint64 innerId = -1;
        {
            const qmp::ListProxy inner = manager.list(QCborArray{1});
            innerId = inner.id();
            outer.set(QStringLiteral("inner"), inner);
            const qmp::DictProxy deeper = manager.dict();
            deeper.set(QStringLiteral("x"), 7);
            outer.set(QStringLiteral("deeper"), QCborArray{QCborMap{{QStringLiteral("d"), deeper.token().toCbor()}}});
        }
        QTRY_COMPARE(refsOf(manager, innerId), qint64(0));
        QCOMPARE(manager.objectCount(), qint64(3));
        outer.at<qmp::ListProxy>(QStringLiteral("inner")).append(2);
        QCOMPARE(outer.at<qmp::ListProxy>(QStringLiteral("inner")).toList(), (QCborArray{1, 2}));
        const QCborValue deeperToken = outer.at(QStringLiteral("deeper")).toArray().at(0).toMap().value(QStringLiteral("d"));
        QCOMPARE(qmp::DictProxy(qmp::BaseProxy::fromCbor(deeperToken)).at(QStringLiteral("x")).toInteger(), 7);
        outer.remove(QStringLiteral("inner"));
        outer.remove(QStringLiteral("deeper"));
        QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(1), 20000);
    }

    // Two dicts that hold each other and nothing else holds are freed together.
    void unreferencedCycleIsFreed()
    {
        qmp::Manager manager;
        {
            const qmp::DictProxy a = manager.dict();
            const qmp::DictProxy b = manager.dict();
            a.set(QStringLiteral("b"), b);
            b.set(QStringLiteral("a"), a);
            QCOMPARE(manager.objectCount(), qint64(2));
        }
        QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(0), 15000);
    }

    // A proxy converted for a child and dropped before the child even starts: the object
    // waits (the lending grace) for the child to count its own reference.
    void proxyLentBeforeTheChildStarts()
    {
        qputenv("QMP_MANAGER_LEND_GRACE_MS", "60000"); // however slow the child is to start
        qmp::Manager manager;
        std::unique_ptr<qmp::Process> child;
        qint64 id = -1;
        {
            const qmp::DictProxy target = manager.dict();
            target.set(QStringLiteral("x"), 5);
            id = target.id();
            child = std::make_unique<qmp::Process>(&readX, target);
        }
        qputenv("QMP_MANAGER_LEND_GRACE_MS", "1000");
        QTRY_COMPARE(refsOf(manager, id), qint64(0)); // the parent's reference is gone...
        QCOMPARE(manager.objectCount(), qint64(1));   // ...but the object waits
        child->start();
        QVERIFY(child->join(30000));
        QCOMPARE(child->exitCode(), 0);
        QCOMPARE(child->result().toInteger(), 5);
    }

    // Never converted, a dropped proxy's object goes at once (no grace).
    void unlentProxyGoesAtOnce()
    {
        qputenv("QMP_MANAGER_LEND_GRACE_MS", "60000");
        qmp::Manager manager;
        {
            const qmp::DictProxy d = manager.dict();
            d.set(1, 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(0), 20000); // well before the 60 s grace
        qputenv("QMP_MANAGER_LEND_GRACE_MS", "1000");
    }

    void publishedObjectStays()
    {
        qmp::Manager manager;
        {
            const qmp::DictProxy d = manager.dict();
            d.set(1, 1);
            manager.publish(QStringLiteral("shared"), d);
        }
        QCOMPARE(manager.lookup<qmp::DictProxy>(QStringLiteral("shared")).at(1).toInteger(), 1);
        QCOMPARE(manager.objectCount(), qint64(1));
    }

    // Releasing a published object takes its name with it: lookup() says nothing is published
    // as that name any more, instead of handing out a proxy to an object that is gone.
    void releasingAPublishedObjectUnpublishesIt()
    {
        qmp::Manager manager;
        const qmp::DictProxy d = manager.dict();
        const qmp::ListProxy l = manager.list();
        manager.publish(QStringLiteral("shared"), d);
        manager.publish(QStringLiteral("alias"), d);
        manager.publish(QStringLiteral("other"), l);
        d.release();
        for (const QString &name : {QStringLiteral("shared"), QStringLiteral("alias")}) {
            try {
                manager.lookup(name);
                QFAIL(qPrintable(QStringLiteral("lookup(%1) found a released object").arg(name)));
            } catch (const qmp::KeyError &e) {
                QCOMPARE(e.message(), QStringLiteral("the manager has published nothing as '%1'").arg(name));
            }
        }
        QCOMPARE(manager.lookup<qmp::ListProxy>(QStringLiteral("other")).size(), 0);
        QCOMPARE(manager.objectCount(), qint64(1)); // the list, still published
    }
};

QMP_IPC_TEST_MAIN(tst_RefReleaser)
#include "tst_refreleaser.moc"
