// Pool::run / runAll: external commands like GNU parallel's jobs — exit status, signals,
// captured output, working directory and environment, timeouts that kill the whole process
// tree, retries, the concurrency limit, input order, and terminate() with commands queued.

#include "pool.h"
#include "qmptest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using qmp::Command;
using qmp::CommandOptions;
using qmp::CommandResult;
using qmp::Pool;

namespace {
Command sh(const QString &script, const QString &cwd = {}, const QProcessEnvironment &env = {})
{
    return Command{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script}, cwd, env};
}

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}
} // namespace

class tst_PoolCommands : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void outcome_data();
    void outcome();
    void missingProgram();
    void workingDirectoryAndEnvironment();
    void timeoutKillsTheWholeTree();
    void retries_data();
    void retries();
    void inputOrderAndConcurrencyLimit();
    void terminateFailsQueuedCommands();
    void badOptions();
    void pausedPoolStartsNoCommand();
};

void tst_PoolCommands::cleanup()
{
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
}

void tst_PoolCommands::outcome_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::newRow("true") << "true" << 0 << true << QByteArray() << QByteArray();
    QTest::newRow("false") << "false" << 1 << false << QByteArray() << QByteArray();
    QTest::newRow("exit 3") << "exit 3" << 3 << false << QByteArray() << QByteArray();
    QTest::newRow("output") << "echo out; echo err >&2" << 0 << true << QByteArray("out\n") << QByteArray("err\n");
    QTest::newRow("killed") << "kill -KILL $$" << -SIGKILL << false << QByteArray() << QByteArray();
}

void tst_PoolCommands::outcome()
{
    QFETCH(QString, script);
    QFETCH(int, exitCode);
    QFETCH(bool, ok);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    Pool pool(2);
    const CommandResult r = pool.run(sh(script)).get(20000);
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.ok(), ok);
    QCOMPARE(r.standardOutput, out);
    QCOMPARE(r.standardError, err);
    QCOMPARE(r.attempts, 1);
    QVERIFY(r.pid > 0);
    QVERIFY(r.durationNs > 0);
    QVERIFY(r.startTimeMs > 0);
    QCOMPARE(r.program, QStringLiteral("/bin/sh"));
}

void tst_PoolCommands::missingProgram()
{
    Pool pool(1);
    const CommandResult r = pool.run(Command{QStringLiteral("/nonexistent/qmp-no-such-program"), {}, {}, {}}).get(20000);
    QVERIFY(!r.started);
    QVERIFY(!r.ok());
    QCOMPARE(r.exitCode, 127);
    QVERIFY2(r.error.contains(QStringLiteral("cannot run '/nonexistent/qmp-no-such-program'")), qPrintable(r.error));
    QCOMPARE(pool.run(sh(QStringLiteral("exit 0"))).get(20000).exitCode, 0); // the pool carries on
}

void tst_PoolCommands::workingDirectoryAndEnvironment()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("job-cwd")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QMP_JOB"), QStringLiteral("seven"));
    Pool pool(1);
    const CommandResult r =
        pool.run(sh(QStringLiteral("echo $QMP_JOB; basename \"$PWD\""), dir.filePath(QStringLiteral("job-cwd")), env))
            .get(20000);
    QCOMPARE(r.standardOutput, QByteArray("seven\njob-cwd\n"));
}

void tst_PoolCommands::timeoutKillsTheWholeTree()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    Pool pool(1);
    CommandOptions options;
    options.timeout = std::chrono::milliseconds(300);
    QElapsedTimer timer;
    timer.start();
    const CommandResult r =
        pool.run(sh(QStringLiteral("sleep 30 & echo $! > '%1'; wait").arg(pidFile)), options).get(20000);
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(r.timedOut);
    QVERIFY(!r.ok());
    QCOMPARE(r.exitCode, -SIGKILL);
    const qint64 grandchild = readFile(pidFile).toLongLong();
    QVERIFY(grandchild > 0);
    QTRY_VERIFY(qmptest::processGone(grandchild)); // killed with its process group
}

void tst_PoolCommands::retries_data()
{
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("failuresFirst");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("attempts");
    QTest::newRow("no retries, fails once") << 0 << 1 << false << 1;
    QTest::newRow("one retry, fails once") << 1 << 1 << true << 2;
    QTest::newRow("two retries, fails twice") << 2 << 2 << true << 3;
    QTest::newRow("one retry, fails always") << 1 << 99 << false << 2;
}

void tst_PoolCommands::retries()
{
    QFETCH(int, retries);
    QFETCH(int, failuresFirst);
    QFETCH(bool, ok);
    QFETCH(int, attempts);
    QTemporaryDir dir;
    const QString counter = dir.filePath(QStringLiteral("runs"));
    // Appends a line per run; fails while it has run at most failuresFirst times.
    const QString script = QStringLiteral("echo x >> '%1'; test $(wc -l < '%1') -gt %2").arg(counter).arg(failuresFirst);
    CommandOptions options;
    options.retries = retries;
    Pool pool(1);
    const CommandResult r = pool.run(sh(script), options).get(20000);
    QCOMPARE(r.ok(), ok);
    QCOMPARE(r.attempts, attempts);
    QCOMPARE(readFile(counter).split(QLatin1Char('\n')).size(), attempts);
}

void tst_PoolCommands::inputOrderAndConcurrencyLimit()
{
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("log"));
    // Each job logs "+" when it starts and "-" when it ends (appends of one short line are
    // atomic), so the log shows how many ran at once.
    QList<Command> jobs;
    for (int i = 0; i < 12; ++i)
        jobs.append(sh(QStringLiteral("echo + >> '%1'; sleep 0.0%2; echo - >> '%1'; echo %3").arg(log).arg(i % 5).arg(i)));
    Pool pool(3);
    const QList<CommandResult> results = pool.runAll(jobs).get(30000);
    QCOMPARE(results.size(), 12);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(results.at(i).standardOutput, QByteArray::number(i) + '\n');
    int running = 0, most = 0;
    for (const QString &line : readFile(log).split(QLatin1Char('\n'))) {
        running += line == QLatin1String("+") ? 1 : -1;
        most = qMax(most, running);
    }
    QCOMPARE(running, 0);
    QVERIFY2(most <= 3, qPrintable(QString::number(most)));
    QVERIFY2(most >= 2, "commands should run side by side");
}

void tst_PoolCommands::terminateFailsQueuedCommands()
{
    Pool pool(2);
    QList<Command> jobs(200, sh(QStringLiteral("sleep 5")));
    auto results = pool.runAll(jobs);
    QElapsedTimer timer;
    timer.start();
    pool.terminate();
    pool.join();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(results.wait(1000));
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, results.get());
}

void tst_PoolCommands::badOptions()
{
    Pool pool(1);
    CommandOptions options;
    options.retries = -1;
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.run(sh(QStringLiteral("true")), options));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.run(Command{}));
    QCOMPARE(pool.runAll({}).get().size(), 0);
    pool.close();
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.run(sh(QStringLiteral("true"))));
    pool.join();
}

void tst_PoolCommands::pausedPoolStartsNoCommand()
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("ran"));
    Pool pool(1);
    pool.pause();
    auto held = pool.run(sh(QStringLiteral("touch '%1'").arg(marker)));
    QVERIFY(!held.wait(300));
    QVERIFY(!QFile::exists(marker));
    pool.resume();
    QVERIFY(held.get(10000).ok());
    QVERIFY(QFile::exists(marker));
}

QMP_TEST_MAIN(tst_PoolCommands)
#include "tst_poolcommands.moc"
