// TaskModel + TaskFilterModel: rows appended and removed as the hub keeps and forgets tasks (no
// resets), retries reopen a row, failures carry their message, running durations grow; the proxy
// filters by state, stuck and search text and sorts numbers as numbers. QAbstractItemModelTester
// on both.
#include "poolevents.h"
#include "taskfiltermodel.h"
#include "taskmodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::TaskFilterModel;
using qmp::TaskModel;
using qmp::TaskState;
namespace Roles = qmp::ModelRoles;
using namespace poolevents;

class TestTaskModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void rowsAppendAndForgetWithoutReset()
    {
        qmp::MonitorOptions options = quietOptions();
        options.keptFinishedTasks = 5;
        MonitorHub hub(options);
        const int id = hub.addPool(QStringLiteral("p"), 1);
        hub.feed(id, {workerStarted(100)});
        hub.feed(id, run(1, 3, 100));
        hub.flush();
        TaskModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        QCOMPARE(model.rowCount(), 3);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // Task 4 stays running while 5..10 finish: the oldest finished ones leave, 4 stays.
        hub.feed(id, {queued(4), started(4, 100)});
        hub.feed(id, run(5, 10, 100));
        hub.flush();
        QCOMPARE(resets.size(), 0);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(model.rowCount(), 6); // 4 (running) + 5 finished kept
        QCOMPARE(model.taskIdAt(0), quint64(4));
        QCOMPARE(model.taskIdAt(1), quint64(6));
        QCOMPARE(model.rowOfTask(10), 5);
        QCOMPARE(model.rowOfTask(1), -1);
        QCOMPARE(model.index(0, TaskModel::State).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(1, TaskModel::State).data().toString(), QStringLiteral("finished"));
        QCOMPARE(model.index(1, TaskModel::Duration).data().toString(), QStringLiteral("1.00 ms"));
        QCOMPARE(model.index(1, TaskModel::Index).data(Roles::Value).toLongLong(), 6);
        QCOMPARE(model.index(1, TaskModel::Worker).data().toString(), QStringLiteral("100"));
        QCOMPARE(model.index(1, TaskModel::Id).data(Roles::Id).toLongLong(), 6);
        // A running task's duration grows on its own.
        const qint64 before = model.index(0, TaskModel::Duration).data(Roles::Value).toLongLong();
        QTRY_VERIFY(model.index(0, TaskModel::Duration).data(Roles::Value).toLongLong() > before);
    }

    void failureAndRetry()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        TaskModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        QSignalSpy output(&model, &TaskModel::outputChanged);
        hub.feed(id, {workerStarted(100), queued(1), started(1, 100),
                      failed(1, 100, QStringLiteral("worker 100 was killed by signal 9"))});
        hub.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TaskModel::State).data().toString(), QStringLiteral("failed"));
        QCOMPARE(model.index(0, TaskModel::Message).data().toString(), QStringLiteral("worker 100 was killed by signal 9"));
        QVERIFY(model.index(0, TaskModel::Message).data(Qt::ForegroundRole).isValid());
        // The retry reopens the same row.
        qmp::PoolEvent retry = started(1, 101);
        retry.attempt = 2;
        hub.feed(id, {workerStarted(101), retry});
        hub.flush();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TaskModel::State).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(0, TaskModel::Attempt).data().toString(), QStringLiteral("2"));
        QVERIFY(!output.isEmpty());
    }

    void commandOutputFollows()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        TaskModel model(&hub);
        model.setPoolId(id);
        qmp::PoolEvent q = queued(1);
        q.isCommand = true;
        q.task = QStringLiteral("echo hi");
        qmp::PoolEvent s = started(1, 4242);
        s.isCommand = true;
        qmp::PoolEvent out = makeEvent(Kind::TaskOutput, 1, 4242);
        out.isCommand = true;
        out.channel = 1;
        out.message = QStringLiteral("hi\n");
        hub.feed(id, {q, s, out});
        hub.flush();
        QCOMPARE(model.outputOf(1), QStringLiteral("hi\n"));
        QCOMPARE(model.outputOf(99), QString());
        QCOMPARE(model.index(0, TaskModel::Name).data().toString(), QStringLiteral("echo hi"));
    }

    // A command cancelled before it started has neither exit code nor duration ("–"); one that ran
    // has both.
    void aTaskThatNeverStartedHasNoExitOrDuration()
    {
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        TaskModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPoolId(id);
        QList<qmp::PoolEvent> events;
        for (quint64 task : {1, 2}) {
            qmp::PoolEvent q = queued(task);
            q.isCommand = true;
            q.task = QStringLiteral("true");
            events.append(q);
        }
        qmp::PoolEvent s = started(1, 4242);
        s.isCommand = true;
        qmp::PoolEvent f = finished(1, 4242, 0);
        f.isCommand = true;
        qmp::PoolEvent cancelled = makeEvent(Kind::TaskFailed, 2);
        cancelled.isCommand = true;
        cancelled.reason = qmp::PoolEvent::Reason::CancelledQueued;
        cancelled.message = QStringLiteral("cancelled before it started");
        hub.feed(id, events + QList<qmp::PoolEvent>{s, f, cancelled});
        hub.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, TaskModel::ExitCode).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(0, TaskModel::Duration).data().toString(), QStringLiteral("0 ns"));
        QCOMPARE(model.index(1, TaskModel::State).data().toString(), QStringLiteral("cancelled"));
        QCOMPARE(model.index(1, TaskModel::ExitCode).data().toString(), QStringLiteral("–"));
        QCOMPARE(model.index(1, TaskModel::Duration).data().toString(), QStringLiteral("–"));
    }

    void filterAndSort_data()
    {
        QTest::addColumn<int>("state"); // -1: any
        QTest::addColumn<QString>("search");
        QTest::addColumn<QList<quint64>>("expected");
        QTest::newRow("all") << -1 << QString() << QList<quint64>{1, 2, 3, 4};
        QTest::newRow("failed") << int(TaskState::State::Failed) << QString() << QList<quint64>{3};
        QTest::newRow("finished") << int(TaskState::State::Finished) << QString() << QList<quint64>{1, 2};
        QTest::newRow("queued") << int(TaskState::State::Queued) << QString() << QList<quint64>{4};
        QTest::newRow("search message") << -1 << QStringLiteral("DISK") << QList<quint64>{3};
        QTest::newRow("search worker pid") << -1 << QStringLiteral("777") << QList<quint64>{1, 2, 3};
        QTest::newRow("state and search") << int(TaskState::State::Finished) << QStringLiteral("disk")
                                          << QList<quint64>{};
    }
    void filterAndSort()
    {
        QFETCH(int, state);
        QFETCH(QString, search);
        QFETCH(QList<quint64>, expected);
        MonitorHub hub(quietOptions());
        const int id = hub.addPool(QStringLiteral("p"), 1);
        TaskModel model(&hub);
        model.setPoolId(id);
        TaskFilterModel filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        hub.feed(id, {workerStarted(777), queued(1), started(1, 777), finished(1, 777, 5'000'000), queued(2),
                      started(2, 777), finished(2, 777, 20'000'000), queued(3), started(3, 777),
                      failed(3, 777, QStringLiteral("disk full")), queued(4)});
        hub.flush();
        filter.setStateFilter(state < 0 ? std::nullopt : std::optional(TaskState::State(state)));
        filter.setSearchText(search);
        QList<quint64> ids;
        for (int row = 0; row < filter.rowCount(); ++row)
            ids << filter.index(row, TaskModel::Id).data(Roles::Id).toULongLong();
        QCOMPARE(ids, expected);
        // Durations sort as numbers (5 ms before 20 ms, though "20.0 ms" < "5.00 ms" as text).
        filter.setStateFilter(TaskState::State::Finished);
        filter.setSearchText(QString());
        filter.sort(TaskModel::Duration, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, TaskModel::Id).data(Roles::Id).toULongLong(), quint64(2));
    }

    void stuckOnly()
    {
        qmp::MonitorOptions options = quietOptions();
        options.stuckAfterMs = 1;
        options.minStuckMs = 1;
        MonitorHub hub(options);
        const int id = hub.addPool(QStringLiteral("p"), 2);
        TaskModel model(&hub);
        model.setPoolId(id);
        TaskFilterModel filter;
        filter.setSourceModel(&model);
        filter.setStuckOnly(true);
        hub.feed(id, {workerStarted(100), queued(1), started(1, 100), queued(2)});
        hub.flush();
        QCOMPARE(filter.rowCount(), 0);
        QTRY_COMPARE((hub.tick(), hub.flush(), filter.rowCount()), 1);
        QCOMPARE(filter.index(0, TaskModel::State).data().toString(), QStringLiteral("stuck"));
        QVERIFY(filter.index(0, TaskModel::Message).data().toString().contains(QStringLiteral("past the")));
    }
};

QTEST_GUILESS_MAIN(TestTaskModel)
#include "tst_taskmodel.moc"
