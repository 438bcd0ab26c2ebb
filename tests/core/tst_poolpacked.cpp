// qmp::Pool's packed maps: a map of a one-argument task whose argument and result are Packable
// sends each chunk as one block of bytes and stores its results whole, with no CBOR per item —
// and behaves exactly as the CBOR path does: results in input order, the first error ends the
// map, a worker that dies mid-chunk fails that chunk and says where it was, an empty input is an
// empty result, under both start methods. starmap of a task whose arguments and result are all
// PackedMapValues sends each chunk packed too, every call's arguments one after another.

#include "pool.h"
#include "qmptest.h"
#include "startmethodtestcase.h"

#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <stdexcept>
#include <unistd.h>

using qmp::Pool;

using qmptest::messageOf;

namespace {

// Conversions of Reading through CBOR in this process (the test's, or a worker's).
std::atomic<int> g_readingConversions{0};

} // namespace

// A struct that opts into packing, with a CborConvert of its own that counts its uses: a packed
// map must not use it per item, in the caller or in the worker.
struct Reading
{
    qint32 sensor;
    double value;
    qint64 workerConversions; // set by the task: the worker's count when it ran
    static constexpr bool qmpPackable = true;
};

template <>
struct qmp::CborConvert<Reading>
{
    static QCborValue toCbor(const Reading &r)
    {
        ++g_readingConversions;
        return QCborArray{r.sensor, r.value, r.workerConversions};
    }
    static Reading fromCbor(const QCborValue &v)
    {
        ++g_readingConversions;
        const QCborArray fields = v.toArray();
        return Reading{qint32(fields.at(0).toInteger()), fields.at(1).toDouble(), fields.at(2).toInteger()};
    }
};

// Opts in without a CborConvert: its bytes travel on the CBOR paths too (apply, imap).
struct Point
{
    double x;
    double y;
    static constexpr bool qmpPackable = true;
};

namespace {

Reading calibrate(Reading r)
{
    r.value *= 2;
    r.workerConversions = g_readingConversions;
    return r;
}
QMP_TASK(calibrate);

Point mirror(Point p)
{
    return Point{p.y, p.x};
}
QMP_TASK(mirror);

int square(int x)
{
    return int(unsigned(x) * unsigned(x)); // wraps (well defined) for the large inputs
}
QMP_TASK(square);

double half(double x)
{
    return x / 2;
}
QMP_TASK(half);

bool isEven(qint64 x)
{
    return x % 2 == 0;
}
QMP_TASK(isEven);

int failOn13(int x)
{
    if (x == 13)
        throw std::invalid_argument("13 is unlucky");
    return x;
}
QMP_TASK(failOn13);

int dieOn3(int x)
{
    if (x == 3) {
        std::signal(SIGKILL, SIG_DFL);
        ::raise(SIGKILL);
    }
    return x;
}
QMP_TASK(dieOn3);

qint64 pidAfter(int ms)
{
    if (ms > 0)
        QThread::msleep(ms);
    return qint64(::getpid());
}
QMP_TASK(pidAfter);

QString shout(const QString &text)
{
    if (text == QLatin1String("boom"))
        throw std::invalid_argument("no boom");
    return text.toUpper() + QLatin1Char('!');
}
QMP_TASK(shout);

qsizetype lengthOf(const QByteArray &bytes)
{
    return bytes.size();
}
QMP_TASK(lengthOf);

QByteArray repeated(int n)
{
    return QByteArray(n, 'r');
}
QMP_TASK(repeated);

double scaled(int n, double factor)
{
    return n * factor;
}
QMP_TASK(scaled);

QString repeatText(const QString &text, int times)
{
    if (times < 0)
        throw std::out_of_range("a negative count");
    return text.repeated(times);
}
QMP_TASK(repeatText);

int sumUnlessThree(int a, int b)
{
    if (a == 3) {
        std::signal(SIGKILL, SIG_DFL);
        ::raise(SIGKILL);
    }
    return a + b;
}
QMP_TASK(sumUnlessThree);

QList<int> upTo(int n)
{
    QList<int> out;
    for (int i = 0; i < n; ++i)
        out.append(i);
    return out;
}

} // namespace

static_assert(qmp::Packable<int> && qmp::Packable<double> && qmp::Packable<bool> && qmp::Packable<Reading>);
static_assert(!qmp::Packable<int *> && !qmp::Packable<QString> && !qmp::Packable<QByteArray>);
struct NotOptedIn
{
    int x;
};
static_assert(!qmp::Packable<NotOptedIn>); // a struct's bytes travel only when it says so
static_assert(qmp::PackedMapValue<QString> && qmp::PackedMapValue<QByteArray> && qmp::PackedMapValue<int>
              && !qmp::PackedMapValue<QStringList> && !qmp::PackedMapValue<NotOptedIn>);

class tst_PoolPacked : public qmptest::StartMethodTestCase // every test once per start method
{
    Q_OBJECT
private Q_SLOTS:
    void intsInInputOrder_data();
    void intsInInputOrder();
    void doublesAndBools();
    void aStructTravelsWithoutCbor();
    void aStructWithoutItsOwnCborConvertTravelsAsBytes();
    void inputsOfAnotherTypeTakeTheCborPath();
    void anErrorInOneItemEndsTheMap();
    void aWorkerDyingMidChunkFailsThatChunk();
    void anEmptyInputIsAnEmptyResult();
    void mapAsyncCallbackAndProgress();
    void aMapsFewLargeChunksSpreadOverTheWorkers();
    void arenaChunksize_data();
    void arenaChunksize();
    void textsAndBytesTravelPacked_data();
    void textsAndBytesTravelPacked();
    void anErrorInOneTextEndsTheMap();
    void starmapOfNumbersTravelsPacked_data();
    void starmapOfNumbersTravelsPacked();
    void starmapOfTextAndNumberTravelsPacked_data();
    void starmapOfTextAndNumberTravelsPacked();
    void starmapAsyncPackedCallbackAndProgress();
    void anErrorInOneStarmapItemEndsTheMap();
    void starmapArgumentsOfAnotherTypeTakeTheCborPath();
    void aWorkerDyingMidStarmapChunkFailsThatChunk();
};

void tst_PoolPacked::intsInInputOrder_data()
{
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("chunksize");
    QTest::newRow("default chunks") << 10000 << 0;
    QTest::newRow("chunk size 1") << 300 << 1;
    QTest::newRow("chunk size 7 (a short last chunk)") << 1000 << 7;
    QTest::newRow("one chunk larger than the input") << 5000 << 100000;
    QTest::newRow("large chunks") << 200000 << 50000;
}

void tst_PoolPacked::intsInInputOrder()
{
    QFETCH(int, items);
    QFETCH(int, chunksize);
    Pool pool(2);
    const QList<int> inputs = upTo(items);
    QList<int> expected;
    for (int x : inputs)
        expected.append(square(x));
    QCOMPARE(pool.map(&square, inputs, chunksize), expected);
    // A std::vector (contiguous too) and a second map on the same workers.
    const std::vector<int> vector(inputs.begin(), inputs.end());
    QCOMPARE(pool.map(&square, vector, chunksize), expected);
}

void tst_PoolPacked::doublesAndBools()
{
    Pool pool(2);
    QList<double> inputs;
    QList<double> halves;
    for (int i = 0; i < 3000; ++i) {
        inputs.append(i * 1.5 - 7);
        halves.append((i * 1.5 - 7) / 2);
    }
    QCOMPARE(pool.map(&half, inputs), halves);
    const QList<bool> even = pool.map(&isEven, QList<qint64>{0, 1, 2, 3, 4, -5});
    QCOMPARE(even, (QList<bool>{true, false, true, false, true, false}));
}

// Before packing, every Reading went through its CborConvert: once per item here to send it
// and once to read its result, and once per item in the worker (workerConversions > 0).
void tst_PoolPacked::aStructTravelsWithoutCbor()
{
    Pool pool(2);
    QList<Reading> inputs;
    for (int i = 0; i < 1000; ++i)
        inputs.append(Reading{i, i * 0.25, -1});
    const int before = g_readingConversions;
    const QList<Reading> out = pool.map(&calibrate, inputs);
    const int here = g_readingConversions - before;
    QVERIFY2(here <= 2, qPrintable(QStringLiteral("%1 conversions in the caller for 1000 items").arg(here)));
    QCOMPARE(out.size(), inputs.size());
    for (int i = 0; i < out.size(); ++i) {
        QCOMPARE(out.at(i).sensor, i);
        QCOMPARE(out.at(i).value, i * 0.5);
        QCOMPARE(out.at(i).workerConversions, qint64(0));
    }
    // apply() takes the CBOR path, through the struct's own CborConvert.
    const Reading one = pool.apply(&calibrate, Reading{7, 1.5, -1});
    QCOMPARE(one.sensor, 7);
    QCOMPARE(one.value, 3.0);
    QVERIFY(one.workerConversions > 0);
}

void tst_PoolPacked::aStructWithoutItsOwnCborConvertTravelsAsBytes()
{
    Pool pool(2);
    const Point p = pool.apply(&mirror, Point{1.5, -2});
    QCOMPARE(p.x, -2.0);
    QCOMPARE(p.y, 1.5);
    QList<Point> inputs;
    for (int i = 0; i < 500; ++i)
        inputs.append(Point{double(i), double(-i)});
    const QList<Point> out = pool.map(&mirror, inputs);
    QCOMPARE(out.size(), 500);
    for (int i = 0; i < out.size(); ++i) {
        QCOMPARE(out.at(i).x, double(-i));
        QCOMPARE(out.at(i).y, double(i));
    }
    QList<double> xs;
    for (const Point &q : pool.imap(&mirror, QList<Point>{{1, 2}, {3, 4}}))
        xs.append(q.x);
    QCOMPARE(xs, (QList<double>{2, 4}));
    // Bytes of the wrong size are a TypeError in the worker, naming the task and the argument.
    try {
        pool.apply(qmp::TaskCall{QStringLiteral("mirror"), QCborArray{QByteArray(3, 'x')}});
        QFAIL("three bytes made a Point");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.type(), QStringLiteral("qmp::TypeError"));
        QVERIFY2(e.remoteMessage().contains(QStringLiteral("task 'mirror', argument 1")), qPrintable(e.remoteMessage()));
    }
}

// Inputs that are not of the argument's type convert as before (CBOR), with its checks.
void tst_PoolPacked::inputsOfAnotherTypeTakeTheCborPath()
{
    Pool pool(2);
    QCOMPARE(pool.map(&square, QList<qint64>{1, 2, 3}), (QList<int>{1, 4, 9}));
    QVERIFY(!messageOf<qmp::RemoteError>([&] { pool.map(&square, QList<qint64>{1, qint64(1) << 40}); })
                 .contains(QStringLiteral("<no exception>")));
}

void tst_PoolPacked::anErrorInOneItemEndsTheMap()
{
    Pool pool(2);
    for (int chunksize : {0, 5, 100}) {
        auto result = pool.mapAsync(&failOn13, upTo(100), chunksize);
        QVERIFY(result.wait(20000));
        QVERIFY(!result.successful());
        try {
            result.get();
            QFAIL("the map succeeded");
        } catch (const qmp::RemoteError &e) {
            QCOMPARE(e.type(), QStringLiteral("std::invalid_argument"));
            QCOMPARE(e.remoteMessage(), QStringLiteral("13 is unlucky"));
            QVERIFY2(e.context().contains(QStringLiteral("task 'failOn13'")), qPrintable(e.context()));
        }
    }
    QCOMPARE(pool.map(&failOn13, QList<int>{12, 14}), (QList<int>{12, 14})); // the workers go on
}

void tst_PoolPacked::aWorkerDyingMidChunkFailsThatChunk()
{
    Pool pool(1);
    auto result = pool.mapAsync(&dieOn3, upTo(8), 4);
    QVERIFY(result.wait(20000));
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("while running a chunk of 4 calls of task 'dieOn3'")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("items 0-3")), qPrintable(message));
    // The lane counted each call of the chunk as it began: the fourth was running.
    QVERIFY2(message.contains(QStringLiteral("it was in item 3 (call 4 of the chunk)")), qPrintable(message));
    QCOMPARE(pool.map(&dieOn3, QList<int>{7, 8, 9}, 3), (QList<int>{7, 8, 9}));
}

void tst_PoolPacked::anEmptyInputIsAnEmptyResult()
{
    Pool pool(1);
    QCOMPARE(pool.map(&square, QList<int>{}), QList<int>{});
    QCOMPARE(pool.map(&calibrate, QList<Reading>{}).size(), 0);
}

void tst_PoolPacked::mapAsyncCallbackAndProgress()
{
    Pool pool(2);
    QList<int> got;
    bool called = false;
    auto result = pool.mapAsync(&square, upTo(1000), 0, [&](const QList<int> &all) {
        got = all;
        called = true;
    });
    QVERIFY(result.wait(20000));
    QCOMPARE(result.future().progressValue(), 1000);
    QTRY_VERIFY(called);
    QCOMPARE(got.size(), 1000);
    QCOMPARE(got.at(999), 999 * 999);
}

// After tiny calls of a task its window is deep; a map's few large chunks of it must still go to
// every worker, not all to the first one. Measured before the fix: all four chunks ran on one
// worker (one pid), the other stayed idle.
void tst_PoolPacked::aMapsFewLargeChunksSpreadOverTheWorkers()
{
    Pool pool(2);
    pool.map(&pidAfter, QList<int>(2000, 0), 1); // tiny calls: a deep window for pidAfter
    const QList<qint64> pids = pool.map(&pidAfter, QList<int>(8, 20), 2); // four chunks of 40 ms
    QCOMPARE(pids.size(), 8);
    QCOMPARE(QSet<qint64>(pids.begin(), pids.end()).size(), 2);
}

void tst_PoolPacked::arenaChunksize_data()
{
    QTest::addColumn<int>("pythonChunk");
    QTest::addColumn<qint64>("calls");
    QTest::addColumn<qint64>("arenaBytes");
    QTest::addColumn<int>("chunk");
    // 20-character texts: 40 bytes of UTF-16 and a 4-byte end each.
    QTest::newRow("short texts: about 16 KiB a chunk") << 12500 << qint64(100000) << qint64(4400000) << 372;
    QTest::newRow("Python's chunk is smaller") << 10 << qint64(80) << qint64(3520) << 10;
    QTest::newRow("a value larger than 16 KiB: one a chunk") << 13 << qint64(100) << qint64(100 * 40000) << 1;
    QTest::newRow("empty values: Python's chunk") << 13 << qint64(100) << qint64(0) << 13;
    QTest::newRow("exactly 16 KiB a call") << 13 << qint64(100) << qint64(100 * 16384) << 1;
}

// Maps of texts and byte strings: Python's chunk, cut to about 16 KiB of values.
void tst_PoolPacked::arenaChunksize()
{
    QFETCH(int, pythonChunk);
    QFETCH(qint64, calls);
    QFETCH(qint64, arenaBytes);
    QFETCH(int, chunk);
    QCOMPARE(qmp::PoolBase::arenaChunksize(pythonChunk, calls, arenaBytes), chunk);
}

QMP_TEST_MAIN(tst_PoolPacked)
#include "tst_poolpacked.moc"

void tst_PoolPacked::textsAndBytesTravelPacked_data()
{
    QTest::addColumn<int>("chunksize");
    QTest::addColumn<bool>("packed"); // chunks of one call go as single calls, through CBOR
    QTest::newRow("Python's chunk size") << 0 << true;
    QTest::newRow("chunks of 7") << 7 << true;
    QTest::newRow("chunks of 1") << 1 << false;
}

// QString and QByteArray arguments and results travel in an arena (a length and the bytes per
// value), no CBOR per call: empty values, any Unicode, long values, and a mix with fixed-size ones.
void tst_PoolPacked::textsAndBytesTravelPacked()
{
    QFETCH(int, chunksize);
    QFETCH(bool, packed);
    Pool pool(2);
    QStringList texts;
    QStringList shouted;
    for (int i = 0; i < 600; ++i) {
        QString text;
        switch (i % 5) {
        case 0: text = QString(); break;
        case 1: text = QStringLiteral("item %1").arg(i); break;
        case 2: text = QStringLiteral("平方 τετράγωνο 😀 %1").arg(i); break;
        case 3: text = QString(2000 + i, QLatin1Char('x')); break;
        default: text = QStringLiteral("𝄞"); break; // one character, two UTF-16 code units
        }
        texts.append(text);
        shouted.append(text.toUpper() + QLatin1Char('!'));
    }
    const quint64 before = pool.packedCalls();
    QCOMPARE(pool.map(&shout, texts, chunksize), shouted);
    QCOMPARE(pool.packedCalls() - before, packed ? quint64(texts.size()) : quint64(0));

    // Python's chunk size would make these few calls chunks of one.
    const int few = chunksize == 1 ? 1 : 2;
    const QList<QByteArray> blobs{QByteArray(), QByteArray("\0\xff", 2), QByteArray(100000, 'b'), QByteArray("z")};
    QCOMPARE(pool.map(&lengthOf, blobs, few), (QList<qsizetype>{0, 2, 100000, 1}));
    QCOMPARE(pool.map(&repeated, QList<int>{0, 3, 70000, 1}, few),
             (QList<QByteArray>{QByteArray(), QByteArray("rrr"), QByteArray(70000, 'r'), QByteArray("r")}));
    QCOMPARE(pool.packedCalls() - before, packed ? quint64(texts.size() + 8) : quint64(0));
}

void tst_PoolPacked::anErrorInOneTextEndsTheMap()
{
    Pool pool(2);
    const QStringList texts{QStringLiteral("a"), QStringLiteral("boom"), QStringLiteral("c"), QStringLiteral("d")};
    auto result = pool.mapAsync(&shout, texts, 2);
    QVERIFY(result.wait(20000));
    QVERIFY(!result.successful());
    try {
        result.get();
        QFAIL("the map succeeded");
    } catch (const qmp::RemoteError &e) {
        QCOMPARE(e.remoteMessage(), QStringLiteral("no boom"));
    }
    // The worker goes on, and a value after a failed one in a chunk is whole.
    QCOMPARE(pool.map(&shout, QStringList{QStringLiteral("x"), QStringLiteral("y")}, 2),
             (QStringList{QStringLiteral("X!"), QStringLiteral("Y!")}));
}

void tst_PoolPacked::starmapOfNumbersTravelsPacked_data()
{
    QTest::addColumn<int>("chunksize");
    QTest::addColumn<bool>("packed"); // chunks of one call go as single calls, through CBOR
    QTest::newRow("Python's chunk size") << 0 << true;
    QTest::newRow("chunks of 7") << 7 << true;
    QTest::newRow("chunks of 1") << 1 << false;
}

// starmap of (int, double) -> double: each chunk's arguments as fixed-size records (an int and a
// double per call), the results as doubles; the same results as the CBOR path (chunks of one).
void tst_PoolPacked::starmapOfNumbersTravelsPacked()
{
    QFETCH(int, chunksize);
    QFETCH(bool, packed);
    Pool pool(2);
    QList<QCborArray> lists;
    QList<double> expected;
    for (int i = 0; i < 2000; ++i) {
        const int n = i - 1000;
        const double factor = i * 0.125 + 1e-3;
        lists.append(QCborArray{n, factor});
        expected.append(n * factor);
    }
    const quint64 before = pool.packedCalls();
    const QList<double> out = pool.starmap(&scaled, lists, chunksize);
    QCOMPARE(pool.packedCalls() - before, packed ? quint64(lists.size()) : quint64(0));
    QCOMPARE(out, expected);
    QCOMPARE(out, pool.starmap(&scaled, lists, 1)); // the CBOR path
}

void tst_PoolPacked::starmapOfTextAndNumberTravelsPacked_data()
{
    starmapOfNumbersTravelsPacked_data();
}

// starmap of (QString, int) -> QString: each chunk's arguments in an arena, two values per call.
void tst_PoolPacked::starmapOfTextAndNumberTravelsPacked()
{
    QFETCH(int, chunksize);
    QFETCH(bool, packed);
    Pool pool(2);
    QList<QCborArray> lists;
    QStringList expected;
    for (int i = 0; i < 600; ++i) {
        QString text;
        switch (i % 4) {
        case 0: text = QString(); break;
        case 1: text = QStringLiteral("item %1").arg(i); break;
        case 2: text = QStringLiteral("平方 τετράγωνο 😀 %1").arg(i); break;
        default: text = QString(500 + i, QLatin1Char('x')); break;
        }
        const int times = i % 3;
        lists.append(QCborArray{text, times});
        expected.append(text.repeated(times));
    }
    const quint64 before = pool.packedCalls();
    const QStringList out = pool.starmap(&repeatText, lists, chunksize);
    QCOMPARE(pool.packedCalls() - before, packed ? quint64(lists.size()) : quint64(0));
    QCOMPARE(out, expected);
    QCOMPARE(out, pool.starmap(&repeatText, lists, 1)); // the CBOR path
}

void tst_PoolPacked::starmapAsyncPackedCallbackAndProgress()
{
    Pool pool(2);
    QList<QCborArray> lists;
    for (int i = 0; i < 1000; ++i)
        lists.append(QCborArray{i, 2.0});
    QList<double> got;
    bool called = false;
    const quint64 before = pool.packedCalls();
    auto result = pool.starmapAsync(&scaled, lists, 0, [&](const QList<double> &all) {
        got = all;
        called = true;
    });
    QVERIFY(result.wait(20000));
    QCOMPARE(result.future().progressValue(), 1000);
    QCOMPARE(pool.packedCalls() - before, quint64(1000));
    QTRY_VERIFY(called);
    QCOMPARE(got.size(), 1000);
    QCOMPARE(got.at(999), 1998.0);
}

// The call that throws fails with its own error (the map ends with it, as on the CBOR path), and
// a result after it in the same chunk is whole.
void tst_PoolPacked::anErrorInOneStarmapItemEndsTheMap()
{
    Pool pool(2);
    const QList<QCborArray> lists{{QStringLiteral("a"), 1}, {QStringLiteral("b"), -1}, {QStringLiteral("c"), 2},
                                  {QStringLiteral("d"), 0}};
    for (int chunksize : {2, 3, 4}) { // Python's chunk size for these four would be 1: single calls, CBOR
        const quint64 before = pool.packedCalls();
        auto result = pool.starmapAsync(&repeatText, lists, chunksize);
        QVERIFY(result.wait(20000));
        QVERIFY(!result.successful());
        QVERIFY(pool.packedCalls() > before);
        try {
            result.get();
            QFAIL("the map succeeded");
        } catch (const qmp::RemoteError &e) {
            QCOMPARE(e.type(), QStringLiteral("std::out_of_range"));
            QCOMPARE(e.remoteMessage(), QStringLiteral("a negative count"));
            QVERIFY2(e.context().contains(QStringLiteral("task 'repeatText'")), qPrintable(e.context()));
        }
    }
    QCOMPARE(pool.starmap(&repeatText, QList<QCborArray>{{QStringLiteral("x"), 2}, {QStringLiteral("y"), 1}}, 2),
             (QStringList{QStringLiteral("xx"), QStringLiteral("y")}));
}

// Arguments that do not convert to the task's types go as CBOR, and fail in the worker as they
// always did, naming the task and the argument; a wrong number of arguments fails at once.
void tst_PoolPacked::starmapArgumentsOfAnotherTypeTakeTheCborPath()
{
    Pool pool(2);
    const QList<QCborArray> lists{{1, 2.0}, {QStringLiteral("three"), 3.0}, {4, 4.0}};
    auto failure = [&](int chunksize) { // the error's type and message (its context names the worker)
        try {
            pool.starmap(&scaled, lists, chunksize);
        } catch (const qmp::RemoteError &e) {
            return e.type() + QLatin1String(": ") + e.remoteMessage();
        }
        return QStringLiteral("<no exception>");
    };
    const quint64 before = pool.packedCalls();
    const QString packedTry = failure(0);
    QCOMPARE(pool.packedCalls(), before);
    QVERIFY2(packedTry.contains(QStringLiteral("task 'scaled', argument 1")), qPrintable(packedTry));
    QCOMPARE(packedTry, failure(1));
    const QString arity = messageOf<qmp::TypeError>([&] { pool.starmap(&scaled, QList<QCborArray>{{1, 2.0}, {1}}, 0); });
    QVERIFY2(arity.contains(QStringLiteral("scaled")), qPrintable(arity));
}

void tst_PoolPacked::aWorkerDyingMidStarmapChunkFailsThatChunk()
{
    Pool pool(1);
    QList<QCborArray> lists;
    for (int i = 0; i < 8; ++i)
        lists.append(QCborArray{i, 10});
    const quint64 before = pool.packedCalls();
    auto result = pool.starmapAsync(&sumUnlessThree, lists, 4);
    QVERIFY(result.wait(20000));
    QVERIFY(pool.packedCalls() > before);
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(); });
    QVERIFY2(message.contains(QStringLiteral("while running a chunk of 4 calls of task 'sumUnlessThree'")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("items 0-3")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("it was in item 3 (call 4 of the chunk)")), qPrintable(message));
    QCOMPARE(pool.starmap(&sumUnlessThree, QList<QCborArray>{{7, 1}, {8, 1}, {9, 1}}, 3), (QList<int>{8, 9, 10}));
}
