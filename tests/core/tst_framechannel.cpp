// FrameChannel: frames both ways over a socketpair, in order; and what a vanished peer leaves
// behind is still delivered (the pool lost an initializer's error report before this was so).
// Frames larger than the socket buffer are covered by tst_process (16 MiB results). With a read
// gate, a caller's thread reading its frame off the same socket (DirectSeat) leaves what it read
// past that frame to the next reader.

#include "callerwake.h"
#include "channelreadgate.h"
#include "directseat.h"
#include "framechannel.h"
#include "framestream.h"

#include <QCborArray>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using qmp::FrameChannel;
using qmp::FrameStream;

class tst_FrameChannel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bothWays_data();
    void bothWays();
    void framesSentBeforeThePeerLeftArriveAfterAFailedWrite();
    void malformedInputClosesWithAReason();
    void bytesReadPastAFrameReachTheNextReader_data();
    void bytesReadPastAFrameReachTheNextReader();
};

void tst_FrameChannel::bothWays_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("size");
    QTest::newRow("one small") << 1 << 10;
    QTest::newRow("many small") << 2000 << 20;
    QTest::newRow("medium") << 64 << 4000;
}

void tst_FrameChannel::bothWays()
{
    QFETCH(int, count);
    QFETCH(int, size);
    int sv[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    FrameChannel channel(sv[0]);
    QSignalSpy received(&channel, &FrameChannel::frameReceived);
    FrameStream peer(sv[1]);
    for (int i = 0; i < count; ++i)
        channel.send(QCborArray{i, QByteArray(size, 'x')});
    // The peer echoes each frame back while our event loop writes the rest.
    for (int i = 0; i < count; ++i) {
        // Our event loop reads the echoes and writes the rest while the peer works.
        QCoreApplication::processEvents();
        channel.flush(QDeadlineTimer(0));
        const auto frame = peer.read();
        QVERIFY(frame);
        QCOMPARE(frame->toArray().at(0).toInteger(), i);
        QVERIFY(peer.write(*frame));
    }
    QTRY_COMPARE(received.count(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(received.at(i).at(0).value<QCborValue>().toArray().at(0).toInteger(), i);
}

void tst_FrameChannel::framesSentBeforeThePeerLeftArriveAfterAFailedWrite()
{
    int sv[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    FrameChannel channel(sv[0]);
    QSignalSpy received(&channel, &FrameChannel::frameReceived);
    QSignalSpy closed(&channel, &FrameChannel::closed);
    {
        FrameStream peer(sv[1]);
        QVERIFY(peer.write(QCborValue(QStringLiteral("last words"))));
    } // the peer is gone
    channel.send(QCborValue(1)); // fails: nobody reads
    channel.send(QCborValue(2));
    channel.drain();
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).value<QCborValue>(), QCborValue(QStringLiteral("last words")));
    QTRY_COMPARE(closed.count(), 1); // end of stream, on the next read
    QVERIFY2(channel.errorString().contains(QStringLiteral("write failed")), qPrintable(channel.errorString()));
}

void tst_FrameChannel::malformedInputClosesWithAReason()
{
    int sv[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    FrameChannel channel(sv[0], nullptr, 1000);
    QSignalSpy closed(&channel, &FrameChannel::closed);
    const char oversized[] = {0x00, 0x10, 0x00, 0x00};
    QCOMPARE(::write(sv[1], oversized, sizeof oversized), qsizetype(sizeof oversized));
    QTRY_COMPARE(closed.count(), 1);
    QVERIFY2(channel.errorString().contains(QStringLiteral("above the limit of 1000 bytes")),
             qPrintable(channel.errorString()));
    QVERIFY(!channel.isOpen());
    ::close(sv[1]);
}

void tst_FrameChannel::bytesReadPastAFrameReachTheNextReader_data()
{
    QTest::addColumn<int>("secondSize");
    QTest::newRow("three frames in the first read") << 20;
    QTest::newRow("the second frame's start in the first read") << 3 * int(qmp::DirectSeat::firstReadSize);
}

// The worker's three frames come in one burst. A caller takes the first (its read takes more),
// the next caller the second (from what the first kept, and the socket for the rest), the
// channel the third: each whole, in order, none lost.
void tst_FrameChannel::bytesReadPastAFrameReachTheNextReader()
{
    QFETCH(int, secondSize);
    int sv[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), 0);
    FrameChannel channel(sv[0]);
    QSignalSpy received(&channel, &FrameChannel::frameReceived);
    qmp::DirectSeat seat(nullptr, -1);
    seat.adoptChannel(::fcntl(sv[0], F_DUPFD_CLOEXEC, 0));
    channel.setReadGate(seat.readGate());
    qmp::ChannelReadGate &gate = *seat.readGate();
    const QList<QCborValue> sent{QCborValue(1), QCborValue(QByteArray(secondSize, 'b')), QCborValue(3)};
    QByteArray burst;
    for (const QCborValue &value : sent)
        burst += qmp::FrameDecoder::encode(value);
    QCOMPARE(::write(sv[1], burst.constData(), size_t(burst.size())), burst.size());
    qmp::CallerWake wake;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(gate.tryEnter(qmp::ChannelReadGate::Reader::Caller, nullptr));
        const std::optional<QByteArray> frame = seat.receiveFrame(wake, [] { return false; });
        gate.leave(qmp::ChannelReadGate::Reader::Caller);
        QVERIFY(frame);
        QCOMPARE(*frame, qmp::FrameDecoder::encode(sent.at(i)));
    }
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).value<QCborValue>(), sent.at(2));
    QVERIFY(!gate.hasKept());
    ::close(sv[1]);
}

QTEST_GUILESS_MAIN(tst_FrameChannel)
#include "tst_framechannel.moc"
