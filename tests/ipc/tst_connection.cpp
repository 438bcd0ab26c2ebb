// qmp::Pipe / qmp::Connection / qmp::wait against the contract (§1.5): values and bytes,
// maxLength, recvBytesInto, poll(timeout), EOF after the peer closed or died, one-way pipes,
// closed handles, and wait() over connections and process sentinels.

#include "connection.h"
#include "ipcerrors.h"
#include "pipe.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QTest>

#include <csignal>

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

} // namespace

class tst_Connection : public QObject
{
    Q_OBJECT
private slots:
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
        QVERIFY(a.poll(0)); // EOF is readable
        QElapsedTimer clock;
        clock.start();
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, a.recv());
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, a.send(1)); // broken pipe
    }

    void bytes()
    {
        auto [a, b] = qmp::Pipe();
        a.sendBytes("0123456789", 2, 3);
        QCOMPARE(b.recvBytes(), QByteArray("234"));
        a.sendBytes("abcdef", 4);
        QCOMPARE(b.recvBytes(), QByteArray("ef"));
        a.sendBytes(QByteArray()); // an empty message counts
        QVERIFY(b.poll(0));
        QCOMPARE(b.recvBytes(), QByteArray());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes("abc", 4));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes("abc", 1, 5));

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

        a.sendBytes("0123456789");
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recvBytes(4));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recvBytes()); // unreadable now, like Python
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
        QVERIFY(clock.elapsed() >= timeoutMs - 100);
        QVERIFY(clock.elapsed() < timeoutMs + 1000);
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
        QVERIFY(clock.elapsed() >= 200 && clock.elapsed() < 1300);

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
