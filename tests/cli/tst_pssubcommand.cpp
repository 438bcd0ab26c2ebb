// `qmp ps` against a real program: this test serves its hub (with a live Pool) on its monitor
// socket, runs the built `qmp ps` and reads what it prints — text and JSON; a pid that serves no
// socket, bad usage and --help.
#include "monitorhub.h"
#include "monitorserver.h"
#include "pool.h"
#include "qmptest.h"

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
Run qmp(const QStringList &arguments)
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
    void cleanup() { QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>()); }

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

        const Run json = qmp({QStringLiteral("ps"), QStringLiteral("--json"), self});
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

        const Run text = qmp({QStringLiteral("ps"), self});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("doubler"), text.out.constData());
        QVERIFY(text.out.contains("QUEUED"));
        QVERIFY(text.out.contains("worker"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2 << QStringLiteral("unknown argument");
        QTest::newRow("bad interval") << QStringList{QStringLiteral("--interval"), QStringLiteral("x")} << 2
                                      << QStringLiteral("--interval");
        QTest::newRow("pid without socket") << QStringList{QStringLiteral("1")} << 1
                                            << QStringLiteral("does not serve a monitor socket");
    }
    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = qmp(QStringList{QStringLiteral("ps")} + arguments);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void help()
    {
        const Run r = qmp({QStringLiteral("ps"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("usage: qmp ps"));
        QVERIFY(r.out.contains("--watch"));
    }
};

QMP_TEST_MAIN(TestPsSubcommand)
#include "tst_pssubcommand.moc"
