// qmp::Manager, as Python's multiprocessing.Manager(): dict, list, Queue, JoinableQueue, Lock,
// RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier, Value, Array and Namespace
// proxies, used here and from child processes (proxies as task arguments), nested proxies, Python's
// repr, and errors.

#include "manager.h"
#include "process.h"
#include "pyrepr.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <algorithm>

namespace {

// Seed 001: fun1(dic, lis, index).
void fun1(qmp::DictProxy dic, qmp::ListProxy lis, int index)
{
    dic.set(index, QStringLiteral("a"));
    dic.set(QStringLiteral("2"), QStringLiteral("b"));
    lis.append(index);
}
QMP_TASK(fun1);

// Appends through a list proxy found inside a dict proxy.
void appendThroughDict(qmp::DictProxy d, int value)
{
    d.at<qmp::ListProxy>(QStringLiteral("inner")).append(value);
}
QMP_TASK(appendThroughDict);

void putItems(qmp::QueueProxy q, int n)
{
    for (int i = 0; i < n; ++i)
        q.put(i);
}
QMP_TASK(putItems);

void consumeAll(qmp::QueueProxy q, int n)
{
    for (int i = 0; i < n; ++i) {
        q.get();
        q.taskDone();
    }
}
QMP_TASK(consumeAll);

bool tryAcquire(qmp::LockProxy lock)
{
    return lock.acquire(false);
}
QMP_TASK(tryAcquire);

void releaseIt(qmp::LockProxy lock)
{
    lock.release();
}
QMP_TASK(releaseIt);

bool waitEvent(qmp::EventProxy ev, int timeoutMs)
{
    return ev.wait(timeoutMs);
}
QMP_TASK(waitEvent);

bool waitCondition(qmp::ConditionProxy cond, qmp::EventProxy ready, int timeoutMs)
{
    cond.acquire();
    ready.set();
    const bool notified = cond.wait(timeoutMs);
    cond.release();
    return notified;
}
QMP_TASK(waitCondition);

int waitBarrier(qmp::BarrierProxy barrier)
{
    return barrier.wait(20000);
}
QMP_TASK(waitBarrier);

void bumpValue(qmp::ValueProxy v, qmp::ArrayProxy a, qmp::NamespaceProxy ns)
{
    v.set(v.get<double>() + 1.5);
    a.set(2, 9999);
    ns.set(QStringLiteral("child"), QStringLiteral("was here"));
}
QMP_TASK(bumpValue);

QCborArray sorted(QCborArray a)
{
    QList<qint64> v;
    for (const QCborValue &x : a)
        v.append(x.toInteger());
    std::sort(v.begin(), v.end());
    QCborArray out;
    for (qint64 x : v)
        out.append(x);
    return out;
}

} // namespace

class tst_Manager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void startAndShutdown()
    {
        qint64 pid = 0;
        {
            qmp::Manager manager;
            QCOMPARE(manager.state(), qmp::BaseManager::State::Started);
            QVERIFY(manager.address().startsWith(QLatin1Char('@')));
            QCOMPARE(manager.authkey().size(), 32);
            pid = manager.pid();
            QVERIFY(pid > 0);
            QVERIFY(!qmptest::processGone(pid));
            {
                qmp::DictProxy only = manager.dict();
                QCOMPARE(manager.objectCount(), qint64(1));
            }
            // The last proxy's decref is sent by a background thread: await it.
            QTRY_COMPARE_WITH_TIMEOUT(manager.objectCount(), qint64(0), 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(pid), 60000);
    }

    void dictOperations()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict(QCborMap{{QStringLiteral("x"), 1}});
        d.set(1, QStringLiteral("1"));
        d.set(QStringLiteral("2"), 2);
        d.set(0.25, QCborValue(nullptr));
        QCOMPARE(d.size(), 4);
        QCOMPARE(d.at(1).toString(), QStringLiteral("1"));
        QCOMPARE(d.at<int>(QStringLiteral("2")), 2);
        QVERIFY(d.contains(0.25));
        QVERIFY(!d.contains(42));
        QVERIFY_THROWS_EXCEPTION(qmp::KeyError, d.at(42));
        QCOMPARE(d.get(42, QCborValue(7)).toInteger(), 7);
        QVERIFY(d.get(42).isNull());
        QCOMPARE(d.pop(QStringLiteral("x")).toInteger(), 1);
        QCOMPARE(d.pop(QStringLiteral("x"), QCborValue(-1)).toInteger(), -1);
        QCOMPARE(PyRepr(d), QStringLiteral("{1: '1', '2': 2, 0.25: None}"));
        QCOMPARE(d.keys(), (QCborArray{1, QStringLiteral("2"), 0.25}));
        d.update(QCborMap{{1, QStringLiteral("one")}, {3, 3}});
        QCOMPARE(d.at(1).toString(), QStringLiteral("one"));
        QCOMPARE(d.popItem(), (QCborArray{3, 3}));
        d.remove(0.25);
        QVERIFY_THROWS_EXCEPTION(qmp::KeyError, d.remove(0.25));
        QCOMPARE(d.setDefault(5, QCborValue(6)).toInteger(), 6);
        QCOMPARE(d.items().size(), 3);
        d.clear();
        QCOMPARE(d.size(), 0);
    }

    void listOperations()
    {
        qmp::Manager manager;
        qmp::ListProxy l = manager.list(QCborArray{0, 1, 2, 3, 4});
        l.append(5);
        l.extend(QCborArray{6, 7});
        l.insert(0, -1);
        QCOMPARE(l.size(), 9);
        QCOMPARE(l.at<int>(-1), 7);
        QCOMPARE(l.at<int>(0), -1);
        QVERIFY_THROWS_EXCEPTION(qmp::IndexError, l.at(9));
        QCOMPARE(l.pop().toInteger(), 7);
        QCOMPARE(l.pop(0).toInteger(), -1);
        QCOMPARE(l.index(3), 3);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, l.index(42));
        l.set(0, 10);
        l.removeAt(1);
        l.remove(2);
        QCOMPARE(l.toList(), (QCborArray{10, 3, 4, 5, 6}));
        l.reverse();
        QCOMPARE(PyRepr(l), QStringLiteral("[6, 5, 4, 3, 10]"));
        l.sort();
        QCOMPARE(l.toList(), (QCborArray{3, 4, 5, 6, 10}));
        l.append(3.0);
        QCOMPARE(l.count(3), 2); // 3 == 3.0, as in Python
        l.append(QStringLiteral("x"));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, l.sort());
        l.clear();
        QCOMPARE(l.size(), 0);
    }

    // Seed 001: ten processes write into one dict and one list.
    void tenProcessesShareDictAndList()
    {
        qmp::Manager manager;
        qmp::DictProxy dic = manager.dict();
        qmp::ListProxy l = manager.list(QCborArray{0, 1, 2, 3, 4});
        std::vector<std::unique_ptr<qmp::Process>> processes;
        for (int i = 0; i < 10; ++i) {
            processes.push_back(std::make_unique<qmp::Process>(&fun1, dic, l, i));
            processes.back()->start();
        }
        for (auto &p : processes) {
            QVERIFY(p->join(30000));
            QCOMPARE(p->exitCode(), 0);
        }
        QCOMPARE(dic.size(), 11);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(dic.at(i).toString(), QStringLiteral("a"));
        QCOMPARE(dic.at(QStringLiteral("2")).toString(), QStringLiteral("b"));
        const QCborArray items = l.toList();
        QCOMPARE(items.size(), 15);
        QCOMPARE(sorted(QCborArray::fromVariantList(items.toVariantList().mid(5))), (QCborArray{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    // A list proxy stored inside a dict proxy is the same list: a child appends through the
    // dict, the parent sees it through its own list proxy. A plain list stored in the dict is a
    // copy (in Python too: `d['l'].append(1)` is lost), which the proxy does not pretend otherwise.
    void nestedProxiesStayLive()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict();
        qmp::ListProxy inner = manager.list();
        d.set(QStringLiteral("inner"), inner);
        d.set(QStringLiteral("plain"), QCborArray{1});
        qmp::Process p(&appendThroughDict, d, 42);
        p.start();
        QVERIFY(p.join(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(inner.toList(), (QCborArray{42}));
        d.at<qmp::ListProxy>(QStringLiteral("inner")).append(43);
        QCOMPARE(inner.toList(), (QCborArray{42, 43}));
        QCOMPARE(d.at<qmp::ListProxy>(QStringLiteral("inner")).id(), inner.id());
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, d.at<qmp::ListProxy>(QStringLiteral("plain")));
        QVERIFY(qmp::PyRepr::repr(d.at(QStringLiteral("inner"))).startsWith(QStringLiteral("<ListProxy object, typeid 'list'")));
    }

    void queueAcrossProcesses()
    {
        qmp::Manager manager;
        qmp::QueueProxy q = manager.queue();
        qmp::Process p(&putItems, q, 50);
        p.start();
        qint64 sum = 0;
        for (int i = 0; i < 50; ++i)
            sum += q.get(true, 30000).toInteger();
        QCOMPARE(sum, qint64(49 * 50 / 2));
        QVERIFY(p.join(30000));
        QVERIFY(q.empty());
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.get(true, 100));
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.getNowait());
    }

    void boundedQueueIsFull()
    {
        qmp::Manager manager;
        qmp::QueueProxy q = manager.queue(2);
        q.put(1);
        q.putNowait(2);
        QVERIFY(q.full());
        QCOMPARE(q.qsize(), 2);
        QVERIFY_THROWS_EXCEPTION(qmp::Full, q.put(3, true, 100));
        QVERIFY_THROWS_EXCEPTION(qmp::Full, q.putNowait(3));
        QCOMPARE(q.get().toInteger(), 1);
    }

    void joinableQueue()
    {
        qmp::Manager manager;
        qmp::QueueProxy q = manager.joinableQueue();
        for (int i = 0; i < 5; ++i)
            q.put(i);
        QVERIFY(!q.join(100));
        qmp::Process consumer(&consumeAll, q, 5);
        consumer.start();
        QVERIFY(q.join(30000));
        QVERIFY(consumer.join(30000));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, q.taskDone());
        QVERIFY_THROWS_EXCEPTION(qmp::AttributeError, manager.queue().taskDone());
    }

    void locks_data()
    {
        QTest::addColumn<bool>("recursive");
        QTest::newRow("Lock") << false;
        QTest::newRow("RLock") << true;
    }
    void locks()
    {
        QFETCH(bool, recursive);
        qmp::Manager manager;
        qmp::LockProxy lock = recursive ? manager.rlock() : manager.lock();
        QVERIFY(lock.acquire());
        QCOMPARE(lock.acquire(false), recursive); // a Lock is not re-entrant
        QVERIFY(lock.locked());
        qmp::Process other(&tryAcquire, lock);
        other.start();
        QVERIFY(other.join(30000));
        QCOMPARE(other.result().toBool(), false); // held here
        if (recursive) {
            // Only the owner releases an RLock.
            qmp::Process thief(&releaseIt, lock);
            thief.start();
            QVERIFY(thief.join(30000));
            QCOMPARE(thief.exitCode(), 1);
            QVERIFY(thief.error()->message().contains(QStringLiteral("AssertionError")));
            lock.release();
        }
        QVERIFY(!lock.acquire(true, 50) || recursive);
        lock.release();
        if (recursive)
            lock.release();
        QVERIFY(!lock.locked());
        // Python's (and a qmp::Lock's / qmp::RLock's): ValueError for a Lock, AssertionError for an RLock.
        if (recursive)
            QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, lock.release());
        else
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, lock.release());
        {
            std::lock_guard guard(lock);
            QVERIFY(lock.locked());
        }
        QVERIFY(!lock.locked());
    }

    void semaphores()
    {
        qmp::Manager manager;
        qmp::SemaphoreProxy s = manager.semaphore(2);
        QVERIFY(s.acquire());
        QVERIFY(s.acquire());
        QVERIFY(!s.acquire(true, 50));
        QCOMPARE(s.value(), 0);
        s.release(3);
        QCOMPARE(s.value(), 3); // unbounded
        qmp::SemaphoreProxy b = manager.boundedSemaphore(1);
        QVERIFY(b.acquire(false));
        b.release();
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, b.release());
    }

    void eventWakesAChild()
    {
        qmp::Manager manager;
        qmp::EventProxy ev = manager.event();
        QVERIFY(!ev.isSet());
        QVERIFY(!ev.wait(50));
        qmp::Process waiter(&waitEvent, ev, 30000);
        waiter.start();
        ev.set();
        QVERIFY(waiter.join(30000));
        QCOMPARE(waiter.result().toBool(), true);
        ev.clear();
        QVERIFY(!ev.isSet());
    }

    void conditionNotifiesAChild()
    {
        qmp::Manager manager;
        qmp::ConditionProxy cond = manager.condition();
        qmp::EventProxy ready = manager.event();
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, cond.notify());
        QVERIFY_THROWS_EXCEPTION(qmp::AssertionError, cond.wait(10));
        qmp::Process waiter(&waitCondition, cond, ready, 30000);
        waiter.start();
        QVERIFY(ready.wait(30000));
        // The child holds the lock until its wait() releases it: acquiring proves it waits.
        cond.acquire();
        cond.notifyAll();
        cond.release();
        QVERIFY(waiter.join(30000));
        QCOMPARE(waiter.result().toBool(), true);
        cond.acquire();
        QVERIFY(!cond.wait(50)); // nobody notifies: times out, lock held again
        cond.release();
    }

    void barrierAcrossProcesses()
    {
        qmp::Manager manager;
        qmp::BarrierProxy barrier = manager.barrier(3);
        QCOMPARE(barrier.parties(), 3);
        qmp::Process a(&waitBarrier, barrier);
        qmp::Process b(&waitBarrier, barrier);
        a.start();
        b.start();
        const int mine = barrier.wait(30000);
        QVERIFY(a.join(30000) && b.join(30000));
        QList<int> indexes{mine, int(a.result().toInteger()), int(b.result().toInteger())};
        std::sort(indexes.begin(), indexes.end());
        QCOMPARE(indexes, (QList<int>{0, 1, 2}));
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenBarrierError, barrier.wait(50));
        QVERIFY(barrier.broken());
        barrier.reset();
        QVERIFY(!barrier.broken());
        QCOMPARE(barrier.nWaiting(), 0);
    }

    void valueArrayNamespace()
    {
        qmp::Manager manager;
        qmp::ValueProxy v = manager.value('d', 10.0);
        qmp::ArrayProxy a = manager.array('i', QCborArray{1, 2, 3, 4, 5});
        qmp::NamespaceProxy ns = manager.namespaceObject();
        ns.set(QStringLiteral("x"), 1);
        ns.set(QStringLiteral("_hidden"), 2);
        qmp::Process p(&bumpValue, v, a, ns);
        p.start();
        QVERIFY(p.join(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(v.get<double>(), 11.5);
        QCOMPARE(v.typecode(), QStringLiteral("d"));
        QCOMPARE(a.toList(), (QCborArray{1, 2, 9999, 4, 5}));
        QCOMPARE(a.size(), 5);
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, a.set(0, 1.5));
        QVERIFY_THROWS_EXCEPTION(qmp::IndexError, a.at(5));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, manager.value('i', QStringLiteral("no")));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, manager.value('z', 1));
        QCOMPARE(ns.get<QString>(QStringLiteral("child")), QStringLiteral("was here"));
        QCOMPARE(ns.repr(), QStringLiteral("Namespace(x=1, child='was here')"));
        QVERIFY_THROWS_EXCEPTION(qmp::AttributeError, ns.get(QStringLiteral("missing")));
        ns.remove(QStringLiteral("x"));
        QVERIFY(!ns.contains(QStringLiteral("x")));
    }

    void badUse()
    {
        qmp::Manager manager;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, manager.create(QStringLiteral("NoSuchType")));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::DictProxy().size());
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::ListProxy(manager.dict()));
        qmp::DictProxy typed = manager.dict();
        typed.set(QStringLiteral("s"), QStringLiteral("text"));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, typed.at<int>(QStringLiteral("s")));
        QVERIFY_THROWS_EXCEPTION(qmp::AttributeError, manager.dict().callMethod(QStringLiteral("nope")));
        qmp::BaseManager unstarted;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, unstarted.create(QStringLiteral("dict")));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::BaseManager(QStringLiteral("no-port-here")));
        QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, manager.start());
        qmp::DictProxy d = manager.dict();
        d.release();
        QVERIFY_THROWS_EXCEPTION(qmp::KeyError, d.size());
    }

    void pythonRepr_data()
    {
        QTest::addColumn<QCborValue>("value");
        QTest::addColumn<QString>("repr");
        QTest::newRow("None") << QCborValue(nullptr) << QStringLiteral("None");
        QTest::newRow("bools") << QCborValue(QCborArray{true, false}) << QStringLiteral("[True, False]");
        QTest::newRow("float") << QCborValue(2.0) << QStringLiteral("2.0");
        QTest::newRow("float small") << QCborValue(0.0001) << QStringLiteral("0.0001");
        QTest::newRow("float exp") << QCborValue(1e16) << QStringLiteral("1e+16");
        QTest::newRow("quote") << QCborValue(QStringLiteral("it's")) << QStringLiteral("\"it's\"");
        QTest::newRow("bytes") << QCborValue(QByteArray("a\x01")) << QStringLiteral("b'a\\x01'");
        QTest::newRow("map") << QCborValue(QCborMap{{1, QStringLiteral("a")}, {QStringLiteral("2"), QStringLiteral("b")}})
                             << QStringLiteral("{1: 'a', '2': 'b'}");
    }
    void pythonRepr()
    {
        QFETCH(QCborValue, value);
        QFETCH(QString, repr);
        QCOMPARE(qmp::PyRepr::repr(value), repr);
    }

private:
    static QString PyRepr(const qmp::BaseProxy &p) { return p.repr(); }
};

QMP_IPC_TEST_MAIN(tst_Manager)
#include "tst_manager.moc"
