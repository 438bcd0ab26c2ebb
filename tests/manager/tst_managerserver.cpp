// ManagerServer as a network service, against raw TCP clients that do not play by the rules:
// before the handshake a frame may only be handshake-sized (a 200 MiB length is refused from
// its header), the handshake has one deadline however the bytes trickle in, and connections
// beyond the cap are closed at once with the thread count bounded — while a client with the
// key is still served.

#include "calldispatcher.h"
#include "framesocket.h"
#include "manager.h"
#include "managerconnection.h"
#include "socketaddress.h"
#include "managerserver.h"
#include "qmpipctest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QByteArray key()
{
    return QByteArrayLiteral("manager-server-test-key");
}

// A ManagerServer on 127.0.0.1, serving on a thread of its own until destroyed.
class RunningServer
{
public:
    explicit RunningServer(const qmp::ManagerServer::Limits &limits) : m_server(key())
    {
        m_server.setLimits(limits);
        QString error;
        if (!m_server.listen(qmp::SocketAddress::parse(QStringLiteral("127.0.0.1:0")), &error))
            qFatal("cannot listen: %s", qPrintable(error));
        m_thread = std::thread([this] { m_server.serve(); });
    }
    ~RunningServer()
    {
        m_server.stop();
        m_thread.join();
    }
    QString address() const { return m_server.address(); }
    // A raw connection, no handshake.
    std::unique_ptr<qmp::FrameSocket> connectRaw() const
    {
        QString error;
        const int fd = qmp::SocketAddress::parse(address()).connect(&error);
        if (fd < 0)
            qFatal("cannot connect: %s", qPrintable(error));
        return std::make_unique<qmp::FrameSocket>(fd);
    }

private:
    qmp::ManagerServer m_server;
    std::thread m_thread;
};

// True when the server closed the connection (end of stream or reset) within timeoutMs.
bool closedByServer(int fd, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    char buffer[4096];
    while (clock.elapsed() < timeoutMs) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
        if (n <= 0)
            return true;
    }
    return false;
}

// True when the server closed the connection without sending anything (no challenge).
bool refusedAtOnce(int fd)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 20000) <= 0)
        return false;
    char byte = 0;
    return ::recv(fd, &byte, 1, 0) <= 0;
}

int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class tst_ManagerServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void preAuthFrameIsCapped_data()
    {
        QTest::addColumn<quint32>("length");
        QTest::newRow("200 MiB") << quint32(200u << 20);
        QTest::newRow("one byte over the cap") << quint32(1025);
    }
    void preAuthFrameIsCapped()
    {
        QFETCH(quint32, length);
        qmp::ManagerServer::Limits limits;
        limits.handshakeTimeoutMs = 120000; // only the cap can end it within the test's wait
        RunningServer server(limits);
        std::unique_ptr<qmp::FrameSocket> socket = server.connectRaw();
        QVERIFY(socket->receive(20000).has_value()); // the challenge
        QByteArray frame(4, Qt::Uninitialized);
        qToBigEndian<quint32>(length, frame.data());
        frame += QByteArray(64 * 1024, 'x');
        socket->sendFrame(frame); // may fail once the server has closed
        QVERIFY(closedByServer(socket->fd(), 20000));
        // And it still serves a client that knows the key.
        qmp::Manager client = qmp::Manager::connect(server.address(), key());
        client.dict().set(1, 2);
    }

    // One byte every 100 ms keeps every single wait short, but not the handshake as a whole.
    void handshakeHasOneDeadline()
    {
        qmp::ManagerServer::Limits limits;
        limits.handshakeTimeoutMs = 1000;
        RunningServer server(limits);
        std::unique_ptr<qmp::FrameSocket> socket = server.connectRaw();
        QVERIFY(socket->receive(20000).has_value()); // the challenge
        QByteArray header(4, Qt::Uninitialized);
        qToBigEndian<quint32>(200, header.data()); // under the handshake cap
        QVERIFY(socket->sendFrame(header));
        QElapsedTimer clock;
        clock.start();
        bool closed = false;
        while (!closed && clock.elapsed() < 20000) {
            ::send(socket->fd(), "x", 1, MSG_NOSIGNAL);
            closed = closedByServer(socket->fd(), 100);
        }
        QVERIFY2(closed, "the trickling client was still connected after 20 s");
    }

    void connectionsBeyondTheCapAreClosed()
    {
        qmp::ManagerServer::Limits limits;
        limits.maxConnections = 3;
        limits.handshakeTimeoutMs = 120000; // the held ones stay for the whole test
        RunningServer server(limits);
        const int threadsBefore = threadCount();
        std::vector<std::unique_ptr<qmp::FrameSocket>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(server.connectRaw());
            QVERIFY(held.back()->receive(20000).has_value()); // served: it got the challenge
        }
        std::vector<std::unique_ptr<qmp::FrameSocket>> refused;
        for (int i = 0; i < 40; ++i) {
            refused.push_back(server.connectRaw());
            QVERIFY(refusedAtOnce(refused.back()->fd()));
        }
        QVERIFY2(threadCount() <= threadsBefore + 3, qPrintable(QString::number(threadCount() - threadsBefore)));
        // A slot that frees is served again (each try is a new connection: once one is served,
        // stop trying, or the next try would find the slot taken by it).
        held.pop_back();
        bool served = false;
        QTRY_VERIFY_WITH_TIMEOUT(served || (served = server.connectRaw()->receive(2000).has_value()), 20000);
    }

    // Object 0's requests go through one table: every request a client sends is in it, and a
    // name it lacks is AttributeError, as before the table.
    void managerRequestTable()
    {
        QStringList requests = qmp::CallDispatcher::managerRequests();
        requests.sort();
        QCOMPARE(requests, (QStringList{QStringLiteral("count"), QStringLiteral("create"), QStringLiteral("debug_info"),
                                        QStringLiteral("decref"), QStringLiteral("incref"), QStringLiteral("lookup"),
                                        QStringLiteral("pid"), QStringLiteral("ping"), QStringLiteral("publish"),
                                        QStringLiteral("release"), QStringLiteral("segments"), QStringLiteral("shl_create"),
                                        QStringLiteral("shm_create"), QStringLiteral("shutdown"), QStringLiteral("typeids")}));
    }
    void managerRequests_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QCborArray>("args");
        QTest::addColumn<QString>("error"); // "Type: message", or empty when it succeeds
        QTest::newRow("ping") << QStringLiteral("ping") << QCborArray() << QString();
        QTest::newRow("count") << QStringLiteral("count") << QCborArray() << QString();
        QTest::newRow("unknown") << QStringLiteral("nope") << QCborArray()
                                 << QStringLiteral("AttributeError: the manager has no method 'nope'");
        QTest::newRow("incref without a client") << QStringLiteral("incref") << QCborArray()
                                                 << QStringLiteral("TypeError: incref takes a client id and object ids");
        QTest::newRow("incref of nothing held") << QStringLiteral("incref") << QCborArray{7, 12345}
                                                << QStringLiteral("KeyError: the manager holds no object with id 12345 "
                                                                  "(released or from another manager)");
        QTest::newRow("lookup of nothing published") << QStringLiteral("lookup") << QCborArray{QStringLiteral("x")}
                                                     << QStringLiteral("KeyError: the manager has published nothing as 'x'");
    }
    void managerRequests()
    {
        QFETCH(QString, method);
        QFETCH(QCborArray, args);
        QFETCH(QString, error);
        RunningServer server(qmp::ManagerServer::Limits{});
        QString got;
        try {
            qmp::ManagerConnection(server.address(), key()).call(0, method, args);
        } catch (const qmp::AttributeError &e) {
            got = QStringLiteral("AttributeError: ") + e.message();
        } catch (const qmp::TypeError &e) {
            got = QStringLiteral("TypeError: ") + e.message();
        } catch (const qmp::KeyError &e) {
            got = QStringLiteral("KeyError: ") + e.message();
        }
        QCOMPARE(got, error);
    }
};

QMP_IPC_TEST_MAIN(tst_ManagerServer)
#include "tst_managerserver.moc"
