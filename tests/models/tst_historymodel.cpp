// HistoryModel: checked by QAbstractItemModelTester in both modes; pages of kPageSize rows loaded
// on demand; filters; roles (raw Value, formatted text, unit, chart hint); new records picked up.
#include "qmptempdirs.h"
#include "historymodel.h"
#include "historystore.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using qmp::BatchRecord;
using qmp::HistoryModel;
using qmp::HistoryStore;
using qmp::TaskQuery;
using qmp::TaskRecord;
namespace Roles = qmp::ModelRoles;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;

TaskRecord task(qint64 batchId, int seq)
{
    TaskRecord t;
    t.batchId = batchId;
    t.seq = seq;
    t.name = QStringLiteral("job %1").arg(seq);
    t.state = seq % 10 == 0 ? TaskRecord::State::Failed : TaskRecord::State::Finished;
    t.exitCode = seq % 10 == 0 ? -9 : 0;
    t.startMs = kT0 + seq;
    t.durationNs = 1'250'000'000;
    t.stdoutBytes = 3 * 1024 * 1024;
    return t;
}

BatchRecord batch(qint64 id, bool finished)
{
    return BatchRecord{id, QStringLiteral("pool"), QStringLiteral("batch %1").arg(id), kT0 + id,
                       finished ? kT0 + id + 10 : 0, 100, finished ? 90 : 0, finished ? 10 : 0};
}

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<HistoryStore>(m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_files)));
        QVERIFY2(m_store->errorString().isEmpty(), qPrintable(m_store->errorString()));
    }
    void cleanup() { m_store.reset(); }

    void pagesTasksOnDemand_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::newRow("empty") << 0;
        QTest::newRow("less than a page") << 100;
        QTest::newRow("exactly a page") << HistoryModel::kPageSize;
        QTest::newRow("several pages") << 1000;
    }
    void pagesTasksOnDemand()
    {
        QFETCH(int, tasks);
        for (int i = 1; i <= tasks; ++i)
            m_store->record(task(1, i));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get()); // no model tester here: it calls fetchMore() itself
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.showTasks({});
        QCOMPARE(model.totalRows(), qint64(tasks));
        QCOMPARE(model.columnCount(), int(HistoryModel::TaskColumnCount));
        int expected = std::min(tasks, HistoryModel::kPageSize);
        QCOMPARE(model.rowCount(), expected);
        while (model.canFetchMore({})) {
            model.fetchMore({});
            expected = std::min(tasks, expected + HistoryModel::kPageSize);
            QCOMPARE(model.rowCount(), expected);
        }
        QCOMPARE(model.rowCount(), tasks);
        QCOMPARE(inserted.count(), std::max(0, (tasks - 1) / HistoryModel::kPageSize)); // a page at a time
        for (int row = 0; row < tasks; ++row)
            QCOMPARE(model.taskAt(row).seq, qint64(row + 1));
    }

    void passesTheModelTesterInBothModes()
    {
        for (qint64 id = 1; id <= 3; ++id) {
            m_store->record(batch(id, id < 3));
            for (int i = 1; i <= 400; ++i)
                m_store->record(task(id, i));
        }
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        model.showTasks({});
        QVERIFY(model.rowCount() >= HistoryModel::kPageSize);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1200);
        TaskQuery second;
        second.batchId = 2;
        model.showTasks(second);
        QVERIFY(model.rowCount() >= HistoryModel::kPageSize);
        m_store->record(batch(4, false));
        m_store->record(task(2, 401));
        QVERIFY(m_store->flush());
        model.refresh();
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 401);
        model.showBatches();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(HistoryModel::BatchColumnCount));
    }

    void filtersTasks()
    {
        for (int i = 1; i <= 300; ++i)
            m_store->record(task(1 + i % 2, i));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskQuery failedOfBatch1;
        failedOfBatch1.batchId = 1;
        failedOfBatch1.states = {TaskRecord::State::Failed};
        model.showTasks(failedOfBatch1);
        QCOMPARE(model.mode(), HistoryModel::Mode::Tasks);
        QCOMPARE(model.rowCount(), 30); // even seq (batch 1) divisible by 10: 10, 20, ..., 300
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.taskAt(row).batchId, qint64(1));
            QCOMPARE(model.taskAt(row).state, TaskRecord::State::Failed);
        }
        QVERIFY(!model.canFetchMore({}));
        model.showBatches(); // no batch records: none
        QCOMPARE(model.rowCount(), 0);
    }

    void rolesOfATask()
    {
        m_store->record(task(1, 10));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        model.showTasks({});
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex duration = model.index(0, HistoryModel::DurationColumn);
        QCOMPARE(duration.data().toString(), QStringLiteral("1.25 s"));
        QCOMPARE(duration.data(Roles::FormattedValue).toString(), QStringLiteral("1.25 s"));
        QCOMPARE(duration.data(Roles::Value).toLongLong(), qint64(1'250'000'000));
        QCOMPARE(duration.data(Roles::Unit).toInt(), int(qmp::ValueUnit::Nanoseconds));
        QCOMPARE(duration.data(Roles::ChartHint).toInt(), int(qmp::ChartHint::Measure));
        const QModelIndex output = model.index(0, HistoryModel::OutputColumn);
        QCOMPARE(output.data().toString(), QStringLiteral("3.00 MiB"));
        QCOMPARE(output.data(Roles::Value).toLongLong(), qint64(3 * 1024 * 1024));
        QCOMPARE(model.index(0, HistoryModel::StateColumn).data().toString(), QStringLiteral("failed"));
        QCOMPARE(model.index(0, HistoryModel::StateColumn).data(Roles::Value).toInt(), int(TaskRecord::State::Failed));
        QCOMPARE(model.index(0, HistoryModel::ExitCodeColumn).data().toString(), QStringLiteral("signal 9"));
        QCOMPARE(model.index(0, HistoryModel::HostColumn).data().toString(), QStringLiteral("local"));
        QCOMPARE(model.index(0, HistoryModel::StartColumn).data(Roles::Value).toLongLong(), kT0 + 10);
        QCOMPARE(model.headerData(HistoryModel::DurationColumn, Qt::Horizontal).toString(), QStringLiteral("Duration"));
        QCOMPARE(model.headerData(HistoryModel::StartColumn, Qt::Horizontal, Roles::ChartHint).toInt(),
                 int(qmp::ChartHint::Time));
    }

    // A task that never started has no exit code and no duration: "–", not "0" and "0 ns". One
    // that ran and exited 0 in no measurable time shows both.
    void aTaskThatNeverStartedHasNoExitOrDuration_data()
    {
        QTest::addColumn<bool>("started");
        QTest::addColumn<QString>("exit");
        QTest::addColumn<QString>("duration");
        QTest::newRow("cancelled while queued") << false << QStringLiteral("–") << QStringLiteral("–");
        QTest::newRow("ran") << true << QStringLiteral("0") << QStringLiteral("0 ns");
    }
    void aTaskThatNeverStartedHasNoExitOrDuration()
    {
        QFETCH(bool, started);
        QFETCH(QString, exit);
        QFETCH(QString, duration);
        TaskRecord t = task(1, 1);
        t.state = started ? TaskRecord::State::Finished : TaskRecord::State::Cancelled;
        t.startMs = started ? kT0 : 0;
        t.endMs = kT0 + 5;
        t.durationNs = 0;
        t.exitCode = 0;
        m_store->record(t);
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.showTasks({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, HistoryModel::ExitCodeColumn).data().toString(), exit);
        QCOMPARE(model.index(0, HistoryModel::DurationColumn).data().toString(), duration);
        QCOMPARE(model.index(0, HistoryModel::DurationColumn).data(Roles::Value).isValid(), started);
        QCOMPARE(model.index(0, HistoryModel::StartColumn).data().toString().isEmpty(), !started);
    }

    void batchesNewestFirstAndUpdated()
    {
        for (qint64 id = 1; id <= 300; ++id)
            m_store->record(batch(id, true));
        m_store->record(batch(301, false));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QCOMPARE(model.mode(), HistoryModel::Mode::Batches);
        QCOMPARE(model.totalRows(), qint64(301));
        QCOMPARE(model.rowCount(), HistoryModel::kPageSize);
        QCOMPARE(model.batchAt(0).id, qint64(301));
        QCOMPARE(model.index(0, HistoryModel::BatchStateColumn).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(0, HistoryModel::FinishedColumn).data().toString(), QString());
        QCOMPARE(model.index(1, HistoryModel::BatchStateColumn).data().toString(), QStringLiteral("finished"));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 301);
        QCOMPARE(model.batchAt(300).id, qint64(1));

        // A new batch lands on top, the running one finishes: both show up after the store writes.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_store->record(batch(302, false));
        m_store->record(batch(301, true));
        QTRY_COMPARE(inserted.count(), 1);
        QTRY_VERIFY(changed.count() >= 1);
        QCOMPARE(model.rowCount(), 302);
        QCOMPARE(model.batchAt(0).id, qint64(302));
        QCOMPARE(model.batchAt(1).id, qint64(301));
        QVERIFY(model.batchAt(1).isFinished());
        QCOMPARE(model.index(1, HistoryModel::OkColumn).data(Roles::Value).toLongLong(), qint64(90));
    }

    // Ids are taken before batches are recorded: a batch recorded after a newer one shows in its
    // place, and an id not recorded yet shows as nothing (not as an empty batch).
    void aBatchRecordedLateShowsInItsPlace()
    {
        const qint64 first = m_store->newBatchId();
        const qint64 second = m_store->newBatchId();
        m_store->record(batch(second, false));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.totalRows(), qint64(1));
        QCOMPARE(model.batchAt(0).id, second);
        m_store->record(batch(first, false));
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.batchAt(0).id, second);
        QCOMPARE(model.batchAt(1).id, first);
        QCOMPARE(model.batchAt(1).title, QStringLiteral("batch %1").arg(first));
    }

    void newTasksAreAppendedOnceAllAreLoaded()
    {
        for (int i = 1; i <= 10; ++i)
            m_store->record(task(1, i));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.showTasks({});
        QCOMPARE(model.rowCount(), 10);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 11; i <= 15; ++i)
            m_store->record(task(1, i));
        QTRY_COMPARE(model.rowCount(), 15);
        QCOMPARE(model.taskAt(14).seq, qint64(15));
        QCOMPARE(inserted.count(), 1);
    }

    void unloadedTasksWaitForFetchMore()
    {
        for (int i = 1; i <= 300; ++i)
            m_store->record(task(1, i));
        QVERIFY(m_store->flush());
        HistoryModel model(m_store.get());
        model.showTasks({});
        QCOMPARE(model.rowCount(), HistoryModel::kPageSize);
        m_store->record(task(1, 301));
        QVERIFY(m_store->flush());
        model.refresh();
        QCOMPARE(model.totalRows(), qint64(301));
        QCOMPARE(model.rowCount(), HistoryModel::kPageSize); // the view asks for more when it scrolls
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 301);
    }

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<HistoryStore> m_store;
};

QMP_GUILESS_TEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
