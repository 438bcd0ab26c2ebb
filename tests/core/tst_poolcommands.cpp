// Pool::run / runAll: external commands like GNU parallel's jobs — exit status, signals,
// captured output, working directory and environment, timeouts that kill the whole process
// tree, retries, the concurrency limit, input order, and terminate() with commands queued.

#include "pool.h"
#include "qmptest.h"
#include "surrogateescape.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <QScopeGuard>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

using qmp::Command;
using qmp::CommandOptions;
using qmp::CommandResult;
using qmp::Pool;

namespace {
int twice(int x)
{
    return 2 * x;
}
QMP_TASK(twice);

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
private Q_SLOTS:
    void cleanup();
    void outcome_data();
    void outcome();
    void missingProgram();
    void workingDirectoryAndEnvironment();
    void cancelCommandsBySubmission();
    void outputToFiles_data();
    void outputToFiles();
    void bytesReachTheProgram_data();
    void bytesReachTheProgram();
    void timeoutKillsTheWholeTree();
    void killGraceSendsTermFirst_data();
    void killGraceSendsTermFirst();
    void retries_data();
    void retries();
    void interpretReadsEachAttemptBeforeItCounts();
    void inputOrderAndConcurrencyLimit();
    void terminateFailsQueuedCommands();
    void badOptions();
    void pausedPoolStartsNoCommand();
    void eventsFollowEachCommand_data();
    void eventsFollowEachCommand();
    void outputStreamsAsItComes();
    void cancelCommand_data();
    void cancelCommand();
    void terminateWorkerKillsTheCommandsTree();
    void commandsOnlyPoolStartsNoWorker();
    void creationObserversEachHearAPool();
    void setProcessesChangesTheCommandLimit();
};

namespace {
using Kind = qmp::PoolEvent::Kind;
// Every event of task `id`, in order.
QList<qmp::PoolEvent> eventsOf(const QList<qmp::PoolEvent> &seen, quint64 id)
{
    QList<qmp::PoolEvent> out;
    for (const qmp::PoolEvent &e : seen) {
        if (e.taskId == id)
            out.append(e);
    }
    return out;
}
quint64 firstId(const QList<qmp::PoolEvent> &seen, Kind kind, const QString &lineContains)
{
    for (const qmp::PoolEvent &e : seen) {
        if (e.kind == kind && e.task.contains(lineContains))
            return e.taskId;
    }
    return 0;
}
} // namespace

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

// Pool::cancelCommands takes a submission's id, known as soon as run() returns (a task id comes
// with the pool's events, later): a queued command never starts, a running one is killed.
void tst_PoolCommands::cancelCommandsBySubmission()
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("ran"));
    Pool pool(1);
    const qmp::AsyncResult<qmp::CommandResult> running = pool.run(sh(QStringLiteral("sleep 600")));
    const qmp::AsyncResult<qmp::CommandResult> queued = pool.run(sh(QStringLiteral("touch '%1'").arg(marker)));
    QCOMPARE(pool.cancelCommands(queued.batchId()), Pool::CancelledCommands::Queued);
    QCOMPARE(pool.cancelCommands(running.batchId()), Pool::CancelledCommands::Running); // its slot frees
    const CommandResult killed = running.get(20000);
    QVERIFY(killed.started);
    QVERIFY(!killed.ok());
    const CommandResult never = queued.get(20000);
    QVERIFY(!never.started);
    QCOMPARE(never.error, QStringLiteral("cancelled by the user"));
    QCOMPARE(pool.cancelCommands(queued.batchId()), Pool::CancelledCommands::None); // ended already
    QVERIFY(pool.run(sh(QStringLiteral("true"))).get(20000).ok()); // the pool goes on
    QVERIFY(!QFile::exists(marker));
}

// CommandOptions::standardOutputFile / standardErrorFile: each stream is appended to its file as
// the command writes it (the QMP service's jobs), none of it in the result; an unwritable folder
// fails the command before it starts. Opened by the pool's thread before the start, or made on
// demand (outputFilesOnDemand) when the stream's first bytes arrive: a stream the command never
// writes makes no file, and a file that cannot be made then keeps that stream in the result.
void tst_PoolCommands::outputToFiles_data()
{
    QTest::addColumn<bool>("onDemand");
    QTest::newRow("opened by the pool") << false;
    QTest::newRow("made on demand") << true;
}

void tst_PoolCommands::outputToFiles()
{
    QFETCH(bool, onDemand);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString err = dir.filePath(QStringLiteral("err"));
    {
        QFile earlier(out);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write("earlier\n");
    }
    CommandOptions options;
    options.standardOutputFile = out;
    options.standardErrorFile = err;
    options.outputFilesOnDemand = onDemand;
    Pool pool(1);
    const CommandResult r = pool.run(sh(QStringLiteral("echo o; echo e >&2")), options).get(20000);
    QVERIFY2(r.ok() && r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(r.standardOutput.isEmpty());
    QVERIFY(r.standardError.isEmpty());
    QFile o(out), e(err);
    QVERIFY(o.open(QIODevice::ReadOnly) && e.open(QIODevice::ReadOnly));
    QCOMPARE(o.readAll(), QByteArray("earlier\no\n"));
    QCOMPARE(e.readAll(), QByteArray("e\n"));
    if (onDemand) // the service's job output: its user's alone
        QCOMPARE(QFileInfo(err).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    // A stream the command does not write: its file is made only when it is not on demand.
    const QString silent = dir.filePath(QStringLiteral("silent.err"));
    options.standardErrorFile = silent;
    QVERIFY(pool.run(sh(QStringLiteral("echo o")), options).get(20000).ok());
    QCOMPARE(QFile::exists(silent), !onDemand);
    options.standardErrorFile = err;

    options.standardOutputFile = dir.filePath(QStringLiteral("no-such-dir/out"));
    const CommandResult failed = pool.run(sh(QStringLiteral("echo o")), options).get(20000);
    QVERIFY(!failed.started);
    QVERIFY(!failed.error.isEmpty());
    if (onDemand) {
        QVERIFY2(failed.error.contains(options.standardOutputFile) && failed.error.contains(QLatin1String("No such file")),
                 qPrintable(failed.error));
        QCOMPARE(failed.exitCode, 127);
        // A command that exits 127 itself ran: its result says so.
        options.standardOutputFile = out;
        const CommandResult itsOwn = pool.run(sh(QStringLiteral("exit 127")), options).get(20000);
        QVERIFY(itsOwn.started);
        QCOMPARE(itsOwn.exitCode, 127);
        QVERIFY(itsOwn.error.isEmpty());
        // A file that cannot be made when the first bytes come (a folder in its place): the
        // command goes on, that stream is in the result, and the error says which file and why.
        const QString folder = dir.filePath(QStringLiteral("a-folder"));
        QVERIFY(QDir().mkpath(folder));
        options.standardErrorFile = folder;
        const CommandResult kept = pool.run(sh(QStringLiteral("echo o; echo e1 >&2; echo e2 >&2")), options).get(20000);
        QVERIFY(kept.started);
        QCOMPARE(kept.exitCode, 0);
        QCOMPARE(kept.standardError, QByteArray("e1\ne2\n"));
        QVERIFY(kept.standardOutput.isEmpty());
        QVERIFY2(kept.error.contains(folder) && kept.error.contains(QLatin1String("Is a directory")), qPrintable(kept.error));
    }
}

// Arguments, a program name and a working directory that are not UTF-8 (SurrogateEscape text)
// reach the program as their bytes; a program that is not there fails like any missing one.
void tst_PoolCommands::bytesReachTheProgram_data()
{
    QTest::addColumn<bool>("withEnvironment");
    QTest::newRow("the parent's environment") << false;
    QTest::newRow("an environment of its own") << true;
}

void tst_PoolCommands::bytesReachTheProgram()
{
    QFETCH(bool, withEnvironment);
    qmptest::TemporaryDir dir; // a folder with a Latin-1 name
    QVERIFY(dir.isValid());
    const QByteArray folder = QFile::encodeName(dir.path()) + "/d\xe9j\xe0";
    QVERIFY(::mkdir(folder.constData(), 0755) == 0);
    // A script with a Latin-1 name, on PATH.
    const QByteArray script = folder + "/\xe9" "cho-bytes";
    {
        QFile file;
        const int fd = ::open(script.constData(), O_WRONLY | O_CREAT, 0755);
        QVERIFY(fd >= 0 && file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle));
        file.write("#!/bin/sh\nprintf '%s|' \"$@\"; pwd\n");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), qmp::SurrogateEscape::decode(folder) + QStringLiteral(":/usr/bin:/bin"));
    const QByteArray path = qgetenv("PATH");
    const auto restorePath = qScopeGuard([path] { qputenv("PATH", path); });
    if (!withEnvironment)
        qputenv("PATH", folder + ":" + path);
    Pool pool(1);
    Command command{qmp::SurrogateEscape::decode("\xe9" "cho-bytes"),
                    {qmp::SurrogateEscape::decode("a\xff" "b"), QStringLiteral("caf\u00e9"), qmp::SurrogateEscape::decode("\xe9")},
                    qmp::SurrogateEscape::decode(folder),
                    withEnvironment ? env : QProcessEnvironment()};
    const CommandResult r = pool.run(command).get(20000);
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.standardError)));
    QCOMPARE(r.standardOutput, QByteArray("a\xff" "b|caf\xc3\xa9|\xe9|") + folder + '\n');

    command.program = qmp::SurrogateEscape::decode("no-such-\xe9");
    const CommandResult missing = pool.run(command).get(20000);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.exitCode, 127);
    QVERIFY2(missing.error.contains(QStringLiteral("cannot run")), qPrintable(missing.error));
}

void tst_PoolCommands::timeoutKillsTheWholeTree()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    Pool pool(1);
    CommandOptions options;
    options.timeout = std::chrono::milliseconds(300);
    // 10 minutes: only the timeout ends it (a broken timeout hangs the test).
    const CommandResult r = pool.run(sh(QStringLiteral("sleep 600 & echo $! > '%1'; wait").arg(pidFile)), options).get();
    QVERIFY(r.timedOut);
    QVERIFY(!r.ok());
    QCOMPARE(r.exitCode, -SIGKILL);
    // Never before its time (a coarse timer may fire up to 5 % early).
    QVERIFY2(r.durationNs >= 300'000'000, qPrintable(QString::number(r.durationNs)));
    const qint64 grandchild = readFile(pidFile).toLongLong();
    QVERIFY(grandchild > 0);
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(grandchild), 60000); // killed with its process group
}

void tst_PoolCommands::killGraceSendsTermFirst_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("graceMs");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("output");
    // A program that cleans up on SIGTERM ends on its own within the grace (10 minutes: a
    // SIGKILL at once would lose its output, a missing SIGTERM hangs the test).
    QTest::newRow("cleans up") << QStringLiteral("trap 'echo cleaned; exit 7' TERM; sleep 600 & wait") << 600000 << 7
                               << QByteArray("cleaned\n");
    // One that ignores SIGTERM (its sleep inherits that) is killed when the grace ends.
    QTest::newRow("ignores it") << QStringLiteral("trap '' TERM; sleep 600 & wait") << 300 << -SIGKILL << QByteArray();
    // Without a grace nothing gets a chance to clean up.
    QTest::newRow("no grace") << QStringLiteral("trap 'echo cleaned; exit 7' TERM; sleep 600 & wait") << 0 << -SIGKILL
                              << QByteArray();
}

void tst_PoolCommands::killGraceSendsTermFirst()
{
    QFETCH(QString, script);
    QFETCH(int, graceMs);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, output);
    Pool pool(1);
    CommandOptions options;
    options.timeout = std::chrono::milliseconds(300);
    options.killGrace = std::chrono::milliseconds(graceMs);
    const CommandResult r = pool.run(sh(script), options).get();
    QVERIFY(r.timedOut);
    QVERIFY(!r.ok());
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.standardOutput, output);
    if (exitCode == -SIGKILL && graceMs > 0)
        QVERIFY2(r.durationNs >= (300 + graceMs) * 1'000'000LL, qPrintable(QString::number(r.durationNs)));
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

// CommandOptions::interpret reads what a wrapper (srun) said into each attempt's result before the
// pool judges it: an exit 0 it turns into a failure is retried, and what it sets is delivered.
void tst_PoolCommands::interpretReadsEachAttemptBeforeItCounts()
{
    QTemporaryDir dir;
    const QString counter = dir.filePath(QStringLiteral("runs"));
    // Exits 0 every time; says "lost" on its first run only.
    const QString script = QStringLiteral("echo x >> '%1'; [ $(wc -l < '%1') -eq 1 ] && echo lost >&2; exit 0").arg(counter);
    std::atomic<int> calls{0};
    CommandOptions options;
    options.retries = 1;
    options.interpret = [&calls](CommandResult &r) {
        ++calls;
        if (r.standardError.contains("lost")) {
            r.exitCode = 255;
            r.error = QStringLiteral("the node was lost");
        }
        r.standardError.replace("lost\n", "");
        r.host = QStringLiteral("node7");
    };
    Pool pool(1);
    const CommandResult r = pool.run(sh(script), options).get(20000);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(calls.load(), 2);
    QCOMPARE(r.host, QStringLiteral("node7"));
    QCOMPARE(r.standardError, QByteArray());
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

void tst_PoolCommands::setProcessesChangesTheCommandLimit()
{
    QTemporaryDir dir;
    // Three jobs wait for a file; with one slot only the first starts, so the file is made by the
    // third only once the pool grows to three.
    const QString go = dir.filePath(QStringLiteral("go"));
    qmp::PoolOptions options;
    options.commandsOnly = true;
    Pool pool(1, options);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    const QString wait = QStringLiteral("while [ ! -e '%1' ]; do sleep 0.02; done").arg(go);
    auto results = pool.runAll({sh(wait), sh(wait), sh(QStringLiteral("touch '%1'").arg(go))});
    const auto startedCount = [&] {
        return std::count_if(seen.begin(), seen.end(), [](const qmp::PoolEvent &e) { return e.kind == Kind::TaskStarted; });
    };
    QTRY_COMPARE(startedCount(), 1);
    pool.setProcesses(3);
    const QList<CommandResult> done = results.get(30000);
    QCOMPARE(done.size(), 3);
    for (const CommandResult &r : done)
        QVERIFY(r.ok());
}

void tst_PoolCommands::terminateFailsQueuedCommands()
{
    Pool pool(2);
    // 10 minutes each: a terminate() or join() that waited for them would hang the test.
    QList<Command> jobs(200, sh(QStringLiteral("sleep 600")));
    auto results = pool.runAll(jobs);
    pool.terminate();
    pool.join();
    QVERIFY(results.ready());
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, results.get());
}

void tst_PoolCommands::badOptions()
{
    Pool pool(1);
    CommandOptions options;
    options.retries = -1;
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.run(sh(QStringLiteral("true")), options));
    options.retries = 0;
    options.killGrace = std::chrono::milliseconds(-1);
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

void tst_PoolCommands::eventsFollowEachCommand_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("retries");
    QTest::addColumn<QList<int>>("kinds"); // after TaskQueued
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("reason");
    const int started = int(Kind::TaskStarted), finished = int(Kind::TaskFinished), failed = int(Kind::TaskFailed);
    const int none = int(qmp::PoolEvent::Reason::None), commandFailed = int(qmp::PoolEvent::Reason::CommandFailed);
    QTest::newRow("succeeds") << "exit 0" << 0 << QList<int>{started, finished} << 0 << "" << none;
    QTest::newRow("fails") << "exit 3" << 0 << QList<int>{started, failed} << 3 << "exited with code 3" << commandFailed;
    QTest::newRow("killed") << "kill -9 $$" << 0 << QList<int>{started, failed} << -SIGKILL << "SIGKILL" << commandFailed;
    QTest::newRow("retried") << "exit 4" << 1 << QList<int>{started, failed, started, failed} << 4 << "exited with code 4"
                             << commandFailed;
}

void tst_PoolCommands::eventsFollowEachCommand()
{
    QFETCH(QString, script);
    QFETCH(int, retries);
    QFETCH(QList<int>, kinds);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(int, reason);
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    CommandOptions options;
    options.retries = retries;
    auto result = pool.runAll({sh(QStringLiteral("true")), sh(script)}, options);
    const QList<CommandResult> results = result.get(10000);
    QTRY_VERIFY(firstId(seen, kinds.last() == int(Kind::TaskFinished) ? Kind::TaskFinished : Kind::TaskFailed, script) != 0);
    const quint64 id = firstId(seen, Kind::TaskQueued, script);
    QTRY_COMPARE(eventsOf(seen, id).size(), kinds.size() + 1);
    const QList<qmp::PoolEvent> mine = eventsOf(seen, id);
    QCOMPARE(mine.first().kind, Kind::TaskQueued);
    for (qsizetype i = 0; i < kinds.size(); ++i)
        QCOMPARE(int(mine.at(i + 1).kind), kinds.at(i));
    const qmp::PoolEvent &last = mine.last();
    QVERIFY(last.isCommand);
    QCOMPARE(last.batchId, result.batchId());
    QCOMPARE(last.index, qsizetype(1));
    QCOMPARE(last.attempt, retries + 1);
    QCOMPARE(last.exitCode, exitCode);
    QCOMPARE(last.workerPid, results.at(1).pid);
    QVERIFY(last.durationNs > 0);
    QVERIFY2(last.message.contains(message), qPrintable(last.message));
    QCOMPARE(last.task, QStringLiteral("/bin/sh -c '%1'").arg(script));
    QCOMPARE(int(last.reason), reason);
    if (last.reason == qmp::PoolEvent::Reason::CommandFailed)
        QCOMPARE(last.reasonArgs, QCborArray{exitCode}); // the UI words it in its own language
    QVERIFY(!last.single); // part of a runAll
}

void tst_PoolCommands::outputStreamsAsItComes()
{
    QTemporaryDir dir;
    const QString go = dir.filePath(QStringLiteral("go"));
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    // Prints one line, waits for the test to see it, then prints another on stderr.
    auto result = pool.run(sh(QStringLiteral("echo first; while [ ! -e '%1' ]; do sleep 0.02; done; echo second >&2").arg(go)));
    auto outputs = [&] {
        QStringList texts;
        for (const qmp::PoolEvent &e : seen) {
            if (e.kind == Kind::TaskOutput)
                texts.append(QStringLiteral("%1:%2").arg(e.channel).arg(e.message.trimmed()));
        }
        return texts;
    };
    QTRY_COMPARE(outputs(), QStringList{QStringLiteral("1:first")});
    QVERIFY(!result.ready());
    QFile(go).open(QIODevice::WriteOnly);
    const CommandResult done = result.get(10000);
    QTRY_COMPARE(outputs(), (QStringList{QStringLiteral("1:first"), QStringLiteral("2:second")}));
    QCOMPARE(done.standardOutput, QByteArray("first\n")); // all of it is in the result too
    QCOMPARE(done.standardError, QByteArray("second\n"));
}

void tst_PoolCommands::cancelCommand_data()
{
    QTest::addColumn<bool>("running");
    QTest::newRow("running: its process group is killed") << true;
    QTest::newRow("queued: it never starts") << false;
}

void tst_PoolCommands::cancelCommand()
{
    QFETCH(bool, running);
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("ran"));
    Pool pool(1);
    QList<qmp::PoolEvent> seen;
    connect(&pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    CommandOptions options;
    options.retries = 2; // cancelled is final all the same
    auto results = pool.runAll({sh(QStringLiteral("sleep 600")), sh(QStringLiteral("touch '%1'; sleep 600").arg(marker))}, options);
    const QString target = running ? QStringLiteral("sleep 600'") : QStringLiteral("touch");
    const Kind kind = running ? Kind::TaskStarted : Kind::TaskQueued;
    QTRY_VERIFY(firstId(seen, kind, target) != 0);
    const quint64 id = firstId(seen, kind, target);
    QVERIFY(pool.cancelTask(id));
    QVERIFY(!pool.cancelTask(id) || running); // a running one is still ending
    if (running) {
        QTRY_VERIFY(QFile::exists(marker)); // the next one started in its place
        QVERIFY(pool.cancelTask(firstId(seen, Kind::TaskQueued, QStringLiteral("touch"))));
    } else {
        QVERIFY(pool.cancelTask(firstId(seen, Kind::TaskQueued, QStringLiteral("sleep 600'"))));
    }
    const QList<CommandResult> done = results.get(10000);
    const CommandResult &cancelled = done.at(running ? 0 : 1);
    QVERIFY(!cancelled.ok());
    QCOMPARE(cancelled.error, QStringLiteral("cancelled by the user"));
    QCOMPARE(cancelled.started, running);
    QCOMPARE(cancelled.attempts, running ? 1 : 0);
    QCOMPARE(QFile::exists(marker), running);
}

void tst_PoolCommands::terminateWorkerKillsTheCommandsTree()
{
    QTemporaryDir dir;
    const QString childPid = dir.filePath(QStringLiteral("child"));
    Pool pool(1);
    auto result = pool.run(sh(QStringLiteral("sleep 600 & echo $! > '%1'; wait").arg(childPid)));
    QTRY_VERIFY(QFile::exists(childPid) && !readFile(childPid).isEmpty());
    const qint64 child = readFile(childPid).toLongLong();
    QList<qmp::PoolEvent> seen;
    QVERIFY(!pool.terminateWorker(999999999));
    // The command's own pid: the parent of the sleep.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(child));
    QVERIFY(stat.open(QIODevice::ReadOnly));
    const QByteArray line = stat.readAll();
    const qint64 shell = line.mid(line.lastIndexOf(')') + 2).split(' ').at(1).toLongLong();
    QVERIFY(pool.terminateWorker(shell));
    const CommandResult done = result.get(10000);
    QCOMPARE(done.error, QStringLiteral("terminated by the user"));
    QCOMPARE(done.pid, shell);
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(child), 60000); // the whole tree
}


// PoolOptions::commandsOnly: commands run, no task worker is ever started, tasks fail at once.
void tst_PoolCommands::commandsOnlyPoolStartsNoWorker()
{
    qmp::PoolOptions options;
    options.commandsOnly = true;
    Pool pool(2, options);
    QSignalSpy started(&pool, &Pool::workerStarted);
    const QList<CommandResult> results = pool.runAll({sh(QStringLiteral("echo one")), sh(QStringLiteral("exit 3"))}).get(10000);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).standardOutput, QByteArray("one\n"));
    QCOMPARE(results.at(1).exitCode, 3);
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, pool.applyAsync(&twice, 21).get(10000));
    QCOMPARE(started.count(), 0);
    pool.close();
    pool.join();
    QCOMPARE(started.count(), 0);
}

// Pool::observeCreation: two observers both hear every pool made while they are registered,
// from its constructor; a removed one hears no more.
void tst_PoolCommands::creationObserversEachHearAPool()
{
    qmp::PoolOptions options;
    options.commandsOnly = true; // no worker to start: creation is all this is about
    QList<QString> first;
    QList<QString> second;
    qmp::ObserverToken a = Pool::observeCreation([&first](Pool *pool) { first.append(pool->name()); });
    qmp::ObserverToken b = Pool::observeCreation([&second](Pool *pool) { second.append(pool->name()); });
    {
        options.name = QStringLiteral("observed-1");
        Pool pool(1, options);
        QCOMPARE(first, QList<QString>{pool.name()});
        QCOMPARE(second, QList<QString>{pool.name()});
    }
    b.reset();
    {
        options.name = QStringLiteral("observed-2");
        Pool pool(1, options);
    }
    a.reset();
    {
        options.name = QStringLiteral("unobserved");
        Pool pool(1, options);
    }
    QCOMPARE(first, (QList<QString>{QStringLiteral("observed-1"), QStringLiteral("observed-2")}));
    QCOMPARE(second, QList<QString>{QStringLiteral("observed-1")});
}

QMP_TEST_MAIN(tst_PoolCommands)
#include "tst_poolcommands.moc"
