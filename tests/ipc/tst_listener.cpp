// qmp::Listener / qmp::Client / qmp::SocketConnection / qmp::wait — multiprocessing.connection:
// every family (AF_INET, AF_UNIX abstract and path) with and without an authkey,
// a client in a child process and in another program, Python 3.12's HMAC-SHA256 handshake with a
// wrong key refused on both sides ("digest sent was rejected" / "digest received was wrong"), the
// limits a stranger meets before it is authenticated (256-byte messages, one deadline for the
// whole handshake), address errors, the Connection calls (bytes, maxLength, EOF, closed), wait(),
// and a Python client speaking bytes to a Listener.

#include "client.h"
#include "framesocket.h"
#include "ipcerrors.h"
#include "listener.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <atomic>
#include <optional>
#include <thread>

namespace {

std::optional<QByteArray> keyOf(const QCborValue &key)
{
    return key.isByteArray() ? std::optional(key.toByteArray()) : std::nullopt;
}

QString describe(const std::exception &e)
{
    if (dynamic_cast<const qmp::AuthenticationError *>(&e))
        return QStringLiteral("AuthenticationError: ") + QString::fromUtf8(e.what());
    if (dynamic_cast<const qmp::FileNotFoundError *>(&e))
        return QStringLiteral("FileNotFoundError: ") + QString::fromUtf8(e.what());
    if (dynamic_cast<const qmp::OSError *>(&e))
        return QStringLiteral("OSError: ") + QString::fromUtf8(e.what());
    if (dynamic_cast<const qmp::EOFError *>(&e))
        return QStringLiteral("EOFError: ") + QString::fromUtf8(e.what());
    return QStringLiteral("error: ") + QString::fromUtf8(e.what());
}

// A client in a child process: sends each message, collects each answer. Returns the answers,
// or what it threw.
QCborValue clientExchange(const QString &address, const QCborValue &key, const QCborArray &messages)
{
    try {
        qmp::SocketConnection conn = qmp::Client(address, std::nullopt, keyOf(key));
        QCborArray answers;
        for (const QCborValue &m : messages) {
            conn.sendValue(m);
            answers.append(conn.recv());
        }
        return answers;
    } catch (const std::exception &e) {
        return describe(e);
    }
}
QMP_TASK(clientExchange);

// Serves one client: echoes values until EOF; returns how many, or what accept() threw.
QCborValue acceptAndEcho(qmp::Listener &listener)
{
    try {
        qmp::SocketConnection conn = listener.accept(60000);
        int n = 0;
        for (;;) {
            QCborValue v;
            try {
                v = conn.recv();
            } catch (const qmp::EOFError &) {
                return n;
            }
            conn.sendValue(v);
            ++n;
        }
    } catch (const std::exception &e) {
        return describe(e);
    }
}

// A raw socket to a listener, for strangers that do not follow the protocol.
std::unique_ptr<qmp::FrameSocket> rawConnection(const QString &address)
{
    QString error;
    const int fd = qmp::SocketAddress::parse(address).connect(&error);
    return fd < 0 ? nullptr : std::make_unique<qmp::FrameSocket>(fd);
}

const QByteArray secret = QByteArrayLiteral("a shared secret");

} // namespace

class tst_Listener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void roundTripWithAChild_data()
    {
        QTest::addColumn<QString>("address"); // "" for the default, PATH for a socket file
        QTest::addColumn<int>("family");      // -1: from the address
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<QString>("addressPattern");
        for (bool withKey : {false, true}) {
            const char *auth = withKey ? "authkey" : "no authkey";
            QTest::addRow("AF_INET, %s", auth) << "127.0.0.1:0" << -1 << withKey << "^127\\.0\\.0\\.1:[1-9][0-9]*$";
            QTest::addRow("AF_INET by family, %s", auth) << "" << int(qmp::SocketAddress::Family::Inet) << withKey << "^127\\.0\\.0\\.1:[1-9][0-9]*$";
            QTest::addRow("AF_UNIX abstract (default), %s", auth) << "" << -1 << withKey << "^@qmp-listener-";
            QTest::addRow("AF_UNIX abstract by name, %s", auth) << "@qmp-tst-listener-%1" << -1 << withKey << "^@qmp-tst-listener-";
            QTest::addRow("AF_UNIX socket file, %s", auth) << "PATH" << int(qmp::SocketAddress::Family::Unix) << withKey << "/listener\\.sock$";
        }
    }
    void roundTripWithAChild()
    {
        QFETCH(QString, address);
        QFETCH(int, family);
        QFETCH(bool, withKey);
        QFETCH(QString, addressPattern);
        if (address == QLatin1String("PATH"))
            address = m_dir.filePath(QStringLiteral("listener.sock"));
        else if (address.contains(QLatin1String("%1")))
            address = address.arg(QCoreApplication::applicationPid());
        const std::optional<qmp::SocketAddress::Family> wanted =
            family < 0 ? std::nullopt : std::optional(qmp::SocketAddress::Family(family));
        {
            qmp::Listener listener(address, wanted, 1, withKey ? std::optional(secret) : std::nullopt);
            QVERIFY2(QRegularExpression(addressPattern).match(listener.address()).hasMatch(), qPrintable(listener.address()));
            QCOMPARE(listener.lastAccepted(), QString());
            const QCborArray messages{QStringLiteral("我是 hi"), 42, QCborArray{1, 2.5, QCborValue(nullptr)}, QByteArray(300000, 'x')};
            qmp::Process child(&clientExchange, listener.address(), withKey ? QCborValue(secret) : QCborValue(nullptr), messages);
            child.start();
            QCOMPARE(acceptAndEcho(listener), QCborValue(messages.size()));
            QVERIFY(child.join(60000));
            QCOMPARE(child.result(), QCborValue(messages));
            if (listener.family() == qmp::SocketAddress::Family::Inet)
                QVERIFY2(listener.lastAccepted().startsWith(QLatin1String("127.0.0.1:")), qPrintable(listener.lastAccepted()));
            else
                QCOMPARE(listener.lastAccepted(), QString()); // an unnamed Unix client, as in Python
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("listener.sock")))); // closing removed it
    }

    // The other end in another program (no qmp::Runtime, only the address and the key).
    void peersInAnotherProgram_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("withKey");
        QTest::newRow("AF_INET, authkey") << "127.0.0.1:0" << true;
        QTest::newRow("AF_UNIX abstract, no authkey") << "" << false;
        QTest::newRow("AF_UNIX socket file, authkey") << "PATH" << true;
    }
    void peersInAnotherProgram()
    {
        QFETCH(QString, address);
        QFETCH(bool, withKey);
        if (address == QLatin1String("PATH"))
            address = m_dir.filePath(QStringLiteral("peer.sock"));
        const QString keyArg = withKey ? QString::fromLatin1(secret.toHex()) : QStringLiteral("-");
        const std::optional<QByteArray> key = withKey ? std::optional(secret) : std::nullopt;

        // This process listens; the other program is the Client.
        {
            qmp::Listener listener(address, std::nullopt, 1, key);
            QProcess peer;
            peer.start(QStringLiteral(QMP_CONNECTION_PEER), {QStringLiteral("client"), listener.address(), keyArg});
            qmp::SocketConnection conn = listener.accept(60000);
            conn.send(QStringLiteral("ping"));
            QCOMPARE(conn.recv().toString(), QStringLiteral("ping (echoed)"));
            conn.close();
            QVERIFY(peer.waitForFinished(60000));
            QCOMPARE(peer.exitCode(), 0);
        }
        // The other program listens; this process is the Client.
        QProcess peer;
        peer.start(QStringLiteral(QMP_CONNECTION_PEER), {QStringLiteral("listen"), address.isEmpty() ? QStringLiteral("-") : address, keyArg});
        QVERIFY(peer.waitForReadyRead(60000));
        const QString where = QString::fromLocal8Bit(peer.readLine()).trimmed();
        qmp::SocketConnection conn = qmp::Client(where, std::nullopt, key);
        QCOMPARE(conn.recv().toString(), QStringLiteral("hello"));
        conn.send(QStringLiteral("hello to you"));
        QVERIFY(peer.waitForFinished(60000));
        QCOMPARE(peer.exitCode(), 0);
        QCOMPARE(QString::fromLocal8Bit(peer.readAll()).trimmed(), QStringLiteral("hello to you"));
    }

    // Keys that differ: both sides raise AuthenticationError with Python's words, and nothing
    // of the connection is handed out.
    void wrongKeyIsRefusedOnBothSides_data()
    {
        QTest::addColumn<QCborValue>("listenerKey");
        QTest::addColumn<QCborValue>("clientKey");
        QTest::addColumn<QString>("acceptError");
        QTest::addColumn<QString>("clientError");
        QTest::newRow("different keys") << QCborValue(secret) << QCborValue(QByteArrayLiteral("another secret"))
                                        << "digest received was wrong" << "digest sent was rejected";
        QTest::newRow("empty key against a key") << QCborValue(secret) << QCborValue(QByteArray())
                                                 << "digest received was wrong" << "digest sent was rejected";
    }
    void wrongKeyIsRefusedOnBothSides()
    {
        QFETCH(QCborValue, listenerKey);
        QFETCH(QCborValue, clientKey);
        QFETCH(QString, acceptError);
        QFETCH(QString, clientError);
        qmp::Listener listener(QStringLiteral("127.0.0.1:0"), std::nullopt, 1, keyOf(listenerKey));
        qmp::Process child(&clientExchange, listener.address(), clientKey, QCborArray{QStringLiteral("never sent")});
        child.start();
        const QString accepted = acceptAndEcho(listener).toString();
        QVERIFY2(accepted.startsWith(QLatin1String("AuthenticationError: ")) && accepted.contains(acceptError), qPrintable(accepted));
        QVERIFY2(accepted.contains(QLatin1String("127.0.0.1:")), qPrintable(accepted)); // names the client
        QVERIFY(child.join(60000));
        const QString refused = child.result().toString();
        QVERIFY2(refused.startsWith(QLatin1String("AuthenticationError: ")) && refused.contains(clientError), qPrintable(refused));

        // The listener stays usable: a client with the right key gets through.
        qmp::Process good(&clientExchange, listener.address(), listenerKey, QCborArray{1});
        good.start();
        QCOMPARE(acceptAndEcho(listener), QCborValue(1));
        QVERIFY(good.join(60000));
        QCOMPARE(good.result(), QCborValue(QCborArray{1}));
    }

    // One side with a key, the other without (Python's authkey=None on one side only).
    void keyOnOneSideOnly_data()
    {
        QTest::addColumn<bool>("listenerHasKey");
        QTest::newRow("listener has a key, the client none") << true;
        QTest::newRow("client has a key, the listener none") << false;
    }
    void keyOnOneSideOnly()
    {
        QFETCH(bool, listenerHasKey);
        qmp::Listener listener(QString(), std::nullopt, 1, listenerHasKey ? std::optional(secret) : std::nullopt);
        qmp::Process child(&clientExchange, listener.address(), listenerHasKey ? QCborValue(nullptr) : QCborValue(secret),
                           QCborArray{QStringLiteral("hello")});
        child.start();
        if (listenerHasKey) { // the client's first message is taken for its answer: refused
            const QString accepted = acceptAndEcho(listener).toString();
            QVERIFY2(accepted.contains(QLatin1String("AuthenticationError")), qPrintable(accepted));
        } else { // the listener's first message is taken for a challenge: refused
            qmp::SocketConnection conn = listener.accept(60000);
            conn.send(QStringLiteral("welcome, stranger"));
            QVERIFY(child.join(60000));
            QVERIFY2(child.result().toString().contains(QLatin1String("AuthenticationError")), qPrintable(child.result().toString()));
            QVERIFY(conn.poll(60000));
            QVERIFY_THROWS_EXCEPTION(qmp::EOFError, conn.recv()); // and it hung up
        }
        QVERIFY(child.join(60000));
    }

    // Before a client has proved the key: no message above 256 bytes (refused before it is
    // read), one deadline for the whole handshake however the bytes are spaced, and the
    // listener serves the next client as usual.
    void strangersMeetLimitsBeforeTheHandshake_data()
    {
        QTest::addColumn<QString>("stranger");
        QTest::addColumn<QString>("expected");
        QTest::newRow("announces a 200 MiB answer") << "huge" << "too long for a handshake";
        QTest::newRow("announces a 257-byte answer") << "257" << "too long for a handshake";
        QTest::newRow("says nothing") << "silent" << "before the handshake deadline";
        QTest::newRow("trickles a byte every 20 ms") << "trickle" << "before the handshake deadline";
        QTest::newRow("hangs up") << "hangup" << "connection closed by the peer|cannot send|reset";
    }
    void strangersMeetLimitsBeforeTheHandshake()
    {
        QFETCH(QString, stranger);
        QFETCH(QString, expected);
        qmp::Listener listener(QStringLiteral("127.0.0.1:0"), std::nullopt, 1, secret);
        listener.setHandshakeTimeoutMs(400);
        std::unique_ptr<qmp::FrameSocket> socket = rawConnection(listener.address());
        QVERIFY(socket);
        std::atomic<bool> stop{false};
        std::thread trickler;
        if (stranger == QLatin1String("huge") || stranger == QLatin1String("257")) {
            QByteArray header(4, Qt::Uninitialized);
            qToBigEndian<quint32>(stranger == QLatin1String("huge") ? 200u << 20 : 257u, header.data());
            QVERIFY(socket->sendFrame(header + QByteArray(64, 'x')));
        } else if (stranger == QLatin1String("trickle")) {
            // 4 + 250 bytes at one per 20 ms take 5 s: a timeout per read would never fire.
            trickler = std::thread([&] {
                QByteArray frame(4, Qt::Uninitialized);
                qToBigEndian<quint32>(250u, frame.data());
                frame.append(QByteArray(250, 'x'));
                for (char c : frame) {
                    if (stop || !socket->sendFrame(QByteArray(1, c)))
                        return;
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            });
        } else if (stranger == QLatin1String("hangup")) {
            socket.reset();
        }
        try {
            listener.accept(60000);
            QFAIL("accept() let the stranger in");
        } catch (const qmp::AuthenticationError &e) {
            QVERIFY2(e.message().contains(QRegularExpression(expected)), qPrintable(e.message()));
        }
        stop = true;
        if (trickler.joinable())
            trickler.join();

        qmp::Process good(&clientExchange, listener.address(), QCborValue(secret), QCborArray{7});
        good.start();
        QCOMPARE(acceptAndEcho(listener), QCborValue(1));
        QVERIFY(good.join(60000));
        QCOMPARE(good.result(), QCborValue(QCborArray{7}));
    }

    // A Client that a listener never serves gives up at its own deadline (with one set).
    void clientHandshakeDeadline()
    {
        qmp::Listener listener(QString(), std::nullopt, 1, secret); // never accept()s
        try {
            qmp::Client(listener.address(), std::nullopt, secret, 300);
            QFAIL("Client() returned");
        } catch (const qmp::AuthenticationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("before the handshake deadline")), qPrintable(e.message()));
        }
    }

    void badAddresses_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("error");
        QTest::newRow("malformed") << "listen nonsense" << "ValueError";
        QTest::newRow("port out of range") << "listen 127.0.0.1:70000" << "ValueError";
        QTest::newRow("family does not match") << "listen-inet @name" << "ValueError";
        QTest::newRow("TCP port in use") << "listen twice 127.0.0.1:0" << "OSError";
        QTest::newRow("abstract name in use") << "listen twice @qmp-tst-twice" << "OSError";
        QTest::newRow("socket file exists") << "listen twice PATH" << "OSError";
        QTest::newRow("client: no such socket file") << "connect PATH" << "FileNotFoundError";
        QTest::newRow("client: nobody on the port") << "connect closed-port" << "OSError";
        QTest::newRow("client: nobody on the name") << "connect @qmp-tst-nobody" << "OSError";
        QTest::newRow("client: family does not match") << "connect-unix 127.0.0.1:1" << "ValueError";
    }
    void badAddresses()
    {
        QFETCH(QString, what);
        QFETCH(QString, error);
        QString address = what.section(QLatin1Char(' '), -1);
        if (address == QLatin1String("PATH"))
            address = m_dir.filePath(QStringLiteral("bad.sock"));
        if (address == QLatin1String("closed-port")) {
            qmp::Listener gone(QStringLiteral("127.0.0.1:0"));
            address = gone.address();
        } // closed now
        QString thrown;
        try {
            if (what.startsWith(QLatin1String("listen twice"))) {
                qmp::Listener first(address);
                address = first.address(); // port 0 resolved
                qmp::Listener second(address);
            } else if (what.startsWith(QLatin1String("listen-inet"))) {
                qmp::Listener listener(address, qmp::SocketAddress::Family::Inet);
            } else if (what.startsWith(QLatin1String("listen"))) {
                qmp::Listener listener(address);
            } else if (what.startsWith(QLatin1String("connect-unix"))) {
                qmp::Client(address, qmp::SocketAddress::Family::Unix);
            } else {
                qmp::Client(address);
            }
        } catch (const qmp::ValueError &e) {
            thrown = QStringLiteral("ValueError: ") + e.message();
        } catch (const std::exception &e) {
            thrown = describe(e);
        }
        QVERIFY2(thrown.startsWith(error + QLatin1String(": ")), qPrintable(thrown));
        QVERIFY2(thrown.contains(address), qPrintable(thrown)); // names it
    }

    // accept() with a deadline, and close() from another thread waking a waiting accept().
    void acceptTimeoutAndClose()
    {
        qmp::Listener listener(m_dir.filePath(QStringLiteral("close.sock")));
        QVERIFY_THROWS_EXCEPTION(qmp::TimeoutError, listener.accept(50));
        QString thrown;
        std::thread waiter([&] {
            try {
                listener.accept();
            } catch (const qmp::OSError &e) {
                thrown = e.message();
            }
        });
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("close.sock"))));
        listener.close();
        waiter.join();
        QVERIFY2(thrown.contains(QLatin1String("closed")), qPrintable(thrown));
        QVERIFY(listener.closed());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("close.sock"))));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, listener.accept());
        listener.close(); // twice is fine
    }

    // A pair of connected ends in this process (a Listener and a Client on a thread).
    void connectionCalls()
    {
        auto [a, b] = connectedPair();
        // bytes, with offset and size (only -1 means "to the end")
        const QByteArray data("0123456789");
        a.sendBytes(data, 2, 3);
        QCOMPARE(b.recvBytes(), QByteArray("234"));
        a.sendBytes(data, 7);
        QCOMPARE(b.recvBytes(), QByteArray("789"));
        a.sendBytes(QByteArray()); // an empty message is a message
        QVERIFY(b.poll(60000));
        QCOMPARE(b.recvBytes(), QByteArray());
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes(data, -1));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes(data, 11));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes(data, 5, 6));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, a.sendBytes(data, 0, -2));
        // recvBytesInto
        a.sendBytes("abc");
        QByteArray buffer(5, '.');
        QCOMPARE(b.recvBytesInto(buffer, 2), qsizetype(3));
        QCOMPARE(buffer, QByteArray("..abc"));
        a.sendBytes("abcdef");
        try {
            b.recvBytesInto(buffer, 1);
            QFAIL("no BufferTooShort");
        } catch (const qmp::BufferTooShort &e) {
            QCOMPARE(e.data(), QByteArray("abcdef"));
        }
        // a message that is not a value
        a.sendBytes(QByteArray("\xff\xff", 2));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, b.recv());
        // poll: nothing, then something
        QVERIFY(!b.poll(0));
        b.send(QStringLiteral("x"));
        QVERIFY(a.poll(-1));
        QCOMPARE(a.recvAs<QString>(), QStringLiteral("x"));
        // maxLength: a longer message leaves the connection unreadable, like Python's
        a.sendBytes(QByteArray(100, 'y'));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recvBytes(10));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recvBytes());
        // EOF: what was sent before close() is still read, then EOFError; poll() says so
        b.send(1);
        b.send(2);
        b.close();
        QVERIFY(b.closed());
        QCOMPARE(b.fileno(), -1);
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.send(3));
        QVERIFY_THROWS_EXCEPTION(qmp::OSError, b.recv());
        QCOMPARE(a.recv(), QCborValue(1));
        QCOMPARE(a.recv(), QCborValue(2));
        QVERIFY(a.poll(60000));
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, a.recv());
    }

    // connection.wait(): the ready ones (data or EOF), nothing on timeout.
    void waitForConnections()
    {
        auto [a1, b1] = connectedPair();
        auto [a2, b2] = connectedPair();
        QVERIFY(qmp::wait({b1, b2}, 10).isEmpty());
        a2.send(QStringLiteral("two"));
        QList<qmp::SocketConnection> ready = qmp::wait({b1, b2}, 60000);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().fileno(), b2.fileno());
        QCOMPARE(b2.recv().toString(), QStringLiteral("two"));
        a1.close(); // EOF is ready too
        ready = qmp::wait({b1, b2}, -1);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().fileno(), b1.fileno());
        QVERIFY_THROWS_EXCEPTION(qmp::EOFError, b1.recv());
    }

    // Python's multiprocessing.connection speaks the same frames: a Python Client without an
    // authkey sends and receives bytes (its 3.11 handshake is HMAC-MD5, which QMP refuses).
    void pythonClientSpeaksBytes()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("no python3 on this machine");
        qmp::Listener listener(QStringLiteral("127.0.0.1:0"));
        const QString port = listener.address().section(QLatin1Char(':'), -1);
        QProcess py;
        py.start(python, {QStringLiteral("-c"),
                          QStringLiteral("from multiprocessing.connection import Client\n"
                                         "c = Client(('127.0.0.1', %1))\n"
                                         "c.send_bytes(b'from python')\n"
                                         "print(c.recv_bytes().decode())\n").arg(port)});
        qmp::SocketConnection conn = listener.accept(60000);
        QCOMPARE(conn.recvBytes(), QByteArray("from python"));
        conn.sendBytes("from QMP");
        QVERIFY(py.waitForFinished(60000));
        QCOMPARE(py.exitCode(), 0);
        QCOMPARE(QString::fromLocal8Bit(py.readAllStandardOutput()).trimmed(), QStringLiteral("from QMP"));
    }

private:
    std::pair<qmp::SocketConnection, qmp::SocketConnection> connectedPair()
    {
        qmp::Listener listener;
        std::optional<qmp::SocketConnection> client;
        std::thread connector([&] { client = qmp::Client(listener.address()); });
        qmp::SocketConnection accepted = listener.accept(60000);
        connector.join();
        return {*client, accepted};
    }

    QTemporaryDir m_dir{QStringLiteral("/tmp/qmp-tst-listener-XXXXXX")}; // outside the key directory
};

QMP_IPC_TEST_MAIN(tst_Listener)
#include "tst_listener.moc"
