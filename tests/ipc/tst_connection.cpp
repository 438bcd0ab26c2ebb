// qmp::Pipe / qmp::Connection / qmp::wait against Python's multiprocessing.Pipe: values and bytes
// (CPython's test_sendbytes cases), maxLength, recvBytesInto, poll(timeout), EOF after the peer
// closed or died, messages that outlive their writer, ends lent to a child that never gets them,
// one-way pipes, closed handles, and wait() over connections and process sentinels.

#include "connection.h"
#include "event.h"
#include "ipcerrors.h"
#include "pipe.h"
#include "pool.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QTest>

#include <limits>

#include <csignal>
#include <optional>
#include <stdexcept>

namespace {

void echoBack(qmp::Connection conn)
{
    const QString s = conn.recv().toString();
    conn.send(s + QStringLiteral(" back"));
    conn.close();
}
QMP_TASK(echoBack);

void sendLast(qmp::Connection conn, bool die)
{
    conn.send(QStringLiteral("last"));
    if (die)
        ::raise(SIGKILL);
    conn.close();
}
QMP_TASK(sendLast);

void waitForGo(qmp::Connection conn)
{
    conn.recv();
}
QMP_TASK(waitForGo);

void sendTen(qmp::Connection conn)
{
    for (int i = 0; i < 10; ++i)
        conn.send(i);
}
QMP_TASK(sendTen);

// Waits for the event, then returns (keeps a one-worker pool busy).
void waitForEvent(qmp::Event go)
{
    go.wait();
}
QMP_TASK(waitForEvent);

// Sends one message, or throws without sending.
void sendOrThrow(qmp::Connection conn, bool fail)
{
    if (fail)
        throw std::runtime_error("failing on purpose");
    conn.send(QStringLiteral("sent"));
}
QMP_TASK(sendOrThrow);

} // namespace

Q_DECLARE_METATYPE(std::optional<qsizetype>)

class tst_Connection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void values_data()
    {
        QTest::addColumn<QCborValue>("value");
        QTest::newRow("string") << QCborValue(QStringLiteral("我是 hi"));
        QTest::newRow("integer") << QCborValue(-42);
        QTest::newRow("list") << QCborValue(QCborArray{1, QStringLiteral("two"), 3.5});
        QTest::newRow("null") << QCborValue(nullptr);
        QTest::newRow("2 MiB bytes") << QCborValue(QByteArray(2 << 20, 'b'));
    }
    void values()
    {
        QFETCH(QCborValue, value);
        auto [a, b] = qmp::Pipe();
        a.sendValue(value);
        QVERIFY(b.poll());
        QCOMPARE(b.recv(), value);
        b.sendValue(value); // duplex
        QCOMPARE(a.recv(), value);
        QVERIFY(!a.poll());
    }

    void duplexWithChild()
    {
        auto [parentEnd, childEnd] = qmp::Pipe();
        qmp::Process p(&echoBack, childEnd);
        p.start();
        parentEnd.send(QStringLiteral("hello"));
        QCOMPARE(parentEnd.recv().toString(), QStringLiteral("hello back"));
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), 0);
    }

    void eof_data()
    {
        QTest::addColumn<bool>("die");
        QTest::newRow("peer closed") << false;
        QTest::newRow("peer SIGKILLed") << true;
    }
    void eof()
    {
        QFETCH(bool, die);
        auto [a, b] = qmp::Pipe();
        qmp::Process p(&sendLast, b, die);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), die ? -9 : 0);
        QVERIFY(a.poll(0)); // a message
        b.close();          // our copy of the child's end, as in Python
        QCOMPARE(a.recv().toString(), QStringLiteral("last"));
        QVERIFY(a.poll(0)); // EOF is readable at once, without waiting
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, a.recv());
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, a.send(1)); // broken pipe
    }

    // CPython's test_sendbytes, case by case; nullopt is Python's size=None (to the end).
    void sendBytes_data()
    {
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<std::optional<qsizetype>>("size");
        QTest::addColumn<QByteArray>("expected"); // empty + error: ValueError
        QTest::addColumn<bool>("error");
        const QByteArray msg("abcdefghijklmnopqrstuvwxyz");
        QTest::newRow("whole") << qsizetype(0) << std::optional<qsizetype>() << msg << false;
        QTest::newRow("offset 5") << qsizetype(5) << std::optional<qsizetype>() << msg.mid(5) << false;
        QTest::newRow("offset 7 size 8") << qsizetype(7) << std::optional<qsizetype>(8) << msg.mid(7, 8) << false;
        QTest::newRow("offset 26") << qsizetype(26) << std::optional<qsizetype>() << QByteArray() << false;
        QTest::newRow("offset 26 size 0") << qsizetype(26) << std::optional<qsizetype>(0) << QByteArray() << false;
        QTest::newRow("offset 27") << qsizetype(27) << std::optional<qsizetype>() << QByteArray() << true;
        QTest::newRow("offset 22 size 5") << qsizetype(22) << std::optional<qsizetype>(5) << QByteArray() << true;
        QTest::newRow("offset 26 size 1") << qsizetype(26) << std::optional<qsizetype>(1) << QByteArray() << true;
        QTest::newRow("offset -1") << qsizetype(-1) << std::optional<qsizetype>() << QByteArray() << true;
        QTest::newRow("offset 4 size -1") << qsizetype(4) << std::optional<qsizetype>(-1) << QByteArray() << true;
        QTest::newRow("offset 4 size -2") << qsizetype(4) << std::optional<qsizetype>(-2) << QByteArray() << true;
        QTest::newRow("size past the end") << qsizetype(1) << std::optional<qsizetype>(std::numeric_limits<qsizetype>::max())
                                           << QByteArray() << true;
    }
    void sendBytes()
    {
        QFETCH(qsizetype, offset);
        QFETCH(std::optional<qsizetype>, size);
        QFETCH(QByteArray, expected);
        QFETCH(bool, error);
        const QByteArray msg("abcdefghijklmnopqrstuvwxyz");
        auto [a, b] = qmp::Pipe();
        const auto send = [&] { size ? a.sendBytes(msg, offset, *size) : a.sendBytes(msg, offset); };
        if (error) {
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, send());
            QVERIFY(!b.poll(0)); // nothing was sent
            return;
        }
        send();
        QVERIFY(b.poll(0)); // an empty message counts
        QCOMPARE(b.recvBytes(), expected);
    }

    void recvBytesMaxLength_data()
    {
        QTest::addColumn<std::optional<qsizetype>>("maxLength");
        QTest::addColumn<QString>("outcome"); // "ok", "OSError" (too long: unreadable after), "ValueError"
        QTest::newRow("no limit") << std::optional<qsizetype>() << QStringLiteral("ok");
        QTest::newRow("exactly") << std::optional<qsizetype>(10) << QStringLiteral("ok");
        QTest::newRow("too short") << std::optional<qsizetype>(4) << QStringLiteral("OSError");
        QTest::newRow("zero") << std::optional<qsizetype>(0) << QStringLiteral("OSError");
        QTest::newRow("negative") << std::optional<qsizetype>(-1) << QStringLiteral("ValueError");
    }
    void recvBytesMaxLength()
    {
        QFETCH(std::optional<qsizetype>, maxLength);
        QFETCH(QString, outcome);
        auto [a, b] = qmp::Pipe();
        a.sendBytes("0123456789");
        const auto receive = [&] { return maxLength ? b.recvBytes(*maxLength) : b.recvBytes(); };
        if (outcome == QLatin1String("ok")) {
            QCOMPARE(receive(), QByteArray("0123456789"));
        } else if (outcome == QLatin1String("OSError")) {
            QVERIFY_THROWS_EXCEPTION(qmp::OSError, receive());
            QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recvBytes()); // unreadable now, like Python
        } else {
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, receive());
            QCOMPARE(b.recvBytes(), QByteArray("0123456789")); // a bad argument consumed nothing
        }
    }

    void recvBytesInto()
    {
        auto [a, b] = qmp::Pipe();
        a.sendBytes("hello");
        QByteArray buffer(8, '.');
        QCOMPARE(b.recvBytesInto(buffer, 2), 5);
        QCOMPARE(buffer, QByteArray("..hello."));
        a.sendBytes("too long for it");
        try {
            b.recvBytesInto(buffer, 4);
            QFAIL("no BufferTooShort");
        } catch (const qmp::BufferTooShort &e) {
            QCOMPARE(e.data(), QByteArray("too long for it"));
        }
    }

    // A child sends 10 messages and exits; the parent joins it and lets its own copy of the
    // write end go (closed, or just destroyed): all 10 arrive, then EOF.
    void messagesOutliveTheirWriter_data()
    {
        QTest::addColumn<bool>("closeExplicitly");
        QTest::addColumn<bool>("duplex");
        QTest::newRow("copy destroyed") << false << false;
        QTest::newRow("copy closed") << true << false;
        QTest::newRow("duplex, copy destroyed") << false << true;
    }
    void messagesOutliveTheirWriter()
    {
        QFETCH(bool, closeExplicitly);
        QFETCH(bool, duplex);
        auto ends = qmp::Pipe(duplex);
        qmp::Connection reader = ends.first;
        {
            std::optional<qmp::Connection> writer(ends.second);
            ends = {reader, reader};
            qmp::Process p(&sendTen, *writer);
            p.start();
            QVERIFY(p.join(20000));
            QCOMPARE(p.exitCode(), 0);
            if (closeExplicitly)
                writer->close();
            writer.reset();
        }
        for (int i = 0; i < 10; ++i)
            QCOMPARE(reader.recv().toInteger(), qint64(i));
        QVERIFY(reader.poll(10000)); // EOF is readable
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, reader.recv());
    }

    // A write end lent to a child that can never get it any more (its Process destroyed without
    // being started, start() failed, its pool task dropped) does not keep the pipe open: the
    // reader sees EOF once the parent closes its own copy.
    void lentEndThatNeverArrives_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("process never started") << QStringLiteral("never started");
        QTest::newRow("start() throws") << QStringLiteral("start throws");
        QTest::newRow("pool task cancelled before it ran") << QStringLiteral("pool cancelled");
        QTest::newRow("pool task dropped: its batch failed") << QStringLiteral("pool batch failed");
    }
    void lentEndThatNeverArrives()
    {
        QFETCH(QString, how);
        auto [reader, writer] = qmp::Pipe(false);
        std::optional<qmp::Process> unstarted;
        std::optional<qmp::Pool> pool;
        std::optional<qmp::Event> go;
        if (how == QLatin1String("never started")) {
            unstarted.emplace(&sendOrThrow, writer, false);
            writer.close();
            QVERIFY(!reader.poll(200)); // it may still be started: the end stays open for it
            unstarted.reset();          // now it never will be
        } else if (how == QLatin1String("start throws")) {
            unstarted.emplace(qmp::TaskCall{QStringLiteral("no.such.task"), {qmp::toCbor(writer)}});
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, unstarted->start());
        } else if (how == QLatin1String("pool cancelled")) {
            pool.emplace(1);
            go.emplace();
            auto busy = pool->applyAsync(&waitForEvent, *go);
            auto dropped = pool->starmapAsync(&sendOrThrow, QList<QCborArray>{{qmp::toCbor(writer), false}});
            dropped.future().cancel();
            go->set();
            busy.get(20000);
            QVERIFY_THROWS_EXCEPTION(qmp::ValueError, dropped.get(20000));
        } else {
            pool.emplace(1);
            auto failed = pool->starmapAsync(&sendOrThrow, QList<QCborArray>{{qmp::toCbor(writer), true},
                                                                              {qmp::toCbor(writer), false}}, 1);
            QVERIFY_THROWS_EXCEPTION(qmp::RemoteError, failed.get(20000));
            qmp::Event done;
            done.set();
            pool->apply(&waitForEvent, done); // the pool has moved past the dropped task
        }
        writer.close();
        QVERIFY(reader.poll(10000)); // EOF, not a hold kept forever
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, reader.recv());
    }

    void pollTimeout_data()
    {
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("0") << 0;
        QTest::newRow("300 ms") << 300;
        QTest::newRow("1 s") << 1000;
    }
    void pollTimeout()
    {
        QFETCH(int, timeoutMs);
        auto [a, b] = qmp::Pipe();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!b.poll(timeoutMs));
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), timeoutMs), qPrintable(QString::number(clock.elapsed())));
    }

    void oneWay()
    {
        auto [reader, writer] = qmp::Pipe(false);
        QVERIFY(reader.readable() && !reader.writable());
        QVERIFY(!writer.readable() && writer.writable());
        writer.send(1);
        QCOMPARE(reader.recv().toInteger(), 1);
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, reader.send(2));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, writer.recv());
    }

    void closedHandle()
    {
        auto [a, b] = qmp::Pipe();
        a.close();
        QVERIFY(a.closed());
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, a.send(1));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, a.recv());
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, a.poll());
        a.close(); // twice is fine
        QVERIFY(b.poll(0)); // EOF
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, b.recv());
    }

    void waitOverConnectionsAndProcesses()
    {
        auto [a, b] = qmp::Pipe();
        auto [c, d] = qmp::Pipe();
        qmp::Process p(&waitForGo, b);
        p.start();
        QElapsedTimer clock;
        clock.start();
        qmp::WaitResult r = qmp::wait({a, c}, {&p}, 300);
        QVERIFY(r.isEmpty());
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), 300), qPrintable(QString::number(clock.elapsed())));

        d.send(QStringLiteral("x"));
        r = qmp::wait({a, c}, {&p}, 5000);
        QCOMPARE(r.connections.size(), 1);
        QVERIFY(r.processes.isEmpty());
        QCOMPARE(c.recv().toString(), QStringLiteral("x"));

        a.send(QStringLiteral("go"));
        r = qmp::wait({c}, {&p}, 10000);
        QCOMPARE(r.processes, QList<qmp::Process *>{&p});
        QVERIFY(p.join(1000));
    }
};

QMP_IPC_TEST_MAIN(tst_Connection)
#include "tst_connection.moc"
