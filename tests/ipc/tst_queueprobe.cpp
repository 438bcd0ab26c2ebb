// QueueProbe: reads a queue's counters (depth, unfinished tasks, items ever put) exactly, also
// what another process put; sees the watched handle closed or dropped; never keeps the queue
// alive (gone once nobody else holds it, or when its segment is destroyed); leaves nothing behind.
#include "queueprobe.h"

#include "ipcerrors.h"
#include "joinablequeue.h"
#include "lifoqueue.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

#include <optional>

namespace {
void putSome(qmp::Queue q, int n)
{
    for (int i = 0; i < n; ++i)
        q.put(i);
}
QMP_TASK(putSome);

qmp::QueueProbe::Reading readOrFail(qmp::QueueProbe &probe)
{
    qmp::QueueProbe::Reading reading;
    const qmp::QueueProbe::Status status = probe.read(&reading);
    if (status != qmp::QueueProbe::Status::Read)
        qWarning("QueueProbe::read: status %d", int(status));
    return reading;
}
} // namespace

class tst_QueueProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void countersAreExact_data()
    {
        QTest::addColumn<int>("puts");
        QTest::addColumn<int>("gets");
        QTest::addColumn<int>("done");
        QTest::newRow("empty") << 0 << 0 << 0;
        QTest::newRow("filled") << 5 << 0 << 0;
        QTest::newRow("drained") << 4 << 4 << 4;
        QTest::newRow("half taken, some done") << 6 << 3 << 2;
    }
    void countersAreExact()
    {
        QFETCH(int, puts);
        QFETCH(int, gets);
        QFETCH(int, done);
        qmp::JoinableQueue queue(10);
        qmp::QueueProbe probe(queue);
        QCOMPARE(probe.key(), queue.handle().key);
        QCOMPARE(probe.maxsize(), qint64(10));
        QCOMPARE(probe.order(), qmp::Queue::Order::Fifo);
        QVERIFY(probe.isJoinable());
        QCOMPARE(queue.attachCount(), 2); // the program's handle and the probe's
        for (int i = 0; i < puts; ++i)
            queue.put(i);
        for (int i = 0; i < gets; ++i)
            queue.get();
        for (int i = 0; i < done; ++i)
            queue.taskDone();
        const qmp::QueueProbe::Reading r = readOrFail(probe);
        QCOMPARE(r.counters.count, qint64(puts - gets));
        QCOMPARE(r.counters.puts, quint64(puts));
        QCOMPARE(r.counters.unfinished, qint64(puts - done));
        QVERIFY(r.held);
        QVERIFY(!r.closed);
    }

    void seesWhatAnotherProcessPut()
    {
        qmp::LifoQueue queue;
        qmp::QueueProbe probe(queue);
        QCOMPARE(probe.order(), qmp::Queue::Order::Lifo);
        QVERIFY(!probe.isJoinable());
        qmp::Process child(&putSome, qmp::Queue(queue), 7);
        child.start();
        QVERIFY(child.join(20000));
        QCOMPARE(child.exitCode(), 0);
        const qmp::QueueProbe::Reading r = readOrFail(probe);
        QCOMPARE(r.counters.count, qint64(7));
        QCOMPARE(r.counters.puts, quint64(7));
        while (!queue.empty())
            queue.get();
    }

    void closedHandleShows()
    {
        qmp::Queue queue;
        qmp::QueueProbe probe(queue);
        queue.close();
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, queue.counters(QDeadlineTimer(0))); // the closed handle
        const qmp::QueueProbe::Reading r = readOrFail(probe); // the probe's own handle still reads
        QVERIFY(r.closed);
        QVERIFY(r.held);
        QCOMPARE(r.counters.count, qint64(0));
    }

    void goneOnceNobodyElseHoldsIt()
    {
        std::optional<qmp::Queue> queue(std::in_place);
        queue->put(QStringLiteral("left"));
        qmp::QueueProbe probe(*queue);
        std::optional<qmp::Queue> other = qmp::Queue::fromHandle(queue->handle());
        queue.reset(); // the creator lets go; another handle still holds the queue
        qmp::QueueProbe::Reading r = readOrFail(probe);
        QVERIFY(!r.held);
        QCOMPARE(r.counters.count, qint64(1));
        other.reset(); // nobody but the probe
        QCOMPARE(probe.read(&r), qmp::QueueProbe::Status::Gone);
        QVERIFY(probe.isReleased());
        QCOMPARE(probe.read(&r), qmp::QueueProbe::Status::Gone); // and stays so
        // cleanup(): the segment, its key file and the item went with the probe's handle.
    }

    void goneWhenDestroyed()
    {
        qmp::Queue queue;
        qmp::QueueProbe probe(queue);
        qmp::SharedSegment::destroy(queue.handle().key, qmp::SharedSegment::Kind::Queue);
        qmp::QueueProbe::Reading r;
        QCOMPARE(probe.read(&r), qmp::QueueProbe::Status::Gone);
        QVERIFY(probe.isReleased());
    }

    void releaseLetsGo()
    {
        qmp::Queue queue;
        qmp::QueueProbe probe(queue);
        QCOMPARE(queue.attachCount(), 2);
        probe.release();
        QCOMPARE(queue.attachCount(), 1);
        qmp::QueueProbe::Reading r;
        QCOMPARE(probe.read(&r), qmp::QueueProbe::Status::Gone);
    }
};

QMP_IPC_TEST_MAIN(tst_QueueProbe)
#include "tst_queueprobe.moc"
