// QueueModel: one row per hub queue, following queueAdded / queueRemoved / queueChanged; every
// column's Value, text, unit and chart hint for each kind of queue; cells that do not apply are
// empty; a full bounded queue stands out; checked by QAbstractItemModelTester.
#include "poolevents.h"
#include "queuemodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::QueueModel;
using qmp::QueueState;
namespace Roles = qmp::ModelRoles;

class TestQueueModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void rowsFollowTheHub()
    {
        MonitorHub hub(poolevents::quietOptions());
        const int first = hub.addQueue(QStringLiteral("first"), QStringLiteral("/tmp/k1"), 0, QueueState::Order::Fifo, false);
        QueueModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
        const int second = hub.addQueue(QStringLiteral("second"), QStringLiteral("/tmp/k2"), 3, QueueState::Order::Lifo, false);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.queueIdAt(1), second);
        QCOMPARE(model.rowOfQueue(first), 0);
        QCOMPARE(model.index(1, QueueModel::Name).data().toString(), QStringLiteral("second"));
        QCOMPARE(model.index(1, QueueModel::Depth).data(Roles::Id).toInt(), second);
        QCOMPARE(model.index(1, QueueModel::Name).data(Qt::ToolTipRole).toString(), QStringLiteral("second\nIPC key: /tmp/k2"));
        hub.flush(); // both are news once
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        hub.feedQueue(second, {1, 1, 1});
        hub.flush();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        hub.removeQueue(first);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.queueIdAt(0), second);
        QCOMPARE(model.queueIdAt(4), 0);
        QCOMPARE(model.rowOfQueue(first), -1);
    }

    void cells_data()
    {
        QTest::addColumn<qint64>("maxsize");
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("joinable");
        QTest::addColumn<int>("lifecycle");
        QTest::addColumn<QStringList>("texts"); // Kind, Depth, Max size, Fill, Unfinished, State
        using O = QueueState::Order;
        using L = QueueState::Lifecycle;
        QTest::newRow("unbounded fifo")
            << qint64(0) << int(O::Fifo) << false << int(L::Open)
            << QStringList{QStringLiteral("FIFO"), QStringLiteral("3"), QStringLiteral("unbounded"), QString(), QString(), QStringLiteral("open")};
        QTest::newRow("bounded lifo")
            << qint64(4) << int(O::Lifo) << false << int(L::Open)
            << QStringList{QStringLiteral("LIFO"), QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("75.0 %"), QString(), QStringLiteral("open")};
        QTest::newRow("priority, closed")
            << qint64(0) << int(O::Priority) << false << int(L::Closed)
            << QStringList{QStringLiteral("priority"), QStringLiteral("3"), QStringLiteral("unbounded"), QString(), QString(), QStringLiteral("closed")};
        QTest::newRow("joinable, gone")
            << qint64(10) << int(O::Fifo) << true << int(L::Gone)
            << QStringList{QStringLiteral("FIFO, joinable"), QStringLiteral("3"), QStringLiteral("10"), QStringLiteral("30.0 %"), QStringLiteral("5"), QStringLiteral("gone")};
    }
    void cells()
    {
        QFETCH(qint64, maxsize);
        QFETCH(int, order);
        QFETCH(bool, joinable);
        QFETCH(int, lifecycle);
        QFETCH(QStringList, texts);
        MonitorHub hub(poolevents::quietOptions());
        const int id = hub.addQueue(QStringLiteral("q"), QStringLiteral("/tmp/k"), maxsize, QueueState::Order(order), joinable);
        QueueModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.index(0, QueueModel::Depth).data(Roles::Value).isValid()); // nothing read yet
        QCOMPARE(model.index(0, QueueModel::Depth).data().toString(), QString());
        hub.feedQueue(id, {3, 5, 12});
        hub.setQueueLifecycle(id, QueueState::Lifecycle(lifecycle));
        hub.flush();
        auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
        const QList<int> columns{QueueModel::Kind, QueueModel::Depth, QueueModel::Maxsize, QueueModel::Fill,
                                 QueueModel::Unfinished, QueueModel::State};
        for (int i = 0; i < columns.size(); ++i) {
            QCOMPARE(cell(columns.at(i)).toString(), texts.at(i));
            QCOMPARE(cell(columns.at(i), Roles::FormattedValue).toString(), texts.at(i));
        }
        QCOMPARE(cell(QueueModel::Depth, Roles::Value).toLongLong(), qint64(3));
        QCOMPARE(cell(QueueModel::Depth, Roles::Unit).toInt(), int(qmp::ValueUnit::Count));
        QCOMPARE(cell(QueueModel::Depth, Roles::ChartHint).toInt(), int(qmp::ChartHint::Measure));
        QCOMPARE(cell(QueueModel::Kind, Roles::ChartHint).toInt(), int(qmp::ChartHint::Category));
        QCOMPARE(cell(QueueModel::Kind, Roles::Value).toInt(), order);
        QCOMPARE(cell(QueueModel::State, Roles::Value).toInt(), lifecycle);
        QCOMPARE(cell(QueueModel::Maxsize, Roles::Value).toLongLong(), maxsize);
        QCOMPARE(cell(QueueModel::Fill, Roles::Value).isValid(), maxsize > 0);
        QCOMPARE(cell(QueueModel::Fill, Roles::Unit).toInt(), int(qmp::ValueUnit::Percent));
        QCOMPARE(cell(QueueModel::Unfinished, Roles::Value).isValid(), joinable);
        QCOMPARE(cell(QueueModel::Depth, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(cell(QueueModel::Name, Roles::Id).toInt(), id);
        // Rates: nothing before two ticks, then measured (no puts in between: 0/s).
        QVERIFY(!cell(QueueModel::PutRate, Roles::Value).isValid());
        QCOMPARE(cell(QueueModel::PutRate).toString(), QString());
        hub.tick();
        if (lifecycle != int(QueueState::Lifecycle::Gone)) {
            QTRY_VERIFY((hub.tick(), hub.flush(), cell(QueueModel::GetRate, Roles::Value).isValid()));
            QCOMPARE(cell(QueueModel::PutRate).toString(), QStringLiteral("0/s"));
            QCOMPARE(cell(QueueModel::PutRate, Roles::Unit).toInt(), int(qmp::ValueUnit::PerSecond));
        }
    }

    void fullQueueStandsOut()
    {
        MonitorHub hub(poolevents::quietOptions());
        const int id = hub.addQueue(QStringLiteral("tight"), QStringLiteral("/tmp/k"), 2, QueueState::Order::Fifo, false);
        QueueModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        hub.feedQueue(id, {1, 1, 1});
        hub.flush();
        QVERIFY(!model.index(0, QueueModel::Depth).data(Qt::ForegroundRole).isValid());
        hub.feedQueue(id, {2, 2, 2});
        hub.flush();
        QVERIFY(model.index(0, QueueModel::Depth).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(0, QueueModel::Depth).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Full")));
        QCOMPARE(model.index(0, QueueModel::Fill).data().toString(), QStringLiteral("100 %"));
    }

    void headers()
    {
        MonitorHub hub(poolevents::quietOptions());
        QueueModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.headerData(QueueModel::Depth, Qt::Horizontal).toString(), QStringLiteral("Depth"));
        QCOMPARE(model.headerData(QueueModel::Unfinished, Qt::Horizontal).toString(), QStringLiteral("Unfinished"));
        for (int column = 0; column < QueueModel::ColumnCount; ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!model.headerData(QueueModel::Fill, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(model.headerData(QueueModel::PutRate, Qt::Horizontal, Roles::Unit).toInt(), int(qmp::ValueUnit::PerSecond));
    }
};

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"
