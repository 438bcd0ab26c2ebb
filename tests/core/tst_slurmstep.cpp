// SlurmStep: how a command becomes a step of an allocation, and what srun's and slurmstepd's
// lines (as Slurm 22.05 writes them) say about how the step ended. No cluster needed: the Slurm
// tests (tests/slurm) run the same against a real one.
#include "slurmallocation.h"
#include "slurmstep.h"
#include "qmptest.h"
#include "tiedprocess.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using qmp::Command;
using qmp::CommandResult;
using qmp::SlurmAllocation;
using qmp::SlurmStep;

Q_DECLARE_METATYPE(SlurmStep::State)

class tst_SlurmStep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wrapRunsOneTaskInTheAllocation();
    void interpret_data();
    void interpret();
    void ourOwnTimeoutKeepsItsReason();
    void verboseLinesTellWhereTheStepRan();
    void nodeOfAVerdict_data();
    void nodeOfAVerdict();
    void sallocArguments();
    void noSallocIsAClearError();
    void nothingOfSallocOutlivesARelease_data();
    void nothingOfSallocOutlivesARelease();
    void nothingOfSallocOutlivesItsOwner_data();
    void nothingOfSallocOutlivesItsOwner();
    void cleanup();

private:
    // A directory to put first in PATH with a salloc that grants job 7 at once, writing its pid to
    // salloc.pid, and an scancel that does nothing. The salloc is `kind`:
    //   deaf   ignores SIGTERM (as Slurm 22.05's sometimes does, deadlocked in its own handler);
    //   stray  ends on SIGTERM but leaves behind a child in a process group of its own that
    //          ignores SIGTERM (as a copy of salloc forked for its command and stuck before the
    //          exec), its pid in salloc.stray.
    QString fakeSlurm(const QByteArray &kind);
    // The pid in salloc.NAME, 0 until written.
    qint64 pidIn(const char *name) const;
    void addKinds();
    QTemporaryDir m_dir;
    QList<qint64> m_pids; // what the test killed when it ends (a failure left it)
};

QString tst_SlurmStep::fakeSlurm(const QByteArray &kind)
{
    const auto write = [this](const QString &name, const QByteArray &script) {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(script);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    };
    const QByteArray stray = kind == "stray" ? "(trap '' TERM; exec setsid sleep 600) &\n"
                                               "echo $! > \"$0.stray\"\n"
                                             : "trap '' TERM\n";
    write(QStringLiteral("salloc"), "#!/bin/sh\n" + stray
                                        + "echo $$ > \"$0.pid\"\n"
                                          "echo 'salloc: Granted job allocation 7'\n"
                                          "exec sleep 600\n");
    write(QStringLiteral("scancel"), "#!/bin/sh\nexit 0\n");
    return m_dir.path() + QLatin1Char(':') + QString::fromLocal8Bit(qgetenv("PATH"));
}

qint64 tst_SlurmStep::pidIn(const char *name) const
{
    QFile file(m_dir.filePath(QStringLiteral("salloc.%1").arg(QLatin1String(name))));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

void tst_SlurmStep::addKinds()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::newRow("salloc deaf to SIGTERM") << QByteArray("deaf");
    QTest::newRow("salloc leaving a stray copy") << QByteArray("stray");
}

void tst_SlurmStep::cleanup()
{
    for (const qint64 pid : std::as_const(m_pids)) {
        if (!qmptest::processGone(pid))
            ::kill(pid_t(pid), SIGKILL);
    }
    m_pids.clear();
    QFile::remove(m_dir.filePath(QStringLiteral("salloc.pid")));
    QFile::remove(m_dir.filePath(QStringLiteral("salloc.stray")));
}

// release(): salloc gets SIGTERM; one that does not end of it is killed, and so is all it left.
void tst_SlurmStep::nothingOfSallocOutlivesARelease_data()
{
    addKinds();
}

void tst_SlurmStep::nothingOfSallocOutlivesARelease()
{
    QFETCH(QByteArray, kind);
    QVERIFY(m_dir.isValid());
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", fakeSlurm(kind).toLocal8Bit());
    SlurmAllocation allocation;
    QSignalSpy granted(&allocation, &SlurmAllocation::granted);
    allocation.request({});
    qputenv("PATH", path);
    QTRY_COMPARE(granted.count(), 1);
    QTRY_VERIFY(pidIn("pid") > 0);
    m_pids = {pidIn("pid")};
    if (kind == "stray") {
        QTRY_VERIFY(pidIn("stray") > 0);
        m_pids += pidIn("stray");
    }
    allocation.release();
    for (const qint64 pid : std::as_const(m_pids))
        QTRY_VERIFY2_WITH_TIMEOUT(qmptest::processGone(pid), qPrintable(QStringLiteral("pid %1 is still there").arg(pid)), 20000);
}

// This program killed: salloc gets SIGTERM (PDEATHSIG), and one that does not end of it is killed
// a little later all the same, and so is all it left; nothing of it may hold the cluster's job
// (or a test's count) forever.
void tst_SlurmStep::nothingOfSallocOutlivesItsOwner_data()
{
    addKinds();
}

void tst_SlurmStep::nothingOfSallocOutlivesItsOwner()
{
    QFETCH(QByteArray, kind);
    QVERIFY(m_dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), fakeSlurm(kind));
    QProcess owner;
    qmptest::tieToTest(owner);
    owner.setProcessEnvironment(env);
    owner.start(qmptest::testApp(),
                {QStringLiteral("hold-allocation"), QStringLiteral("qmp-test")});
    QVERIFY2(owner.waitForStarted(), qPrintable(owner.errorString()));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += owner.readAllStandardOutput()).contains("granted") || owner.state() == QProcess::NotRunning, 20000);
    QVERIFY2(owner.state() == QProcess::Running, (said + owner.readAllStandardError()).constData());
    QTRY_VERIFY(pidIn("pid") > 0);
    m_pids = {pidIn("pid")};
    if (kind == "stray") {
        QTRY_VERIFY(pidIn("stray") > 0);
        m_pids += pidIn("stray");
    }
    ::kill(pid_t(owner.processId()), SIGKILL);
    QVERIFY(owner.waitForFinished(10000));
    for (const qint64 pid : std::as_const(m_pids))
        QTRY_VERIFY2_WITH_TIMEOUT(qmptest::processGone(pid), qPrintable(QStringLiteral("pid %1 is still there").arg(pid)), 20000);
}

void tst_SlurmStep::wrapRunsOneTaskInTheAllocation()
{
    const Command command{QStringLiteral("/bin/echo"), {QStringLiteral("a b"), QStringLiteral("--")},
                          QStringLiteral("/data"), {}};
    const Command step = SlurmStep::wrap(command, 42, {QStringLiteral("--mem-per-cpu=1G")});
    QCOMPARE(step.program, QStringLiteral("srun"));
    QCOMPARE(step.workingDirectory, QStringLiteral("/data"));
    const QStringList expected{QStringLiteral("--jobid=42"), QStringLiteral("--exclusive"), QStringLiteral("--ntasks=1"),
                               QStringLiteral("--nodes=1"), QStringLiteral("--verbose"),
                               QStringLiteral("--kill-on-bad-exit=1"), QStringLiteral("--mem-per-cpu=1G"),
                               QStringLiteral("--"), QStringLiteral("/bin/echo"), QStringLiteral("a b"),
                               QStringLiteral("--")};
    QCOMPARE(step.arguments, expected);
}

void tst_SlurmStep::interpret_data()
{
    QTest::addColumn<int>("srunExit");
    QTest::addColumn<QByteArray>("stderrIn");
    QTest::addColumn<SlurmStep::State>("state");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrOut");
    QTest::addColumn<QString>("error");

    QTest::newRow("success") << 0 << QByteArray("warning: x\n") << SlurmStep::State::Completed << 0
                             << QByteArray("warning: x\n") << QString();
    QTest::newRow("exit 3") << 3 << QByteArray("oops\nsrun: error: node7: task 0: Exited with exit code 3\n")
                            << SlurmStep::State::Failed << 3 << QByteArray("oops\n") << QString();
    QTest::newRow("SIGTERM") << 143 << QByteArray("srun: error: node7: task 0: Terminated\n")
                             << SlurmStep::State::Signalled << -SIGTERM << QByteArray() << QString();
    QTest::newRow("scancel") << 137
                             << QByteArray("slurmstepd-node7: error: *** STEP 2.223 ON node7 CANCELLED AT "
                                           "2026-12-03T03:36:11 ***\nsrun: error: node7: task 0: Killed\n")
                             << SlurmStep::State::Cancelled << -SIGKILL << QByteArray()
                             << QStringLiteral("Slurm: CANCELLED (step 2.223 on node7)");
    QTest::newRow("time limit") << 143
                                << QByteArray("half\nslurmstepd: error: *** JOB 27 ON node7 CANCELLED AT "
                                              "2026-12-03T03:36:11 DUE TO TIME LIMIT ***\n"
                                              "srun: Job step aborted: Waiting up to 32 seconds for job step to finish.\n"
                                              "srun: error: node7: task 0: Terminated\n")
                                << SlurmStep::State::TimedOut << -SIGTERM << QByteArray("half\n")
                                << QStringLiteral("Slurm: TIMEOUT: the time limit was reached (job 27 on node7)");
    QTest::newRow("node failure") << 1 << QByteArray("srun: error: Node failure on node7\n")
                                  << SlurmStep::State::NodeFailed << 1 << QByteArray()
                                  << QStringLiteral("Slurm: NODE_FAIL: the node node7 failed");
    // What Slurm 22.05's srun really does when the node goes down mid-step: says so, exits 0.
    // A step Slurm ended never counts as a success: 255, as ssh's status for a lost remote.
    QTest::newRow("node failure, srun exits 0")
        << 0 << QByteArray("srun: error: Node failure on localhost\n") << SlurmStep::State::NodeFailed << 255
        << QByteArray() << QStringLiteral("Slurm: NODE_FAIL: the node localhost failed");
    QTest::newRow("cancelled, srun exits 0")
        << 0 << QByteArray("slurmstepd: error: *** STEP 4.1 ON n1 CANCELLED AT 2026-12-03T03:36:11 ***\n")
        << SlurmStep::State::Cancelled << 255 << QByteArray() << QStringLiteral("Slurm: CANCELLED (step 4.1 on n1)");
    QTest::newRow("allocation gone")
        << 1 << QByteArray("srun: error: Unable to create step for job 9: Job/step already completing or completed\n")
        << SlurmStep::State::NotLaunched << 1 << QByteArray()
        << QStringLiteral("Slurm could not start the step: Job/step already completing or completed");
    QTest::newRow("allocation expired")
        << 1 << QByteArray("srun: error: Slurm job 2 has expired\n") << SlurmStep::State::NotLaunched << 1 << QByteArray()
        << QStringLiteral("Slurm could not start the step: Slurm job 2 has expired");
    QTest::newRow("allocation unknown")
        << 1 << QByteArray("srun: error: Unable to confirm allocation for job 9999: Invalid job id specified\n")
        << SlurmStep::State::NotLaunched << 1 << QByteArray()
        << QStringLiteral("Slurm could not start the step: Unable to confirm allocation for job 9999: Invalid job id specified");
    QTest::newRow("other srun error") << 1 << QByteArray("srun: error: Invalid numeric value \"x\" for --mem-per-cpu.\n")
                                      << SlurmStep::State::Failed << 1 << QByteArray()
                                      << QStringLiteral("srun: Invalid numeric value \"x\" for --mem-per-cpu.");
    // The task's own lines stay, even when they mention Slurm.
    QTest::newRow("task output kept") << 0 << QByteArray("my srun: wrapper said hi\nno newline at the end")
                                      << SlurmStep::State::Completed << 0
                                      << QByteArray("my srun: wrapper said hi\nno newline at the end") << QString();
}

void tst_SlurmStep::interpret()
{
    QFETCH(int, srunExit);
    QFETCH(QByteArray, stderrIn);
    QFETCH(SlurmStep::State, state);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrOut);
    QFETCH(QString, error);
    CommandResult result;
    result.started = true;
    result.exitCode = srunExit;
    result.standardError = stderrIn;
    QCOMPARE(SlurmStep::interpret(result), state);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.standardError, stderrOut);
    QCOMPARE(result.error, error);
}

// srun --verbose's lines (Slurm 22.05, real output) say which step ran on which node; they are
// srun's, so none of them stays in the job's stderr.
void tst_SlurmStep::verboseLinesTellWhereTheStepRan()
{
    CommandResult result;
    result.started = true;
    result.standardError = "srun: defined options\n"
                           "srun: -------------------- --------------------\n"
                           "srun: jobid               : 2\n"
                           "srun: end of defined options\n"
                           "srun: jobid 2: nodes(1):`node7', cpu counts: 2(x1)\n"
                           "srun: launch/slurm: launch_p_step_launch: CpuBindType=(null type)\n"
                           "srun: launching StepId=2.0 on host node7, 1 tasks: 0\n"
                           "srun: route/default: init: route default plugin loaded\n"
                           "srun: launch/slurm: _task_start: Node node7, 1 tasks started\n"
                           "err\n"
                           "srun: launch/slurm: _task_finish: Received task exit notification for 1 task of StepId=2.0 (status=0x0000).\n"
                           "srun: launch/slurm: _task_finish: node7: task 0: Completed\n";
    QCOMPARE(SlurmStep::interpret(result), SlurmStep::State::Completed);
    QCOMPARE(result.host, QStringLiteral("node7"));
    QCOMPARE(result.standardError, QByteArray("err\n"));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.error, QString());
}

void tst_SlurmStep::ourOwnTimeoutKeepsItsReason()
{
    // qmp's --timeout sent srun SIGTERM; srun cancelled the step: a timeout, not Slurm's cancel.
    CommandResult result;
    result.started = true;
    result.timedOut = true;
    result.exitCode = 137;
    result.standardError = "slurmstepd: error: *** STEP 5.1 ON n1 CANCELLED AT 2026-12-03T03:36:11 ***\n"
                           "srun: error: n1: task 0: Killed\n";
    QCOMPARE(SlurmStep::interpret(result), SlurmStep::State::Cancelled);
    QVERIFY(result.timedOut);
    QCOMPARE(result.exitCode, -SIGKILL);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.standardError, QByteArray());
}

void tst_SlurmStep::sallocArguments()
{
    SlurmAllocation::Request request;
    request.tasks = 4;
    request.partition = QStringLiteral("short");
    request.timeLimit = QStringLiteral("1:00:00");
    request.extraArguments = {QStringLiteral("--account=lab")};
    const QStringList expected{QStringLiteral("--ntasks=4"),          QStringLiteral("--job-name=qmp"),
                               QStringLiteral("--partition=short"),   QStringLiteral("--time=1:00:00"),
                               QStringLiteral("--account=lab"),       QStringLiteral("--kill-command=TERM"),
                               QStringLiteral("--"),                  QStringLiteral("/bin/sh"),
                               QStringLiteral("-c"),                  QStringLiteral("exec tail -f /dev/null --pid=\"$PPID\"")};
    QCOMPARE(SlurmAllocation::sallocArguments(request), expected);
}

void tst_SlurmStep::noSallocIsAClearError()
{
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", "/nonexistent-qmp-test-dir");
    SlurmAllocation allocation;
    QSignalSpy failed(&allocation, &SlurmAllocation::failed);
    allocation.request({});
    qputenv("PATH", path);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Slurm is not installed here: salloc was not found in PATH"));
    QCOMPARE(allocation.state(), SlurmAllocation::State::Failed);
}

void tst_SlurmStep::nodeOfAVerdict_data()
{
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("node");
    QTest::newRow("cancelled") << QStringLiteral("worker pid 9 Slurm: CANCELLED (step 12.3 on node7) while running") << QStringLiteral("node7");
    QTest::newRow("time limit") << QStringLiteral("Slurm: TIMEOUT: the time limit was reached (step 2.0 on n1)") << QStringLiteral("n1");
    QTest::newRow("node failure") << QStringLiteral("Slurm: NODE_FAIL: the node gpu-3 failed") << QStringLiteral("gpu-3");
    QTest::newRow("no step") << QStringLiteral("Slurm could not start the step: Job has finished") << QString();
    QTest::newRow("not Slurm's") << QStringLiteral("worker pid 9 was killed by signal 9 (on node7)") << QString();
}

void tst_SlurmStep::nodeOfAVerdict()
{
    QFETCH(QString, verdict);
    QFETCH(QString, node);
    QCOMPARE(SlurmStep::nodeOf(verdict), node);
}

QMP_TEST_MAIN(tst_SlurmStep)
#include "tst_slurmstep.moc"
