// The studio on a real single-node Slurm cluster (tests/slurm/cluster.sh, started by the ctest
// fixture): the launcher's "Run on" lists the cluster's partition; a task batch launched on it
// runs on a pool whose workers are steps of one allocation, and the hub's state (what the pool
// list, the worker table, attached programs and `qmp ps` show) carries the Slurm job id and
// state, each worker's node and step, and each task's node (into the history too); Terminate
// worker cancels that worker's step and the pool serves on; a command batch runs its commands on
// the pool's workers, as `qmp run --slurm` does, shown (here, in qmp ps, in the history) as the
// commands they are; while Slurm keeps the allocation waiting the pool says PENDING
// with squeue's reason. Without a cluster (not root, no Slurm) the tests skip,
// saying why, unless QMP_SLURM_REQUIRED=1.

#include "batchspec.h"
#include "commandtemplate.h"
#include "historystore.h"
#include "launchtargetcombo.h"
#include "localcluster.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "poolmodel.h"
#include "studiosession.h"
#include "taskquery.h"
#include "workermodel.h"

#include "../app/studiotestmain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qmp;

class tst_SlurmStudio : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void launcherListsThePartition();
    void taskBatchShowsJobNodesAndSteps();
    void terminateWorkerCancelsItsStep();
    void commandBatchRunsOnWorkers();
    void commandRetriesRunAFailedCommandAgain();
    void pendingShowsSqueueReason();

private:
    bool haveCluster() const { return !m_conf.isEmpty(); }
    QString historyPath();
    static QString squeue(const QStringList &arguments);
    static const WorkerState *busyWorkerOnSlurm(const PoolState &pool);
    // What `qmp ps --json` of this program says of its first pool (hub served on a monitor socket
    // meanwhile), in pool.
    static void psFirstPool(MonitorHub *hub, QJsonObject &pool);
    QString m_conf;
    QString m_why;
    QTemporaryDir m_dir;
    int m_histories = 0;
};

void tst_SlurmStudio::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_conf = qmptest::localSlurmConf(&m_why);
    if (m_conf.isEmpty()) {
        if (qmptest::slurmRequired())
            QFAIL(qPrintable(m_why));
        return;
    }
    qputenv("SLURM_CONF", m_conf.toLocal8Bit()); // sinfo, salloc, srun, scancel find the cluster
}

void tst_SlurmStudio::cleanup()
{
    if (!haveCluster())
        return;
    // Every pool gave its allocation back when its session ended.
    QTRY_COMPARE_WITH_TIMEOUT(squeue({QStringLiteral("-o"), QStringLiteral("%i")}), QString(), 30000);
}

void tst_SlurmStudio::psFirstPool(MonitorHub *hub, QJsonObject &pool)
{
    MonitorServer server(hub);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QProcess ps;
    ps.start(QStringLiteral(QMP_CLI_PATH),
             {QStringLiteral("ps"), QStringLiteral("--json"), QString::number(QCoreApplication::applicationPid())});
    QSignalSpy psDone(&ps, &QProcess::finished);
    QTRY_COMPARE_WITH_TIMEOUT(psDone.size(), 1, 30000); // the event loop serves the monitor socket meanwhile
    const QJsonArray programs = QJsonDocument::fromJson(ps.readAllStandardOutput()).array();
    QCOMPARE(programs.size(), 1);
    pool = programs.first().toObject().value(QStringLiteral("pools")).toArray().first().toObject();
}

QString tst_SlurmStudio::historyPath()
{
    return m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_histories));
}

QString tst_SlurmStudio::squeue(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral("squeue"), QStringList{QStringLiteral("-h")} + arguments);
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

const WorkerState *tst_SlurmStudio::busyWorkerOnSlurm(const PoolState &pool)
{
    for (const WorkerState &w : pool.workers()) {
        if (w.state == WorkerState::State::Busy && !w.slurmStep.isEmpty())
            return pool.worker(w.pid);
    }
    return nullptr;
}

void tst_SlurmStudio::launcherListsThePartition()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    LaunchTargetCombo combo;
    QSignalSpy answered(&combo, &LaunchTargetCombo::partitionsChanged);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 30000);
    QCOMPARE(combo.whyNoSlurm(), QString());
    QCOMPARE(combo.count(), 3); // this machine (the service, the studio), the fixture's partition
    QVERIFY2(combo.itemText(2).contains(QLatin1String("debug")), qPrintable(combo.itemText(2)));
    QVERIFY2(combo.itemText(2).contains(QLatin1String("1 node")), qPrintable(combo.itemText(2)));
    QCOMPARE(combo.target().kind, LaunchTarget::Kind::Service); // the default
    QVERIFY(combo.setTarget(LaunchTarget::slurm(QStringLiteral("debug"))));
    QCOMPARE(combo.target().partition, QStringLiteral("debug"));
}

void tst_SlurmStudio::taskBatchShowsJobNodesAndSteps()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    const QString history = historyPath();
    StudioSession session(history);
    MonitorHub *hub = session.hub();
    BatchSpec spec;
    spec.kind = BatchSpec::Kind::Task;
    spec.task = QStringLiteral("demo.sleep");
    spec.inputs = {QStringLiteral("3000"), QStringLiteral("3000"), QStringLiteral("100"), QStringLiteral("100")};
    spec.poolName = QStringLiteral("on Slurm");
    spec.processes = 2;
    spec.target = LaunchTarget::slurm(QStringLiteral("debug"));
    const StudioSession::Launch launch = session.launch(spec);
    QVERIFY2(launch.ok(), qPrintable(launch.error));
    const PoolState *pool = hub->pool(launch.poolId);
    QVERIFY(pool);

    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("RUNNING"), 60000);
    const qint64 job = pool->slurmJob().jobId;
    QVERIFY(job > 0);
    QVERIFY(squeue({QStringLiteral("-o"), QStringLiteral("%i %T")}).contains(QStringLiteral("%1 RUNNING").arg(job)));
    QTRY_VERIFY_WITH_TIMEOUT(busyWorkerOnSlurm(*pool) != nullptr, 60000);
    const WorkerState *worker = busyWorkerOnSlurm(*pool);
    QCOMPARE(worker->host, QStringLiteral("localhost")); // Slurm's name for the node
    QVERIFY2(QRegularExpression(QStringLiteral("^%1\\.\\d+$").arg(job)).match(worker->slurmStep).hasMatch(),
             qPrintable(worker->slurmStep));

    // The pool list and the worker table show it.
    PoolModel pools(hub);
    const int row = pools.rowOfPool(launch.poolId);
    QCOMPARE(pools.index(row, PoolModel::Slurm).data().toString(), QStringLiteral("%1 RUNNING").arg(job));
    hub->flush();
    WorkerModel workers(hub);
    workers.setPoolId(launch.poolId);
    QStringList nodes, steps;
    for (int r = 0; r < workers.rowCount(); ++r) {
        nodes << workers.index(r, WorkerModel::Node).data().toString();
        steps << workers.index(r, WorkerModel::SlurmStep).data().toString();
    }
    QVERIFY2(nodes.contains(QStringLiteral("localhost")), qPrintable(nodes.join(u',')));
    QVERIFY2(steps.contains(worker->slurmStep), qPrintable(steps.join(u',')));

    // qmp ps, attached through the monitor socket, shows the same.
    QJsonObject listed;
    psFirstPool(hub, listed);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject slurm = listed.value(QStringLiteral("slurm")).toObject();
    QCOMPARE(slurm.value(QStringLiteral("jobId")).toInteger(), job);
    QCOMPARE(slurm.value(QStringLiteral("state")).toString(), QStringLiteral("RUNNING"));
    QStringList psNodes;
    for (const QJsonValue &w : listed.value(QStringLiteral("workers")).toArray())
        psNodes << w.toObject().value(QStringLiteral("host")).toString();
    QVERIFY2(psNodes.contains(QStringLiteral("localhost")), qPrintable(psNodes.join(u',')));

    // Every task ran on the node, and the history says where.
    QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks(), qint64(4), 60000);
    for (quint64 id : pool->taskOrder())
        QCOMPARE(pool->task(id)->host, QStringLiteral("localhost"));
    QTRY_VERIFY_WITH_TIMEOUT(session.history()->batch(qint64(launch.batchId)).has_value(), 10000);
    QVERIFY(session.history()->flush());
    TaskQuery query;
    query.batchId = qint64(launch.batchId);
    QList<TaskRecord> recorded;
    QTRY_COMPARE_WITH_TIMEOUT((recorded = session.history()->tasks(query, 10)).size(), 4, 10000);
    for (const TaskRecord &task : std::as_const(recorded))
        QCOMPARE(task.host, QStringLiteral("localhost"));

    // Terminate pool gives the allocation back: the state says so.
    QVERIFY(hub->terminate(launch.poolId));
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("CANCELLED"), 30000);
}

void tst_SlurmStudio::terminateWorkerCancelsItsStep()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    StudioSession session(historyPath());
    MonitorHub *hub = session.hub();
    BatchSpec spec;
    spec.kind = BatchSpec::Kind::Task;
    spec.task = QStringLiteral("demo.sleep");
    spec.inputs = {QStringLiteral("120000"), QStringLiteral("120000"), QStringLiteral("100"), QStringLiteral("100")};
    spec.poolName = QStringLiteral("steps");
    spec.processes = 2;
    spec.target = LaunchTarget::slurm(QStringLiteral("debug"));
    const StudioSession::Launch launch = session.launch(spec);
    QVERIFY2(launch.ok(), qPrintable(launch.error));
    const PoolState *pool = hub->pool(launch.poolId);
    QTRY_VERIFY_WITH_TIMEOUT(busyWorkerOnSlurm(*pool) != nullptr, 90000);
    const qint64 pid = busyWorkerOnSlurm(*pool)->pid;
    const QString step = busyWorkerOnSlurm(*pool)->slurmStep;
    const QStringList stepsArgs{QStringLiteral("--steps"), QStringLiteral("-o"), QStringLiteral("%i")};
    QVERIFY2(squeue(stepsArgs).split(u'\n').contains(step), qPrintable(squeue(stepsArgs)));

    QVERIFY(hub->terminateWorker(launch.poolId, pid));
    QTRY_VERIFY2_WITH_TIMEOUT(!squeue(stepsArgs).split(u'\n').contains(step), qPrintable(squeue(stepsArgs)), 30000);
    // Its task failed (no retries); a new worker (a new step) takes the freed CPU and the pool
    // serves on: the two short tasks finish while the other long one still runs.
    QTRY_COMPARE_WITH_TIMEOUT(pool->failedTasks(), qint64(1), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks(), qint64(2), 90000);
    QCOMPARE(pool->slurmJob().state, QStringLiteral("RUNNING"));
    QVERIFY(hub->terminate(launch.poolId));
}

void tst_SlurmStudio::commandBatchRunsOnWorkers()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    StudioSession session(historyPath());
    MonitorHub *hub = session.hub();
    // Four commands on two workers; "c" exits 1. The first two wait for a file so that they are
    // seen running (qmp ps, below).
    const QString go = m_dir.filePath(QStringLiteral("go-%1").arg(m_histories));
    BatchSpec spec = BatchSpec::fromTemplate(
        QStringLiteral("while [ ! -e %1 ]; do sleep 0.1; done; echo {}; echo err-{} >&2; test {} != c").arg(go),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    spec.poolName = QStringLiteral("commands on Slurm");
    spec.processes = 2;
    spec.target = LaunchTarget::slurm(QStringLiteral("debug"));
    const StudioSession::Launch launch = session.launch(spec);
    QVERIFY2(launch.ok(), qPrintable(launch.error));
    const PoolState *pool = hub->pool(launch.poolId);
    const auto shownAs = [&](int i) { return spec.commands.at(i).displayLine(); };

    // Running: each command on a worker of the pool (a step of its allocation), shown as the
    // command, here and in qmp ps — not as the task that carries it to the worker.
    QTRY_COMPARE_WITH_TIMEOUT(pool->runningTasks(), 2, 90000);
    const auto busyOnSlurm = [&] { // what the busy workers placed on a node run (a task may be handed
        QStringList busy;          // to a worker before it connected back)
        for (const WorkerState &w : pool->workers()) {
            if (w.state == WorkerState::State::Busy && !w.slurmStep.isEmpty() && !w.isCommand)
                busy << w.taskName;
        }
        busy.sort();
        return busy;
    };
    QTRY_COMPARE_WITH_TIMEOUT(busyOnSlurm(), (QStringList{shownAs(0), shownAs(1)}), 60000);
    QStringList psTasks;
    QJsonObject listed;
    psFirstPool(hub, listed);
    if (QTest::currentTestFailed())
        return;
    for (const QJsonValue &w : listed.value(QStringLiteral("workers")).toArray()) {
        if (!w.toObject().value(QStringLiteral("task")).toString().isEmpty())
            psTasks << w.toObject().value(QStringLiteral("task")).toString();
    }
    psTasks.sort();
    QCOMPARE(psTasks, (QStringList{shownAs(0), shownAs(1)}));

    QFile(go).open(QIODevice::WriteOnly);
    QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks() + pool->failedTasks(), qint64(4), 90000);
    QCOMPARE(pool->failedTasks(), qint64(1));
    QVERIFY(pool->slurmJob().jobId > 0);
    QSet<qint64> workerPids;
    for (quint64 id : pool->taskOrder()) {
        const TaskState *task = pool->task(id);
        QVERIFY(task->isCommand);
        QCOMPARE(task->name, shownAs(int(task->index)));
        QCOMPARE(task->host, QStringLiteral("localhost"));
        const QString letter = QString(QChar(u'a' + int(task->index)));
        QCOMPARE(task->outputText(1), letter + QLatin1Char('\n'));
        QCOMPARE(task->outputText(2), QStringLiteral("err-") + letter + QLatin1Char('\n'));
        QCOMPARE(task->exitCode, letter == QLatin1String("c") ? 1 : 0);
        QCOMPARE(task->state, letter == QLatin1String("c") ? TaskState::State::Failed : TaskState::State::Finished);
        workerPids.insert(task->workerPid);
    }
    // No step per command: the pool's two workers ran all four.
    QVERIFY2(workerPids.size() <= 2, qPrintable(QString::number(workerPids.size())));
    for (qint64 pid : std::as_const(workerPids))
        QVERIFY(!pool->worker(pid)->slurmStep.isEmpty());

    // The history has the commands as commands, with their exit codes, output and node.
    QVERIFY(session.history()->flush());
    TaskQuery query;
    query.batchId = qint64(launch.batchId);
    QList<TaskRecord> recorded;
    QTRY_COMPARE_WITH_TIMEOUT((recorded = session.history()->tasks(query, 10)).size(), 4, 10000);
    for (const TaskRecord &task : std::as_const(recorded)) {
        QCOMPARE(task.kind, TaskRecord::Kind::Command);
        QCOMPARE(task.name, CommandTemplate::lineOf(spec.commands.at(int(task.seq - 1)))); // as a local batch's
        QCOMPARE(task.host, QStringLiteral("localhost"));
        QCOMPARE(task.exitCode, task.seq == 3 ? 1 : 0);
        QVERIFY(task.stderrTail.startsWith("err-"));
    }

    // Retry runs the failed command again on a worker (not here), shown as the command.
    quint64 failedId = 0;
    for (quint64 id : pool->taskOrder()) {
        if (pool->task(id)->state == TaskState::State::Failed)
            failedId = id;
    }
    QVERIFY(hub->canRetry(launch.poolId, failedId));
    QVERIFY(hub->retryTask(launch.poolId, failedId));
    QTRY_COMPARE_WITH_TIMEOUT(pool->failedTasks(), qint64(2), 60000);
    const TaskState *retried = pool->task(pool->taskOrder().back());
    QVERIFY(retried->id != failedId);
    QCOMPARE(retried->name, shownAs(2));
    QCOMPARE(retried->host, QStringLiteral("localhost"));
    QCOMPARE(retried->outputText(2), QStringLiteral("err-c\n"));

    // The same pool takes a task batch too (its workers run both).
    BatchSpec tasks;
    tasks.kind = BatchSpec::Kind::Task;
    tasks.task = QStringLiteral("demo.sleep");
    tasks.inputs = {QStringLiteral("1")};
    tasks.poolId = launch.poolId;
    QVERIFY(session.launch(tasks).ok());
    QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks(), qint64(4), 60000);
    QVERIFY(hub->close(launch.poolId));
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("CANCELLED"), 30000);
}

// Retries on Slurm mean what they mean on this machine: a command that fails (here: exit 3) runs
// again on a worker, up to Retries more times, and fails with its last result.
void tst_SlurmStudio::commandRetriesRunAFailedCommandAgain()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    StudioSession session(historyPath());
    MonitorHub *hub = session.hub();
    const QString runs = m_dir.filePath(QStringLiteral("runs-%1").arg(m_histories));
    BatchSpec spec = BatchSpec::fromTemplate(QStringLiteral("echo {} >> %1; exit 3").arg(runs), {QStringLiteral("once")});
    spec.poolName = QStringLiteral("retries on Slurm");
    spec.processes = 1;
    spec.retries = 2;
    spec.target = LaunchTarget::slurm(QStringLiteral("debug"));
    const StudioSession::Launch launch = session.launch(spec);
    QVERIFY2(launch.ok(), qPrintable(launch.error));
    const PoolState *pool = hub->pool(launch.poolId);
    QTRY_COMPARE_WITH_TIMEOUT(pool->failedTasks(), qint64(1), 90000);
    QFile file(runs);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("once\nonce\nonce\n"));
    QCOMPARE(pool->taskOrder().size(), 1); // one command, tried three times
    const TaskState *task = pool->task(pool->taskOrder().back());
    QCOMPARE(task->attempt, 3);
    QCOMPARE(task->exitCode, 3);
    QCOMPARE(task->host, QStringLiteral("localhost"));
    QVERIFY(hub->close(launch.poolId));
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("CANCELLED"), 30000);
}

void tst_SlurmStudio::pendingShowsSqueueReason()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    // Another job holds every CPU of the cluster (16, cluster.sh), so the pool's request waits.
    QProcess blocker;
    blocker.setProcessChannelMode(QProcess::MergedChannels);
    blocker.start(QStringLiteral("salloc"), {QStringLiteral("--no-shell"), QStringLiteral("--ntasks=16"),
                                             QStringLiteral("--job-name=qmp-test-blocker")});
    QVERIFY(blocker.waitForFinished(30000));
    const QRegularExpressionMatch granted = QRegularExpression(QStringLiteral("Granted job allocation (\\d+)"))
                                                .match(QString::fromUtf8(blocker.readAll()));
    QVERIFY(granted.hasMatch());
    const QString blockerJob = granted.captured(1);
    const auto release = qScopeGuard([&] { QProcess::execute(QStringLiteral("scancel"), {blockerJob}); });

    StudioSession session(historyPath());
    MonitorHub *hub = session.hub();
    BatchSpec spec;
    spec.kind = BatchSpec::Kind::Task;
    spec.task = QStringLiteral("demo.sleep");
    spec.inputs = {QStringLiteral("100"), QStringLiteral("100")};
    spec.poolName = QStringLiteral("waits");
    spec.processes = 2;
    spec.target = LaunchTarget::slurm(QStringLiteral("debug"));
    const StudioSession::Launch launch = session.launch(spec);
    QVERIFY2(launch.ok(), qPrintable(launch.error));
    const PoolState *pool = hub->pool(launch.poolId);
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("PENDING"), 30000);
    QVERIFY(pool->slurmJob().jobId > 0);
    // squeue's reason, not our own words, once it has been asked (every 2 s).
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().reason, QStringLiteral("Resources"), 30000);
    QCOMPARE(pool->queuedTasks(), 2);

    QCOMPARE(QProcess::execute(QStringLiteral("scancel"), {blockerJob}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(pool->slurmJob().state, QStringLiteral("RUNNING"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks(), qint64(2), 90000);
    QVERIFY(hub->terminate(launch.poolId));
}

QMP_STUDIO_TEST_MAIN(tst_SlurmStudio)
#include "tst_slurmstudio.moc"
