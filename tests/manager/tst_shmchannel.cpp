// ShmChannel: frames of every size (empty, one chunk, exactly a lane, many chunks) cross a
// channel both ways intact; a peer that hangs up or a socket shut down ends a blocked receive;
// a local manager connection uses the channel and a TCP one does not, with the same results.

#include "framesocket.h"
#include "manager.h"
#include "managerconnection.h"
#include "managerwire.h"
#include "qmpipctest.h"
#include "shmchannel.h"

#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A frame (4-byte length + payload) with recognisable bytes.
QByteArray frameOf(qsizetype payloadSize)
{
    QByteArray frame(4 + payloadSize, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payloadSize), frame.data());
    for (qsizetype i = 0; i < payloadSize; ++i)
        frame[4 + i] = char((i * 7 + payloadSize) & 0xff);
    return frame;
}

struct Pair
{
    std::unique_ptr<qmp::FrameSocket> clientSocket;
    std::unique_ptr<qmp::FrameSocket> serverSocket;
    std::unique_ptr<qmp::ShmChannel> client;
    std::unique_ptr<qmp::ShmChannel> server;
};

Pair makePair()
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        qFatal("socketpair failed");
    Pair p;
    p.clientSocket = std::make_unique<qmp::FrameSocket>(sv[0]);
    p.serverSocket = std::make_unique<qmp::FrameSocket>(sv[1]);
    QString error;
    p.client = qmp::ShmChannel::create(*p.clientSocket, &error);
    if (!p.client)
        qFatal("ShmChannel::create: %s", qPrintable(error));
    p.server = qmp::ShmChannel::attach(*p.serverSocket, ::dup(p.client->memfd()), &error);
    if (!p.server)
        qFatal("ShmChannel::attach: %s", qPrintable(error));
    p.client->closeMemfd();
    return p;
}

} // namespace

class tst_ShmChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framesCrossBothWays_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("empty") << qsizetype(0);
        QTest::newRow("small") << qsizetype(100);
        QTest::newRow("one lane") << qsizetype(64 * 1024 - 128 - 4);
        QTest::newRow("one lane + 1") << qsizetype(64 * 1024 - 128 - 3);
        QTest::newRow("many chunks") << qsizetype(3 * 1024 * 1024 + 17);
    }
    void framesCrossBothWays()
    {
        QFETCH(qsizetype, size);
        Pair p = makePair();
        // The server echoes three frames back, reversed in content so the test sees it worked.
        std::thread server([&] {
            for (int i = 0; i < 3; ++i) {
                std::optional<QByteArray> payload = p.server->receive();
                if (!payload)
                    return;
                std::reverse(payload->begin(), payload->end());
                QByteArray frame(4, Qt::Uninitialized);
                qToBigEndian<quint32>(quint32(payload->size()), frame.data());
                p.server->sendFrame(frame + *payload);
            }
        });
        for (int i = 0; i < 3; ++i) {
            const QByteArray frame = frameOf(size + i);
            QVERIFY(p.client->sendFrame(frame));
            const std::optional<QByteArray> back = p.client->receive();
            QVERIFY2(back, qPrintable(p.client->lastError()));
            QByteArray expected = frame.mid(4);
            std::reverse(expected.begin(), expected.end());
            QCOMPARE(back->size(), expected.size());
            QVERIFY(*back == expected);
        }
        server.join();
    }

    // A receive blocked on a peer that goes away, or on a socket shut down (the manager
    // stopping), returns nullopt instead of hanging.
    void endOfPeerEndsReceive_data()
    {
        QTest::addColumn<bool>("peerCloses");
        QTest::newRow("peer closes") << true;
        QTest::newRow("own socket shut down") << false;
    }
    void endOfPeerEndsReceive()
    {
        QFETCH(bool, peerCloses);
        Pair p = makePair();
        std::optional<QByteArray> got = QByteArray("unset");
        std::thread waiter([&] { got = p.server->receive(); });
        if (peerCloses) {
            p.client.reset();
            p.clientSocket.reset();
        } else {
            p.serverSocket->shutdown();
        }
        waiter.join();
        QVERIFY(!got);
        QVERIFY(!p.server->lastError().isEmpty());
    }

    // A segment of the wrong size, or one its maker could still shrink under the server, or
    // one without the channel's header, is refused.
    void badSegmentIsRefused_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("sealed");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << qint64(0) << true << QStringLiteral("size");
        QTest::newRow("unsealed") << qint64(-1) << false << QStringLiteral("sealed");
        QTest::newRow("no header") << qint64(-1) << true << QStringLiteral("not a QMP channel");
    }
    void badSegmentIsRefused()
    {
        QFETCH(qint64, size);
        QFETCH(bool, sealed);
        QFETCH(QString, says);
        int sv[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
        qmp::FrameSocket a(sv[0]);
        qmp::FrameSocket b(sv[1]);
        const int fd = ::memfd_create("not-a-channel", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, size < 0 ? qmp::ShmChannel::segmentSize() : size), 0);
        if (sealed)
            QCOMPARE(::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW), 0);
        QString error;
        QVERIFY(!qmp::ShmChannel::attach(b, fd, &error)); // takes fd
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    // The same calls (with a value larger than one lane) give the same results on a local
    // manager, through shared memory, and on a TCP one, through the socket.
    void managerConnections_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("sharedMemory");
        QTest::newRow("local") << QString() << true;
        QTest::newRow("tcp") << QStringLiteral("127.0.0.1:0") << false;
    }
    void managerConnections()
    {
        QFETCH(QString, address);
        QFETCH(bool, sharedMemory);
        const QByteArray key = QByteArrayLiteral("shm-channel-test-key");
        qmp::Manager manager = address.isEmpty() ? qmp::Manager() : qmp::Manager(address, key);
        qmp::DictProxy d = manager.dict();
        const QByteArray big = frameOf(300 * 1024);
        d.set(QStringLiteral("big"), big);
        d.set(1, 2);
        QCOMPARE(d.at(QStringLiteral("big")).toByteArray(), big);
        QCOMPARE(d.at(1).toInteger(), 2);
        QCOMPARE(qmp::ManagerConnection::forThread(manager.address(), manager.authkey()).usesSharedMemory(), sharedMemory);
    }
};

QMP_IPC_TEST_MAIN(tst_ShmChannel)
#include "tst_shmchannel.moc"
