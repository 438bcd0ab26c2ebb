// The wire format: frames round-trip in any chunking; malformed, truncated and oversized input
// is rejected with a message that says what and where, and never crashes or hangs.

#include "errors.h"
#include "framedecoder.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>
#include <QtEndian>

using qmp::FrameDecoder;

namespace {
QByteArray header(quint32 length)
{
    QByteArray h(4, Qt::Uninitialized);
    qToBigEndian<quint32>(length, h.data());
    return h;
}
} // namespace

class tst_FrameDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void rejects_data();
    void rejects();
    void truncated_data();
    void truncated();
    void staysFailedAfterError();
    void encodeRejectsOversized();
    void longStreamKeepsBufferSmall();
};

void tst_FrameDecoder::roundTrip_data()
{
    QTest::addColumn<QCborArray>("values");
    QTest::addColumn<int>("chunk");
    const QCborArray mixed{QCborValue(nullptr), true, 42, -7, 3.5, QStringLiteral("测试Python多进程"),
                           QCborValue(QByteArray("\x00\x01\xff", 3)),
                           QCborArray{1, 2, QCborArray{3}},
                           QCborMap{{QStringLiteral("t"), QStringLiteral("run")}, {1, 2}}};
    for (int chunk : {1, 3, 4, 5, 7, 64, 100000})
        QTest::addRow("mixed, %d-byte chunks", chunk) << mixed << chunk;
    QTest::addRow("1 MiB bytes, 4096-byte chunks") << QCborArray{QCborValue(QByteArray(1 << 20, 'x'))} << 4096;
    QTest::addRow("1000 small frames") << [] {
        QCborArray many;
        for (int i = 0; i < 1000; ++i)
            many.append(i);
        return many;
    }() << 13;
}

void tst_FrameDecoder::roundTrip()
{
    QFETCH(QCborArray, values);
    QFETCH(int, chunk);
    QByteArray stream;
    for (const QCborValue &v : values)
        stream += FrameDecoder::encode(v);

    FrameDecoder decoder;
    QCborArray decoded;
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        decoder.feed(stream.mid(i, chunk));
        while (auto v = decoder.next())
            decoded.append(*v);
    }
    QVERIFY2(!decoder.hasError(), qPrintable(decoder.errorString()));
    QVERIFY(decoder.finish());
    QCOMPARE(decoded, values);
    QCOMPARE(decoder.framesDecoded(), quint64(values.size()));
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_FrameDecoder::rejects_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<qsizetype>("maxFrameSize");
    QTest::addColumn<QString>("expectedError");
    const QByteArray good = FrameDecoder::encode(QCborValue(1));

    QTest::newRow("length above the cap") << header(2000) + QByteArray(10, 'a') << qsizetype(1000)
                                          << QStringLiteral("declares 2000 bytes, above the limit of 1000");
    QTest::newRow("4 GiB length, default cap") << header(0xffffffffu) << FrameDecoder::defaultMaxFrameSize
                                               << QStringLiteral("above the limit");
    QTest::newRow("cap checked on the second frame") << good + header(5000) << qsizetype(1000)
                                                     << QStringLiteral("frame at byte 5 declares 5000 bytes");
    QTest::newRow("empty frame") << header(0) << FrameDecoder::defaultMaxFrameSize << QStringLiteral("is empty");
    QTest::newRow("reserved CBOR byte") << header(1) + QByteArray("\xfc", 1) << FrameDecoder::defaultMaxFrameSize
                                        << QStringLiteral("is not valid CBOR");
    QTest::newRow("string longer than its frame") << header(3) + QByteArray("\x65" "ab", 3)
                                                  << FrameDecoder::defaultMaxFrameSize
                                                  << QStringLiteral("is not valid CBOR");
    QTest::newRow("array missing items") << header(2) + QByteArray("\x83\x01", 2) << FrameDecoder::defaultMaxFrameSize
                                         << QStringLiteral("is not valid CBOR");
    QTest::newRow("two values in one frame") << header(2) + QByteArray("\x01\x02", 2)
                                             << FrameDecoder::defaultMaxFrameSize
                                             << QStringLiteral("has 1 bytes after its CBOR value");
    QTest::newRow("break byte outside a container") << header(1) + QByteArray("\xff", 1)
                                                    << FrameDecoder::defaultMaxFrameSize
                                                    << QStringLiteral("is not valid CBOR");
}

void tst_FrameDecoder::rejects()
{
    QFETCH(QByteArray, stream);
    QFETCH(qsizetype, maxFrameSize);
    QFETCH(QString, expectedError);
    FrameDecoder decoder(maxFrameSize);
    decoder.feed(stream);
    int values = 0;
    while (decoder.next())
        ++values;
    QVERIFY(values <= 1);
    QVERIFY(decoder.hasError());
    QVERIFY2(decoder.errorString().contains(expectedError), qPrintable(decoder.errorString()));
    QVERIFY(!decoder.finish());
}

void tst_FrameDecoder::truncated_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("expectedError");
    const QByteArray frame = FrameDecoder::encode(QCborValue(QStringLiteral("hello world")));
    QTest::newRow("inside the header") << frame.left(2) << QStringLiteral("inside the header of the frame at byte 0");
    QTest::newRow("inside the payload") << frame.left(7)
                                        << QStringLiteral("3 of %1 payload bytes").arg(frame.size() - 4);
    QTest::newRow("after a whole frame") << frame + frame.left(5) << QStringLiteral("inside the frame at byte ")
                                                                         + QString::number(frame.size());
}

void tst_FrameDecoder::truncated()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, expectedError);
    FrameDecoder decoder;
    decoder.feed(stream);
    while (decoder.next()) {
    }
    QVERIFY(!decoder.hasError());
    QVERIFY(!decoder.finish());
    QVERIFY2(decoder.errorString().contains(expectedError), qPrintable(decoder.errorString()));
}

void tst_FrameDecoder::staysFailedAfterError()
{
    FrameDecoder decoder(100);
    decoder.feed(header(101));
    QVERIFY(!decoder.next());
    QVERIFY(decoder.hasError());
    decoder.feed(FrameDecoder::encode(QCborValue(1)));
    QVERIFY(!decoder.next());
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_FrameDecoder::encodeRejectsOversized()
{
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, FrameDecoder::encode(QCborValue(QByteArray(200, 'x')), 100));
}

void tst_FrameDecoder::longStreamKeepsBufferSmall()
{
    FrameDecoder decoder;
    const QByteArray frame = FrameDecoder::encode(QCborValue(QByteArray(1000, 'y')));
    for (int i = 0; i < 10000; ++i) {
        decoder.feed(frame);
        QVERIFY(decoder.next());
    }
    QCOMPARE(decoder.bufferedBytes(), 0);
    QCOMPARE(decoder.framesDecoded(), quint64(10000));
}

QTEST_APPLESS_MAIN(tst_FrameDecoder)
#include "tst_framedecoder.moc"
