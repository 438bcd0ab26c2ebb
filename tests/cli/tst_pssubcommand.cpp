// `qmp ps` against a real program: this test serves its hub (with a live Pool) on its monitor
// socket, runs the built `qmp ps` and reads what it prints — text and JSON, pools and queues; a
// pid that serves no socket, another user's fake program (not listed), bad usage and --help.
#include "joinablequeue.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "monitorserver.h"
#include "otheruser.h"
#include "pool.h"
#include "priorityqueue.h"
#include "qmpipctest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using qmp::MonitorHub;
using qmp::MonitorServer;
using qmp::Pool;

namespace {
int twice(int x)
{
    return 2 * x;
}
QMP_TASK(twice);

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// Runs qmp with arguments while this process's event loop keeps serving its monitor socket.
Run runQmp(const QStringList &arguments)
{
    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(QMP_CLI_PATH), arguments);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!finished.wait(30000) && finished.isEmpty())
        p.kill();
    if (finished.isEmpty())
        finished.wait(5000);
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}
} // namespace

class TestPsSubcommand : public QObject
{
    Q_OBJECT
private slots:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void listsThisProgramsQueues()
    {
        MonitorHub hub;
        qmp::JoinableQueue jobs(8);
        for (int i = 0; i < 5; ++i)
            jobs.put(i);
        jobs.get();
        jobs.taskDone();
        qmp::PriorityQueue urgent;
        urgent.put(3);
        hub.watchQueue(jobs, QStringLiteral("jobs"));
        hub.watchQueue(urgent, QStringLiteral("urgent"));
        MonitorServer server(&hub);
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        const QString self = QString::number(QCoreApplication::applicationPid());

        const Run json = runQmp({QStringLiteral("ps"), QStringLiteral("--json"), self});
        QCOMPARE(json.code, 0);
        const QJsonArray programs = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(programs.size(), 1);
        const QJsonArray queues = programs.first().toObject().value(QStringLiteral("queues")).toArray();
        QCOMPARE(queues.size(), 2);
        const QJsonObject q = queues.at(0).toObject();
        QCOMPARE(q.value(QStringLiteral("name")).toString(), QStringLiteral("jobs"));
        QCOMPARE(q.value(QStringLiteral("key")).toString(), jobs.handle().key);
        QCOMPARE(q.value(QStringLiteral("order")).toString(), QStringLiteral("fifo"));
        QCOMPARE(q.value(QStringLiteral("joinable")).toBool(), true);
        QCOMPARE(q.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(q.value(QStringLiteral("depth")).toInt(), 4);
        QCOMPARE(q.value(QStringLiteral("maxsize")).toInt(), 8);
        QCOMPARE(q.value(QStringLiteral("unfinished")).toInt(), 4);
        QCOMPARE(q.value(QStringLiteral("puts")).toInt(), 5);
        QCOMPARE(q.value(QStringLiteral("gets")).toInt(), 1);
        QVERIFY(q.value(QStringLiteral("putsPerSecond")).isNull()); // a one-shot ps measures no rate
        const QJsonObject u = queues.at(1).toObject();
        QCOMPARE(u.value(QStringLiteral("name")).toString(), QStringLiteral("urgent"));
        QCOMPARE(u.value(QStringLiteral("order")).toString(), QStringLiteral("priority"));
        QCOMPARE(u.value(QStringLiteral("depth")).toInt(), 1);
        QVERIFY(u.value(QStringLiteral("unfinished")).isNull()); // not joinable

        const Run text = runQmp({QStringLiteral("ps"), self});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("QUEUE"), text.out.constData());
        QVERIFY(text.out.contains("DEPTH"));
        const QList<QByteArray> lines = text.out.split('\n');
        const auto line = [&](const QByteArray &name) {
            for (const QByteArray &l : lines) {
                if (l.simplified().startsWith(name + ' '))
                    return l.simplified();
            }
            return QByteArray();
        };
        QCOMPARE(line("jobs"), QByteArray("jobs open fifo, joinable 4 8 4 -"));
        QCOMPARE(line("urgent"), QByteArray("urgent open priority 1 - - -"));
    }

    void listsThisProgramsPools()
    {
        MonitorHub hub;
        qmp::PoolOptions options;
        options.name = QStringLiteral("doubler");
        Pool pool(2, options);
        hub.watch(&pool);
        QCOMPARE(pool.map(&twice, QList<int>{1, 2, 3, 4}, 1), (QList<int>{2, 4, 6, 8}));
        QTRY_COMPARE(hub.pool(hub.poolIds().first())->finishedTasks(), qint64(4));
        MonitorServer server(&hub);
        QVERIFY2(server.listen(), qPrintable(server.errorString()));
        const QString self = QString::number(QCoreApplication::applicationPid());

        const Run json = runQmp({QStringLiteral("ps"), QStringLiteral("--json"), self});
        QCOMPARE(json.code, 0);
        const QJsonArray programs = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(programs.size(), 1);
        const QJsonObject program = programs.first().toObject();
        QCOMPARE(program.value(QStringLiteral("pid")).toInteger(), QCoreApplication::applicationPid());
        QCOMPARE(program.value(QStringLiteral("control")).toBool(), false);
        const QJsonArray pools = program.value(QStringLiteral("pools")).toArray();
        QCOMPARE(pools.size(), 1);
        const QJsonObject p = pools.first().toObject();
        QVERIFY(p.value(QStringLiteral("name")).toString().startsWith(QStringLiteral("doubler")));
        QCOMPARE(p.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QCOMPARE(p.value(QStringLiteral("processes")).toInt(), 2);
        QCOMPARE(p.value(QStringLiteral("finished")).toInt(), 4);
        QCOMPARE(p.value(QStringLiteral("queued")).toInt(), 0);
        QCOMPARE(p.value(QStringLiteral("workers")).toArray().size(), 2);

        const Run text = runQmp({QStringLiteral("ps"), self});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("doubler"), text.out.constData());
        QVERIFY(text.out.contains("QUEUED"));
        QVERIFY(text.out.contains("worker"));
    }

    // Another user binds the monitor name of one of this user's processes and serves a fake
    // program there: `qmp ps` does not list it, and `qmp ps PID` says that pid serves nothing.
    void impostorsAreNotListed()
    {
        QMP_OTHER_USER(nobody);
        QProcess victim;
        victim.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(victim.waitForStarted(10000));
        const qint64 pid = victim.processId();
        QProcess squatter;
        qmptest::runAs(squatter, nobody);
        squatter.start(QStringLiteral(QMP_MONITOR_PEER),
                       {QStringLiteral("squat"), QString::fromLatin1(qmp::MonitorProtocol::endpointName(pid)), QString::number(pid)});
        QVERIFY(squatter.waitForReadyRead(20000));
        const Run all = runQmp({QStringLiteral("ps"), QStringLiteral("--json")});
        QCOMPARE(all.code, 0);
        QVERIFY2(!all.out.contains("fake"), all.out.constData());
        const Run one = runQmp({QStringLiteral("ps"), QString::number(pid)});
        QCOMPARE(one.code, 1);
        QVERIFY2(!one.out.contains("fake") && one.err.contains("does not serve a monitor socket"), one.err.constData());
        squatter.closeWriteChannel();
        QVERIFY(squatter.waitForFinished(20000));
        victim.kill();
        victim.waitForFinished();
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2 << QStringLiteral("unknown argument");
        QTest::newRow("bad interval") << QStringList{QStringLiteral("--interval"), QStringLiteral("x")} << 2
                                      << QStringLiteral("--interval");
        QTest::newRow("interval too large") << QStringList{QStringLiteral("-n"), QStringLiteral("1e300")} << 2
                                            << QStringLiteral("--interval");
        QTest::newRow("interval infinite") << QStringList{QStringLiteral("-n"), QStringLiteral("inf")} << 2
                                           << QStringLiteral("--interval");
        QTest::newRow("pid without socket") << QStringList{QStringLiteral("1")} << 1
                                            << QStringLiteral("does not serve a monitor socket");
    }
    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = runQmp(QStringList{QStringLiteral("ps")} + arguments);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void help()
    {
        const Run r = runQmp({QStringLiteral("ps"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("usage: qmp ps"));
        QVERIFY(r.out.contains("--watch"));
    }
};

QMP_IPC_TEST_MAIN(TestPsSubcommand)
#include "tst_pssubcommand.moc"
