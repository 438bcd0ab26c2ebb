// RemoteCommand: a command run by a pool worker as its task (what `qmp run --slurm` hands its
// persistent workers on the nodes), here in this process: output, exit codes, signals, timeouts
// that kill the whole tree, a missing program, bytes in arguments, the node's name — and the
// call and its answer surviving the wire's CBOR.
#include "errors.h"
#include "remotecommand.h"
#include "surrogateescape.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using qmp::Command;
using qmp::CommandResult;
using qmp::RemoteCommand;

class tst_RemoteCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsAndReports_data();
    void runsAndReports();
    void timeoutKillsTheWholeTree();
    void missingProgramDoesNotStart();
    void bytesReachTheProgram();
    void namesTheSlurmNode();
    void isRegisteredByName();

private:
    static CommandResult run(const Command &command, std::chrono::milliseconds timeout = {})
    {
        const qmp::TaskCall call = RemoteCommand::call(command, timeout);
        // Through CBOR's bytes both ways, as over a worker's socket.
        const QCborArray sent = QCborValue::fromCbor(QCborValue(call.args).toCbor()).toArray();
        const QCborValue answer = RemoteCommand::runHere(sent);
        return RemoteCommand::result(QCborValue::fromCbor(answer.toCbor()), command);
    }
    static Command shell(const QString &line) { return Command{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line}, {}, {}}; }
};

void tst_RemoteCommand::runsAndReports_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::newRow("success") << QStringLiteral("echo hello") << 0 << QByteArray("hello\n") << QByteArray();
    QTest::newRow("exit 3, both streams") << QStringLiteral("echo out; echo err >&2; exit 3") << 3 << QByteArray("out\n")
                                          << QByteArray("err\n");
    QTest::newRow("killed by SIGTERM") << QStringLiteral("kill -TERM $$") << -SIGTERM << QByteArray() << QByteArray();
    QTest::newRow("more than a pipe holds")
        << QStringLiteral("head -c 300000 /dev/zero") << 0 << QByteArray(300000, '\0') << QByteArray();
    QTest::newRow("stdin is empty") << QStringLiteral("cat") << 0 << QByteArray() << QByteArray();
}

void tst_RemoteCommand::runsAndReports()
{
    QFETCH(QString, line);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    const CommandResult r = run(shell(line));
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.standardOutput, out);
    QCOMPARE(r.standardError, err);
    QCOMPARE(r.timedOut, false);
    QCOMPARE(r.program, QStringLiteral("/bin/sh"));
    QCOMPARE(r.arguments, (QStringList{QStringLiteral("-c"), line}));
    QVERIFY(r.pid > 0);
    QCOMPARE(r.attempts, 1);
    QVERIFY(r.startTimeMs > 0);
    QVERIFY(r.durationNs > 0);
}

void tst_RemoteCommand::timeoutKillsTheWholeTree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
    // A grandchild in the same process group: the timeout ends it too.
    const CommandResult r = run(shell(QStringLiteral("sleep 600 & echo $! > '%1'; wait").arg(pidFile)),
                                std::chrono::milliseconds(300));
    QVERIFY(r.started);
    QVERIFY(r.timedOut);
    QCOMPARE(r.exitCode, -SIGKILL);
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t grandchild = pid_t(file.readAll().trimmed().toInt());
    QVERIFY(grandchild > 0);
    QTRY_VERIFY(::kill(grandchild, 0) != 0); // gone (reaped by init)
}

void tst_RemoteCommand::missingProgramDoesNotStart()
{
    const CommandResult r = run(Command{QStringLiteral("qmp-no-such-program"), {}, {}, {}});
    QVERIFY(!r.started);
    QCOMPARE(r.exitCode, 127);
    QVERIFY2(r.error.contains(QLatin1String("qmp-no-such-program")), qPrintable(r.error));
}

void tst_RemoteCommand::bytesReachTheProgram()
{
    const QString latin1Name = qmp::SurrogateEscape::decode(QByteArrayView("caf\xe9", 4)); // not UTF-8
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Command command = shell(QStringLiteral("printf '%s|%s' \"$1\" \"$PWD\""));
    command.arguments << QStringLiteral("sh") << latin1Name;
    command.workingDirectory = dir.path();
    const CommandResult r = run(command);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.standardOutput, QByteArray("caf\xe9|", 5) + dir.path().toUtf8());
    QCOMPARE(r.arguments.last(), latin1Name);
}

void tst_RemoteCommand::namesTheSlurmNode()
{
    qputenv("SLURMD_NODENAME", "node7");
    const CommandResult r = run(Command{QStringLiteral("true"), {}, {}, {}});
    qunsetenv("SLURMD_NODENAME");
    QCOMPARE(r.host, QStringLiteral("node7"));
    QVERIFY(!run(Command{QStringLiteral("true"), {}, {}, {}}).host.isEmpty()); // else the host name
}

void tst_RemoteCommand::isRegisteredByName()
{
    const qmp::TaskCall call = RemoteCommand::call(Command{QStringLiteral("echo"), {QStringLiteral("x")}, {}, {}}, {});
    const QCborValue answer = qmp::TaskRegistry::instance().call(call.name, call.args);
    QCOMPARE(RemoteCommand::result(answer, Command{}).standardOutput, QByteArray("x\n"));
    QVERIFY_THROWS_EXCEPTION(qmp::TypeError, qmp::TaskRegistry::instance().call(call.name, {QStringLiteral("no")}));
}

QTEST_GUILESS_MAIN(tst_RemoteCommand)
#include "tst_remotecommand.moc"
