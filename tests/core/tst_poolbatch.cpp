// PoolBatch ends exactly once: whichever succeed() / fail() / last delivery comes first ends it,
// its onCompleted or onFailed runs once, and everything after is a no-op that says so.

#include "errors.h"
#include "poolbatch.h"

#include <QCborArray>
#include <QTest>

#include <stdexcept>

using qmp::detail::PoolBatch;

namespace {

// A batch of items that records what reached it.
struct Recorder
{
    int completed = 0;
    int failed = 0;
    QList<qsizetype> values;
    QList<qsizetype> itemErrors;
    QString lastError;

    void attach(PoolBatch &batch, bool itemByItem = false)
    {
        batch.onValue = [this](qsizetype index, const QCborValue &value) {
            if (value.isString() && value.toString() == QLatin1String("bad"))
                throw qmp::TypeError(QStringLiteral("item %1 does not convert").arg(index));
            values.append(index);
        };
        batch.onFailed = [this](std::exception_ptr error) {
            ++failed;
            try {
                std::rethrow_exception(error);
            } catch (const std::exception &e) {
                lastError = QString::fromUtf8(e.what());
            }
        };
        batch.onCompleted = [this] { ++completed; };
        if (itemByItem)
            batch.onItemFailed = [this](qsizetype index, std::exception_ptr) { itemErrors.append(index); };
    }
};

std::exception_ptr error(const char *what)
{
    return std::make_exception_ptr(std::runtime_error(what));
}

} // namespace

class tst_PoolBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endsOnce_data();
    void endsOnce();
    void lastDeliveryCompletes();
    void deliveryAfterEndIsDropped();
    void valueThatDoesNotConvertFailsTheBatch();
    void deliverManyWithoutOnValuesDeliversEach();
    void deliverManyFailsTogether();
    void deliverEachStoresAllInOneGo();
    void deliverEachFailsOnlyTheCallThatDoesNotConvert();
    void imapCallsFailItemByItem();
    void emptyBatchSucceedsAtOnce();
    void canceled();
    void packedValuesCountTogether();
    void packedValuesOfTheWrongSizeFailTheirCalls();
    void packedValuesWithoutAReceiverFailTheirCalls();
    void chunkValuesSliceAndConvert();
};

// Two ends in a row: only the first one counts and runs its callback.
void tst_PoolBatch::endsOnce_data()
{
    QTest::addColumn<bool>("firstSucceeds");
    QTest::addColumn<bool>("secondSucceeds");
    QTest::newRow("succeed, succeed") << true << true;
    QTest::newRow("succeed, fail") << true << false;
    QTest::newRow("fail, succeed") << false << true;
    QTest::newRow("fail, fail") << false << false;
}

void tst_PoolBatch::endsOnce()
{
    QFETCH(bool, firstSucceeds);
    QFETCH(bool, secondSucceeds);
    PoolBatch batch(3);
    Recorder recorder;
    recorder.attach(batch);
    QVERIFY(!batch.hasEnded());

    QVERIFY(firstSucceeds ? batch.succeed() : batch.fail(error("first")));
    QVERIFY(batch.hasEnded());
    QVERIFY(!(secondSucceeds ? batch.succeed() : batch.fail(error("second"))));
    QVERIFY(!batch.succeed());
    QVERIFY(!batch.fail(error("third")));
    batch.callsFailed(0, 1, error("fourth")); // no-op too

    QCOMPARE(recorder.completed, firstSucceeds ? 1 : 0);
    QCOMPARE(recorder.failed, firstSucceeds ? 0 : 1);
    if (!firstSucceeds)
        QCOMPARE(recorder.lastError, QStringLiteral("first"));
}

void tst_PoolBatch::lastDeliveryCompletes()
{
    PoolBatch batch(3);
    Recorder recorder;
    recorder.attach(batch);
    batch.deliver(2, 20);
    batch.deliver(0, 0);
    QCOMPARE(recorder.completed, 0);
    QCOMPARE(batch.remaining(), qsizetype(1));
    batch.deliver(1, 10);
    QCOMPARE(recorder.completed, 1);
    QVERIFY(batch.hasEnded());
    QCOMPARE(recorder.values, (QList<qsizetype>{2, 0, 1}));
    QVERIFY(!batch.succeed()); // the engine's own end, late: no second onCompleted
    QCOMPARE(recorder.completed, 1);
}

void tst_PoolBatch::deliveryAfterEndIsDropped()
{
    PoolBatch batch(2);
    Recorder recorder;
    recorder.attach(batch);
    QVERIFY(batch.fail(error("stop")));
    batch.deliver(0, 1);
    batch.deliverMany(0, QCborArray{1, 2});
    QVERIFY(recorder.values.isEmpty());
    QCOMPARE(recorder.failed, 1);
    QCOMPARE(recorder.completed, 0);
}

void tst_PoolBatch::valueThatDoesNotConvertFailsTheBatch()
{
    PoolBatch batch(3);
    Recorder recorder;
    recorder.attach(batch);
    batch.deliver(0, 1);
    batch.deliver(1, QStringLiteral("bad"));
    QCOMPARE(recorder.failed, 1);
    QCOMPARE(recorder.lastError, QStringLiteral("item 1 does not convert"));
    batch.deliver(2, 3); // dropped: it failed
    QCOMPARE(recorder.values, (QList<qsizetype>{0}));
    QCOMPARE(recorder.completed, 0);
}

void tst_PoolBatch::deliverManyWithoutOnValuesDeliversEach()
{
    PoolBatch batch(4);
    Recorder recorder;
    recorder.attach(batch);
    batch.deliverMany(1, QCborArray{1, 2, 3});
    QCOMPARE(recorder.values, (QList<qsizetype>{1, 2, 3}));
    QCOMPARE(recorder.completed, 0);
    batch.deliverMany(0, QCborArray{0});
    QCOMPARE(recorder.completed, 1);
}

void tst_PoolBatch::deliverManyFailsTogether()
{
    PoolBatch batch(2);
    Recorder recorder;
    recorder.attach(batch);
    int stored = 0;
    batch.onValues = [&stored](qsizetype, const QCborArray &values) {
        for (const QCborValue &value : values) {
            if (value.isString())
                throw qmp::TypeError(QStringLiteral("no"));
        }
        stored += int(values.size());
    };
    batch.deliverMany(0, QCborArray{1, QStringLiteral("x")});
    QCOMPARE(stored, 0);
    QCOMPARE(recorder.failed, 1);
    QCOMPARE(recorder.completed, 0);

    PoolBatch other(2);
    Recorder otherRecorder;
    otherRecorder.attach(other);
    other.onValues = batch.onValues;
    other.deliverMany(0, QCborArray{1, 2});
    QCOMPARE(stored, 2);
    QCOMPARE(otherRecorder.completed, 1);
    QVERIFY(otherRecorder.values.isEmpty()); // onValues took them, not onValue one by one
}

// Gathered one-call results: one onValues for all of them.
void tst_PoolBatch::deliverEachStoresAllInOneGo()
{
    PoolBatch batch(3);
    Recorder recorder;
    recorder.attach(batch);
    QList<QList<qsizetype>> stores; // each onValues: the positions it took
    batch.onValues = [&stores](qsizetype first, const QCborArray &values) {
        QList<qsizetype> positions;
        for (qsizetype i = 0; i < values.size(); ++i)
            positions.append(first + i);
        stores.append(positions);
    };
    batch.deliverEach(0, QCborArray{0, 1, 2});
    QCOMPARE(stores, (QList<QList<qsizetype>>{{0, 1, 2}}));
    QVERIFY(recorder.values.isEmpty());
    QCOMPARE(recorder.completed, 1);
}

// Each of them is a call of its own: in an imap, a value that does not convert fails its call
// only, the others keep their values.
void tst_PoolBatch::deliverEachFailsOnlyTheCallThatDoesNotConvert()
{
    PoolBatch batch(3);
    Recorder recorder;
    recorder.attach(batch, true);
    batch.onValues = [](qsizetype, const QCborArray &values) {
        for (const QCborValue &value : values) {
            if (value.isString())
                throw qmp::TypeError(QStringLiteral("no"));
        }
        QFAIL("a value that does not convert reached onValues unnoticed");
    };
    batch.deliverEach(0, QCborArray{0, QStringLiteral("bad"), 2});
    QCOMPARE(recorder.values, (QList<qsizetype>{0, 2}));
    QCOMPARE(recorder.itemErrors, (QList<qsizetype>{1}));
    QCOMPARE(recorder.failed, 0);
    QCOMPARE(recorder.completed, 1);
}

// An imap's batch: a failed call takes its place and the batch goes on, then completes once.
void tst_PoolBatch::imapCallsFailItemByItem()
{
    PoolBatch batch(4);
    Recorder recorder;
    recorder.attach(batch, true);
    QVERIFY(batch.failsItemByItem());
    batch.callsFailed(1, 2, error("worker died"));
    QCOMPARE(recorder.itemErrors, (QList<qsizetype>{1, 2}));
    QCOMPARE(recorder.failed, 0);
    batch.deliver(0, 0);
    QCOMPARE(recorder.completed, 0);
    batch.deliver(3, QStringLiteral("bad")); // its own error, in its place: the last item
    QCOMPARE(recorder.itemErrors, (QList<qsizetype>{1, 2, 3}));
    QCOMPARE(recorder.completed, 1);
    QCOMPARE(recorder.failed, 0);
    batch.callsFailed(0, 1, error("late"));
    QCOMPARE(recorder.itemErrors.size(), 3);
}

void tst_PoolBatch::emptyBatchSucceedsAtOnce()
{
    PoolBatch batch(0);
    Recorder recorder;
    recorder.attach(batch);
    QVERIFY(batch.succeed());
    QCOMPARE(recorder.completed, 1);
}

void tst_PoolBatch::canceled()
{
    PoolBatch batch(1);
    QVERIFY(!batch.wasCanceled()); // no isCanceled: never
    bool canceled = false;
    batch.isCanceled = [&canceled] { return canceled; };
    QVERIFY(!batch.wasCanceled());
    canceled = true;
    QVERIFY(batch.wasCanceled());
}

// A packed chunk's values arrive whole; the batch completes when the last of them is in.
void tst_PoolBatch::packedValuesCountTogether()
{
    PoolBatch batch(5);
    Recorder recorder;
    recorder.attach(batch);
    QList<int> got;
    batch.onPackedValues = [&](qsizetype first, const qmp::ChunkValues &values) {
        QCOMPARE(first, qsizetype(got.size()));
        got += values.toList<int>();
    };
    const QList<int> ints{10, 11, 12, 13, 14};
    const QByteArray bytes(reinterpret_cast<const char *>(ints.constData()), ints.size() * qsizetype(sizeof(int)));
    const qmp::ChunkValues values(bytes, sizeof(int));
    batch.deliverPacked(0, values.mid(0, 3));
    QCOMPARE(recorder.completed, 0);
    batch.deliverPacked(3, values.mid(3, 0)); // nothing: no effect
    batch.deliverPacked(3, values.mid(3, 2));
    QCOMPARE(got, ints);
    QCOMPARE(recorder.completed, 1);
    batch.deliverPacked(0, values); // after the end: dropped
    QCOMPARE(got, ints);
}

void tst_PoolBatch::packedValuesOfTheWrongSizeFailTheirCalls()
{
    PoolBatch batch(2);
    Recorder recorder;
    recorder.attach(batch);
    batch.onPackedValues = [](qsizetype, const qmp::ChunkValues &values) { values.toList<qint64>(); };
    batch.deliverPacked(0, qmp::ChunkValues(QByteArray(8, 'x'), 4));
    QCOMPARE(recorder.failed, 1);
    QVERIFY2(recorder.lastError.contains(QStringLiteral("packed values of 4 bytes each cannot be values of 8 bytes")),
             qPrintable(recorder.lastError));
}

void tst_PoolBatch::packedValuesWithoutAReceiverFailTheirCalls()
{
    PoolBatch batch(1);
    Recorder recorder;
    recorder.attach(batch, true);
    batch.deliverPacked(0, qmp::ChunkValues(QByteArray(4, 'x'), 4));
    QCOMPARE(recorder.itemErrors, QList<qsizetype>{0});
    QCOMPARE(recorder.completed, 1); // an imap's call failed alone, and the batch is done
}

void tst_PoolBatch::chunkValuesSliceAndConvert()
{
    const QList<double> doubles{0.5, -1, 2.25};
    const qmp::ChunkValues values(QByteArray(reinterpret_cast<const char *>(doubles.constData()), 3 * 8) + QByteArray(5, 'x'), 8);
    QCOMPARE(values.size(), 3); // the 5 trailing bytes make no value
    QCOMPARE(values.toList<double>(), doubles);
    QCOMPARE(values.mid(1, 5).toList<double>(), (QList<double>{-1, 2.25}));
    QCOMPARE(values.mid(3, 1).size(), 0);
    // Bytes not aligned for the type: read value by value, the same values.
    QByteArray shifted(1, 'x');
    shifted += QByteArray(reinterpret_cast<const char *>(doubles.constData()), 3 * 8);
    const QByteArray unaligned = QByteArray::fromRawData(shifted.constData() + 1, 3 * 8);
    QVERIFY(reinterpret_cast<quintptr>(unaligned.constData()) % alignof(double) != 0);
    QCOMPARE(qmp::ChunkValues(unaligned, 8).toList<double>(), doubles);
}

QTEST_GUILESS_MAIN(tst_PoolBatch)
#include "tst_poolbatch.moc"
