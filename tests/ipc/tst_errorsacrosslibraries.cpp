// libqmp's errors cross its shared libraries by type: a qmp::Error subclass thrown in one library
// (libqmpcore, libqmpipc, libqmpmanager) is caught as that type, and as its bases defined in
// another library, by a third library and by the program. That needs each error class's typeinfo
// and vtable exported (QMP_<LAYER>_EXPORT), whatever the libraries hide (cmake/QmpLibrary.cmake).

#include "errors.h"
#include "ipcerrors.h"
#include "lock.h"
#include "managererrornames.h"
#include "managererrors.h"
#include "qmpipctest.h"
#include "queue.h"
#include "taskregistry.h"

#include <QTest>

#include <stdexcept>

class tst_ErrorsAcrossLibraries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    // libqmpcore throws its own ValueError; the program catches it by type and by its base.
    void coreErrorCaughtByTheProgram()
    {
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::registerTask(QString(), [](const QCborArray &) {
            return QCborValue();
        }));
        QVERIFY_THROWS_EXCEPTION(qmp::Error, qmp::registerTask(QString(), [](const QCborArray &) {
            return QCborValue();
        }));
    }

    // libqmpipc throws its Empty (base qmp::Error from libqmpcore) and core's ValueError.
    void ipcErrorsCaughtByTheProgram()
    {
        qmp::Queue queue;
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, queue.getNowait());
        QVERIFY_THROWS_EXCEPTION(qmp::Error, queue.getNowait());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, queue.getNowait());
        qmp::Lock lock;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, lock.release());
    }

    // libqmpmanager tells apart (dynamic_cast) what libqmpipc and libqmpcore threw.
    void managerNamesWhatOtherLibrariesThrew()
    {
        qmp::Queue queue;
        try {
            queue.getNowait();
            QFAIL("getNowait() on an empty queue did not throw");
        } catch (const std::exception &e) {
            QCOMPARE(qmp::ManagerErrorNames::nameOf(e), QStringLiteral("Empty"));
        }
        qmp::Lock lock;
        try {
            lock.release();
            QFAIL("release() of an unlocked lock did not throw");
        } catch (const std::exception &e) {
            QCOMPARE(qmp::ManagerErrorNames::nameOf(e), QStringLiteral("ValueError"));
        }
    }

    // libqmpmanager throws types of libqmpipc, libqmpcore and its own; the program catches each.
    void managerThrowsOtherLibrariesTypes()
    {
        const QString where = QStringLiteral("tst_errorsacrosslibraries");
        QVERIFY_THROWS_EXCEPTION(qmp::Empty, qmp::ManagerErrorNames::raise(QStringLiteral("Empty"), QString(), where));
        QVERIFY_THROWS_EXCEPTION(qmp::ProcessError,
                                 qmp::ManagerErrorNames::raise(QStringLiteral("TimeoutError"), QString(), where));
        QVERIFY_THROWS_EXCEPTION(qmp::KeyError, qmp::ManagerErrorNames::raise(QStringLiteral("KeyError"), QString(), where));
        QVERIFY_THROWS_EXCEPTION(qmp::RemoteError,
                                 qmp::ManagerErrorNames::raise(QStringLiteral("RemoteError:Whatever"), QString(), where));
    }
};

QMP_IPC_TEST_MAIN(tst_ErrorsAcrossLibraries)
#include "tst_errorsacrosslibraries.moc"
