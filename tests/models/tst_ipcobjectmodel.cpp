// IpcObjectModel: the IPC objects of this test's private key directory — a live lock (in use,
// owner alive) and the shared memory of a child killed with SIGKILL (leaked, flagged, reclaimed
// by collectGarbage()); QAbstractItemModelTester throughout.
#include "ipcobjectmodel.h"
#include "lock.h"
#include "modelroles.h"
#include "process.h"
#include "qmpipctest.h"
#include "sharedmemory.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using qmp::IpcObjectModel;
namespace Roles = qmp::ModelRoles;

namespace {
void createAndDie(const QString &name)
{
    qmp::SharedMemory shm(name, true, 4096);
    ::raise(SIGKILL);
}
QMP_TASK(createAndDie);
} // namespace

class TestIpcObjectModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void liveAndLeakedObjects()
    {
        IpcObjectModel model;
        model.setRefreshInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy leaks(&model, &IpcObjectModel::leaksChanged);
        {
            qmp::Lock lock;
            model.refresh();
            QCOMPARE(model.rowCount(), 1);
            QCOMPARE(model.index(0, IpcObjectModel::Kind).data().toString(), QStringLiteral("lock"));
            QCOMPARE(model.index(0, IpcObjectModel::Owner).data(Roles::Value).toLongLong(),
                     qint64(QCoreApplication::applicationPid()));
            QCOMPARE(model.index(0, IpcObjectModel::OwnerAlive).data().toString(), QStringLiteral("yes"));
            QCOMPARE(model.index(0, IpcObjectModel::State).data().toString(), QStringLiteral("in use"));
            QVERIFY(!model.index(0, IpcObjectModel::Kind).data(Roles::Stuck).toBool());

            qmp::Process child(&createAndDie, QStringLiteral("qmp_model_orphan"));
            child.start();
            QVERIFY(child.join(10000));
            QCOMPARE(child.exitCode(), -9);
            model.refresh();
            QCOMPARE(model.rowCount(), 2);
            QCOMPARE(model.leakCount(), 1);
            QCOMPARE(leaks.size(), 1);
            int leaked = -1;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.index(row, IpcObjectModel::Kind).data(Roles::Stuck).toBool())
                    leaked = row;
            }
            QVERIFY(leaked >= 0);
            QVERIFY(model.index(leaked, IpcObjectModel::State).data().toString().startsWith(QStringLiteral("leaked")));
            QVERIFY(model.index(leaked, IpcObjectModel::Kind).data(Qt::BackgroundRole).isValid());
            QCOMPARE(model.index(leaked, IpcObjectModel::OwnerAlive).data().toString(), QStringLiteral("no"));
            QCOMPARE(model.index(leaked, IpcObjectModel::Size).data(Roles::Unit).toInt(), int(qmp::ValueUnit::Bytes));

            const QList<qmp::SharedSegment::Info> removed = model.collectGarbage();
            QCOMPARE(removed.size(), 1);
            QCOMPARE(model.rowCount(), 1); // the lock, still in use
            QCOMPARE(model.leakCount(), 0);
        }
        model.refresh();
        QCOMPARE(model.rowCount(), 0);
    }
};

QMP_IPC_TEST_MAIN(TestIpcObjectModel)
#include "tst_ipcobjectmodel.moc"
