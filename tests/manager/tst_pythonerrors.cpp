// qmp::PythonErrors: a primitive of qmp::ipc and its manager proxy fail the same misuse with the
// same exception — Python's multiprocessing type and one message — case by case: a lock released
// too often, an RLock released by a non-owner, a Condition used without its lock, a semaphore's
// value and bound, a Barrier's parties and its broken states, an Array's index and length, a
// queue's Empty / Full / task_done.

#include "array.h"
#include "barrier.h"
#include "boundedsemaphore.h"
#include "condition.h"
#include "joinablequeue.h"
#include "lock.h"
#include "manager.h"
#include "managererrors.h"
#include "qmpipctest.h"
#include "qmpsemaphore.h"
#include "queue.h"
#include "rlock.h"

#include <QTest>
#include <QScopeGuard>
#include <QThread>

#include <functional>
#include <optional>
#include <typeinfo>

namespace {

// What a call threw: its dynamic type and message ("" when it did not throw).
struct Outcome
{
    QByteArray type;
    QString message;
};

Outcome outcomeOf(const std::function<void()> &call)
{
    try {
        call();
    } catch (const qmp::Error &e) {
        return {QByteArray(typeid(e).name()), QString::fromUtf8(e.what())};
    }
    return {};
}

// Runs fn on a thread of its own (an RLock owned by another thread; for a proxy, by another
// connection of the manager, as each thread has its own).
void onAnotherThread(const std::function<void()> &fn)
{
    QThread *t = QThread::create(fn);
    t->start();
    t->wait();
    delete t;
}

// Calls wait() here while another thread reset()s the barrier once one party waits.
void resetWhileWaiting(const std::function<int()> &nWaiting, const std::function<void()> &reset,
                       const std::function<void()> &wait)
{
    QThread *resetter = QThread::create([&] {
        while (nWaiting() != 1)
            QThread::usleep(1000);
        reset();
    });
    resetter->start();
    const auto joined = qScopeGuard([resetter] {
        resetter->wait();
        delete resetter;
    });
    wait();
}

} // namespace

using Call = std::function<void()>;
Q_DECLARE_METATYPE(Call)

class tst_PythonErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_manager.emplace(); }
    void cleanupTestCase()
    {
        m_manager.reset();
        QVERIFY(qmptest::shutDownAndCheckNothingLeft());
    }
    void cleanup() { QCOMPARE(qmptest::ipcLeftovers(), QStringList()); }

    void sameErrorBothSides_data()
    {
        QTest::addColumn<Call>("primitive");
        QTest::addColumn<Call>("proxy");
        QTest::addColumn<QByteArray>("type"); // Python's exception type
        const qmp::Manager &m = *m_manager;
        const QByteArray valueError = typeid(qmp::ValueError).name();
        const QByteArray assertionError = typeid(qmp::AssertionError).name();
        const QByteArray indexError = typeid(qmp::IndexError).name();
        const QByteArray brokenBarrier = typeid(qmp::BrokenBarrierError).name();

        QTest::newRow("Lock: release unlocked") << Call([] { qmp::Lock().release(); })
                                                << Call([&m] { m.lock().release(); }) << valueError;
        QTest::newRow("Lock: released twice") << Call([] { qmp::Lock l; l.acquire(); l.release(); l.release(); })
                                              << Call([&m] { auto l = m.lock(); l.acquire(); l.release(); l.release(); })
                                              << valueError;
        QTest::newRow("RLock: release unlocked") << Call([] { qmp::RLock().release(); })
                                                 << Call([&m] { m.rlock().release(); }) << assertionError;
        QTest::newRow("RLock: release another thread's") << Call([] {
            qmp::RLock l;
            onAnotherThread([l]() mutable { l.acquire(); });
            l.release();
        }) << Call([&m] {
            qmp::LockProxy l = m.rlock();
            onAnotherThread([l] { l.acquire(); });
            l.release();
        }) << assertionError;
        QTest::newRow("Condition: wait without the lock") << Call([] { qmp::Condition().wait(0); })
                                                          << Call([&m] { m.condition().wait(0); }) << assertionError;
        QTest::newRow("Condition: notify without the lock") << Call([] { qmp::Condition().notify(); })
                                                            << Call([&m] { m.condition().notify(); }) << assertionError;
        QTest::newRow("Condition: notifyAll without the lock") << Call([] { qmp::Condition().notifyAll(); })
                                                               << Call([&m] { m.condition().notifyAll(); }) << assertionError;
        QTest::newRow("Condition: release without the lock") << Call([] { qmp::Condition().release(); })
                                                             << Call([&m] { m.condition().release(); }) << assertionError;
        QTest::newRow("Semaphore: negative value") << Call([] { qmp::Semaphore(-1); })
                                                   << Call([&m] { m.semaphore(-1); }) << valueError;
        QTest::newRow("BoundedSemaphore: released past the bound") << Call([] { qmp::BoundedSemaphore(2).release(); })
                                                                    << Call([&m] { m.boundedSemaphore(2).release(); }) << valueError;
        QTest::newRow("Barrier: no parties") << Call([] { qmp::Barrier(0); }) << Call([&m] { m.barrier(0); }) << valueError;
        QTest::newRow("Barrier: wait on a broken one") << Call([] { qmp::Barrier b(2); b.abort(); b.wait(); })
                                                       << Call([&m] { auto b = m.barrier(2); b.abort(); b.wait(); }) << brokenBarrier;
        QTest::newRow("Barrier: wait times out") << Call([] { qmp::Barrier(2).wait(50); })
                                                 << Call([&m] { m.barrier(2).wait(50); }) << brokenBarrier;
        QTest::newRow("Barrier: reset while waiting") << Call([] {
            qmp::Barrier b(2);
            resetWhileWaiting([b] { return b.nWaiting(); }, [b]() mutable { b.reset(); }, [b]() mutable { b.wait(); });
        }) << Call([&m] {
            const qmp::BarrierProxy b = m.barrier(2);
            resetWhileWaiting([b] { return b.nWaiting(); }, [b] { b.reset(); }, [b] { b.wait(); });
        }) << brokenBarrier;
        QTest::newRow("Array: index past the end") << Call([] { qmp::Array<int>(3).at(3); })
                                                   << Call([&m] { m.array('i', {0, 0, 0}).at(3); }) << indexError;
        QTest::newRow("Array: negative index past the start") << Call([] { qmp::Array<int>(3).at(-4); })
                                                              << Call([&m] { m.array('i', {0, 0, 0}).at(-4); }) << indexError;
        QTest::newRow("Array: set past the end") << Call([] { qmp::Array<int>(3).set(5, 1); })
                                                 << Call([&m] { m.array('i', {0, 0, 0}).set(5, 1); }) << indexError;
        QTest::newRow("Array: negative length") << Call([] { qmp::Array<int>(-1); })
                                                << Call([&m] { m.create(QStringLiteral("Array"), {QStringLiteral("i"), -1}); })
                                                << valueError;
        QTest::newRow("Queue: get from an empty one") << Call([] { qmp::Queue().getNowait(); })
                                                      << Call([&m] { m.queue().getNowait(); })
                                                      << QByteArray(typeid(qmp::Empty).name());
        QTest::newRow("Queue: put into a full one") << Call([] { qmp::Queue q(1); q.put(1); q.putNowait(2); })
                                                    << Call([&m] { auto q = m.queue(1); q.put(1); q.putNowait(2); })
                                                    << QByteArray(typeid(qmp::Full).name());
        QTest::newRow("JoinableQueue: task_done too often") << Call([] { qmp::JoinableQueue().taskDone(); })
                                                            << Call([&m] { m.joinableQueue().taskDone(); }) << valueError;
    }
    void sameErrorBothSides()
    {
        QFETCH(Call, primitive);
        QFETCH(Call, proxy);
        QFETCH(QByteArray, type);
        const Outcome p = outcomeOf(primitive);
        const Outcome r = outcomeOf(proxy);
        QVERIFY2(!p.type.isEmpty(), "the primitive did not throw");
        QVERIFY2(!r.type.isEmpty(), "the proxy did not throw");
        QCOMPARE(p.type, type);
        QCOMPARE(r.type, type);
        QCOMPARE(r.message, p.message);
    }

private:
    std::optional<qmp::Manager> m_manager;
};

QMP_IPC_TEST_MAIN(tst_PythonErrors)
#include "tst_pythonerrors.moc"
