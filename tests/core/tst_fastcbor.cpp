// FastCbor against Qt's CBOR: for every kind of value, FastCbor's bytes equal Qt's, and each
// decodes the other's; truncated input is an error, not a crash.

#include "fastcbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QUrl>
#include <QTest>

#include <cstring>

#include <limits>

class tst_FastCbor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QCborValue>("value");
        QTest::newRow("0") << QCborValue(0);
        QTest::newRow("23") << QCborValue(23);
        QTest::newRow("24") << QCborValue(24);
        QTest::newRow("-1") << QCborValue(-1);
        QTest::newRow("-25") << QCborValue(-25);
        QTest::newRow("65536") << QCborValue(65536);
        QTest::newRow("int64 max") << QCborValue(std::numeric_limits<qint64>::max());
        QTest::newRow("int64 min") << QCborValue(std::numeric_limits<qint64>::min());
        QTest::newRow("double") << QCborValue(-273.154);
        QTest::newRow("double 10.0") << QCborValue(10.0);
        QTest::newRow("true") << QCborValue(true);
        QTest::newRow("false") << QCborValue(false);
        QTest::newRow("null") << QCborValue(nullptr);
        QTest::newRow("empty bytes") << QCborValue(QByteArray());
        QTest::newRow("64 bytes") << QCborValue(QByteArray(64, 'q'));
        QTest::newRow("70000 bytes") << QCborValue(QByteArray(70000, 'b'));
        QTest::newRow("string") << QCborValue(QStringLiteral("我是0 通过Queue通信"));
        QTest::newRow("undefined") << QCborValue();
        QTest::newRow("simple 32") << QCborValue(QCborSimpleType(32));
        QTest::newRow("simple 16") << QCborValue(QCborSimpleType(16));
        QTest::newRow("list") << QCborValue(QCborArray{1, QStringLiteral("two")});
        QTest::newRow("empty list") << QCborValue(QCborArray{});
        QTest::newRow("map") << QCborValue(QCborMap{{QStringLiteral("k"), 1}, {2, QCborArray{true, 1.5}}});
        QTest::newRow("pool call frame")
            << QCborValue(QCborArray{QStringLiteral("C"), 42, QStringLiteral("square"),
                                     QCborArray{QCborArray{1}, QCborArray{QByteArray("x")}, QCborArray{}}});
        QCborArray big;
        for (int i = 0; i < 300; ++i)
            big.append(QCborMap{{QStringLiteral("i"), i}, {QStringLiteral("s"), QString(i % 40, QChar(0x4e2d))}});
        QTest::newRow("300 nested maps") << QCborValue(big);
        QTest::newRow("tag") << QCborValue(QCborKnownTags::PositiveBignum, QByteArray::fromHex("010000000000000000"));
        QTest::newRow("tagged list") << QCborValue(QCborTag(1234), QCborArray{1, 2});
        QTest::newRow("date-time (through Qt)") << QCborValue(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
        QTest::newRow("url in a list (through Qt)") << QCborValue(QCborArray{QCborValue(QUrl(QStringLiteral("https://example.org/a")))});
    }
    void roundTrip()
    {
        QFETCH(QCborValue, value);
        const QByteArray mine = qmp::FastCbor::encode(value);
        QCOMPARE(mine.toHex(), value.toCbor().toHex());
        QCborParserError error;
        QCOMPARE(qmp::FastCbor::decode(value.toCbor(), &error), value);
        QCOMPARE(error.error, QCborError::NoError);
        QCOMPARE(QCborValue::fromCbor(mine), value);
        if (value.isByteArray()) {
            QCOMPARE(qmp::FastCbor::encodeBytes(value.toByteArray()), mine);
            char head[9];
            const int headSize = qmp::FastCbor::byteStringHead(value.toByteArray().size(), head);
            QCOMPARE(QByteArray(head, headSize) + value.toByteArray(), mine);
        }
        // From a view of a buffer that is overwritten afterwards (Queue::get's reused buffer).
        QByteArray buffer = value.toCbor();
        const QCborValue fromView = qmp::FastCbor::decode(QByteArrayView(buffer), &error);
        buffer.fill('\xff');
        QCOMPARE(fromView, value);
        QCOMPARE(error.error, QCborError::NoError);
    }

    // The heads of byte strings too long to build here, against the CBOR spec's encodings.
    void byteStringHeadsOfLongStrings()
    {
        char head[9];
        QCOMPARE(QByteArray(head, qmp::FastCbor::byteStringHead(qsizetype(1) << 32, head)).toHex(),
                 QByteArray("5b0000000100000000"));
        QCOMPARE(QByteArray(head, qmp::FastCbor::byteStringHead(qsizetype(0x12345678), head)).toHex(),
                 QByteArray("5a12345678"));
        QCOMPARE(QByteArray(head, qmp::FastCbor::byteStringHead(0x1234, head)).toHex(), QByteArray("591234"));
        QCOMPARE(QByteArray(head, qmp::FastCbor::byteStringHead(24, head)).toHex(), QByteArray("5818"));
        QCOMPARE(QByteArray(head, qmp::FastCbor::byteStringHead(23, head)).toHex(), QByteArray("57"));
    }

    // byteStringHeadSize() finds the head byteStringHead() writes, and nothing in what is not
    // exactly one definite-length byte string.
    void byteStringHeadSizes()
    {
        for (const qsizetype size : {0, 1, 23, 24, 255, 256, 65535, 65536, 100000}) {
            const QByteArray encoded = qmp::FastCbor::encodeBytes(QByteArray(size, 'b'));
            char head[9];
            QCOMPARE(qmp::FastCbor::byteStringHeadSize(encoded), qmp::FastCbor::byteStringHead(size, head));
            QVERIFY(!qmp::FastCbor::byteStringHeadSize(encoded + 'x'));
            QVERIFY(!qmp::FastCbor::byteStringHeadSize(encoded.chopped(1)));
        }
        QCOMPARE(qmp::FastCbor::byteStringHeadSize(QByteArray::fromHex("5b0000000000000002ffff")), 9); // not minimal
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QByteArray()));
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QByteArray::fromHex("5b00000000")));     // truncated head
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QByteArray::fromHex("5f4161ff")));       // indefinite length
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QByteArray::fromHex("5c")));             // reserved
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QCborValue(QStringLiteral("ab")).toCbor())); // text
        QVERIFY(!qmp::FastCbor::byteStringHeadSize(QCborValue(7).toCbor()));
    }

    // What Qt refuses, FastCbor refuses too (found by fuzz_fastcbor: a text string that is not
    // UTF-8 used to decode, with U+FFFD, on the fast path).
    void malformedLikeQt_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text not UTF-8") << QByteArray::fromHex("62fffe");
        QTest::newRow("text with an overlong slash") << QByteArray::fromHex("62c0af");
        QTest::newRow("text with an encoded surrogate") << QByteArray::fromHex("63edb3bf");
        QTest::newRow("text cut in a character") << QByteArray::fromHex("6261e6");
    }
    void malformedLikeQt()
    {
        QFETCH(QByteArray, bytes);
        QCborParserError qt;
        QCborValue::fromCbor(bytes, &qt);
        QVERIFY(qt.error != QCborError::NoError);
        QCborParserError fast;
        qmp::FastCbor::decode(bytes, &fast);
        QCOMPARE(fast.error, qt.error);
    }

    // Every NaN is written as Qt writes it, the canonical quiet NaN (found by fuzz_fastcbor: a
    // NaN with a payload or a sign kept its bits).
    void nanIsWrittenAsQtWritesIt_data()
    {
        QTest::addColumn<quint64>("bits");
        QTest::newRow("payload") << quint64(0x7ff8000000000001ULL);
        QTest::newRow("signalling") << quint64(0x7ff0000000000001ULL);
        QTest::newRow("negative") << quint64(0xfff8000000000000ULL);
    }
    void nanIsWrittenAsQtWritesIt()
    {
        QFETCH(quint64, bits);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        const QCborValue nan(d);
        QCOMPARE(qmp::FastCbor::encode(nan).toHex(), nan.toCbor().toHex());
    }

    // decodeCommon takes what the wires carry most, and gives what Qt's decoder gives.
    void decodeCommonIsQtsDecode_data()
    {
        QTest::addColumn<QCborValue>("value");
        QTest::newRow("0") << QCborValue(0);
        QTest::newRow("-25") << QCborValue(-25);
        QTest::newRow("int64 max") << QCborValue(std::numeric_limits<qint64>::max());
        QTest::newRow("int64 min") << QCborValue(std::numeric_limits<qint64>::min());
        QTest::newRow("double") << QCborValue(-273.154);
        QTest::newRow("double 10.0") << QCborValue(10.0);
        QTest::newRow("false, true, null, undefined")
            << QCborValue(QCborArray{false, true, QCborValue(nullptr), QCborValue()});
        QTest::newRow("bytes") << QCborValue(QByteArray(70000, 'b'));
        QTest::newRow("text") << QCborValue(QStringLiteral("我是0 通过Queue通信"));
        QTest::newRow("empty list") << QCborValue(QCborArray{});
        QTest::newRow("empty map") << QCborValue(QCborMap{});
        QTest::newRow("pool call") << QCborValue(QCborArray{QStringLiteral("c"), 42, QStringLiteral("square"), QCborArray{7}});
        QTest::newRow("pool chunk")
            << QCborValue(QCborArray{QStringLiteral("C"), 42, QStringLiteral("square"),
                                     QCborArray{QCborArray{1}, QCborArray{QByteArray("x")}, QCborArray{}}});
        QTest::newRow("packed result") << QCborValue(QCborArray{QStringLiteral("V"), 9, 4, QByteArray(400, '\1'), QCborMap{}, 1234});
        QCborValue deep(1);
        for (int i = 0; i < 64; ++i)
            deep = QCborArray{deep};
        QTest::newRow("64 deep") << deep;
    }
    void decodeCommonIsQtsDecode()
    {
        QFETCH(QCborValue, value);
        const QByteArray bytes = value.toCbor();
        const std::optional<QCborValue> fast = qmp::FastCbor::decodeCommon(bytes.constData(), bytes.size());
        QVERIFY(fast);
        QCOMPARE(*fast, QCborValue::fromCbor(bytes));
        QCOMPARE(fast->toCbor().toHex(), bytes.toHex());
    }

    // Anything else is left to Qt: other values, and everything malformed, which Qt reports.
    void decodeCommonLeavesTheRestToQt_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("map") << QCborValue(QCborMap{{1, 2}}).toCbor();
        QTest::newRow("tag") << QCborValue(QCborTag(1234), QCborArray{1, 2}).toCbor();
        QTest::newRow("simple 32") << QCborValue(QCborSimpleType(32)).toCbor();
        QTest::newRow("half float") << QByteArray::fromHex("f93c00");
        QTest::newRow("single float") << QByteArray::fromHex("fa3fc00000");
        QTest::newRow("above int64") << QByteArray::fromHex("1bffffffffffffffff");
        QTest::newRow("below int64") << QByteArray::fromHex("3bffffffffffffffff");
        QTest::newRow("indefinite list") << QByteArray::fromHex("9f01ff");
        QTest::newRow("indefinite text") << QByteArray::fromHex("7f6161ff");
        QTest::newRow("reserved head") << QByteArray::fromHex("1c");
        QTest::newRow("trailing byte") << QByteArray::fromHex("0101");
        QTest::newRow("list cut short") << QByteArray::fromHex("830102");
        QTest::newRow("list of a huge size") << QByteArray::fromHex("9bffffffffffffffff01");
        QTest::newRow("bytes cut short") << QByteArray::fromHex("5a00010000");
        QTest::newRow("double cut short") << QByteArray::fromHex("fb3ff0");
        QTest::newRow("text not UTF-8 in a list") << QByteArray::fromHex("8162fffe");
        QByteArray deep(65, char(0x81));
        deep.append(char(1));
        QTest::newRow("65 deep") << deep;
    }
    void decodeCommonLeavesTheRestToQt()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!qmp::FastCbor::decodeCommon(bytes.constData(), bytes.size()));
        QCborParserError qt;
        const QCborValue expected = QCborValue::fromCbor(bytes, &qt);
        QCborParserError fast;
        const QCborValue decoded = qmp::FastCbor::decode(bytes, &fast); // through Qt, as before
        QCOMPARE(fast.error, qt.error);
        if (qt.error == QCborError::NoError) // (Qt's compare() of what it gave up on may crash)
            QCOMPARE(decoded, expected);
    }

    void truncated()
    {
        QCborParserError error;
        qmp::FastCbor::decode(QByteArray::fromHex("5a000100"), &error); // bytes head, cut short
        QVERIFY(error.error != QCborError::NoError);
        qmp::FastCbor::decode(QByteArray(), &error);
        QVERIFY(error.error != QCborError::NoError);
    }
};

QTEST_GUILESS_MAIN(tst_FastCbor)
#include "tst_fastcbor.moc"
