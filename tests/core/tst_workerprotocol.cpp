// The pool's worker protocol: every message round-trips through encode() / decode() (and
// decodePoolReply for the replies), and a malformed message — not an array, an unknown kind,
// the wrong number of fields, a field of the wrong type — is a ValueError that says what is
// wrong, never a crash.

#include "chunkvalues.h"
#include "errors.h"
#include "framedecoder.h"
#include "packedtask.h"
#include "workerprotocol.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include <cstring>
#include <functional>

using namespace qmp::wire;
using qmp::ArgumentLists;
using qmp::FrameDecoder;

Q_DECLARE_METATYPE(qmp::wire::PoolCall)
Q_DECLARE_METATYPE(qmp::ArgumentLists)

namespace {

template <typename M>
void checkRoundTrip(const M &message)
{
    const QCborValue frame = message.encode();
    QVERIFY(frame.isArray());
    // Through the bytes too, as it travels.
    const QCborValue parsed = QCborValue::fromCbor(frame.toCbor());
    QCOMPARE(parsed, frame);
    QVERIFY(M::decode(parsed) == message);
}

// decode() throws a ValueError that says what is wrong.
void checkMalformed(const std::function<void()> &decode, const QString &says)
{
    try {
        decode();
        QFAIL("decoded a malformed message");
    } catch (const qmp::ValueError &e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith(QLatin1String("malformed pool message")), e.what());
        QVERIFY2(what.contains(says), e.what());
    }
}

template <typename M>
void checkReplyRoundTrip(const M &message)
{
    checkRoundTrip(message);
    const PoolReply reply = decodePoolReply(QCborValue::fromCbor(message.encode().toCbor()));
    QVERIFY(std::holds_alternative<M>(reply));
    QVERIFY(std::get<M>(reply) == message);
}

} // namespace

namespace {
// An arena (ChunkValues' layout) of these values.
QByteArray arenaOf(const QList<QByteArray> &values)
{
    qmp::ChunkValues::Builder builder(values.size(), qmp::ChunkValues::kVariableSize);
    for (qsizetype i = 0; i < values.size(); ++i)
        builder.put(i, values.at(i).constData(), values.at(i).size());
    return builder.takeBytes();
}

// Words of an arena, written by hand.
QByteArray words(std::initializer_list<quint32> list, const QByteArray &data = {})
{
    QByteArray out;
    for (quint32 w : list)
        out.append(reinterpret_cast<const char *>(&w), sizeof w);
    return out + data;
}
} // namespace

class tst_WorkerProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callRoundTrip_data();
    void callRoundTrip();
    void readyRoundTrip();
    void initFailedRoundTrip();
    void resultRoundTrip_data();
    void resultRoundTrip();
    void errorRoundTrip();
    void chunkResultRoundTrip_data();
    void chunkResultRoundTrip();
    void packedResultRoundTrip_data();
    void packedResultRoundTrip();
    void answeredCall();
    void malformedCall_data();
    void malformedCall();
    void malformedReply_data();
    void malformedReply();
    void decodeChecksTheKind();
    void callFrameIsTheMessagesFrame_data();
    void callFrameIsTheMessagesFrame();
    void callFramesFollowOneAnother();
    void packedCallFrameIsTheMessagesFrame();
    void callFrameAboveTheLimitLeavesOutAsItWas();
};

void tst_WorkerProtocol::callRoundTrip_data()
{
    QTest::addColumn<PoolCall>("call");
    QTest::addColumn<qsizetype>("calls");
    using Shape = PoolCall::Shape;
    QTest::newRow("one call") << PoolCall{Shape::One, 1, QStringLiteral("square"), QCborArray{7}, 0} << qsizetype(1);
    QTest::newRow("one call, no arguments") << PoolCall{Shape::One, 2, QStringLiteral("now"), {}, 0} << qsizetype(1);
    QTest::newRow("one call, nested, unicode")
        << PoolCall{Shape::One, 3, QStringLiteral("多进程"), QCborArray{QCborArray{1, 2}, QCborMap{{1, QStringLiteral("x")}}}, 0}
        << qsizetype(1);
    QTest::newRow("a chunk of lists")
        << PoolCall{Shape::Lists, 4, QStringLiteral("add"), QCborArray{QCborArray{1, 2}, QCborArray{3}, QCborArray{}}, 0}
        << qsizetype(3);
    QTest::newRow("a flat chunk")
        << PoolCall{Shape::Flat, qint64(1) << 40, QStringLiteral("add"), QCborArray{1, 2, 3, 4, 5, 6}, 2} << qsizetype(3);
    QTest::newRow("an empty flat chunk") << PoolCall{Shape::Flat, 6, QStringLiteral("add"), {}, 1} << qsizetype(0);
    QTest::newRow("a packed chunk")
        << PoolCall{Shape::Packed, 7, QStringLiteral("square"), {}, 0, QByteArray("\x01\0\0\0\x02\0\0\0\xff\xff\xff\xff", 12), 4}
        << qsizetype(3);
    QTest::newRow("an empty packed chunk") << PoolCall{Shape::Packed, 8, QStringLiteral("square"), {}, 0, {}, 8}
                                           << qsizetype(0);
    QTest::newRow("a packed chunk of two-argument calls (int, double)")
        << PoolCall{Shape::Packed, 9, QStringLiteral("scaled"), {}, 2, QByteArray(24, '\x07'), 12} << qsizetype(2);
    qmp::ChunkValues::Builder arena(2, qmp::ChunkValues::kVariableSize, 2);
    qmp::detail::putPackedCall<QString, int>(arena, 0, QStringLiteral("a"), 1);
    qmp::detail::putPackedCall<QString, int>(arena, 1, QString(), 2);
    QTest::newRow("a packed arena of two-argument calls (QString, int)")
        << PoolCall{Shape::Packed, 10, QStringLiteral("repeat"), {}, 2, arena.takeBytes(), 0} << qsizetype(2);
}

void tst_WorkerProtocol::callRoundTrip()
{
    QFETCH(PoolCall, call);
    QFETCH(qsizetype, calls);
    checkRoundTrip(call);
    QCOMPARE(PoolCall::decode(call.encode()).callCount(), calls);
}

void tst_WorkerProtocol::readyRoundTrip()
{
    checkReplyRoundTrip(PoolReady{});
    QCOMPARE(PoolReady{}.encode(), QCborValue(QCborArray{QStringLiteral("y")})); // the documented form
}

void tst_WorkerProtocol::initFailedRoundTrip()
{
    checkReplyRoundTrip(PoolInitFailed{QStringLiteral("std::runtime_error"), QStringLiteral("no database")});
}

void tst_WorkerProtocol::resultRoundTrip_data()
{
    QTest::addColumn<QCborValue>("value");
    QTest::newRow("integer") << QCborValue(49);
    QTest::newRow("null") << QCborValue(nullptr);
    QTest::newRow("string") << QCborValue(QStringLiteral("测试"));
    QTest::newRow("bytes") << QCborValue(QByteArray("\x00\xff", 2));
    QTest::newRow("nested") << QCborValue(QCborArray{1, QCborMap{{QStringLiteral("k"), QCborArray{2.5}}}});
}

void tst_WorkerProtocol::resultRoundTrip()
{
    QFETCH(QCborValue, value);
    checkReplyRoundTrip(PoolResult{42, value, 123456});
}

void tst_WorkerProtocol::errorRoundTrip()
{
    const PoolError error{9, {QStringLiteral("qmp::ValueError"), QStringLiteral("bad input"),
                              QStringLiteral("task 'parse' in Pool-1-Worker-1, pid 77")},
                          31};
    checkReplyRoundTrip(error);
    const qmp::RemoteError remote = error.failure.toError();
    QCOMPARE(remote.type(), QStringLiteral("qmp::ValueError"));
    QCOMPARE(remote.remoteMessage(), QStringLiteral("bad input"));
    QCOMPARE(remote.context(), QStringLiteral("task 'parse' in Pool-1-Worker-1, pid 77"));
}

void tst_WorkerProtocol::chunkResultRoundTrip_data()
{
    QTest::addColumn<QCborArray>("values");
    QTest::addColumn<QList<qsizetype>>("failed");
    QTest::newRow("all fine") << QCborArray{1, 4, 9} << QList<qsizetype>{};
    QTest::newRow("some threw") << QCborArray{1, QCborValue(), 9, QCborValue()} << QList<qsizetype>{1, 3};
    QTest::newRow("all threw") << QCborArray{QCborValue()} << QList<qsizetype>{0};
    QTest::newRow("empty") << QCborArray{} << QList<qsizetype>{};
}

void tst_WorkerProtocol::chunkResultRoundTrip()
{
    QFETCH(QCborArray, values);
    QFETCH(QList<qsizetype>, failed);
    PoolChunkResult chunk{77, values, {}, 5000};
    for (qsizetype i : failed)
        chunk.errors.insert(i, TaskFailure{QStringLiteral("E"), QStringLiteral("item %1").arg(i), QStringLiteral("ctx")});
    checkReplyRoundTrip(chunk);
}

void tst_WorkerProtocol::packedResultRoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("itemSize");
    QTest::addColumn<QList<qsizetype>>("failed");
    QTest::addColumn<qsizetype>("calls");
    QTest::newRow("all fine") << QByteArray("\x01\0\x04\0\x09\0", 6) << qsizetype(2) << QList<qsizetype>{} << qsizetype(3);
    QTest::newRow("some threw") << QByteArray(32, '\0') << qsizetype(8) << QList<qsizetype>{1, 3} << qsizetype(4);
    QTest::newRow("all threw") << QByteArray(1, '\0') << qsizetype(1) << QList<qsizetype>{0} << qsizetype(1);
    QTest::newRow("empty") << QByteArray() << qsizetype(4) << QList<qsizetype>{} << qsizetype(0);
    QTest::newRow("an arena") << arenaOf({"ab", "", "cde"}) << qsizetype(0) << QList<qsizetype>{1} << qsizetype(3);
    QTest::newRow("an empty arena") << arenaOf({}) << qsizetype(0) << QList<qsizetype>{} << qsizetype(0);
}

void tst_WorkerProtocol::packedResultRoundTrip()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, itemSize);
    QFETCH(QList<qsizetype>, failed);
    QFETCH(qsizetype, calls);
    PoolPackedResult packed{78, itemSize, bytes, {}, 4000};
    for (qsizetype i : failed)
        packed.errors.insert(i, TaskFailure{QStringLiteral("E"), QStringLiteral("item %1").arg(i), QStringLiteral("ctx")});
    checkReplyRoundTrip(packed);
    QCOMPARE(packed.callCount(), calls);
    // The documented form: ["V", id, size, bytes, {i: [type, message, context]}, ns].
    const QCborArray fields = packed.encode().toArray();
    QCOMPARE(fields.at(0).toString(), QStringLiteral("V"));
    QCOMPARE(fields.at(2).toInteger(), qint64(itemSize));
    QCOMPARE(fields.at(3).toByteArray(), bytes);
}

void tst_WorkerProtocol::answeredCall()
{
    QCOMPARE(qmp::wire::answeredCall(PoolPackedResult{8, 4, {}, {}, 0}), std::optional<qint64>(8));
    QCOMPARE(qmp::wire::answeredCall(PoolResult{5, 1, 0}), std::optional<qint64>(5));
    QCOMPARE(qmp::wire::answeredCall(PoolError{6, {}, 0}), std::optional<qint64>(6));
    QCOMPARE(qmp::wire::answeredCall(PoolChunkResult{7, {}, {}, 0}), std::optional<qint64>(7));
    QCOMPARE(qmp::wire::answeredCall(PoolReady{}), std::optional<qint64>());
    QCOMPARE(qmp::wire::answeredCall(PoolInitFailed{}), std::optional<qint64>());
}

void tst_WorkerProtocol::malformedCall_data()
{
    QTest::addColumn<QCborValue>("frame");
    QTest::addColumn<QString>("says");
    const QString c = QStringLiteral("c");
    const QString f = QStringLiteral("F");
    const QString t = QStringLiteral("task");
    QTest::newRow("not an array") << QCborValue(QCborMap{{1, 2}}) << QStringLiteral("a map, not an array");
    QTest::newRow("empty") << QCborValue(QCborArray{}) << QStringLiteral("does not start with its kind");
    QTest::newRow("kind not a string") << QCborValue(QCborArray{1, 2, 3, 4}) << QStringLiteral("does not start with its kind");
    QTest::newRow("unknown kind") << QCborValue(QCborArray{QStringLiteral("z"), 1, t, QCborArray{}})
                                  << QStringLiteral("'z': no call has this kind");
    QTest::newRow("a reply, not a call") << QCborValue(QCborArray{QStringLiteral("r"), 1, 2, 3})
                                         << QStringLiteral("no call has this kind");
    QTest::newRow("too few fields") << QCborValue(QCborArray{c, 1, t}) << QStringLiteral("has 3 fields, not 4");
    QTest::newRow("too many fields") << QCborValue(QCborArray{c, 1, t, QCborArray{}, 5})
                                     << QStringLiteral("has 5 fields, not 4");
    QTest::newRow("id not an integer") << QCborValue(QCborArray{c, QStringLiteral("1"), t, QCborArray{}})
                                       << QStringLiteral("its id is a string, not an integer");
    QTest::newRow("task not a string") << QCborValue(QCborArray{c, 1, 2, QCborArray{}})
                                       << QStringLiteral("its task is an integer, not a string");
    QTest::newRow("arguments not an array") << QCborValue(QCborArray{c, 1, t, 7})
                                            << QStringLiteral("its argument list is an integer");
    QTest::newRow("a chunk item not a list")
        << QCborValue(QCborArray{QStringLiteral("C"), 1, t, QCborArray{QCborArray{}, 3}})
        << QStringLiteral("call 1's argument list is an integer");
    QTest::newRow("flat arity 0") << QCborValue(QCborArray{f, 1, t, 0, QCborArray{1}})
                                  << QStringLiteral("1 arguments do not make calls of 0");
    QTest::newRow("flat arity does not divide") << QCborValue(QCborArray{f, 1, t, 2, QCborArray{1, 2, 3}})
                                                << QStringLiteral("3 arguments do not make calls of 2");
    QTest::newRow("flat arity not an integer") << QCborValue(QCborArray{f, 1, t, 2.0, QCborArray{1, 2}})
                                               << QStringLiteral("its arity is a double");
    const QString p = QStringLiteral("P");
    QTest::newRow("packed arena too short") << QCborValue(QCborArray{p, 1, t, 0, QByteArray(3, 'x')})
                                            << QStringLiteral("'P': 3 bytes are too few for an arena's count");
    QTest::newRow("packed arena count too large") << QCborValue(QCborArray{p, 1, t, 0, words({3, 1})})
                                                  << QStringLiteral("an arena of 8 bytes cannot hold 3 values");
    QTest::newRow("packed arena count huge") << QCborValue(QCborArray{p, 1, t, 0, words({0xffffffffu})})
                                             << QStringLiteral("cannot hold 4294967295 values");
    QTest::newRow("packed arena end past the data") << QCborValue(QCborArray{p, 1, t, 0, words({1, 5}, "abc")})
                                                    << QStringLiteral("value 0 of the arena ends at 5, outside 0..3");
    QTest::newRow("packed arena ends going back") << QCborValue(QCborArray{p, 1, t, 0, words({2, 2, 1}, "ab")})
                                                  << QStringLiteral("value 1 of the arena ends at 1, outside 2..2");
    QTest::newRow("packed arena data left over") << QCborValue(QCborArray{p, 1, t, 0, words({1, 1}, "ab")})
                                                 << QStringLiteral("the arena's values end at 1 of its 2 data bytes");
    QTest::newRow("packed item size negative") << QCborValue(QCborArray{p, 1, t, -4, QByteArray(4, 'x')})
                                               << QStringLiteral("its item size is -4, not at least 0");
    QTest::newRow("packed bytes truncated") << QCborValue(QCborArray{p, 1, t, 4, QByteArray(10, 'x')})
                                            << QStringLiteral("10 bytes are not whole items of 4 bytes");
    QTest::newRow("packed arguments not bytes") << QCborValue(QCborArray{p, 1, t, 4, QCborArray{1, 2}})
                                                << QStringLiteral("its arguments is an array, not bytes");
    QTest::newRow("packed item size a string") << QCborValue(QCborArray{p, 1, t, QStringLiteral("4"), QByteArray(4, 'x')})
                                               << QStringLiteral("its item size is a string");
    QTest::newRow("packed short") << QCborValue(QCborArray{p, 1, t, 4}) << QStringLiteral("has 4 fields, not 5");
    QTest::newRow("packed arity 1 said") << QCborValue(QCborArray{p, 1, t, 4, QByteArray(4, 'x'), 1})
                                         << QStringLiteral("its arity is 1, not at least 2");
    QTest::newRow("packed arity not an integer") << QCborValue(QCborArray{p, 1, t, 4, QByteArray(4, 'x'), 2.0})
                                                 << QStringLiteral("its arity is a double");
    QTest::newRow("packed arena values not whole calls") << QCborValue(QCborArray{p, 1, t, 0, words({3, 1, 2, 3}, "abc"), 2})
                                                         << QStringLiteral("3 values are not whole items of 2 values");
}

void tst_WorkerProtocol::malformedCall()
{
    QFETCH(QCborValue, frame);
    QFETCH(QString, says);
    checkMalformed([&] { PoolCall::decode(frame); }, says);
}

void tst_WorkerProtocol::malformedReply_data()
{
    QTest::addColumn<QCborValue>("frame");
    QTest::addColumn<QString>("says");
    const QString r = QStringLiteral("r");
    const QString e = QStringLiteral("e");
    const QString R = QStringLiteral("R");
    const QCborArray failure{QStringLiteral("T"), QStringLiteral("m"), QStringLiteral("c")};
    QTest::newRow("null") << QCborValue() << QStringLiteral("not an array");
    QTest::newRow("a string") << QCborValue(QStringLiteral("r")) << QStringLiteral("a string, not an array");
    QTest::newRow("unknown kind") << QCborValue(QCborArray{QStringLiteral("q")}) << QStringLiteral("no reply has this kind");
    QTest::newRow("a call, not a reply") << PoolCall{PoolCall::Shape::One, 1, QStringLiteral("t"), {}, 0}.encode()
                                         << QStringLiteral("'c': no reply has this kind");
    QTest::newRow("ready with a field") << QCborValue(QCborArray{QStringLiteral("y"), 1}) << QStringLiteral("has 2 fields, not 1");
    QTest::newRow("init failure short") << QCborValue(QCborArray{QStringLiteral("i"), QStringLiteral("T")})
                                        << QStringLiteral("has 2 fields, not 3");
    QTest::newRow("init failure type not a string") << QCborValue(QCborArray{QStringLiteral("i"), 1, QStringLiteral("m")})
                                                    << QStringLiteral("its type is an integer");
    QTest::newRow("result without duration") << QCborValue(QCborArray{r, 1, 2}) << QStringLiteral("has 3 fields, not 4");
    QTest::newRow("result id a double") << QCborValue(QCborArray{r, 1.5, 2, 3}) << QStringLiteral("its id is a double");
    QTest::newRow("result duration a string") << QCborValue(QCborArray{r, 1, 2, QStringLiteral("3")})
                                              << QStringLiteral("its duration is a string");
    QTest::newRow("error short") << QCborValue(QCborArray{e, 1, QStringLiteral("T"), QStringLiteral("m"), 5})
                                 << QStringLiteral("has 5 fields, not 6");
    QTest::newRow("error message not a string")
        << QCborValue(QCborArray{e, 1, QStringLiteral("T"), QCborArray{}, QStringLiteral("c"), 5})
        << QStringLiteral("its message is an array");
    QTest::newRow("chunk values not an array") << QCborValue(QCborArray{R, 1, QCborMap{}, QCborMap{}, 5})
                                               << QStringLiteral("its values is a map");
    QTest::newRow("chunk errors not a map") << QCborValue(QCborArray{R, 1, QCborArray{1}, QCborArray{}, 5})
                                            << QStringLiteral("its errors are an array, not a map");
    QTest::newRow("chunk error past the end") << QCborValue(QCborArray{R, 1, QCborArray{1}, QCborMap{{1, failure}}, 5})
                                              << QStringLiteral("position (1) is not one of its 1 calls");
    QTest::newRow("chunk error negative") << QCborValue(QCborArray{R, 1, QCborArray{1}, QCborMap{{-1, failure}}, 5})
                                          << QStringLiteral("position (-1)");
    QTest::newRow("chunk error key a string")
        << QCborValue(QCborArray{R, 1, QCborArray{1}, QCborMap{{QStringLiteral("0"), failure}}, 5})
        << QStringLiteral("position (\"0\")");
    QTest::newRow("chunk error not a triple")
        << QCborValue(QCborArray{R, 1, QCborArray{1}, QCborMap{{0, QCborArray{QStringLiteral("T")}}}, 5})
        << QStringLiteral("an error of 'R': it is [\"T\"], not [type, message, context]");
    const QString V = QStringLiteral("V");
    QTest::newRow("packed result short") << QCborValue(QCborArray{V, 1, 4, QByteArray(4, 'x'), QCborMap{}})
                                         << QStringLiteral("has 5 fields, not 6");
    QTest::newRow("packed values not bytes") << QCborValue(QCborArray{V, 1, 4, QCborArray{1}, QCborMap{}, 5})
                                             << QStringLiteral("its values is an array, not bytes");
    QTest::newRow("packed result arena malformed") << QCborValue(QCborArray{V, 1, 0, QByteArray(4, 'x'), QCborMap{}, 5})
                                                   << QStringLiteral("'V': an arena of 4 bytes cannot hold");
    QTest::newRow("packed arena error past the end")
        << QCborValue(QCborArray{V, 1, 0, arenaOf({"a"}), QCborMap{{1, failure}}, 5})
        << QStringLiteral("'V': an error's position (1) is not one of its 1 calls");
    QTest::newRow("packed result truncated") << QCborValue(QCborArray{V, 1, 8, QByteArray(12, 'x'), QCborMap{}, 5})
                                             << QStringLiteral("12 bytes are not whole items of 8 bytes");
    QTest::newRow("packed error past the end")
        << QCborValue(QCborArray{V, 1, 4, QByteArray(8, 'x'), QCborMap{{2, failure}}, 5})
        << QStringLiteral("'V': an error's position (2) is not one of its 2 calls");
    QTest::newRow("packed errors not a map") << QCborValue(QCborArray{V, 1, 4, QByteArray(4, 'x'), QCborArray{}, 5})
                                             << QStringLiteral("its errors are an array, not a map");
    QTest::newRow("packed error not a triple")
        << QCborValue(QCborArray{V, 1, 4, QByteArray(4, 'x'), QCborMap{{0, 7}}, 5})
        << QStringLiteral("an error of 'V': it is 7, not [type, message, context]");
}

void tst_WorkerProtocol::malformedReply()
{
    QFETCH(QCborValue, frame);
    QFETCH(QString, says);
    checkMalformed([&] { decodePoolReply(frame); }, says);
}

// Each message's own decode() takes only its kind.
void tst_WorkerProtocol::decodeChecksTheKind()
{
    const QCborValue ready = PoolReady{}.encode();
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolResult::decode(ready));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolError::decode(ready));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolChunkResult::decode(ready));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolPackedResult::decode(ready));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolInitFailed::decode(ready));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, PoolReady::decode(PoolResult{1, 2, 3}.encode()));
    try {
        PoolResult::decode(ready);
    } catch (const qmp::ValueError &e) {
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("malformed pool message result ('r'): its kind is 'y', not 'r'"));
    }
}

namespace {
QCborArray intToCbor(const qmp::ChunkValues &values, qsizetype call)
{
    qint32 value;
    std::memcpy(&value, values.value(call).data(), sizeof value);
    return {QCborValue(value)};
}

ArgumentLists packedInts(const QList<qint32> &values)
{
    return ArgumentLists::packed(qmp::ChunkValues(QByteArray(reinterpret_cast<const char *>(values.constData()),
                                                             values.size() * qsizetype(sizeof(qint32))),
                                                  sizeof(qint32)),
                                 1, &intToCbor);
}

QCborArray textToCbor(const qmp::ChunkValues &values, qsizetype call)
{
    return {QCborValue(qmp::detail::loadPackedValue<QString>(values.value(call)))};
}

ArgumentLists packedTexts(const QStringList &values)
{
    qmp::ChunkValues::Builder builder(values.size(), qmp::ChunkValues::kVariableSize);
    for (qsizetype i = 0; i < values.size(); ++i)
        qmp::detail::putPackedValue<QString>(builder, i, values.at(i));
    return ArgumentLists::packed(qmp::ChunkValues(builder.takeBytes(), qmp::ChunkValues::kVariableSize), 1, &textToCbor);
}

// Calls of (QString, int): two arena values per call.
QCborArray textAndIntToCbor(const qmp::ChunkValues &values, qsizetype call)
{
    const auto [text, n] = qmp::detail::loadPackedCall<QString, int>(values, call);
    return {QCborValue(text), QCborValue(n)};
}

ArgumentLists packedTextsAndInts(const QStringList &texts)
{
    qmp::ChunkValues::Builder builder(texts.size(), qmp::ChunkValues::kVariableSize, 2);
    for (qsizetype i = 0; i < texts.size(); ++i)
        qmp::detail::putPackedCall<QString, int>(builder, i, texts.at(i), int(i) - 1);
    return ArgumentLists::packed(qmp::ChunkValues(builder.takeBytes(), qmp::ChunkValues::kVariableSize, 2), 2,
                                 &textAndIntToCbor);
}

} // namespace

// appendCallFrame writes, without the message, the bytes FrameDecoder::encode() writes for it:
// every way arguments are stored, any task name, any id.
void tst_WorkerProtocol::callFrameIsTheMessagesFrame_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("task");
    QTest::addColumn<ArgumentLists>("items");
    QTest::addColumn<qsizetype>("call");
    QTest::newRow("packed int") << qint64(7) << QStringLiteral("identity") << packedInts({5, -3, 1 << 30}) << qsizetype(1);
    QTest::newRow("packed, a range") << qint64(1) << QStringLiteral("identity") << packedInts({5, -3, 9}).mid(1, 2)
                                     << qsizetype(1);
    QTest::newRow("packed text") << qint64(2) << QStringLiteral("upper")
                                 << packedTexts({QStringLiteral("a"), QString(), QStringLiteral("平方 😀")}) << qsizetype(2);
    QTest::newRow("packed text, a range") << qint64(3) << QStringLiteral("upper")
                                          << packedTexts({QStringLiteral("a"), QStringLiteral("bc"), QStringLiteral("def")}).mid(1, 2)
                                          << qsizetype(1);
    QTest::newRow("packed text and int, a range")
        << qint64(4) << QStringLiteral("repeat")
        << packedTextsAndInts({QStringLiteral("a"), QString(), QStringLiteral("平方 😀")}).mid(1, 2) << qsizetype(1);
    QTest::newRow("flat, two arguments")
        << qint64(1) << QStringLiteral("add")
        << ArgumentLists::flat(QCborArray{1, 2, QStringLiteral("x"), 4.5}, 2) << qsizetype(1);
    QTest::newRow("flat, a range") << qint64(300) << QStringLiteral("f")
                                   << ArgumentLists::flat(QCborArray{1, 2, 3, 4}, 1).mid(2, 2) << qsizetype(0);
    QTest::newRow("lists") << qint64(1) << QStringLiteral("g")
                           << ArgumentLists(QList<QCborArray>{{1}, {QCborArray{1, 2}, QCborMap{{1, 2}}, QCborValue()}})
                           << qsizetype(1);
    QTest::newRow("no arguments") << qint64(65536) << QStringLiteral("h") << ArgumentLists(QList<QCborArray>{{}})
                                  << qsizetype(0);
    QTest::newRow("unicode task, large id") << (qint64(1) << 40) << QStringLiteral("τετράγωνο_平方")
                                            << packedInts({2}) << qsizetype(0);
    QTest::newRow("negative id") << qint64(-5) << QStringLiteral("t") << packedInts({2}) << qsizetype(0);
}

void tst_WorkerProtocol::callFrameIsTheMessagesFrame()
{
    QFETCH(qint64, id);
    QFETCH(QString, task);
    QFETCH(ArgumentLists, items);
    QFETCH(qsizetype, call);
    QByteArray frame;
    appendCallFrame(frame, id, task.toUtf8(), items, call);
    const PoolCall message{PoolCall::Shape::One, id, task, items.at(call)};
    QCOMPARE(frame, FrameDecoder::encode(message.encode()));
    FrameDecoder decoder;
    decoder.feed(frame);
    const std::optional<QCborValue> value = decoder.next();
    QVERIFY(value);
    QCOMPARE(PoolCall::decode(*value), message);
    QCOMPARE(decoder.bufferedBytes(), 0);
}

// Appended after what out holds: several calls in one write, each its own frame.
void tst_WorkerProtocol::callFramesFollowOneAnother()
{
    const ArgumentLists items = packedInts({10, 11, 12});
    QByteArray frames = FrameDecoder::encode(PoolReady{}.encode()); // anything before them stays
    for (qsizetype i = 0; i < items.size(); ++i)
        appendCallFrame(frames, 100 + i, "identity", items, i);
    FrameDecoder decoder;
    decoder.feed(frames);
    QCOMPARE(PoolReady::decode(*decoder.next()), PoolReady{});
    for (qsizetype i = 0; i < items.size(); ++i) {
        const std::optional<QCborValue> value = decoder.next();
        QVERIFY(value);
        QCOMPARE(PoolCall::decode(*value),
                 (PoolCall{PoolCall::Shape::One, 100 + i, QStringLiteral("identity"), QCborArray{10 + int(i)}}));
    }
    QVERIFY(!decoder.next());
    QVERIFY(!decoder.hasError());
}

void tst_WorkerProtocol::callFrameAboveTheLimitLeavesOutAsItWas()
{
    QByteArray out("before");
    const ArgumentLists items = ArgumentLists::flat(QCborArray{QString(100, QLatin1Char('x'))}, 1);
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, appendCallFrame(out, 1, "t", items, 0, 64));
    QCOMPARE(out, QByteArray("before"));
    appendCallFrame(out, 1, "t", items, 0, 200); // fits
    QCOMPARE(out.mid(6), FrameDecoder::encode(PoolCall{PoolCall::Shape::One, 1, QStringLiteral("t"), items.at(0)}.encode()));
}

QTEST_GUILESS_MAIN(tst_WorkerProtocol)

// appendPackedCallFrame writes, with the arguments copied once, the bytes FrameDecoder::encode()
// writes for the packed chunk's message: fixed-size values, arenas, slices of them, calls of two
// arguments, after other frames.
void tst_WorkerProtocol::packedCallFrameIsTheMessagesFrame()
{
    const QList<ArgumentLists> all{packedInts({5, -3, 1 << 30}), packedInts({5, -3, 9}).mid(1, 2), packedInts({}),
                                   packedTexts({QStringLiteral("a"), QString(), QStringLiteral("平方 😀")}),
                                   packedTexts({QStringLiteral("a"), QStringLiteral("bc"), QStringLiteral("def")}).mid(1, 2),
                                   packedTexts({QStringLiteral("a")}).mid(1, 0),
                                   packedTextsAndInts({QStringLiteral("a"), QString(), QStringLiteral("平方 😀")}),
                                   packedTextsAndInts({QStringLiteral("a"), QString(), QStringLiteral("平方 😀")}).mid(1, 2)};
    for (qsizetype k = 0; k < all.size(); ++k) {
        const ArgumentLists &items = all.at(k);
        const QCborValue message = PoolCall{PoolCall::Shape::Packed, 40 + k, QStringLiteral("task"), {}, items.packedArity(),
                                            items.packedBytes(), items.packedItemSize()}
                                       .encode();
        QByteArray out("before");
        qmp::wire::appendPackedCallFrame(out, 40 + k, "task", items);
        QCOMPARE(out, QByteArray("before") + qmp::FrameDecoder::encode(message));
        const PoolCall decoded = PoolCall::decode(message);
        QCOMPARE(decoded.callCount(), items.size());
    }
    QByteArray out("kept");
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::wire::appendPackedCallFrame(out, 1, "task", all.at(0), 8));
    QCOMPARE(out, QByteArray("kept"));
}

#include "tst_workerprotocol.moc"
