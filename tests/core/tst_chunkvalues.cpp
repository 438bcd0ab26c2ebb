// ChunkValues: a packed chunk's values — fixed-size values and arenas of values of any length
// (QByteArray, QString) — built, sliced (mid, bytes: what one chunk of a map sends), read back as
// a list, and checked when they come from another process (wellFormed).
#include "chunkvalues.h"
#include "packedtask.h"
#include "errors.h"
#include "qmptempdirs.h"

#include <QTest>

using qmp::ChunkValues;

namespace {
template <qmp::PackedMapValue T>
ChunkValues build(const QList<T> &values)
{
    ChunkValues::Builder builder(values.size(), qmp::detail::packedSizeOf<T>());
    for (qsizetype i = 0; i < values.size(); ++i)
        qmp::detail::putPackedValue<T>(builder, i, values.at(i));
    return ChunkValues(builder.takeBytes(), qmp::detail::packedSizeOf<T>());
}
} // namespace

class TestChunkValues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textsRoundTripAndSlice_data()
    {
        QTest::addColumn<QStringList>("texts");
        QTest::newRow("none") << QStringList{};
        QTest::newRow("one empty") << QStringList{QString()};
        QTest::newRow("mixed") << QStringList{QStringLiteral("a"), QString(), QStringLiteral("平方 😀"), QString(5000, QLatin1Char('x'))};
        QTest::newRow("a lone surrogate") << QStringList{QString(QChar(0xd800)), QStringLiteral("b")}; // not valid UTF-8 / CBOR text
    }
    void textsRoundTripAndSlice()
    {
        QFETCH(QStringList, texts);
        const ChunkValues values = build<QString>(texts);
        QVERIFY(values.isVariable());
        QCOMPARE(values.size(), texts.size());
        QCOMPARE(values.toList<QString>(), texts);
        QVERIFY(ChunkValues::wellFormed(values.bytes(), ChunkValues::kVariableSize));
        QCOMPARE(ChunkValues::countIn(values.bytes(), ChunkValues::kVariableSize), texts.size());
        // Every slice is a chunk of its own that reads back as those values.
        for (qsizetype first = 0; first <= texts.size(); ++first) {
            for (qsizetype count = 0; first + count <= texts.size(); ++count) {
                const QByteArray part = values.mid(first, count).bytes();
                QVERIFY(ChunkValues::wellFormed(part, ChunkValues::kVariableSize));
                QCOMPARE(ChunkValues(part, ChunkValues::kVariableSize).toList<QString>(), texts.mid(first, count));
                QCOMPARE(values.mid(first, count).toList<QString>(), texts.mid(first, count));
            }
        }
    }

    void bytesAndFixedValues()
    {
        const QList<QByteArray> blobs{QByteArray("\0\1", 2), QByteArray(), QByteArray(70000, 'b')};
        QCOMPARE(build<QByteArray>(blobs).toList<QByteArray>(), blobs);
        const QList<qint64> numbers{1, -2, qint64(1) << 40};
        const ChunkValues fixed = build<qint64>(numbers);
        QCOMPARE(fixed.itemSize(), qsizetype(8));
        QCOMPARE(fixed.toList<qint64>(), numbers);
        QCOMPARE(fixed.mid(1, 2).toList<qint64>(), numbers.mid(1, 2));
        QCOMPARE(fixed.mid(1, 2).bytes().size(), qsizetype(16));
        // A call that threw has an empty value (zero bytes when fixed).
        ChunkValues::Builder builder(3, ChunkValues::kVariableSize);
        builder.put(0, "ab", 2);
        builder.putEmpty(1);
        builder.put(2, "c", 1);
        QCOMPARE(ChunkValues(builder.takeBytes(), 0).toList<QByteArray>(), (QList<QByteArray>{"ab", "", "c"}));
    }

    // A starmap's calls of several arguments: fixed-size records when all are Packable, else
    // arena items of one value per argument; both slice by call and read back whole.
    void callsOfSeveralArguments()
    {
        static_assert(qmp::detail::packedCallSize<int, double>() == 12);
        static_assert(qmp::detail::packedCallSize<QString, int>() == ChunkValues::kVariableSize);
        ChunkValues::Builder records(3, 12);
        for (int i = 0; i < 3; ++i)
            qmp::detail::putPackedCall<int, double>(records, i, i - 1, i * 0.5);
        const ChunkValues fixed(records.takeBytes(), 12);
        QCOMPARE(fixed.size(), qsizetype(3));
        QVERIFY((qmp::detail::loadPackedCall<int, double>(fixed, 2) == std::make_tuple(1, 1.0)));
        QVERIFY((qmp::detail::loadPackedCall<int, double>(fixed.mid(1, 1), 0) == std::make_tuple(0, 0.5)));

        const QStringList texts{QStringLiteral("a"), QString(), QStringLiteral("平方 😀"), QStringLiteral("d")};
        ChunkValues::Builder arena(texts.size(), ChunkValues::kVariableSize, 2);
        for (qsizetype i = 0; i < texts.size(); ++i) {
            if (i == 3)
                arena.putEmpty(i); // a call that threw: every value of it empty
            else
                qmp::detail::putPackedCall<QString, int>(arena, i, texts.at(i), int(i) * 10);
        }
        const ChunkValues pairs(arena.takeBytes(), ChunkValues::kVariableSize, 2);
        QVERIFY(ChunkValues::wellFormed(pairs.bytes(), ChunkValues::kVariableSize, 2));
        QVERIFY(!ChunkValues::wellFormed(pairs.bytes(), ChunkValues::kVariableSize, 3));
        QCOMPARE(ChunkValues::countIn(pairs.bytes(), ChunkValues::kVariableSize, 2), qsizetype(4));
        QCOMPARE(pairs.size(), qsizetype(4));
        QCOMPARE(pairs.value(3, 0).size(), qsizetype(0));
        QCOMPARE(pairs.value(3, 1).size(), qsizetype(0));
        for (qsizetype first = 0; first <= 3; ++first) {
            for (qsizetype count = 0; first + count <= 3; ++count) {
                const ChunkValues part(pairs.mid(first, count).bytes(), ChunkValues::kVariableSize, 2);
                QCOMPARE(part.size(), count);
                for (qsizetype i = 0; i < count; ++i) {
                    QVERIFY((qmp::detail::loadPackedCall<QString, int>(part, i)
                             == std::make_tuple(texts.at(first + i), int(first + i) * 10)));
                }
            }
        }
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, pairs.toList<QString>()); // two values per item are not one
    }

    // An arena whose data size is known is written in one buffer; fewer values than planned (or
    // more data) still make a well-formed arena.
    void anArenaOfKnownSize()
    {
        const QList<QByteArray> blobs{QByteArray("ab"), QByteArray(), QByteArray(3000, 'c')};
        ChunkValues::Builder whole(blobs.size(), ChunkValues::kVariableSize, 1, 3002);
        ChunkValues::Builder fewer(blobs.size(), ChunkValues::kVariableSize, 1, 3002);
        ChunkValues::Builder more(blobs.size(), ChunkValues::kVariableSize, 1, 10);
        for (qsizetype i = 0; i < blobs.size(); ++i) {
            qmp::detail::putPackedValue<QByteArray>(whole, i, blobs.at(i));
            qmp::detail::putPackedValue<QByteArray>(more, i, blobs.at(i));
            if (i < 2)
                qmp::detail::putPackedValue<QByteArray>(fewer, i, blobs.at(i));
        }
        const QByteArray bytes = whole.takeBytes();
        QCOMPARE(bytes, build<QByteArray>(blobs).bytes());
        QCOMPARE(ChunkValues(bytes, ChunkValues::kVariableSize).toList<QByteArray>(), blobs);
        QCOMPARE(ChunkValues(more.takeBytes(), ChunkValues::kVariableSize).toList<QByteArray>(), blobs);
        const QByteArray part = fewer.takeBytes();
        QVERIFY(ChunkValues::wellFormed(part, ChunkValues::kVariableSize));
        QCOMPARE(ChunkValues(part, ChunkValues::kVariableSize).toList<QByteArray>(), blobs.mid(0, 2));
    }

    void theWrongTypeIsATypeError()
    {
        const ChunkValues texts = build<QString>({QStringLiteral("a")});
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, texts.toList<int>());
        const ChunkValues ints = build<int>({1, 2});
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, ints.toList<QString>());
        try {
            ints.toList<QByteArray>();
        } catch (const qmp::TypeError &e) {
            QCOMPARE(e.message(), QStringLiteral("packed values of 4 bytes each cannot be values of any length"));
        }
    }

    void malformedArenasAreNoValues_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("why");
        auto words = [](std::initializer_list<quint32> list, const QByteArray &data = {}) {
            QByteArray out;
            for (quint32 w : list)
                out.append(reinterpret_cast<const char *>(&w), sizeof w);
            return out + data;
        };
        QTest::newRow("empty") << QByteArray() << QStringLiteral("0 bytes are too few for an arena's count");
        QTest::newRow("count beyond the bytes") << words({2, 1}) << QStringLiteral("an arena of 8 bytes cannot hold 2 values");
        QTest::newRow("an end past the data") << words({1, 4}, "abc") << QStringLiteral("value 0 of the arena ends at 4, outside 0..3");
        QTest::newRow("data left over") << words({1, 2}, "abc") << QStringLiteral("the arena's values end at 2 of its 3 data bytes");
    }
    void malformedArenasAreNoValues()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, why);
        QString said;
        QVERIFY(!ChunkValues::wellFormed(bytes, ChunkValues::kVariableSize, 1, &said));
        QCOMPARE(said, why);
        QCOMPARE(ChunkValues(bytes, ChunkValues::kVariableSize).size(), qsizetype(0));
    }
};

QMP_GUILESS_TEST_MAIN(TestChunkValues)
#include "tst_chunkvalues.moc"
