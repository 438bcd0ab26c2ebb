// qmp::Queue, SimpleQueue, JoinableQueue, LifoQueue, PriorityQueue against Python's queues and the
// traps of theirs QMP removes: put errors in the caller and exact qsize (Python pickles later in a
// feeder thread, its qsize / empty are approximate), no feeder-thread deadlock for large items (a
// Python child cannot exit until its items are read), a process killed inside a queue operation
// (which wedges a Python queue), and producers killed in the middle of putting a large item: every
// block they made is seen by `qmp ipc ls`, torn ones are reclaimed by `qmp ipc gc`, whole ones are
// delivered.

#include "queue.h"
#include "ipcerrors.h"
#include "joinablequeue.h"
#include "largeitem.h"
#include "lifoqueue.h"
#include "priorityqueue.h"
#include "process.h"
#include "qmpipctest.h"
#include "simplequeue.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <unistd.h>

namespace {

void produce(qmp::Queue q, int i)
{
    q.put(QStringLiteral("I am %1 via Queue").arg(i));
}
QMP_TASK(produce);

void putBig(qmp::Queue q, int size)
{
    q.put(QByteArray(size, 'x'));
}
QMP_TASK(putBig);

qint64 consumeAndAck(qmp::JoinableQueue q, int n)
{
    qint64 sum = 0;
    for (int i = 0; i < n; ++i) {
        sum += q.get().toInteger();
        q.taskDone();
    }
    return sum;
}
QMP_TASK(consumeAndAck);

void putMany(qmp::Queue q, int count, int size)
{
    for (int i = 0; i < count; ++i)
        q.put(QByteArray(size, char('a' + i % 26)));
}
QMP_TASK(putMany);

void dieInsideQueue(qmp::Queue q)
{
    // Take the ring's mutex the way put/get do, then die before releasing it.
    auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
    auto *state = reinterpret_cast<qmp::MessageRing::State *>(segment->payload() + 16);
    state->mutex.lock();
    ::raise(SIGKILL);
}
QMP_TASK(dieInsideQueue);

// Takes the ring's mutex, leaves the item count as a put or get killed between its two steps
// would (off from the records), and dies holding it.
void dieBetweenRecordAndCount(qmp::Queue q)
{
    auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
    auto *state = reinterpret_cast<qmp::MessageRing::State *>(segment->payload() + 16);
    state->mutex.lock();
    state->count.store(state->count.load() + 5);
    ::raise(SIGKILL);
}
QMP_TASK(dieBetweenRecordAndCount);

// Takes the ring's mutex and dies emptying the ring the way removeRecord() does (end reset first,
// begin not yet), the taken records still in the data area.
void dieEmptyingTheRing(qmp::Queue q)
{
    auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
    auto *state = reinterpret_cast<qmp::MessageRing::State *>(segment->payload() + 16);
    state->mutex.lock();
    state->begin = state->end;
    state->count.store(0);
    state->end = 0;
    ::raise(SIGKILL);
}
QMP_TASK(dieEmptyingTheRing);

// Puts large items until it is killed.
void putUntilKilled(qmp::Queue q, int size)
{
    for (int i = 0;; ++i)
        q.put(QByteArray(size, char('a' + i % 26)));
}
QMP_TASK(putUntilKilled);

// Makes the page of every mapping of the queue's segment in this process that holds the ring's
// data byte `dataOffset` read-only, then calls `operation`: the write of a compaction or of a
// removal that reaches that page kills the process with SIGSEGV in the middle of the move, the
// ring's lock held — a holder killed mid-memmove, through the real code path.
template <typename Operation>
void dieWritingRingByte(const QString &key, quint64 dataOffset, Operation operation)
{
    const auto own = qmp::SharedSegment::attach(key, qmp::SharedSegment::Kind::Queue);
    const char *dataStart = own->payload() + 16 + sizeof(qmp::MessageRing::State);
    const QByteArray shmid = QByteArray::number(::shmget(::ftok(QFile::encodeName(key).constData(), 'Q'), 0, 0));
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        ::_exit(3);
    struct Mapping { quintptr start, end; };
    QList<Mapping> mappings;
    for (const QByteArray &line : maps.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 5 || f.at(4) != shmid)
            continue;
        const QList<QByteArray> range = f.at(0).split('-');
        mappings.append({range.at(0).toULongLong(nullptr, 16), range.at(1).toULongLong(nullptr, 16)});
    }
    quintptr ownBase = 0;
    for (const Mapping &m : mappings) {
        if (quintptr(dataStart) >= m.start && quintptr(dataStart) < m.end)
            ownBase = m.start;
    }
    if (ownBase == 0 || mappings.size() < 2) // this attachment and the queue's own
        ::_exit(4);
    const quintptr offset = quintptr(dataStart) - ownBase + quintptr(dataOffset);
    const quintptr page = quintptr(::sysconf(_SC_PAGESIZE));
    for (const Mapping &m : mappings) {
        if (::mprotect(reinterpret_cast<void *>((m.start + offset) & ~(page - 1)), page, PROT_READ) != 0)
            ::_exit(5);
    }
    const rlimit noCore{0, 0}; // the crash is the test's: no core file
    ::setrlimit(RLIMIT_CORE, &noCore);
    operation();
    ::_exit(6); // the move did not reach the page
}

// Puts one more item, which compacts the ring; dies when the compaction writes dataOffset.
void putDyingInTheCompaction(qmp::Queue q, QByteArray item, quint64 dataOffset)
{
    dieWritingRingByte(q.handle().key, dataOffset, [&] { q.put(item); });
}
QMP_TASK(putDyingInTheCompaction);

// Takes the first item of a priority queue, which closes its gap by moving the records after it;
// dies when that move writes dataOffset.
void getDyingInTheRemoval(qmp::PriorityQueue q, quint64 dataOffset)
{
    dieWritingRingByte(q.handle().key, dataOffset, [&] { q.get(); });
}
QMP_TASK(getDyingInTheRemoval);

// How a process that wrote a read-only page ended: SIGSEGV, or SIGABRT when AddressSanitizer
// reported it (abort_on_error).
bool killedByTheFault(std::optional<int> exitCode)
{
    return exitCode == -SIGSEGV || exitCode == -SIGABRT;
}

// Item i of the move tests: its number, padded to the size.
QByteArray numberedItem(int i, int size)
{
    return QByteArray::number(i).leftJustified(size, '.');
}

// The System V segments that these processes created and that still exist.
QSet<int> segmentsCreatedBy(const QSet<qint64> &pids)
{
    QSet<int> out;
    QFile table(QStringLiteral("/proc/sysvipc/shm"));
    if (!table.open(QIODevice::ReadOnly))
        return out;
    table.readLine();
    while (!table.atEnd()) {
        const QList<QByteArray> f = table.readLine().simplified().split(' ');
        // key shmid perms size cpid ...; a segment already removed (SHM_DEST) stays listed until
        // its last attacher detaches — another process's gc may be reading its header right now.
        constexpr int shmDest = 01000;
        if (f.size() > 4 && pids.contains(f.at(4).toLongLong()) && !(f.at(2).toInt(nullptr, 8) & shmDest))
            out.insert(f.at(1).toInt());
    }
    return out;
}

// A putter killed right after creating its block, before writing the block's header.
void dieBeforeTheHeader(QString queueKey)
{
    ::shmget(IPC_PRIVATE, size_t(qmp::LargeItem::segmentSize(queueKey, 3 * 1024 * 1024)), IPC_CREAT | 0601);
    ::raise(SIGKILL);
}
QMP_TASK(dieBeforeTheHeader);

void getForever(qmp::Queue q)
{
    q.get();
}
QMP_TASK(getForever);

// Says it is about to get, then passes on the item it got.
void announceAndPass(qmp::Queue in, qmp::Queue out)
{
    out.put(QStringLiteral("getting"));
    out.put(in.get());
}
QMP_TASK(announceAndPass);

// Puts 0 .. count-1 (each padded to size bytes) as fast as it can.
// Byte strings of each size in `sizes`, each filled with its index's letter ('a' + i).
void putSizes(qmp::Queue q, QList<int> sizes)
{
    for (qsizetype i = 0; i < sizes.size(); ++i)
        q.put(QByteArray(sizes.at(i), char('a' + i)));
}
QMP_TASK(putSizes);

void putNumbered(qmp::Queue q, int count, int size)
{
    for (int i = 0; i < count; ++i)
        q.put(QCborArray{i, QByteArray(size, 'n')});
}
QMP_TASK(putNumbered);

// The ring's shared state of a queue (behind its 16-byte header), through an attachment of its
// own that the caller keeps.
qmp::MessageRing::State *ringState(const std::shared_ptr<qmp::SharedSegment> &segment)
{
    return reinterpret_cast<qmp::MessageRing::State *>(segment->payload() + 16);
}

// Puts [0, pad], [1, pad], ... (64-byte items) until it is killed.
void putNumberedUntilKilled(qmp::Queue q)
{
    const QByteArray pad(56, 'p');
    for (qint64 i = 0;; ++i)
        q.put(QCborArray{i, pad});
}
QMP_TASK(putNumberedUntilKilled);

// Gets items until it is killed.
void getUntilKilled(qmp::Queue q)
{
    for (;;)
        q.get();
}
QMP_TASK(getUntilKilled);

// Takes what is left in q without waiting: it must be the numbers first, first + 1, ... with
// qsize() exact after each. Returns what was wrong (empty: nothing); *taken: how many.
QString drainNumbered(qmp::Queue &q, qint64 first, qint64 *taken)
{
    const qint64 left = q.qsize();
    *taken = left;
    for (qint64 i = 0; i < left; ++i) {
        const qint64 number = q.get(false).toArray().at(0).toInteger();
        if (number != first + i)
            return QStringLiteral("item %1 of the %2 left is number %3, not %4").arg(i).arg(left).arg(number).arg(first + i);
        if (q.qsize() != left - 1 - i)
            return QStringLiteral("qsize() is %1 after taking %2 of %3").arg(q.qsize()).arg(i + 1).arg(left);
    }
    return {};
}

QString simpleEcho(qmp::SimpleQueue in, qmp::SimpleQueue out)
{
    const QString s = in.get().toString();
    out.put(s + QStringLiteral("!"));
    return s;
}
QMP_TASK(simpleEcho);

} // namespace

class tst_Queue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void order_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QList<int>>("in");
        QTest::addColumn<QList<int>>("out");
        QTest::newRow("fifo") << 0 << QList<int>{3, 1, 2} << QList<int>{3, 1, 2};
        QTest::newRow("lifo") << 1 << QList<int>{3, 1, 2} << QList<int>{2, 1, 3};
        QTest::newRow("priority") << 2 << QList<int>{3, 1, 2, 1} << QList<int>{1, 1, 2, 3};
    }
    void order()
    {
        QFETCH(int, kind);
        QFETCH(QList<int>, in);
        QFETCH(QList<int>, out);
        std::unique_ptr<qmp::Queue> q;
        if (kind == 0)
            q = std::make_unique<qmp::Queue>();
        else if (kind == 1)
            q = std::make_unique<qmp::LifoQueue>();
        else
            q = std::make_unique<qmp::PriorityQueue>();
        for (int v : in)
            q->put(v);
        QCOMPARE(q->qsize(), in.size());
        QList<int> got;
        while (!q->empty())
            got.append(int(q->get().toInteger()));
        QCOMPARE(got, out);
    }

    void priorityTuples()
    {
        qmp::PriorityQueue q;
        q.put(QCborArray{5, QStringLiteral("low")});
        q.put(QCborArray{1, QStringLiteral("high")});
        q.put(QCborArray{3, QStringLiteral("mid")});
        QCOMPARE(q.get().toArray().at(1).toString(), QStringLiteral("high"));
        QCOMPARE(q.get().toArray().at(1).toString(), QStringLiteral("mid"));
        QCOMPARE(q.get().toArray().at(1).toString(), QStringLiteral("low"));
    }

    void exactSizes()
    {
        qmp::Queue q(2);
        QVERIFY(q.empty());
        QVERIFY(!q.full());
        q.put(1);
        QVERIFY(!q.empty()); // Python: empty() may still be True here (feeder thread)
        QCOMPARE(q.qsize(), 1);
        q.putNowait(2);
        QVERIFY(q.full());
        QVERIFY_THROWS_EXCEPTION(qmp::Full, q.putNowait(3));
        QCOMPARE(q.getNowait().toInteger(), 1);
        QCOMPARE(q.get().toInteger(), 2);
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.getNowait());
        QCOMPARE(q.maxsize(), 2);
    }

    void timeouts_data()
    {
        QTest::addColumn<bool>("put");
        QTest::addColumn<bool>("block");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<int>("expectedMs");
        QTest::newRow("get 300 ms") << false << true << 300 << 300;
        QTest::newRow("get 1 s") << false << true << 1000 << 1000;
        QTest::newRow("get non-blocking ignores timeout") << false << false << 600000 << 0;
        QTest::newRow("put 300 ms") << true << true << 300 << 300;
        QTest::newRow("put non-blocking ignores timeout") << true << false << 600000 << 0;
    }
    void timeouts()
    {
        QFETCH(bool, put);
        QFETCH(bool, block);
        QFETCH(int, timeoutMs);
        QFETCH(int, expectedMs);
        qmp::Queue q(1);
        if (put)
            q.put(0);
        QElapsedTimer clock;
        clock.start();
        if (put)
            QVERIFY_THROWS_EXCEPTION(qmp::Full, q.put(1, block, timeoutMs));
        else
            QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.get(block, timeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), expectedMs), qPrintable(QString::number(clock.elapsed())));
    }

    void closed()
    {
        qmp::Queue q;
        qmp::Queue other = q;
        q.put(1);
        q.close();
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, q.put(2));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, q.get());
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, q.qsize());
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, q.empty());
    }

    void threeProducers()
    {
        qmp::Queue q;
        std::vector<std::unique_ptr<qmp::Process>> ps;
        for (int i = 0; i < 3; ++i) {
            ps.push_back(std::make_unique<qmp::Process>(&produce, q, i));
            ps.back()->start();
        }
        QSet<QString> got;
        for (int i = 0; i < 3; ++i)
            got.insert(q.get(true, 10000).toString());
        for (auto &p : ps)
            QVERIFY(p->join(10000));
        QCOMPARE(got, (QSet<QString>{QStringLiteral("I am 0 via Queue"), QStringLiteral("I am 1 via Queue"),
                                     QStringLiteral("I am 2 via Queue")}));
    }

    void largeItemChildExitsFirst_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("64 KiB (in the ring)") << 64 * 1024;
        QTest::newRow("1 MiB") << 1024 * 1024;
        QTest::newRow("8 MiB (larger than the ring)") << 8 * 1024 * 1024;
    }
    void largeItemChildExitsFirst()
    {
        QFETCH(int, size);
        qmp::Queue q;
        qmp::Process p(&putBig, q, size);
        p.start();
        QVERIFY(p.join(10000)); // Python: still alive here, until someone reads
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(q.qsize(), 1);
        const QByteArray item = q.get(true, 1000).toByteArray();
        QCOMPARE(item.size(), size);
        QCOMPARE(item.count('x'), size);
    }

    // getBytes() / getBytesInto() take what a child put as byte strings, of every size (in the
    // ring, above the reused buffer, in a block of its own), in order, and qsize() stays exact.
    void getBytesOfEverySize()
    {
        const QList<int> sizes{0, 1, 23, 24, 64, 255, 256, 65535, 65536, 100 * 1024, 1024 * 1024, 3, 5 * 1024 * 1024, 64};
        qmp::Queue q;
        qmp::Process p(&putSizes, q, sizes);
        p.start();
        QVERIFY(p.join(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(q.qsize(), sizes.size());
        QByteArray reused;
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            QByteArray item;
            if (i % 3 == 0) {
                item = q.getBytes();
            } else if (i % 3 == 1) {
                q.getBytesInto(reused);
                item = reused;
            } else {
                item = q.getAs<QByteArray>();
            }
            QCOMPARE(item.size(), sizes.at(i));
            QCOMPARE(item.count(char('a' + i)), sizes.at(i));
            QCOMPARE(q.qsize(), sizes.size() - 1 - i);
        }
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.getBytes(false));
    }

    // Reusing one buffer for small items keeps its storage (no allocation per item).
    void getBytesIntoKeepsTheBuffer()
    {
        qmp::Queue q;
        QByteArray out;
        out.reserve(256);
        const char *storage = out.constData();
        for (int i = 0; i < 100; ++i) {
            q.put(QByteArray(64 + i % 7, char('0' + i % 10)));
            q.getBytesInto(out);
            QCOMPARE(out, QByteArray(64 + i % 7, char('0' + i % 10)));
        }
        QCOMPARE(out.constData(), storage);
    }

    // An item that is not a byte string: TypeError naming what it is, and the item is gone, as
    // with getAs(). A byte string put as a QCborValue is one.
    void getBytesOfOtherItems()
    {
        qmp::Queue q;
        q.put(42);
        q.put(QStringLiteral("text"));
        q.putValue(QCborValue(QByteArrayLiteral("as a value")));
        q.put(QCborArray{QByteArrayLiteral("in an array")});
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, q.getBytes());
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, q.getBytes());
        QCOMPARE(q.qsize(), 2);
        QCOMPARE(q.getBytes(), QByteArrayLiteral("as a value"));
        QByteArray out("kept on error");
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, q.getBytesInto(out));
        QCOMPARE(out, QByteArrayLiteral("kept on error"));
        QVERIFY(q.empty());
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.getBytes(true, 50));
        q.close();
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, q.getBytes());
    }

    void moreThanTheRingWithoutAReader()
    {
        // 400 KiB of small items through a 64 KiB ring, nobody reading: the child must not
        // wait for a reader (a Python child would); the overflow travels in blocks of its own,
        // in order.
        qmp::Queue q(0, 64 * 1024);
        qmp::Process p(&putMany, q, 400, 1024);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(q.qsize(), 400);
        for (int i = 0; i < 400; ++i)
            QCOMPARE(q.get(false).toByteArray(), QByteArray(1024, char('a' + i % 26)));
    }

    void unreadLargeItemsGoWithTheQueue()
    {
        qmp::Queue q;
        q.put(QByteArray(3 * 1024 * 1024, 'y'));
        q.put(QByteArray(3 * 1024 * 1024, 'z'));
        QCOMPARE(q.qsize(), 2);
        // cleanup() checks that no block is left once q is gone
    }

    // Producers SIGKILLed while putting 3 MiB items, 30 times: every segment they made is listed
    // by `qmp ipc ls` (SharedSegment::list) from the moment it exists; `qmp ipc gc` removes the
    // torn ones while the queue lives; the whole items are delivered, and nothing is left.
    void largeItemsOfKilledProducers()
    {
        const int size = 3 * 1024 * 1024;
        qmp::Queue q(2);
        QSet<qint64> producers;
        int torn = 0;
        int rounds = 0;
        // Three rounds of 10 kills, more (up to 10) while no kill has landed inside a put yet:
        // where a kill lands is timing, and a loaded machine can miss for a while.
        for (; rounds < 3 || (torn == 0 && rounds < 10); ++rounds) {
            for (int trial = 0; trial < 10; ++trial) {
                while (!q.empty())
                    QCOMPARE(q.get(false).toByteArray().size(), size);
                qmp::Process p(&putUntilKilled, q, size);
                p.setDaemon(true); // a failing check never leaves it running
                p.start();
                QTRY_VERIFY_WITH_TIMEOUT(q.qsize() >= 1, 20000); // it is putting
                const QByteArray item = q.get().toByteArray(); // room for its next put
                QCOMPARE(item.size(), size);
                QCOMPARE(item.count(item.at(0)), size);
                QThread::usleep(QRandomGenerator::global()->bounded(3000)); // somewhere in the next put
                p.kill();
                QVERIFY(p.join(20000));
                QCOMPARE(p.exitCode(), -9);
                producers.insert(p.pid());
            }
            // ls sees every segment the producers made, whatever the moment they were killed.
            const QSet<int> made = segmentsCreatedBy(producers);
            QSet<int> listed;
            for (const qmp::SharedSegment::Info &info : qmp::SharedSegment::list()) {
                if (info.nativeKey.startsWith(QLatin1String("shmid:")))
                    listed.insert(info.nativeKey.mid(6).toInt());
            }
            QVERIFY2(listed.contains(made), qPrintable(QStringLiteral("%1 segment(s) of killed producers are invisible to ls")
                                                           .arg((made - listed).size())));
            // gc removes the torn ones now, while the queue lives, and nothing the queue holds.
            const qint64 queued = q.qsize();
            qmp::SharedSegment::collectGarbage();
            torn += int(made.size() - queued);
            QCOMPARE(segmentsCreatedBy(producers).size(), queued);
        }
        qInfo("%d of %d producers were killed with a block not yet in the queue", torn, rounds * 10);
        QVERIFY2(torn > 0, "no producer was killed in the middle of a put: the test proved nothing");
        while (!q.empty()) {
            const QByteArray item = q.get(false).toByteArray();
            QCOMPARE(item.size(), size);
            QCOMPARE(item.count(item.at(0)), size);
        }
        QCOMPARE(segmentsCreatedBy(producers), QSet<int>());
    }

    // A program ended by a signal runs no destructor; its forkserver, which sees it go, reclaims
    // the queue once the workers are gone too — no later libqmp program or `qmp ipc gc` needed
    // (the test's own janitor ran at its first create(), before the program existed).
    void aKilledProgramsQueueGoesWithItsForkserver_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("itemBytes"); // 0: small items, in the ring
        QTest::newRow("SIGTERM") << int(SIGTERM) << 0;
        QTest::newRow("SIGINT") << int(SIGINT) << 0;
        QTest::newRow("SIGKILL") << int(SIGKILL) << 0;
        QTest::newRow("SIGKILL, large items in blocks of their own") << int(SIGKILL) << (8 << 20);
    }
    void aKilledProgramsQueueGoesWithItsForkserver()
    {
        QFETCH(int, signal);
        QFETCH(int, itemBytes);
        qmp::Queue mine; // the janitor has run in this process
        QProcess program;
        QStringList arguments{QStringLiteral("queue-and-child"), QStringLiteral("3")};
        if (itemBytes > 0)
            arguments.append(QString::number(itemBytes));
        program.start(qmptest::testApp(), arguments);
        QVERIFY2(program.waitForStarted(10000), qPrintable(program.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(program.canReadLine(), 20000);
        const QString key = QString::fromLocal8Bit(program.readLine()).trimmed();
        QVERIFY2(QFileInfo::exists(key), qPrintable(key));
        const QList<qmp::SharedSegment::Info> before = qmp::SharedSegment::list();
        const auto blocks = std::count_if(before.begin(), before.end(), [&key](const auto &i) { return i.queueKey == key; });
        QCOMPARE(blocks, itemBytes > 0 ? 3 : 0);
        ::kill(pid_t(program.processId()), signal);
        QVERIFY(program.waitForFinished(10000));
        QCOMPARE(program.exitStatus(), QProcess::CrashExit);
        QTRY_VERIFY2_WITH_TIMEOUT(!QFileInfo::exists(key), qPrintable(QStringLiteral("%1 is still there").arg(key)), 20000);
        for (const qmp::SharedSegment::Info &info : qmp::SharedSegment::list())
            QVERIFY2(info.nativeKey != key && info.queueKey != key, qPrintable(info.nativeKey));
    }

    // The kernel closes a dying program's descriptors before the program has ended. A forkserver
    // that sees its control socket close without the program's "bye" waits until the program
    // has ended before it reclaims what the program left: before, it found the program alive and
    // left its queue behind.
    void aProgramsQueueGoesWithItsForkserverWhenItsSocketClosesFirst()
    {
        qmp::Queue mine; // the janitor has run in this process
        QProcess program;
        program.start(qmptest::testApp(), {QStringLiteral("queue-then-close-sockets"), QStringLiteral("1000")});
        QVERIFY2(program.waitForFinished(20000), qPrintable(program.errorString()));
        QCOMPARE(program.exitStatus(), QProcess::NormalExit);
        QCOMPARE(program.exitCode(), 0);
        const QStringList lines = QString::fromLocal8Bit(program.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QString key = lines.at(0);
        QCOMPARE(lines.at(1), QStringLiteral("server-waits"));
        QTRY_VERIFY2_WITH_TIMEOUT(!QFileInfo::exists(key), qPrintable(QStringLiteral("%1 is still there").arg(key)), 20000);
    }

    // Even a block whose putter died before writing its header is listed, under its queue's
    // directory only, and gc removes it.
    void blockWithoutAHeader()
    {
        qmp::Queue q;
        qmp::Process p(&dieBeforeTheHeader, q.handle().key);
        p.start();
        QVERIFY(p.join(20000));
        QCOMPARE(p.exitCode(), -9);
        const QSet<int> made = segmentsCreatedBy({p.pid()});
        QCOMPARE(made.size(), 1);
        const QString key = QStringLiteral("shmid:%1").arg(*made.begin());
        const auto find = [&key](const QList<qmp::SharedSegment::Info> &infos) {
            return std::find_if(infos.begin(), infos.end(), [&key](const auto &i) { return i.nativeKey == key; }) != infos.end();
        };
        const QList<qmp::SharedSegment::Info> here = qmp::SharedSegment::list();
        QVERIFY(find(here));
        QVERIFY(std::find_if(here.begin(), here.end(), [&key](const auto &i) { return i.nativeKey == key && i.orphan; }) != here.end());
        QTemporaryDir elsewhere(QDir::tempPath() + QStringLiteral("/other-XXXXXX"));
        if (qmp::LargeItem::directoryMark(elsewhere.path()) != qmp::LargeItem::directoryMark(QDir::tempPath()))
            QVERIFY(!find(qmp::SharedSegment::list(elsewhere.path())));
        qmp::SharedSegment::collectGarbage();
        QCOMPARE(segmentsCreatedBy({p.pid()}), QSet<int>());
    }

    void joinable()
    {
        qmp::JoinableQueue q;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, q.taskDone());
        QVERIFY(q.join(0));
        for (int i = 1; i <= 4; ++i)
            q.put(i);
        QVERIFY(!q.join(200));
        qmp::Process p(&consumeAndAck, q, 4);
        p.start();
        QVERIFY(q.join(10000));
        QVERIFY(p.join(10000));
        QCOMPARE(p.result().toInteger(), 10);
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::JoinableQueue::fromHandle(qmp::Queue().handle()));
    }

    void simpleQueue()
    {
        qmp::SimpleQueue in;
        qmp::SimpleQueue out;
        qmp::Process p(&simpleEcho, in, out);
        p.start();
        in.put(QStringLiteral("hi"));
        QCOMPARE(out.get().toString(), QStringLiteral("hi!"));
        QVERIFY(p.join(10000));
        QVERIFY(in.empty());
        in.close();
        in.close(); // idempotent
    }

    // Queue::observeCreation: two observers both hear every queue constructed (of every kind)
    // while registered, never one attached from a handle; a removed one hears no more.
    void creationObserversEachHearAQueue()
    {
        const auto key = [](const qmp::Queue &q) { return q.handle().toCbor().toDiagnosticNotation(); };
        QStringList first;
        QStringList second;
        qmp::ObserverToken a = qmp::Queue::observeCreation([&](const qmp::Queue &q) { first.append(key(q)); });
        qmp::ObserverToken b = qmp::Queue::observeCreation([&](const qmp::Queue &q) { second.append(key(q)); });
        QStringList made;
        {
            qmp::Queue q;
            qmp::LifoQueue lifo;
            made << key(q) << key(lifo);
            const qmp::Queue attached = qmp::Queue::fromHandle(q.handle());
            QCOMPARE(first, made);
            QCOMPARE(second, made);
        }
        b.reset();
        {
            qmp::Queue q;
            made << key(q);
        }
        a.reset();
        {
            qmp::Queue unobserved;
        }
        QCOMPARE(first, made);
        QCOMPARE(second, made.mid(0, 2));
    }

    // A getter killed while it slept (registered as a waiter) must neither cost a live getter its
    // wake-up nor stay registered: the put that wakes the sleepers forgets it (before, it stayed
    // counted forever and every later put paid a futex wake-up system call for it).
    void getterKilledAsleepIsForgotten()
    {
        qmp::Queue q;
        qmp::Queue said;
        const auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
        qmp::MessageRing::State *state = ringState(segment);
        qmp::Process doomed(&getForever, q);
        doomed.start();
        QTRY_VERIFY(state->getWaiters.load() != 0); // asleep in get()
        doomed.kill();
        QVERIFY(doomed.join(10000));

        qmp::Process live(&announceAndPass, q, said);
        live.start();
        QCOMPARE(said.get().toString(), QStringLiteral("getting"));
        QTRY_COMPARE(qmptest::processStateOf(live.pid()), 'S'); // asleep (on the queue's futex)
        q.put(42);
        QTRY_COMPARE(said.qsize(), 1);
        QCOMPARE(said.get().toInteger(), 42);
        QVERIFY(live.join(10000));
        QCOMPARE(state->getWaiters.load(), 0u);
        QCOMPARE(q.qsize(), 0);
    }

    // A putter far ahead of an active reader waits for it to drain the ring (flow control) and
    // goes on when woken: every item arrives, in order, and the putter ends.
    void putterAheadOfAReaderWaitsAndLosesNothing()
    {
        const int count = 20000;
        qmp::Queue q(0, 64 * 1024);
        qmp::Process putter(&putNumbered, q, count, 64);
        putter.start();
        for (int i = 0; i < count; ++i) {
            const QCborValue item = q.get();
            QCOMPARE(item.toArray().at(0).toInteger(), i);
            QCOMPARE(item.toArray().at(1).toByteArray().size(), 64);
        }
        QVERIFY(putter.join(30000));
        QCOMPARE(putter.exitCode(), 0);
        QCOMPARE(q.qsize(), 0);
    }

    // One putter and one getter, the putter SIGKILLed at a random moment while both run flat out
    // (in the middle of a put, or asleep in one), ten times per queue: the items it put whole are
    // all there, in order, none torn, qsize() exact, and the next putter's items go through.
    void putterKilledWhileBothRun_data()
    {
        QTest::addColumn<int>("maxsize");
        QTest::newRow("unbounded") << 0;
        QTest::newRow("maxsize 16") << 16;
    }
    void putterKilledWhileBothRun()
    {
        QFETCH(int, maxsize);
        qmp::Queue q(maxsize);
        for (int round = 0; round < 10; ++round) {
            qmp::Process putter(&putNumberedUntilKilled, q);
            putter.setDaemon(true);
            putter.start();
            QElapsedTimer running;
            const qint64 killAfterMs = 20 + QRandomGenerator::global()->bounded(60);
            qint64 got = 0;
            for (; got < 2000 || !running.isValid() || running.elapsed() < killAfterMs; ++got) {
                QCOMPARE(q.get(true, 30000).toArray().at(0).toInteger(), got);
                if (got == 0)
                    running.start();
            }
            putter.kill();
            QVERIFY(putter.join(20000));
            QCOMPARE(putter.exitCode(), -9);
            qint64 taken = 0;
            const QString wrong = drainNumbered(q, got, &taken);
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
            QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.get(false));
        }
        q.put(QCborArray{-1, QByteArray()});
        QCOMPARE(q.get(true, 10000).toArray().at(0).toInteger(), -1);
        QCOMPARE(q.qsize(), 0);
    }

    // The same with the getter killed: what is left is the newest items, whole, in order, counted
    // exactly (an item the getter had not taken fully stays), and a new getter goes on.
    void getterKilledWhileBothRun_data()
    {
        QTest::addColumn<int>("maxsize");
        QTest::newRow("unbounded") << 0;
        QTest::newRow("maxsize 16") << 16;
    }
    void getterKilledWhileBothRun()
    {
        QFETCH(int, maxsize);
        qmp::Queue q(maxsize);
        const QByteArray pad(56, 'p');
        qint64 put = 0;
        for (int round = 0; round < 10; ++round) {
            qmp::Process getter(&getUntilKilled, q);
            getter.setDaemon(true);
            getter.start();
            QElapsedTimer running;
            running.start();
            const qint64 killAfterMs = 20 + QRandomGenerator::global()->bounded(60);
            // Puts as fast as the getter takes (unbounded: up to 3000 ahead of it).
            for (qint64 first = put; put - first < 2000 || running.elapsed() < killAfterMs; ++put) {
                while (maxsize == 0 && q.qsize() > 3000)
                    QThread::yieldCurrentThread();
                q.put(QCborArray{put, pad});
            }
            getter.kill();
            QVERIFY(getter.join(20000));
            QCOMPARE(getter.exitCode(), -9);
            const qint64 left = q.qsize();
            QVERIFY(left >= 0 && left <= put);
            qint64 taken = 0;
            const QString wrong = drainNumbered(q, put - left, &taken);
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
            QCOMPARE(taken, left);
            QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.get(false));
        }
        q.put(QCborArray{-1, QByteArray()});
        QCOMPARE(q.get(true, 10000).toArray().at(0).toInteger(), -1);
    }

    // qsize() right after a holder died mid-operation, before anyone else took the lock: the
    // count its records give, not the one it left (getterKilledWhileBothRun once read that).
    void qsizeIsExactRightAfterAHolderDied()
    {
        qmp::Queue q;
        q.put(1);
        q.put(2);
        qmp::Process p(&dieBetweenRecordAndCount, q);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died.*recovered 2 item").arg(p.pid())));
        QCOMPARE(q.qsize(), 2);
        QCOMPARE(q.get(true, 2000).toInteger(), 1);
        QCOMPARE(q.qsize(), 1);
    }

    // A putter killed in the middle of compacting the ring (moving the live records down to its
    // start, over themselves): the next holder finishes the move, so every item is there once,
    // whole and in order. Before, the records the move had overwritten were lost or read twice.
    void putterKilledWhileCompacting()
    {
        const int size = 60000;
        qmp::Queue q;
        const auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
        const qmp::MessageRing::State *state = ringState(segment);
        q.put(numberedItem(0, size));
        const quint64 span = state->end;
        // A ring ending within a span of its capacity, whose live records overlap where a
        // compaction moves them (begin < live), and within the room a put in the ring needs.
        const int total = int(state->capacity / span);
        const int taken = total / 2 - 8;
        for (int i = 1; i < total - taken; ++i)
            q.put(numberedItem(i, size));
        for (int i = 0; i < taken; ++i)
            QCOMPARE(q.getBytes(), numberedItem(i, size));
        for (int i = total - taken; i < total; ++i)
            q.put(numberedItem(i, size));
        const quint64 live = state->end - state->begin;
        QCOMPARE(state->end, quint64(total) * span);
        QVERIFY(state->end + span > state->capacity);
        QVERIFY(state->begin < live);

        // Killed writing the move's destination a few records past where the moved ones began.
        qmp::Process putter(&putDyingInTheCompaction, q, numberedItem(total, size), state->begin + 5 * span);
        putter.start();
        QVERIFY(putter.join(30000));
        QVERIFY2(killedByTheFault(putter.exitCode()), qPrintable(QString::number(putter.exitCode().value_or(0))));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died.*recovered %2 item")
                                                    .arg(putter.pid())
                                                    .arg(total - taken)));
        QCOMPARE(q.qsize(), total - taken);
        for (int i = taken; i < total; ++i)
            QCOMPARE(q.getBytes(true, 2000), numberedItem(i, size));
        QCOMPARE(q.qsize(), 0);
        q.put(numberedItem(-1, size));
        QCOMPARE(q.getBytes(true, 2000), numberedItem(-1, size));
    }

    // A getter killed while closing the gap its item left in the middle of a priority queue's
    // records: the others are all there once (the taken one went with the getter).
    void getterKilledWhileClosingAGap()
    {
        const int size = 60000;
        const int count = 40;
        qmp::PriorityQueue q;
        const auto segment = qmp::SharedSegment::attach(q.handle().key, qmp::SharedSegment::Kind::Queue);
        const qmp::MessageRing::State *state = ringState(segment);
        const int first = 2; // the item taken first: priority 0, the rest by their number
        for (int i = 0; i < count; ++i)
            q.put(QCborArray{i == first ? 0 : i + 1, numberedItem(i, size)});
        const quint64 span = state->end / count;
        QCOMPARE(state->end, quint64(count) * span);

        qmp::Process getter(&getDyingInTheRemoval, q, quint64(count / 2) * span);
        getter.start();
        QVERIFY(getter.join(30000));
        QVERIFY2(killedByTheFault(getter.exitCode()), qPrintable(QString::number(getter.exitCode().value_or(0))));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died.*recovered %2 item")
                                                    .arg(getter.pid())
                                                    .arg(count - 1)));
        QCOMPARE(q.qsize(), count - 1);
        for (int i = 0; i < count; ++i) {
            if (i == first)
                continue;
            const QCborArray item = q.get(true, 2000).toArray();
            QCOMPARE(item.at(0).toInteger(), i + 1);
            QCOMPARE(item.at(1).toByteArray(), numberedItem(i, size));
        }
        QCOMPARE(q.qsize(), 0);
    }

    // A holder killed between the two stores that empty the ring: it stays empty, with nothing
    // called torn, and the taken records do not come back.
    void killedEmptyingTheRing()
    {
        qmp::Queue q;
        q.put(1);
        q.put(2);
        qmp::Process p(&dieEmptyingTheRing, q);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died.*recovered 0 item\\(s\\)$").arg(p.pid())));
        QCOMPARE(q.qsize(), 0);
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, q.get(false));
        q.put(3);
        QCOMPARE(q.get(true, 2000).toInteger(), 3);
    }

    void killedInsideAnOperation()
    {
        qmp::Queue q;
        q.put(1);
        q.put(2);
        qmp::Process p(&dieInsideQueue, q);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("previous holder \\(pid %1\\) died.*recovered 2 item").arg(p.pid())));
        QCOMPARE(q.get(true, 2000).toInteger(), 1);
        q.put(3);
        QCOMPARE(q.qsize(), 2);
        QCOMPARE(q.get().toInteger(), 2);
        QCOMPARE(q.get().toInteger(), 3);
    }
};

QMP_IPC_TEST_MAIN(tst_Queue)
#include "tst_queue.moc"
