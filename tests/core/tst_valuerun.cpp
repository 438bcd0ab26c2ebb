// ValueRun holds one-call results while they continue one another (same batch, next position)
// and delivers each run in one go; a value that does not continue the run delivers it first.

#include "poolbatch.h"
#include "valuerun.h"

#include <QCborArray>
#include <QTest>

#include <memory>

using qmp::detail::PoolBatch;
using qmp::detail::ValueRun;

namespace {

// A batch that records each delivery it got: one entry per onValues / onValue call.
struct Deliveries
{
    QList<QList<qsizetype>> runs; // the positions of each delivery
    int completed = 0;

    std::shared_ptr<PoolBatch> makeBatch(qsizetype items)
    {
        auto batch = std::make_shared<PoolBatch>(items);
        batch->onValue = [this](qsizetype index, const QCborValue &) { runs.append(QList<qsizetype>{index}); };
        batch->onValues = [this](qsizetype first, const QCborArray &values) {
            QList<qsizetype> positions;
            for (qsizetype i = 0; i < values.size(); ++i)
                positions.append(first + i);
            runs.append(positions);
        };
        batch->onFailed = [](std::exception_ptr) {};
        batch->onCompleted = [this] { ++completed; };
        return batch;
    }
};

} // namespace

class tst_ValueRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void consecutiveValuesGoInOneDelivery();
    void aGapStartsANewRun();
    void anotherBatchStartsANewRun();
    void nothingIsDeliveredUntilAsked();
    void deliveringEmptyIsANoOp();
};

void tst_ValueRun::consecutiveValuesGoInOneDelivery()
{
    Deliveries deliveries;
    const auto batch = deliveries.makeBatch(4);
    ValueRun run;
    for (qsizetype i = 0; i < 4; ++i)
        run.add(batch, i, QCborValue(i));
    run.deliver();
    QVERIFY(run.isEmpty());
    QCOMPARE(deliveries.runs, (QList<QList<qsizetype>>{{0, 1, 2, 3}}));
    QCOMPARE(deliveries.completed, 1);
}

// Two workers' windows interleave in one burst: each run is consecutive positions only.
void tst_ValueRun::aGapStartsANewRun()
{
    Deliveries deliveries;
    const auto batch = deliveries.makeBatch(5);
    ValueRun run;
    run.add(batch, 0, 0);
    run.add(batch, 1, 1);
    run.add(batch, 3, 3); // delivers 0, 1 first
    QCOMPARE(deliveries.runs, (QList<QList<qsizetype>>{{0, 1}}));
    run.add(batch, 4, 4);
    run.add(batch, 2, 2); // delivers 3, 4
    run.deliver();
    QCOMPARE(deliveries.runs, (QList<QList<qsizetype>>{{0, 1}, {3, 4}, {2}}));
    QCOMPARE(deliveries.completed, 1);
}

void tst_ValueRun::anotherBatchStartsANewRun()
{
    Deliveries deliveries;
    const auto first = deliveries.makeBatch(2);
    const auto second = deliveries.makeBatch(2);
    ValueRun run;
    run.add(first, 0, 0);
    run.add(second, 1, 1); // the position continues, the batch does not
    QCOMPARE(deliveries.runs, (QList<QList<qsizetype>>{{0}}));
    run.deliver();
    QCOMPARE(deliveries.runs, (QList<QList<qsizetype>>{{0}, {1}}));
    QCOMPARE(first->remaining(), 1);
    QCOMPARE(second->remaining(), 1);
}

void tst_ValueRun::nothingIsDeliveredUntilAsked()
{
    Deliveries deliveries;
    const auto batch = deliveries.makeBatch(2);
    ValueRun run;
    run.add(batch, 0, 0);
    run.add(batch, 1, 1);
    QVERIFY(!run.isEmpty());
    QVERIFY(deliveries.runs.isEmpty());
    QCOMPARE(batch->remaining(), 2);
    run.deliver();
    QCOMPARE(batch->remaining(), 0);
    QVERIFY(batch->hasEnded());
}

void tst_ValueRun::deliveringEmptyIsANoOp()
{
    ValueRun run;
    run.deliver();
    QVERIFY(run.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ValueRun)
#include "tst_valuerun.moc"
