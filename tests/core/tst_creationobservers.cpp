// CreationObservers: any number of observers, each heard until its token goes; safe to add,
// remove and notify from several threads at once, and from inside an observer.

#include "creationobservers.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using qmp::CreationObservers;
using qmp::ObserverToken;

class tst_CreationObservers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyObserverHearsInOrder_data();
    void everyObserverHearsInOrder();
    void resetAndDestroyRemove();
    void movedTokenKeepsTheRegistration();
    void emptyObserverRegistersNothing();
    void tokenOutlivesTheRegistry();
    void observerMayRemoveItselfWhileNotified();
    void concurrentAddRemoveNotify();
};

void tst_CreationObservers::everyObserverHearsInOrder_data()
{
    QTest::addColumn<int>("observers");
    QTest::newRow("none") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("two") << 2;
    QTest::newRow("five") << 5;
}

void tst_CreationObservers::everyObserverHearsInOrder()
{
    QFETCH(int, observers);
    CreationObservers<int> registry;
    QList<QPair<int, int>> heard; // (observer, value)
    std::vector<ObserverToken> tokens;
    for (int i = 0; i < observers; ++i)
        tokens.push_back(registry.add([&heard, i](int value) { heard.append({i, value}); }));
    QCOMPARE(registry.size(), qsizetype(observers));
    registry.notify(7);
    QList<QPair<int, int>> expected;
    for (int i = 0; i < observers; ++i)
        expected.append({i, 7});
    QCOMPARE(heard, expected);
}

void tst_CreationObservers::resetAndDestroyRemove()
{
    CreationObservers<int> registry;
    int first = 0;
    int second = 0;
    ObserverToken a = registry.add([&first](int) { ++first; });
    {
        ObserverToken b = registry.add([&second](int) { ++second; });
        registry.notify(1);
        QCOMPARE(first, 1);
        QCOMPARE(second, 1);
    } // b destroyed: removed
    registry.notify(2);
    QCOMPARE(first, 2);
    QCOMPARE(second, 1);
    QVERIFY(a.isActive());
    a.reset();
    QVERIFY(!a.isActive());
    a.reset(); // idempotent
    registry.notify(3);
    QCOMPARE(first, 2);
    QCOMPARE(registry.size(), qsizetype(0));
}

void tst_CreationObservers::movedTokenKeepsTheRegistration()
{
    CreationObservers<int> registry;
    int heard = 0;
    ObserverToken kept;
    {
        ObserverToken token = registry.add([&heard](int) { ++heard; });
        kept = std::move(token);
        QVERIFY(!token.isActive()); // NOLINT(bugprone-use-after-move): moved-from is inactive by contract
    }
    registry.notify(1);
    QCOMPARE(heard, 1);
    int other = 0;
    kept = registry.add([&other](int) { ++other; }); // assigning removes the one it held
    registry.notify(2);
    QCOMPARE(heard, 1);
    QCOMPARE(other, 1);
    QCOMPARE(registry.size(), qsizetype(1));
}

void tst_CreationObservers::emptyObserverRegistersNothing()
{
    CreationObservers<int> registry;
    ObserverToken token = registry.add({});
    QVERIFY(!token.isActive());
    QCOMPARE(registry.size(), qsizetype(0));
    registry.notify(1); // nothing to call, no crash
}

void tst_CreationObservers::tokenOutlivesTheRegistry()
{
    ObserverToken token;
    {
        CreationObservers<int> registry;
        token = registry.add([](int) {});
    }
    token.reset(); // the registry is gone: a no-op
    QVERIFY(!token.isActive());
}

void tst_CreationObservers::observerMayRemoveItselfWhileNotified()
{
    CreationObservers<int> registry;
    int once = 0;
    int always = 0;
    ObserverToken self;
    self = registry.add([&](int) {
        ++once;
        self.reset(); // no deadlock: observers run outside the lock
    });
    ObserverToken other = registry.add([&always](int) { ++always; });
    ObserverToken added;
    ObserverToken adder = registry.add([&](int) {
        if (!added.isActive())
            added = registry.add([](int) {}); // adding from inside works too
    });
    registry.notify(1);
    registry.notify(2);
    QCOMPARE(once, 1);
    QCOMPARE(always, 2);
    QVERIFY(added.isActive());
    QCOMPARE(registry.size(), qsizetype(3)); // other, adder, added
}

// Threads add, notify and remove at once; every observer registered for the whole run hears
// every notification, and nothing is heard after the tokens are gone.
void tst_CreationObservers::concurrentAddRemoveNotify()
{
    CreationObservers<int> registry;
    std::atomic<int> steadyHeard = 0;
    ObserverToken steady = registry.add([&steadyHeard](int) { ++steadyHeard; });
    constexpr int threads = 4;
    constexpr int rounds = 2000;
    // Outlives the threads: a transient observer may still hear a notify under way when removed.
    std::atomic<int> transientHeard = 0;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&registry, &transientHeard] {
            for (int i = 0; i < rounds; ++i) {
                ObserverToken token = registry.add([&transientHeard](int) { ++transientHeard; });
                registry.notify(i);
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(steadyHeard.load(), threads * rounds);
    QVERIFY(transientHeard.load() >= threads * rounds); // each heard at least its own thread's
    QCOMPARE(registry.size(), qsizetype(1));
    steady.reset();
    registry.notify(0);
    QCOMPARE(steadyHeard.load(), threads * rounds);
    QCOMPARE(registry.size(), qsizetype(0));
}

QTEST_GUILESS_MAIN(tst_CreationObservers)
#include "tst_creationobservers.moc"
