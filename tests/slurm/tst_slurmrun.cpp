// `qmp run --slurm` against a real single-node Slurm cluster (tests/slurm/cluster.sh, started by
// the ctest fixture): the same output, exit status and joblog as a local run; Slurm's verdicts
// (a signal, CANCELLED, TIMEOUT) in the joblog and the history; qmp's own --timeout, --halt now
// and a signal to qmp cancel the steps and give the allocation back; a bad partition, an
// unreachable controller and a request Slurm keeps pending are clear messages, nothing hangs; a
// node lost mid-step fails its jobs (NODE_FAIL).
// Without a cluster (not root, Slurm not installed) every test skips saying why, unless
// QMP_SLURM_REQUIRED=1 (CI), where that is a failure.

#include "qmptempdirs.h"
#include "historystore.h"
#include "joblog.h"
#include "localcluster.h"
#include "tiedprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

namespace {
struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};
} // namespace

class tst_SlurmRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void sameAsALocalRun();
    void jobsRunOnPersistentWorkers();
    void slurmVerdictsReachJoblogAndHistory();
    void slurmTimeLimitIsATimeout();
    void anAllocationsTimeLimitEndsTheRun();
    void ownTimeoutCancelsTheStep();
    void haltNowCancelsTheOtherSteps();
    void retriesAndResume();
    void badPartition();
    void unreachableController();
    void pendingShowsWhyAndASignalWithdrawsIt();
    void aKilledRunGivesItsAllocationBack();
    void aNodeLostMidStepFailsItsJobs();
    void aCancelledAllocationFailsTheRestAtOnce();
    void psListsTheCommands();
    void workersConnectBackWhereTold();
    void listenErrors_data();
    void listenErrors();

private:
    void scontrol(const QStringList &arguments) const;
    QString nodeState() const;
    Run qmp(const QStringList &arguments, const QProcessEnvironment &extra = {}, int timeoutMs = 120000);
    QProcessEnvironment environment() const;
    QString squeue(const QStringList &arguments) const;
    QStringList sallocsOfThisCluster() const;
    QTemporaryDir m_dir;
    QString m_conf;
};

void tst_SlurmRun::initTestCase()
{
    QString why;
    m_conf = qmptest::localSlurmConf(&why);
    if (m_conf.isEmpty()) {
        if (qmptest::slurmRequired())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    QVERIFY(m_dir.isValid());
}

void tst_SlurmRun::cleanup()
{
    // A salloc a test left behind (it failed) is not left to the tests after it.
    const auto killStraySallocs = qScopeGuard([this] { qmptest::killSallocsOf(m_conf); });
    // Every run gives its allocation back, however it ended.
    QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("-h"), QStringLiteral("-t"), QStringLiteral("PD,R,CG"),
                                      QStringLiteral("-n"), QStringLiteral("qmp-run")}),
                              QString(), 30000);
}

QProcessEnvironment tst_SlurmRun::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SLURM_CONF"), m_conf);
    env.insert(QStringLiteral("QMP_HISTORY"), m_dir.filePath(QStringLiteral("history.sqlite")));
    return env;
}

void tst_SlurmRun::scontrol(const QStringList &arguments) const
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral("scontrol"), arguments);
    p.waitForFinished(30000);
}

// The state of the cluster's one node as sinfo prints it ("idle", "alloc", "down", ...).
QString tst_SlurmRun::nodeState() const
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-N"), QStringLiteral("-o"), QStringLiteral("%t")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString tst_SlurmRun::squeue(const QStringList &arguments) const
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral("squeue"), arguments);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

Run tst_SlurmRun::qmp(const QStringList &arguments, const QProcessEnvironment &extra, int timeoutMs)
{
    QProcess p;
    qmptest::tieToTest(p);
    QProcessEnvironment env = environment();
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH), arguments);
    Run r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void tst_SlurmRun::sameAsALocalRun()
{
    const QStringList run{QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("-j4"),
                          QStringLiteral("echo {} $(({} * 3)); [ {} = 3 ] && echo bad {} >&2 && exit 3; true"),
                          QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                          QStringLiteral("4"), QStringLiteral("5")};
    const Run local = qmp(run);
    QStringList onSlurm = run;
    onSlurm.insert(1, QStringLiteral("--slurm"));
    const Run slurm = qmp(onSlurm);
    QCOMPARE(local.code, 1);
    QCOMPARE(slurm.code, local.code);
    QCOMPARE(slurm.out, local.out);
    QCOMPARE(slurm.err, local.err);
    QCOMPARE(slurm.out, QByteArray("1 3\n2 6\n3 9\n4 12\n5 15\n"));
}

// One step per -j slot for the whole run, not one per job: 12 jobs on -j2 see two steps.
void tst_SlurmRun::jobsRunOnPersistentWorkers()
{
    const QString joblog = m_dir.filePath(QStringLiteral("persistent.joblog"));
    QStringList run{QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"), QStringLiteral("--joblog"),
                    joblog, QStringLiteral("echo $SLURM_JOB_ID.$SLURM_STEP_ID")};
    run << QStringLiteral(":::");
    for (int i = 1; i <= 12; ++i)
        run << QString::number(i);
    const Run r = qmp(run);
    QCOMPARE(r.code, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 12);
    QStringList steps; // each line: "<job>.<step> <argument>"
    for (const QString &line : lines)
        steps.append(line.section(QLatin1Char(' '), 0, 0));
    steps.removeDuplicates();
    QVERIFY2(steps.size() <= 2, qPrintable(steps.join(QLatin1Char(' '))));
    QString error;
    const auto entries = qmp::JobLog::read(joblog, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 12);
    for (const qmp::JobLog::Entry &e : *entries)
        QCOMPARE(e.host, QStringLiteral("localhost"));
}

void tst_SlurmRun::slurmVerdictsReachJoblogAndHistory()
{
    const QString joblog = m_dir.filePath(QStringLiteral("verdicts.joblog"));
    const QString history = m_dir.filePath(QStringLiteral("verdicts.sqlite"));
    // 1: exit 3; 2: killed by SIGTERM; 3: its step scancelled (Slurm's CANCELLED).
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j3"), QStringLiteral("--joblog"),
                       joblog, QStringLiteral("--history"), history,
                       QStringLiteral("case {} in 1) exit 3;; 2) kill -TERM $$;; 3) scancel $SLURM_JOB_ID.$SLURM_STEP_ID; sleep 60;; esac"),
                       QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
    QCOMPARE(r.code, 3);
    QVERIFY2(!r.err.contains("srun:") && !r.err.contains("slurmstepd"), r.err.constData()); // Slurm's lines are not the job's
    QString error;
    const auto entries = qmp::JobLog::read(joblog, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 3);
    for (const qmp::JobLog::Entry &e : *entries) {
        QCOMPARE(e.host, QStringLiteral("localhost")); // the node the step ran on
        if (e.seq == 1)
            QCOMPARE((QList<int>{e.exitValue, e.signal}), (QList<int>{3, 0}));
        else if (e.seq == 2)
            QCOMPARE((QList<int>{e.exitValue, e.signal}), (QList<int>{0, SIGTERM}));
        else
            QCOMPARE(e.exitValue == 0 && e.signal > 0, true);
    }
    qmp::HistoryStore store(history, qmp::HistoryStore::Mode::ReadOnly);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    QList<qmp::TaskRecord> tasks = store.tasks(qmp::TaskQuery{}, 10);
    std::sort(tasks.begin(), tasks.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    QCOMPARE(tasks.size(), 3);
    QCOMPARE(tasks.at(0).exitCode, 3);
    QCOMPARE(tasks.at(1).signal(), SIGTERM);
    QVERIFY2(tasks.at(2).message.contains(QLatin1String("Slurm: CANCELLED (step ")), qPrintable(tasks.at(2).message));
    QCOMPARE(tasks.at(0).command()->program, QStringLiteral("/bin/sh")); // as written, not srun
    for (const qmp::TaskRecord &task : tasks)
        QCOMPARE(task.host, QStringLiteral("localhost"));
}

void tst_SlurmRun::slurmTimeLimitIsATimeout()
{
    // Slurm's limits are whole minutes, enforced by a periodic check (61-74 s here).
    const QString history = m_dir.filePath(QStringLiteral("timelimit.sqlite"));
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j1"), QStringLiteral("--history"),
                       history, QStringLiteral("--slurm-step-arg=--time=1"), QStringLiteral("sleep {}"),
                       QStringLiteral(":::"), QStringLiteral("600")},
                      {}, 180000);
    QCOMPARE(r.code, 1);
    qmp::HistoryStore store(history, qmp::HistoryStore::Mode::ReadOnly);
    const QList<qmp::TaskRecord> tasks = store.tasks(qmp::TaskQuery{}, 10);
    QCOMPARE(tasks.size(), 1);
    QVERIFY2(tasks.at(0).message.contains(QLatin1String("Slurm: TIMEOUT")), qPrintable(tasks.at(0).message));
}

// --time limits the allocation (not each step): when Slurm ends it, the job running fails and so
// does every job not started, all with Slurm's verdict.
void tst_SlurmRun::anAllocationsTimeLimitEndsTheRun()
{
    const QString history = m_dir.filePath(QStringLiteral("allocationlimit.sqlite"));
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j1"), QStringLiteral("--time"),
                       QStringLiteral("1"), QStringLiteral("--history"), history, QStringLiteral("sleep {}"),
                       QStringLiteral(":::"), QStringLiteral("600"), QStringLiteral("601"), QStringLiteral("602")},
                      {}, 240000);
    QCOMPARE(r.code, 3); // every job failed
    QVERIFY2(r.err.contains("ended (TIMEOUT)"), r.err.constData());
    qmp::HistoryStore store(history, qmp::HistoryStore::Mode::ReadOnly);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    const QList<qmp::TaskRecord> tasks = store.tasks(qmp::TaskQuery{}, 10);
    QCOMPARE(tasks.size(), 3);
    for (const qmp::TaskRecord &task : tasks)
        QVERIFY2(task.message.contains(QLatin1String("TIMEOUT")), qPrintable(QStringLiteral("job %1: %2").arg(task.seq).arg(task.message)));
    QVERIFY2(sallocsOfThisCluster().isEmpty(), qPrintable(sallocsOfThisCluster().join(QLatin1String("; "))));
}

void tst_SlurmRun::ownTimeoutCancelsTheStep()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"), QStringLiteral("--timeout"),
                       QStringLiteral("1"), QStringLiteral("sleep {}"), QStringLiteral(":::"), QStringLiteral("600"),
                       QStringLiteral("0")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("timed out"), r.err.constData());
    // cleanup(): no step and no allocation left.
}

void tst_SlurmRun::haltNowCancelsTheOtherSteps()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"), QStringLiteral("--halt"),
                       QStringLiteral("now,fail=1"), QStringLiteral("sleep {}; exit 4"), QStringLiteral(":::"),
                       QStringLiteral("600"), QStringLiteral("0")});
    QCOMPARE(r.code, 4);
}

void tst_SlurmRun::retriesAndResume()
{
    const QString marker = m_dir.filePath(QStringLiteral("tried-once"));
    const QString joblog = m_dir.filePath(QStringLiteral("resume.joblog"));
    const QStringList run{QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"), QStringLiteral("--retries"),
                          QStringLiteral("1"), QStringLiteral("--joblog"), joblog,
                          QStringLiteral("if [ {} = b ] && [ ! -e '%1' ]; then touch '%1'; exit 1; fi; echo {}").arg(marker),
                          QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")};
    const Run first = qmp(run);
    QCOMPARE(first.code, 0);
    QCOMPARE(first.out.size(), 4); // "a\n" and "b\n" (b on its second try)
    QStringList again = run;
    again.insert(1, QStringLiteral("--resume"));
    const Run resumed = qmp(again);
    QCOMPARE(resumed.code, 0);
    QCOMPARE(resumed.out, QByteArray());
}

void tst_SlurmRun::badPartition()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("--partition"),
                       QStringLiteral("no-such-partition"), QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")});
    QCOMPARE(r.code, 255);
    QVERIFY2(r.err.contains("cannot run on Slurm") && r.err.contains("no-such-partition"), r.err.constData());
}

void tst_SlurmRun::unreachableController()
{
    QFile conf(m_conf);
    QVERIFY(conf.open(QIODevice::ReadOnly));
    QByteArray text = conf.readAll();
    text.replace(QRegularExpression(QStringLiteral("SlurmctldPort=\\d+")).match(QString::fromUtf8(text)).captured().toUtf8(),
                 "SlurmctldPort=1");
    const QString badConf = m_dir.filePath(QStringLiteral("unreachable.conf"));
    QFile bad(badConf);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(text);
    bad.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("SLURM_CONF"), badConf);
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("true"), QStringLiteral(":::"),
                       QStringLiteral("1")},
                      env);
    QCOMPARE(r.code, 255);
    QVERIFY2(r.err.contains("Unable to contact slurm controller"), r.err.constData());
}

void tst_SlurmRun::pendingShowsWhyAndASignalWithdrawsIt()
{
    // More CPUs than the cluster has: Slurm keeps the request pending (PartitionConfig).
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j5000"),
                                           QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("waiting for Slurm to allocate 5000 CPU"), 30000);
    QVERIFY(!squeue({QStringLiteral("-h"), QStringLiteral("-n"), QStringLiteral("qmp-run")}).isEmpty());
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 128 + SIGTERM);
    // cleanup(): the pending request is gone.
}

// A run killed outright (SIGKILL: nothing of it runs any more) still gives its allocation back:
// Slurm's CPUs are not held for a program that is gone, up to the job's time limit (salloc
// --no-shell had left the allocation to the program's own release).
void tst_SlurmRun::aKilledRunGivesItsAllocationBack()
{
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"),
                                           QStringLiteral("sleep 120"), QStringLiteral(":::"), QStringLiteral("1"),
                                           QStringLiteral("2")});
    QVERIFY(p.waitForStarted());
    // Both workers' steps run the jobs.
    QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("-h"), QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("%i")})
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                  .size(),
                              2, 30000);
    QVERIFY(!squeue({QStringLiteral("-h"), QStringLiteral("-t"), QStringLiteral("R"), QStringLiteral("-n"),
                     QStringLiteral("qmp-run")})
                 .isEmpty());
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    // Nor does its salloc stay (once seen spinning on a child it had lost, at 100 % CPU).
    QTRY_VERIFY2_WITH_TIMEOUT(sallocsOfThisCluster().isEmpty(), qPrintable(sallocsOfThisCluster().join(QLatin1String("; "))),
                              30000);
    // cleanup(): the allocation is gone, without anyone cancelling it.
}

// salloc processes talking to this test's cluster.
QStringList tst_SlurmRun::sallocsOfThisCluster() const
{
    return qmptest::sallocsOf(m_conf);
}

// The node goes down while two jobs run on the run's two workers (steps: what a lost node looks
// like to Slurm is NODE_FAIL). Slurm 22.05's srun says "Node failure on localhost" and exits 0;
// the jobs must fail all the same, with Slurm's verdict in the joblog and the history. The
// failure ends the allocation: the third job, not started yet, fails at once saying so.
void tst_SlurmRun::aNodeLostMidStepFailsItsJobs()
{
    const QString joblog = m_dir.filePath(QStringLiteral("nodefail.joblog"));
    const QString history = m_dir.filePath(QStringLiteral("nodefail.sqlite"));
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"),
                                           QStringLiteral("--joblog"), joblog, QStringLiteral("--history"), history,
                                           QStringLiteral("touch nodefail-{}.running; sleep 120; echo {}"),
                                           QStringLiteral(":::"), QStringLiteral("1"),
                                           QStringLiteral("2"), QStringLiteral("3")});
    QVERIFY(p.waitForStarted());
    const auto runningSteps = [this] {
        static const QRegularExpression step(QStringLiteral("^[0-9]+\\.[0-9]+$"));
        const QStringList ids = squeue({QStringLiteral("-h"), QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("%i")})
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return std::count_if(ids.begin(), ids.end(), [](const QString &id) { return step.match(id.trimmed()).hasMatch(); });
    };
    QTRY_COMPARE_WITH_TIMEOUT(runningSteps(), 2, 60000);
    const QString job = squeue({QStringLiteral("-h"), QStringLiteral("-n"), QStringLiteral("qmp-run"), QStringLiteral("-o"),
                                QStringLiteral("%i")});
    // The steps are the run's two workers (they stay for the whole run): wait until both jobs run.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("nodefail-1.running")))
                                 && QFile::exists(m_dir.filePath(QStringLiteral("nodefail-2.running"))),
                             60000);
    scontrol({QStringLiteral("update"), QStringLiteral("nodename=localhost"), QStringLiteral("state=down"),
              QStringLiteral("reason=qmp-test")});
    const bool finished = p.waitForFinished(90000);
    // The node back in service for the tests after this one (ReturnToService=2 does it once slurmd
    // registers again; resume in case it has not).
    if (nodeState().startsWith(QLatin1String("down")))
        scontrol({QStringLiteral("update"), QStringLiteral("nodename=localhost"), QStringLiteral("state=resume")});
    QTRY_VERIFY_WITH_TIMEOUT(!nodeState().startsWith(QLatin1String("down")), 30000);
    QVERIFY(finished);
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 3); // every job failed: 1 and 2 on the node, 3 without the allocation
    QVERIFY2(p.readAllStandardOutput().isEmpty(), err.constData());
    QString error;
    const auto entries = qmp::JobLog::read(joblog, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 3);
    for (const qmp::JobLog::Entry &e : *entries)
        QVERIFY2(e.exitValue != 0 || e.signal != 0, qPrintable(QStringLiteral("job %1 exit %2 signal %3").arg(e.seq).arg(e.exitValue).arg(e.signal)));
    qmp::HistoryStore store(history, qmp::HistoryStore::Mode::ReadOnly);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    const QList<qmp::TaskRecord> tasks = store.tasks(qmp::TaskQuery{}, 10);
    QCOMPARE(tasks.size(), 3);
    const QString ended = QStringLiteral("the Slurm allocation %1 ended (NODE_FAIL)").arg(job);
    for (const qmp::TaskRecord &task : tasks) {
        const QString verdict = task.seq == 3 ? ended : QStringLiteral("Slurm: NODE_FAIL");
        QVERIFY2(task.message.contains(verdict), qPrintable(QStringLiteral("job %1: %2").arg(task.seq).arg(task.message)));
    }
    QVERIFY2(QString::fromUtf8(err).contains(ended), err.constData());
}

// The run's allocation cancelled from elsewhere (scancel of its job) while its one worker runs the
// first job: qmp run says so, naming the job and Slurm's verdict, and every job not finished fails
// at once with that reason (no step is tried any more; three failed tries in a row had been
// needed, with a message about starting steps) — in the joblog, so --resume-failed runs them again.
void tst_SlurmRun::aCancelledAllocationFailsTheRestAtOnce()
{
    const QString joblog = m_dir.filePath(QStringLiteral("cancelled.joblog"));
    const QString history = m_dir.filePath(QStringLiteral("cancelled.sqlite"));
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j1"),
                                           QStringLiteral("--joblog"), joblog, QStringLiteral("--history"), history,
                                           QStringLiteral("touch cancelled-{}.running; sleep 120; echo {}"),
                                           QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"),
                                           QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5")});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("cancelled-1.running"))), 60000);
    const QString job = squeue({QStringLiteral("-h"), QStringLiteral("-n"), QStringLiteral("qmp-run"), QStringLiteral("-o"),
                                QStringLiteral("%i")});
    QVERIFY(!job.isEmpty());
    QProcess scancel;
    scancel.setProcessEnvironment(environment());
    scancel.start(QStringLiteral("scancel"), {job});
    QVERIFY(scancel.waitForFinished(30000));
    QCOMPARE(scancel.exitCode(), 0);
    QVERIFY(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 5); // every job failed
    QVERIFY2(p.readAllStandardOutput().isEmpty(), err.constData());
    const QString ended = QStringLiteral("the Slurm allocation %1 ended (CANCELLED)").arg(job);
    QVERIFY2(QString::fromUtf8(err).contains(ended), err.constData());
    QString error;
    const auto entries = qmp::JobLog::read(joblog, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 5);
    for (const qmp::JobLog::Entry &e : *entries)
        QVERIFY2(e.exitValue != 0 || e.signal != 0, qPrintable(QStringLiteral("job %1 exit %2 signal %3").arg(e.seq).arg(e.exitValue).arg(e.signal)));
    qmp::HistoryStore store(history, qmp::HistoryStore::Mode::ReadOnly);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    const QList<qmp::TaskRecord> tasks = store.tasks(qmp::TaskQuery{}, 10);
    QCOMPARE(tasks.size(), 5);
    for (const qmp::TaskRecord &task : tasks) {
        if (task.seq >= 3) { // never started: no step was tried for them
            QVERIFY2(task.message.contains(ended), qPrintable(QStringLiteral("job %1: %2").arg(task.seq).arg(task.message)));
            QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("cancelled-%1.running").arg(task.seq))));
        }
    }
    QVERIFY2(sallocsOfThisCluster().isEmpty(), qPrintable(sallocsOfThisCluster().join(QLatin1String("; "))));
}

// qmp ps lists what a qmp run --slurm runs as the commands (as for a local run), not as the
// task that carries each to its worker.
void tst_SlurmRun::psListsTheCommands()
{
    QProcess run;
    qmptest::tieToTest(run);
    run.setProcessEnvironment(environment());
    run.setWorkingDirectory(m_dir.path());
    run.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"),
                                             QStringLiteral("sleep {}"), QStringLiteral(":::"), QStringLiteral("301"),
                                             QStringLiteral("302")});
    QVERIFY(run.waitForStarted());
    const auto listed = [&] {
        QProcess ps;
        ps.setProcessEnvironment(environment());
        ps.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("ps"), QStringLiteral("--json"), QString::number(run.processId())});
        ps.waitForFinished(30000);
        QStringList tasks;
        for (const QJsonValue &program : QJsonDocument::fromJson(ps.readAllStandardOutput()).array()) {
            for (const QJsonValue &pool : program.toObject().value(QStringLiteral("pools")).toArray()) {
                for (const QJsonValue &worker : pool.toObject().value(QStringLiteral("workers")).toArray()) {
                    const QString task = worker.toObject().value(QStringLiteral("task")).toString();
                    if (!task.isEmpty())
                        tasks << task;
                }
            }
        }
        tasks.sort();
        return tasks;
    };
    QTRY_COMPARE_WITH_TIMEOUT(listed(), (QStringList{QStringLiteral("sleep 301"), QStringLiteral("sleep 302")}), 90000);
    ::kill(pid_t(run.processId()), SIGTERM);
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 128 + SIGTERM);
}

// --slurm-address and --slurm-port: the workers are told that address and port, and reach it.
void tst_SlurmRun::workersConnectBackWhereTold()
{
    QTcpServer probe; // a port free a moment ago
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    // Each job prints its worker's command line (the worker is the job's shell's parent).
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j2"), QStringLiteral("--slurm-address"),
                       QStringLiteral("127.0.0.1"), QStringLiteral("--slurm-port"), QString::number(port),
                       QStringLiteral("tr '\\0' ' ' < /proc/$PPID/cmdline; echo {}"), QStringLiteral(":::"),
                       QStringLiteral("1"), QStringLiteral("2")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QByteArray told = QStringLiteral("=127.0.0.1:%1 ").arg(port).toUtf8();
    QCOMPARE(r.out.count(told), 2);
}

void tst_SlurmRun::listenErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("error"); // what stderr must say
    QTest::newRow("port in use") << QStringList{QStringLiteral("--slurm-port"), QStringLiteral("PORT")}
                                 << QStringLiteral("0.0.0.0:PORT (--slurm-address, --slurm-port): cannot listen: Address already in use");
    QTest::newRow("address in use") << QStringList{QStringLiteral("--slurm-address=127.0.0.1"), QStringLiteral("--slurm-port=PORT")}
                                    << QStringLiteral("127.0.0.1:PORT (--slurm-address, --slurm-port): cannot listen: Address already in use");
    QTest::newRow("unknown host") << QStringList{QStringLiteral("--slurm-address"), QStringLiteral("no-such-host.invalid")}
                                  << QStringLiteral("no-such-host.invalid:0 (--slurm-address, --slurm-port): cannot resolve 'no-such-host.invalid'");
    QTest::newRow("not this machine's") << QStringList{QStringLiteral("--slurm-address"), QStringLiteral("192.0.2.1")}
                                        << QStringLiteral("192.0.2.1:0 (--slurm-address, --slurm-port): cannot listen: Cannot assign requested address");
}

// An address or port the workers cannot be given is an error before anything is asked of Slurm.
void tst_SlurmRun::listenErrors()
{
    QFETCH(QStringList, options);
    QFETCH(QString, error);
    QTcpServer taken; // every interface's
    QVERIFY(taken.listen(QHostAddress::AnyIPv4));
    const QString port = QString::number(taken.serverPort());
    for (QString &option : options)
        option.replace(QLatin1String("PORT"), port);
    error.replace(QLatin1String("PORT"), port);
    const Run r = qmp(QStringList{QStringLiteral("run"), QStringLiteral("--slurm"), QStringLiteral("-j1")} + options
                      + QStringList{QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("1")});
    QCOMPARE(r.code, 255);
    QVERIFY2(r.err.startsWith("qmp: cannot run on Slurm: the workers could not connect back to "), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(error), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

QMP_GUILESS_TEST_MAIN(tst_SlurmRun)
#include "tst_slurmrun.moc"
