// `qmp ipc ls` / `qmp ipc gc` (IpcSubcommand) against real objects: a live Lock owned by this
// process is listed and kept; a SharedMemory whose creator was SIGKILLed is listed as an
// orphan and removed by gc; usage errors exit with 2.

#include "lock.h"
#include "ipcerrors.h"
#include "process.h"
#include "qmpipctest.h"
#include "sharedmemory.h"
#include "taskregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

namespace {

void createAndDie(const QString &name)
{
    qmp::SharedMemory shm(name, true, 4096);
    ::raise(SIGKILL);
}
QMP_TASK(createAndDie);

struct Run
{
    int code = -1;
    QString out;
};

Run qmpCli(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(QMP_CLI_PATH), arguments);
    Run r;
    if (!p.waitForFinished(20000))
        return r;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    return r;
}

} // namespace

class tst_IpcSubcommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList{} << 2;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("nope")} << 2;
        QTest::newRow("ipc without action") << QStringList{QStringLiteral("ipc")} << 2;
        QTest::newRow("ipc bad action") << QStringList{QStringLiteral("ipc"), QStringLiteral("rm")} << 2;
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0;
    }
    void usage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QCOMPARE(qmpCli(arguments).code, code);
    }

    void listAndCollect()
    {
        qmp::Lock lock;
        const QString name = QStringLiteral("qmp_cli_orphan");
        qmp::Process p(&createAndDie, name);
        p.start();
        QVERIFY(p.join(10000));
        QCOMPARE(p.exitCode(), -9);

        Run ls = qmpCli({QStringLiteral("ipc"), QStringLiteral("ls"), QStringLiteral("--json")});
        QCOMPARE(ls.code, 0);
        const QJsonArray objects = QJsonDocument::fromJson(ls.out.toUtf8()).array();
        QCOMPARE(objects.size(), 2);
        for (const QJsonValue &v : objects) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("kind")).toString() == QLatin1String("lock")) {
                QCOMPARE(o.value(QLatin1String("owner")).toInteger(), qint64(QCoreApplication::applicationPid()));
                QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("live"));
            } else {
                QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("sharedmemory"));
                QCOMPARE(o.value(QLatin1String("owner")).toInteger(), p.pid());
                QCOMPARE(o.value(QLatin1String("ownerAlive")).toBool(), false);
                QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("orphan"));
            }
        }
        Run table = qmpCli({QStringLiteral("ipc"), QStringLiteral("ls")});
        QVERIFY(table.out.contains(QLatin1String("orphan")));

        Run dry = qmpCli({QStringLiteral("ipc"), QStringLiteral("gc"), QStringLiteral("--dry-run")});
        QVERIFY(dry.out.contains(QLatin1String("would remove 1 object(s)")));
        Run gc = qmpCli({QStringLiteral("ipc"), QStringLiteral("gc")});
        QCOMPARE(gc.code, 0);
        QVERIFY2(gc.out.contains(QLatin1String("removed 1 object(s)")), qPrintable(gc.out));
        QVERIFY(gc.out.contains(name));
        QVERIFY(lock.acquire(false)); // the live lock was kept
        lock.release();
        QVERIFY_THROWS_EXCEPTION(qmp::FileNotFoundError, qmp::SharedMemory{name});
    }
};

QMP_IPC_TEST_MAIN(tst_IpcSubcommand)
#include "tst_ipcsubcommand.moc"
