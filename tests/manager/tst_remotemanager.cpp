// A manager on TCP (loopback only) with an authkey: a client in another program connects,
// reads and writes; a wrong or missing key is refused with AuthenticationError and changes
// nothing; the handshake runs both ways (a server that does not know the key is refused by the
// client too); nobody listening is a fast BrokenPipeError.

#include "authenticator.h"
#include "framesocket.h"
#include "manager.h"
#include "socketaddress.h"
#include "qmpipctest.h"

#include <QProcess>
#include <QTest>

#include <thread>

#include <sys/socket.h>
#include <unistd.h>

namespace {

struct ClientRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

ClientRun runClient(const QString &address, const QByteArray &key, const QStringList &args)
{
    QProcess client;
    client.start(QStringLiteral(QMP_MANAGER_CLIENT), QStringList{address, QString::fromLatin1(key.toHex())} + args);
    ClientRun run;
    if (!client.waitForFinished(30000)) {
        client.kill();
        client.waitForFinished();
        run.err = QStringLiteral("client timed out");
        return run;
    }
    run.exitCode = client.exitStatus() == QProcess::NormalExit ? client.exitCode() : -1;
    run.out = QString::fromLocal8Bit(client.readAllStandardOutput()).trimmed();
    run.err = QString::fromLocal8Bit(client.readAllStandardError()).trimmed();
    return run;
}

QByteArray key()
{
    return QByteArrayLiteral("remote-manager-test-key");
}

// A port nobody listens on (bound, then closed).
quint16 closedPort()
{
    qmp::SocketAddress bound;
    QString error;
    const int fd = qmp::SocketAddress::parse(QStringLiteral("127.0.0.1:0")).listen(&bound, &error);
    ::close(fd);
    return bound.port();
}

} // namespace

class tst_RemoteManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void clientInAnotherProgram()
    {
        qmp::Manager manager(QStringLiteral("127.0.0.1:0"), key());
        QVERIFY(manager.address().startsWith(QStringLiteral("127.0.0.1:")));
        QVERIFY(!manager.address().endsWith(QStringLiteral(":0")));
        qmp::DictProxy d = manager.dict();
        manager.publish(QStringLiteral("shared"), d);
        d.set(QStringLiteral("fromServer"), QStringLiteral("hello"));

        const ClientRun set = runClient(manager.address(), key(), {QStringLiteral("set"), QStringLiteral("shared"), QStringLiteral("answer"), QStringLiteral("42")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        QCOMPARE(d.at(QStringLiteral("answer")).toString(), QStringLiteral("42"));

        const ClientRun get = runClient(manager.address(), key(), {QStringLiteral("get"), QStringLiteral("shared"), QStringLiteral("fromServer")});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        QCOMPARE(get.out, QStringLiteral("hello"));

        const ClientRun missing = runClient(manager.address(), key(), {QStringLiteral("get"), QStringLiteral("nothing"), QStringLiteral("x")});
        QCOMPARE(missing.exitCode, 5);
        QVERIFY2(missing.err.contains(QStringLiteral("published nothing as 'nothing'")), qPrintable(missing.err));
    }

    void wrongKeyIsRefused_data()
    {
        QTest::addColumn<QByteArray>("clientKey");
        QTest::newRow("wrong key") << QByteArrayLiteral("not-the-key");
        QTest::newRow("missing key") << QByteArray();
        QTest::newRow("prefix of the key") << key().left(8);
    }
    void wrongKeyIsRefused()
    {
        QFETCH(QByteArray, clientKey);
        qmp::Manager manager(QStringLiteral("127.0.0.1:0"), key());
        qmp::DictProxy d = manager.dict();
        manager.publish(QStringLiteral("shared"), d);
        const qint64 objects = manager.objectCount();

        const ClientRun run = runClient(manager.address(), clientKey, {QStringLiteral("set"), QStringLiteral("shared"), QStringLiteral("k"), QStringLiteral("v")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.startsWith(QStringLiteral("AuthenticationError")), qPrintable(run.err));
        QVERIFY_THROWS_EXCEPTION(qmp::AuthenticationError, qmp::Manager::connect(manager.address(), clientKey));

        QCOMPARE(d.size(), 0); // nothing changed
        QCOMPARE(manager.objectCount(), objects);
        const ClientRun good = runClient(manager.address(), key(), {QStringLiteral("set"), QStringLiteral("shared"), QStringLiteral("k"), QStringLiteral("v")});
        QCOMPARE(good.exitCode, 0); // and it still serves the right key
        QCOMPARE(d.at(QStringLiteral("k")).toString(), QStringLiteral("v"));
    }

    void connectInThisProgram()
    {
        qmp::Manager manager(QStringLiteral("127.0.0.1:0"), key());
        qmp::ListProxy l = manager.list();
        manager.publish(QStringLiteral("l"), l);
        qmp::Manager client = qmp::Manager::connect(manager.address(), key());
        QCOMPARE(client.state(), qmp::BaseManager::State::Connected);
        QCOMPARE(client.pid(), 0);
        client.lookup<qmp::ListProxy>(QStringLiteral("l")).append(1);
        client.dict().set(1, 2); // the client creates objects too
        QCOMPARE(l.toList(), (QCborArray{1}));
        QVERIFY_THROWS_EXCEPTION(qmp::KeyError, client.lookup(QStringLiteral("none")));
    }

    // The client checks the server too: a server that waves every key through but cannot
    // answer the client's challenge is refused.
    void serverWithoutTheKeyIsRefused()
    {
        qmp::SocketAddress bound;
        QString error;
        const int listenFd = qmp::SocketAddress::parse(QStringLiteral("127.0.0.1:0")).listen(&bound, &error);
        QVERIFY2(listenFd >= 0, qPrintable(error));
        std::thread fake([listenFd] {
            const int fd = ::accept(listenFd, nullptr, nullptr);
            qmp::FrameSocket socket(fd);
            socket.send(QByteArrayLiteral("#CHALLENGE#{sha256}") + QByteArray(40, 'x'));
            socket.receive(10000);                 // the client's digest: not even checked
            socket.send(QByteArrayLiteral("#WELCOME#"));
            socket.receive(10000);                 // the client's challenge
            socket.send(QByteArrayLiteral("{sha256}") + QByteArray(32, '0')); // a guess
            socket.receive(10000);                 // the verdict
        });
        QVERIFY_THROWS_EXCEPTION(qmp::AuthenticationError, qmp::Manager::connect(bound.toString(), key()));
        fake.join();
        ::close(listenFd);
    }

    // A client that never answers the challenge, and one that sends garbage, hold up nobody.
    void silentAndGarbageClients()
    {
        qmp::Manager manager(QStringLiteral("127.0.0.1:0"), key());
        qmp::DictProxy d = manager.dict();
        QString error;
        const qmp::SocketAddress where = qmp::SocketAddress::parse(manager.address());
        qmp::FrameSocket silent(where.connect(&error));
        qmp::FrameSocket garbage(where.connect(&error));
        QVERIFY(garbage.receive(10000).has_value()); // the challenge
        QVERIFY(garbage.sendFrame(QByteArray("\xff\xff\xff\xffjunk", 8)));
        QVERIFY(!garbage.receive(10000).has_value()); // the manager hung up on it
        d.set(1, QStringLiteral("still serving"));
        QCOMPARE(d.at(1).toString(), QStringLiteral("still serving"));
        QVERIFY(silent.fd() >= 0);
    }

    void nobodyListening()
    {
        const QString address = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        try {
            qmp::Manager::connect(address, key());
            QFAIL("connected to a closed port");
        } catch (const qmp::BrokenPipeError &e) {
            // Refused at once, not after the connect timeout.
            QVERIFY2(e.message().contains(QStringLiteral("refused")), qPrintable(e.message()));
        }
    }

    void addressInUse()
    {
        qmp::Manager first(QStringLiteral("127.0.0.1:0"), key());
        try {
            qmp::Manager second(first.address(), key());
            QFAIL("two managers listen on one port");
        } catch (const qmp::ProcessError &e) {
            QVERIFY2(e.message().contains(first.address()), qPrintable(e.message()));
        }
    }
};

QMP_IPC_TEST_MAIN(tst_RemoteManager)
#include "tst_remotemanager.moc"
