// Failure, where Python's managers fail (a lock held by a killed client stays held forever): when
// the manager process dies, every proxy call fails fast with BrokenPipeError — calls already
// blocked included, here and in children — and a client that dies in the middle of a call leaves
// the manager serving the others, its lock released and no item taken by its abandoned get().

#include "manager.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

namespace {

// Blocks in get() until the manager goes; returns the error's message.
QString getUntilGone(qmp::QueueProxy q, qmp::EventProxy ready)
{
    // set() is inside the try: the parent may kill the manager as soon as the event is set,
    // before set()'s own reply reaches us — that call must fail fast the same way.
    try {
        ready.set();
        q.get();
    } catch (const qmp::BrokenPipeError &e) {
        return QStringLiteral("BrokenPipeError: ") + e.message();
    }
    return QStringLiteral("no error");
}
QMP_TASK(getUntilGone);

// Takes the lock, then blocks forever in get(): the test kills it there.
void holdLockAndBlock(qmp::LockProxy lock, qmp::QueueProxy q, qmp::EventProxy ready)
{
    lock.acquire();
    ready.set();
    q.get();
}
QMP_TASK(holdLockAndBlock);

void killManager(qmp::BaseManager &manager)
{
    const qint64 pid = manager.pid();
    QVERIFY(pid > 0);
    ::kill(pid_t(pid), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(pid), 60000);
}

} // namespace

class tst_ManagerFailure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void callAfterManagerDiedFailsFast()
    {
        qmp::Manager manager;
        qmp::DictProxy d = manager.dict();
        d.set(1, 1);
        killManager(manager);
        try {
            d.set(2, 2);
            QFAIL("a call on a dead manager returned");
        } catch (const qmp::BrokenPipeError &e) {
            QVERIFY2(e.message().contains(manager.address()), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("died")), qPrintable(e.message()));
        }
        // Reconnecting fails as fast: refused at once (no timeout to wait for), and says so.
        for (const auto &call : {std::function<void()>([&] { d.size(); }), std::function<void()>([&] { manager.dict(); })}) {
            try {
                call();
                QFAIL("a call on a dead manager returned");
            } catch (const qmp::BrokenPipeError &e) {
                QVERIFY2(e.message().contains(QStringLiteral("refused")) || e.message().contains(QStringLiteral("died")),
                         qPrintable(e.message()));
            }
        }
    }

    // A thread blocked in get() hears about the death at once (Python's waits forever).
    void blockedCallFailsFast()
    {
        qmp::Manager manager;
        qmp::QueueProxy q = manager.queue();
        qmp::EventProxy started = manager.event();
        std::atomic<int> outcome{0}; // 1 BrokenPipeError, 2 anything else
        std::thread blocked([&] {
            try {
                started.set();
                q.get();
                outcome = 2;
            } catch (const qmp::BrokenPipeError &) {
                outcome = 1;
            } catch (...) {
                outcome = 2;
            }
        });
        QVERIFY(started.wait(10000));
        QTest::qWait(0);
        killManager(manager);
        QTRY_VERIFY_WITH_TIMEOUT(outcome != 0, 20000); // at once; generous for a loaded machine
        blocked.join();
        QCOMPARE(outcome.load(), 1);
    }

    void childBlockedCallFailsFast()
    {
        qmp::Manager manager;
        qmp::QueueProxy q = manager.queue();
        qmp::EventProxy ready = manager.event();
        qmp::Process child(&getUntilGone, q, ready);
        child.start();
        QVERIFY(ready.wait(30000));
        killManager(manager);
        QVERIFY(child.join(10000));
        QCOMPARE(child.exitCode(), 0);
        QVERIFY2(child.result().toString().startsWith(QStringLiteral("BrokenPipeError")), qPrintable(child.result().toString()));
    }

    void callAfterShutdown()
    {
        qmp::Manager manager;
        qmp::ListProxy l = manager.list();
        manager.shutdown();
        QCOMPARE(manager.state(), qmp::BaseManager::State::Shutdown);
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenPipeError, l.append(1));
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenPipeError, manager.list());
        manager.shutdown(); // twice is fine
    }

    void clientDeathLeavesManagerServing()
    {
        qmp::Manager manager;
        qmp::LockProxy lock = manager.lock();
        qmp::QueueProxy q = manager.queue();
        qmp::EventProxy ready = manager.event();
        qmp::DictProxy d = manager.dict();
        qmp::Process client(&holdLockAndBlock, lock, q, ready);
        client.start();
        QVERIFY(ready.wait(30000));
        QVERIFY(lock.locked());
        client.kill();
        QVERIFY(client.join(10000));
        // Its lock is released (Python's manager lock stays held forever) ...
        QVERIFY(lock.acquire(true, 5000));
        lock.release();
        // ... its abandoned get() takes nothing ...
        q.put(QStringLiteral("item"));
        QCOMPARE(q.get(true, 5000).toString(), QStringLiteral("item"));
        // ... and everything else still works.
        d.set(QStringLiteral("alive"), true);
        QCOMPARE(d.at(QStringLiteral("alive")).toBool(), true);
    }
};

QMP_IPC_TEST_MAIN(tst_ManagerFailure)
#include "tst_managerfailure.moc"
