// qmp::SharedMemoryManager (seed 002): SharedMemory(size) and ShareableList(seq) made by the
// manager process, used by children, and every one of them unlinked at shutdown — even when a
// process that used them was killed.

#include "process.h"
#include "qmpipctest.h"
#include "sharedmemorymanager.h"
#include "taskregistry.h"

#include <QTest>

#include <csignal>
#include <cstring>

namespace {

// Seed 002: do_work(sl, start, end) stores partial results in the list.
void doWork(qmp::ShareableList sl, int start, int end)
{
    for (int i = start; i < end; ++i)
        sl.set(i, sl.at(i).toInteger() * 2);
}
QMP_TASK(doWork);

void writeBytes(qmp::SharedMemory shm, QByteArray bytes)
{
    std::memcpy(shm.data(), bytes.constData(), size_t(bytes.size()));
}
QMP_TASK(writeBytes);

// Attaches, then dies without any cleanup.
void attachAndDie(qmp::SharedMemory shm)
{
    shm.data()[0] = 'x';
    ::raise(SIGKILL);
}
QMP_TASK(attachAndDie);

} // namespace

class tst_SharedMemoryManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void workDivision()
    {
        qmp::SharedMemoryManager smm;
        QCborArray items;
        for (int i = 0; i < 2000; ++i)
            items.append(i);
        qmp::ShareableList sl = smm.shareableList(items);
        qmp::Process p1(&doWork, sl, 0, 1000);
        qmp::Process p2(&doWork, sl, 1000, 2000);
        p1.start();
        p2.start();
        QVERIFY(p1.join(30000) && p2.join(30000));
        QCOMPARE(p1.exitCode(), 0);
        QCOMPARE(p2.exitCode(), 0);
        qint64 total = 0;
        for (const QCborValue &v : sl.toList())
            total += v.toInteger();
        QCOMPARE(total, qint64(2 * 1999 * 2000 / 2));
        QCOMPARE(smm.segments(), QStringList{sl.shm().name()});
    }

    void sharedMemoryBlock()
    {
        qmp::SharedMemoryManager smm;
        qmp::SharedMemory shm = smm.sharedMemory(64);
        QCOMPARE(shm.size(), 64);
        qmp::Process p(&writeBytes, shm, QByteArray("hello"));
        p.start();
        QVERIFY(p.join(30000));
        QCOMPARE(QByteArray(shm.data(), 5), QByteArray("hello"));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, smm.sharedMemory(0));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, smm.shareableList(QCborArray{QCborMap()}));
    }

    // Shutdown unlinks everything, a crashed user and a block closed here included.
    void freedAtShutdownEvenAfterACrash()
    {
        QStringList names;
        {
            qmp::SharedMemoryManager smm;
            qmp::SharedMemory a = smm.sharedMemory(4096);
            qmp::ShareableList b = smm.shareableList(QCborArray{1, QStringLiteral("two"), 3.0});
            smm.sharedMemory(128).close(); // made and dropped here: still the manager's
            qmp::Process crasher(&attachAndDie, a);
            crasher.start();
            QVERIFY(crasher.join(30000));
            QCOMPARE(crasher.exitCode(), -SIGKILL);
            QCOMPARE(a.data()[0], 'x');
            names = smm.segments();
            QCOMPARE(names.size(), 3);
            a.close();
            b.shm().close();
        }
        for (const QString &name : names)
            QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory{name});
    }

    // terminate() (SIGTERM) stops the manager cleanly: its blocks are unlinked too.
    void terminatedManagerStillFrees()
    {
        qmp::SharedMemoryManager smm;
        qmp::SharedMemory shm = smm.sharedMemory(256);
        const QString name = shm.name();
        shm.close();
        ::kill(pid_t(smm.pid()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(smm.pid()), 60000);
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory{name});
        QVERIFY_THROWS_EXCEPTION(qmp::BrokenPipeError, smm.segments());
    }

    void beforeStart()
    {
        qmp::BaseManager manager;
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, manager.objectCount());
    }
};

QMP_IPC_TEST_MAIN(tst_SharedMemoryManager)
#include "tst_sharedmemorymanager.moc"
