// qmp::SharedMemory (multiprocessing.shared_memory) with Python's lifetime: create / attach by
// name, exact size, errors (size, missing, existing names), close() keeps the block, unlink() once;
// a block outlives the close() of every user while its creator runs; a SIGKILLed creator's block is
// reclaimed.

#include "sharedmemory.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "sharedsegment.h"
#include "taskregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace {

void writeHowdy(qmp::SharedMemory shm)
{
    std::memcpy(shm.data(), "howdy", 5);
    shm.close();
}
QMP_TASK(writeHowdy);

void createAndDie(const QString &name)
{
    qmp::SharedMemory shm(name, true, 4096);
    std::memcpy(shm.data(), "left", 4);
    ::raise(SIGKILL);
}
QMP_TASK(createAndDie);

} // namespace

class tst_SharedMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void createAttach()
    {
        qmp::SharedMemory a({}, true, 10);
        QVERIFY(a.name().startsWith(QLatin1String("psm_")));
        QCOMPARE(a.name().size(), 12);
        QCOMPARE(a.size(), 10);
        const unsigned char bytes[] = {22, 33, 44, 55, 100};
        std::memcpy(a.data(), bytes, 5);
        qmp::SharedMemory b(a.name());
        QCOMPARE(b.size(), 10);
        QCOMPARE(QByteArray(b.data(), 5), QByteArray(reinterpret_cast<const char *>(bytes), 5));
        std::memcpy(b.data(), "howdy", 5);
        QCOMPARE(QByteArray(a.data(), 5), QByteArray("howdy"));
        b.close();
        QVERIFY(b.data() == nullptr);
        a.close();
        qmp::SharedMemory c(a.name()); // still there: only unlink() destroys it
        QCOMPARE(QByteArray(c.data(), 5), QByteArray("howdy"));
        c.unlink();
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, c.unlink());
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory(a.name()));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("create");
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("create size 0") << QString() << true << qsizetype(0);
        QTest::newRow("create negative size") << QString() << true << qsizetype(-1);
        QTest::newRow("attach without a name") << QString() << false << qsizetype(0);
        QTest::newRow("bad name") << QStringLiteral("a/b") << true << qsizetype(8);
    }
    void errors()
    {
        QFETCH(QString, name);
        QFETCH(bool, create);
        QFETCH(qsizetype, size);
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::SharedMemory(name, create, size));
    }

    void existsAndMissing()
    {
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory(QStringLiteral("qmp_test_missing")));
        qmp::SharedMemory a(QStringLiteral("qmp_test_exists"), true, 16);
        QVERIFY_THROWS_EXCEPTION(qmp::FileExistsError, qmp::SharedMemory(QStringLiteral("qmp_test_exists"), true, 16));
        a.unlink();
    }

    void childWritesAndCloses()
    {
        qmp::SharedMemory shm({}, true, 64);
        qmp::Process p(&writeHowdy, shm);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QByteArray(shm.data(), 5), QByteArray("howdy"));
        shm.unlink();
        shm.close();
    }

    // System V keys come from ftok(): 16 bits of the key file's inode. A fresh key file whose
    // inode matches a live segment's key file modulo 65536 collides with it (seen once in a full
    // ctest run: "shared memory …/qmp_ipc_condition_… already exists"). A generated key is then
    // dropped, its file removed, and the next one tried. A hard link collides for sure.
    void aGeneratedKeyThatCollidesIsReplaced()
    {
        const auto taken = qmp::SharedSegment::create(qmp::SharedSegment::Kind::SharedMemory, 16);
        const QString colliding = QDir::tempPath() + QStringLiteral("/colliding-key");
        QCOMPARE(::link(QFile::encodeName(taken->nativeKey()).constData(), QFile::encodeName(colliding).constData()), 0);
        int asked = 0;
        const auto made = qmp::SharedSegment::createWithGeneratedKeys(qmp::SharedSegment::Kind::SharedMemory, 16, [&] {
            return ++asked == 1 ? colliding : qmp::SharedSegment::newNativeKey(qmp::SharedSegment::Kind::SharedMemory);
        });
        QCOMPARE(asked, 2);
        QVERIFY(made->nativeKey() != colliding);
        QVERIFY2(!QFileInfo::exists(colliding), "the colliding key's file was left behind");
        QVERIFY(QFileInfo::exists(taken->nativeKey()));
        QCOMPARE(qmp::SharedSegment::attach(taken->nativeKey(), qmp::SharedSegment::Kind::SharedMemory)->payloadSize(), 16);
    }

    void killedCreatorIsReclaimed_data()
    {
        QTest::addColumn<bool>("attachFirst");
        QTest::newRow("by the last detach of a later user") << true;
        QTest::newRow("by collectGarbage (qmp ipc gc)") << false;
    }
    void killedCreatorIsReclaimed()
    {
        QFETCH(bool, attachFirst);
        const QString name = QStringLiteral("qmp_test_killed");
        qmp::Process p(&createAndDie, name);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);
        if (attachFirst) {
            {
                qmp::SharedMemory left(name); // still attachable, with the data
                QCOMPARE(QByteArray(left.data(), 4), QByteArray("left"));
            } // the creator is gone: this last detach removes it
        } else {
            const QList<qmp::SharedSegment::Info> listed = qmp::SharedSegment::list();
            QCOMPARE(listed.size(), 1);
            QVERIFY(listed.first().orphan);
            QCOMPARE(listed.first().attachments, 0);
            const QList<qmp::SharedSegment::Info> removed = qmp::SharedSegment::collectGarbage();
            QCOMPARE(removed.size(), 1);
            QCOMPARE(removed.first().kind, QStringLiteral("sharedmemory"));
            QCOMPARE(removed.first().creatorPid, p.pid());
        }
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory{name});
    }
};

QMP_IPC_TEST_MAIN(tst_SharedMemory)
#include "tst_sharedmemory.moc"
