// qmp::Pool with its workers on Slurm (PoolOptions::slurm) against a real single-node cluster
// (tests/slurm/cluster.sh, started by the ctest fixture): workers start as steps of one
// allocation and connect back over TCP with the pool's authkey. map / apply / imap and
// exceptions as on a local pool; a worker killed (its pid, or its step scancelled) fails its
// task with WorkerLostError and the pool goes on; terminate() and the pool's end leave nothing
// in squeue; a connection with a wrong authkey is refused and the pool goes on; an allocation
// Slurm ends (scancel of its job, NODE_FAIL) fails what waits at once, naming the job and the
// verdict, and no step is started any more. Without Slurm the pool says so. Without a cluster (not root, Slurm not installed) the cluster tests skip
// saying why, unless QMP_SLURM_REQUIRED=1 (CI), where that is a failure.

#include "authenticator.h"
#include "errors.h"
#include "framesocket.h"
#include "localcluster.h"
#include "pool.h"
#include "qmptest.h"
#include "remoteworker.h"
#include "socketaddress.h"
#include "taskregistry.h"

#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <optional>
#include <csignal>
#include <stdexcept>
#include <functional>
#include <thread>
#include <vector>
#include <unistd.h>

using qmp::Pool;
using qmp::PoolOptions;
using qmptest::messageOf;

namespace {

int square(int x)
{
    return x * x;
}
QMP_TASK(square);

int failOn13(int x)
{
    if (x == 13)
        throw std::invalid_argument("13 is unlucky");
    return x;
}
QMP_TASK(failOn13);

// Writes "<pid> <job>.<step>" to mark, then sleeps: the test kills it while it really runs.
int markThenSleep(const QString &mark, int ms)
{
    QFile file(mark + QStringLiteral(".tmp"));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QByteArray::number(::getpid()) + ' ' + qgetenv("SLURM_JOB_ID") + '.' + qgetenv("SLURM_STEP_ID"));
        file.close();
        file.rename(mark);
    }
    QThread::msleep(ms);
    return ms;
}
QMP_TASK(markThenSleep);

// The same, deaf to SIGTERM: Slurm kills its step only after KillWait, the job COMPLETING till then.
int deafMarkThenSleep(const QString &mark, int ms)
{
    ::signal(SIGTERM, SIG_IGN);
    return markThenSleep(mark, ms);
}
QMP_TASK(deafMarkThenSleep);

QString blob(int size)
{
    return QString(size, QLatin1Char('x'));
}
QMP_TASK(blob);

// Runs call(t, i) for i < calls on each of threads threads at once; how many answered wrong or
// threw (each throw reported).
int wrongAnswers(int threads, int calls, const std::function<bool(int t, int i)> &call)
{
    std::atomic<int> wrong{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < threads; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < calls; ++i) {
                try {
                    if (!call(t, i))
                        ++wrong;
                } catch (const qmp::Error &e) {
                    qWarning("caller %d, call %d: %s", t, i, qPrintable(e.message()));
                    ++wrong;
                }
            }
        });
    }
    for (auto &caller : callers)
        caller.join();
    return wrong.load();
}

QString hostOf(int)
{
    return QString::fromUtf8(qgetenv("SLURM_JOB_ID"));
}
QMP_TASK(hostOf);

// A shell command: sh -c script.
qmp::Command shell(const QString &script)
{
    return qmp::Command{QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, {}};
}

} // namespace

class tst_SlurmPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void helloRoundTrip();
    void connectBackWithoutKeyFails();
    void noSlurmIsAClearError();
    void mapApplyImap();
    void directRepliesComeOffTheSocket();
    void callersTakeTurnsOnOneSocket();
    void exceptionsPropagate();
    void killedWorkerIsWorkerLostError_data();
    void killedWorkerIsWorkerLostError();
    void terminateLeavesNothingInSqueue();
    void closeBeforeAReplacementConnected();
    void wrongAuthkeyIsRefused();
    void workersThatCannotJoinAreAClearError();
    void workerThatNeverConnectsIsGivenUp();
    void taskTimeoutKillsTheStep();
    void pauseStopsTheRemoteWorker();
    void commandsRunOnTheWorkers();
    void commandTimeoutRetriesAndCancelOnTheNodes();
    void terminateFailsCommandsOnTheNodes();
    void aListenerHandedOverKeepsItsPort();
    void anIdleWorkersNodeFailing();
    void anEndedAllocationFailsWhatIsQueued_data();
    void anEndedAllocationFailsWhatIsQueued();
    void anEndedAllocationFailsQueuedCommands();

private:
    bool haveCluster();
    PoolOptions slurmOptions(quint16 port = 0) const;
    QString squeue() const;
    QString poolJobId() const;
    static void scontrol(const QStringList &arguments);
    static QString nodeState();
    void restoreNode();
    QStringList sallocsOfThisCluster() const;
    static QList<qint64> remoteWorkers();
    QString m_conf;
    QString m_why;
    QTemporaryDir m_dir;
};

void tst_SlurmPool::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_conf = qmptest::localSlurmConf(&m_why);
    if (m_conf.isEmpty()) {
        if (qmptest::slurmRequired())
            QFAIL(qPrintable(m_why));
        return;
    }
    qputenv("SLURM_CONF", m_conf.toLocal8Bit()); // salloc, srun, scancel of the pools find the cluster
}

bool tst_SlurmPool::haveCluster()
{
    return !m_conf.isEmpty();
}

void tst_SlurmPool::cleanup()
{
    // A salloc a test left behind (it failed) is not left to the tests after it.
    const auto killStraySallocs = qScopeGuard([this] { qmptest::killSallocsOf(m_conf); });
    if (!haveCluster())
        return;
    // Every pool gives its allocation back and leaves no worker, however it ended.
    QTRY_COMPARE_WITH_TIMEOUT(squeue(), QString(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(remoteWorkers(), QList<qint64>(), 30000);
}

PoolOptions tst_SlurmPool::slurmOptions(quint16 port) const
{
    PoolOptions options;
    qmp::SlurmWorkers slurm;
    slurm.address = QStringLiteral("127.0.0.1");
    slurm.port = port;
    slurm.jobName = QStringLiteral("qmp-pool-test");
    options.slurm = slurm;
    return options;
}

QString tst_SlurmPool::squeue() const
{
    QProcess p;
    p.start(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-t"), QStringLiteral("PD,R,CG"),
                                       QStringLiteral("-n"), QStringLiteral("qmp-pool-test")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void tst_SlurmPool::scontrol(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral("scontrol"), arguments);
    p.waitForFinished(30000);
}

// The state of the cluster's one node as sinfo prints it ("idle", "alloc", "down", ...).
QString tst_SlurmPool::nodeState()
{
    QProcess p;
    p.start(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-N"), QStringLiteral("-o"), QStringLiteral("%t")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// The node set down by a test back in service for the tests after it (ReturnToService=2 does it
// once slurmd registers again; resume in case it has not).
void tst_SlurmPool::restoreNode()
{
    if (nodeState().startsWith(QLatin1String("down")))
        scontrol({QStringLiteral("update"), QStringLiteral("nodename=localhost"), QStringLiteral("state=resume")});
    QTRY_VERIFY_WITH_TIMEOUT(!nodeState().startsWith(QLatin1String("down")), 30000);
}

// salloc processes talking to this test's cluster.
QStringList tst_SlurmPool::sallocsOfThisCluster() const
{
    return qmptest::sallocsOf(m_conf);
}

// The job id of the test's one pool on the cluster (by its job name).
QString tst_SlurmPool::poolJobId() const
{
    QProcess p;
    p.start(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-t"), QStringLiteral("PD,R"), QStringLiteral("-n"),
                                       QStringLiteral("qmp-pool-test"), QStringLiteral("-o"), QStringLiteral("%i")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// Live processes of this binary running as remote workers.
QList<qint64> tst_SlurmPool::remoteWorkers()
{
    QList<qint64> found;
    // Only this binary's (its workers and their sruns): other programs' workers (another
    // build's tests or benchmarks on this machine) are none of ours.
    const QString self = QFile::symLinkTarget(QStringLiteral("/proc/self/exe"));
    for (const qint64 pid : qmptest::otherProcesses()) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        const QByteArray arguments = cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll() : QByteArray();
        const bool ours = QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(pid)) == self // a worker
                          || arguments.contains(self.toLocal8Bit());                             // its srun
        if (arguments.contains(qmp::RemoteWorker::flag) && ours && !qmptest::processGone(pid))
            found.append(pid);
    }
    return found;
}

void tst_SlurmPool::helloRoundTrip()
{
    qmp::RemoteWorker::Hello hello;
    hello.token = "abc123";
    hello.pid = 4242;
    hello.host = QStringLiteral("node7");
    hello.step = QStringLiteral("12.3");
    const auto back = qmp::RemoteWorker::Hello::fromCbor(QCborValue::fromCbor(hello.toCbor().toCbor()));
    QVERIFY(back);
    QCOMPARE(back->token, hello.token);
    QCOMPARE(back->pid, hello.pid);
    QCOMPARE(back->host, hello.host);
    QCOMPARE(back->step, hello.step);
    // What a stranger might send instead.
    QVERIFY(!qmp::RemoteWorker::Hello::fromCbor(QCborValue(QStringLiteral("hello"))));
    QVERIFY(!qmp::RemoteWorker::Hello::fromCbor(QCborMap{{QStringLiteral("token"), QStringLiteral("text, not bytes")},
                                                         {QStringLiteral("pid"), 1}}));
    QVERIFY(!qmp::RemoteWorker::Hello::fromCbor(QCborMap{{QStringLiteral("token"), QByteArray("t")}}));
}

void tst_SlurmPool::connectBackWithoutKeyFails()
{
    qunsetenv(qmp::RemoteWorker::authkeyVariable);
    qunsetenv(qmp::RemoteWorker::tokenVariable);
    QString error;
    QCOMPARE(qmp::RemoteWorker::connectBack(QStringLiteral("127.0.0.1:1"), &error), -1);
    QVERIFY2(error.contains(QLatin1String("QMP_AUTHKEY")), qPrintable(error));
}

void tst_SlurmPool::noSlurmIsAClearError()
{
    // No salloc in PATH: the pool's tasks fail at once, saying so (nothing hangs).
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", m_dir.path().toLocal8Bit());
    QString message;
    {
        Pool pool(2, slurmOptions());
        message = messageOf<qmp::Error>([&] { pool.apply(&square, 3); });
    }
    qputenv("PATH", path);
    QVERIFY2(message.contains(QLatin1String("salloc was not found")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Slurm")), qPrintable(message));
}

void tst_SlurmPool::mapApplyImap()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(3, slurmOptions());
    QList<int> inputs, squares;
    for (int i = 0; i < 50; ++i) {
        inputs.append(i);
        squares.append(i * i);
    }
    QCOMPARE(pool.map(&square, inputs), squares);
    QCOMPARE(pool.map(&square, inputs, 7), squares);
    QCOMPARE(pool.apply(&square, 12), 144);
    // Single calls to an idle worker go direct (written from this thread, their replies handed
    // over by the pool thread): as many as made, all right.
    const quint64 direct = pool.directCalls();
    for (int i = 0; i < 20; ++i)
        QCOMPARE(pool.apply(&square, i), i * i);
    QVERIFY(pool.directCalls() > direct);
    QList<int> seen;
    for (int value : pool.imap(&square, inputs))
        seen.append(value);
    QCOMPARE(seen, squares);
    // The workers really are Slurm tasks.
    QVERIFY(!pool.apply(&hostOf, 0).isEmpty());
    QCOMPARE(pool.workerPids().size(), 3);
    pool.close();
    pool.join();
}

// A direct call's reply comes on the worker's TCP socket: the waiting caller reads it there
// itself, the pool thread when nobody waits (a callback, ready(), a future's continuation, a
// get() that gave up) — whole frames
// either way, also replies of megabytes and many callers at once.
void tst_SlurmPool::directRepliesComeOffTheSocket()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(2, slurmOptions());
    QCOMPARE(pool.map(&square, QList<int>{1, 2}), (QList<int>{1, 4})); // both connected
    const quint64 before = pool.directCalls();
    QCOMPARE(pool.apply(&square, 7), 49);
    QCOMPARE(pool.directCalls(), before + 1);
    // Nobody waits: the pool thread reads the reply.
    QCborValue fromCallback;
    pool.applyAsync(qmp::TaskCall::of(&square, 6), [&](const QCborValue &v) { fromCallback = v; });
    QTRY_COMPARE_WITH_TIMEOUT(fromCallback, QCborValue(36), 30000);
    auto polled = pool.applyAsync(&square, 8); // ready() polled, never waited on
    QTRY_VERIFY_WITH_TIMEOUT(polled.ready(), 30000);
    QCOMPARE(polled.get(), 64);
    std::atomic<int> viaThen{0}; // a continuation of its future
    pool.applyAsync(&square, 9).future().then([&viaThen](int value) { viaThen = value; });
    QTRY_COMPARE_WITH_TIMEOUT(viaThen.load(), 81, 30000);
    auto late = pool.applyAsync(&markThenSleep, m_dir.filePath(QStringLiteral("late")), 300);
    QCOMPARE(messageOf<qmp::TimeoutError>([&] { late.get(10); }), QStringLiteral("the result was not ready in time"));
    QTRY_VERIFY_WITH_TIMEOUT(late.ready(), 30000);
    QCOMPARE(late.get(), 300);
    // Replies of several reads each.
    for (int size : {70000, 3 << 20})
        QCOMPARE(pool.apply(&blob, size).size(), size);
    // Many callers at once, small and large replies mixed.
    constexpr int calls = 150;
    QCOMPARE(wrongAnswers(4, calls, [&](int t, int i) {
                 if (i % 25 == 0)
                     return pool.apply(&blob, 200000 + t).size() == 200000 + t;
                 return pool.apply(&square, t * calls + i) == (t * calls + i) * (t * calls + i);
             }),
             0);
    QVERIFY(pool.directCalls() > before + 1);
    QCOMPARE(pool.workerPids().size(), 2); // no worker was killed as out of step
    QCOMPARE(pool.map(&square, QList<int>{4, 5}), (QList<int>{16, 25}));
    pool.close();
    pool.join();
}

// Callers of one worker in quick succession, some reading their replies off its socket, some
// finding the pool thread reading there (their result was followed before they waited): each is
// told when its own call is done, however late it comes to wait; no caller can take another's
// wake-up (CI once hung in directRepliesComeOffTheSocket: a caller slept on after the next
// caller of the same worker read the wake-up meant for it). Every wait has a deadline, so a
// lost wake-up fails here instead of hanging.
void tst_SlurmPool::callersTakeTurnsOnOneSocket()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(1, slurmOptions());
    QCOMPARE(pool.apply(&square, 3), 9); // connected
    const quint64 before = pool.directCalls();
    QCOMPARE(wrongAnswers(3, 400, [&](int t, int i) {
                 const int size = (i % 4 == 0 ? 400000 : 20000) + 37 * i + t; // one read, or many
                 // Callers apart by a moment (no wait for anything: a varied interleaving), so
                 // that one often finds the worker idle.
                 std::this_thread::sleep_for(std::chrono::microseconds((i * 7919 + t * 104729) % 300));
                 auto result = pool.applyAsync(&blob, size);
                 if ((i + t) % 2 == 0) { // followed first: the pool thread may be reading its reply
                     (void)result.ready();
                     std::this_thread::sleep_for(std::chrono::microseconds((i * 104729 + t * 7919) % 400));
                 }
                 return result.get(60000).size() == size;
             }),
             0);
    QVERIFY(pool.directCalls() > before); // some callers found the worker idle and wrote to it
    QCOMPARE(pool.workerPids().size(), 1);
    pool.close();
    pool.join();
}

void tst_SlurmPool::exceptionsPropagate()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(2, slurmOptions());
    const QString message = messageOf<qmp::RemoteError>([&] { pool.apply(&failOn13, 13); });
    QVERIFY2(message.contains(QLatin1String("13 is unlucky")), qPrintable(message));
    QCOMPARE(pool.apply(&failOn13, 12), 12);
}

void tst_SlurmPool::killedWorkerIsWorkerLostError_data()
{
    QTest::addColumn<bool>("byScancel");
    QTest::newRow("kill of its pid") << false;
    QTest::newRow("scancel of its step") << true;
}

void tst_SlurmPool::killedWorkerIsWorkerLostError()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    QFETCH(bool, byScancel);
    Pool pool(2, slurmOptions());
    const QString mark = m_dir.filePath(QStringLiteral("running-%1").arg(byScancel));
    auto result = pool.applyAsync(&markThenSleep, mark, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    QFile file(mark);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = file.readAll().split(' ');
    QCOMPARE(fields.size(), 2);
    if (byScancel) {
        QCOMPARE(QProcess::execute(QStringLiteral("scancel"), {QString::fromUtf8(fields.at(1))}), 0);
    } else {
        QCOMPARE(::kill(pid_t(fields.at(0).toLongLong()), SIGKILL), 0);
    }
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(); });
    QVERIFY2(message.contains(QLatin1String("markThenSleep")), qPrintable(message));
    // The pool replaced it and serves on.
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3, 4}), (QList<int>{1, 4, 9, 16}));
}

// A worker's step scancelled: its task fails with Slurm's verdict; the pool, closed before the
// replacement it started has connected, still ends (the replacement is told to go: join()
// waited for it forever).
void tst_SlurmPool::closeBeforeAReplacementConnected()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(1, slurmOptions());
    const QString mark = m_dir.filePath(QStringLiteral("replaced"));
    auto result = pool.applyAsync(&markThenSleep, mark, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    QFile file(mark);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = file.readAll().split(' ');
    QCOMPARE(fields.size(), 2);
    QCOMPARE(QProcess::execute(QStringLiteral("scancel"), {QString::fromUtf8(fields.at(1))}), 0);
    const QString message = messageOf<qmp::WorkerLostError>([&] { result.get(); });
    QVERIFY2(message.contains(QLatin1String("Slurm: CANCELLED (step ") + QString::fromUtf8(fields.at(1))), qPrintable(message));
    pool.close(); // at once: its replacement is still starting
    const QFuture<void> joined = pool.joinAsync();
    QTRY_VERIFY_WITH_TIMEOUT(joined.isFinished(), 40000); // (a worker that never connects is given up after 60 s)
}

void tst_SlurmPool::terminateLeavesNothingInSqueue()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    const QString mark = m_dir.filePath(QStringLiteral("terminated"));
    {
        Pool pool(2, slurmOptions());
        auto result = pool.applyAsync(&markThenSleep, mark, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
        QVERIFY(!squeue().isEmpty());
        pool.terminate();
        QVERIFY(!messageOf<qmp::ProcessError>([&] { result.get(); }).isEmpty());
        pool.join();
    }
    QTRY_COMPARE_WITH_TIMEOUT(squeue(), QString(), 30000);
}

void tst_SlurmPool::wrongAuthkeyIsRefused()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    // A free port for the pool, so the test knows where to knock.
    qmp::SocketAddress bound;
    QString error;
    const int probe = qmp::SocketAddress::parse(QStringLiteral("127.0.0.1:0")).listen(&bound, &error);
    QVERIFY2(probe >= 0, qPrintable(error));
    ::close(probe);
    Pool pool(2, slurmOptions(bound.port()));
    QCOMPARE(pool.apply(&square, 5), 25); // listening, workers connected
    const int fd = bound.connect(&error);
    QVERIFY2(fd >= 0, qPrintable(error));
    qmp::FrameSocket stranger(fd);
    const auto verdict = qmp::Authenticator::answer(stranger, QByteArray("not the pool's key"), QDeadlineTimer(10000));
    QCOMPARE(verdict.outcome, qmp::Authenticator::Outcome::Rejected);
    QVERIFY2(verdict.error.contains(QLatin1String("rejected")), qPrintable(verdict.error));
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}), (QList<int>{1, 4, 9}));
}

void tst_SlurmPool::workersThatCannotJoinAreAClearError()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    // Steps without the pool's environment: the workers have no authkey, cannot join and exit.
    // After three in a row the pool's tasks fail saying so; nothing hangs, nothing is left.
    PoolOptions options = slurmOptions();
    options.slurm->srunArguments = {QStringLiteral("--export=NONE")};
    Pool pool(1, options);
    const QString message = messageOf<qmp::WorkerLostError>([&] { pool.apply(&square, 2); });
    QVERIFY2(message.contains(QLatin1String("failed to start")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("before it was ready")), qPrintable(message));
}

// A worker whose step never starts (the allocation's only CPU is taken by another step) never
// connects back: after connectTimeout it is given up, three in a row fail the pool's tasks with
// a clear message, nothing hangs and nothing is left (the waiting srun goes too).
void tst_SlurmPool::workerThatNeverConnectsIsGivenUp()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    QProcess salloc;
    salloc.start(QStringLiteral("salloc"), {QStringLiteral("--no-shell"), QStringLiteral("-n1"), QStringLiteral("-J"),
                                            QStringLiteral("qmp-pool-test")});
    QVERIFY(salloc.waitForFinished(60000));
    const QString sallocOutput = QString::fromUtf8(salloc.readAllStandardError() + salloc.readAllStandardOutput());
    const QRegularExpressionMatch granted = QRegularExpression(QStringLiteral("allocation (\\d+)")).match(sallocOutput);
    QVERIFY2(granted.hasMatch(), qPrintable(sallocOutput));
    const qint64 job = granted.captured(1).toLongLong();
    QProcess blocker; // the allocation's only CPU, taken
    blocker.start(QStringLiteral("srun"), {QStringLiteral("--jobid=%1").arg(job), QStringLiteral("-n1"),
                                           QStringLiteral("sleep"), QStringLiteral("600")});
    QVERIFY(blocker.waitForStarted());
    const auto stepRuns = [job] {
        QProcess p;
        p.start(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-s"), QStringLiteral("-j"),
                                           QString::number(job)});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput()).contains(QLatin1String("sleep"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(stepRuns(), 60000);
    QString message;
    {
        PoolOptions options = slurmOptions();
        options.slurm->allocation = job;
        options.slurm->connectTimeout = std::chrono::milliseconds(1500);
        Pool pool(1, options);
        message = messageOf<qmp::WorkerLostError>([&] { pool.apply(&square, 2); });
    }
    blocker.kill();
    blocker.waitForFinished(30000);
    QProcess::execute(QStringLiteral("scancel"), {QString::number(job)});
    QVERIFY2(message.contains(QLatin1String("did not connect back to 127.0.0.1:")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("within 1.5 s")), qPrintable(message));
}

// A task past its timeout on a Slurm worker: its step is cancelled (the worker process ends on
// its node), the task fails with TimeoutError, the pool replaces the worker and serves on.
void tst_SlurmPool::taskTimeoutKillsTheStep()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    PoolOptions options = slurmOptions();
    options.taskTimeout = std::chrono::milliseconds(2000);
    Pool pool(1, options);
    QCOMPARE(pool.apply(&square, 3), 9); // connected: the timeout is the task's, not the start's
    const QString mark = m_dir.filePath(QStringLiteral("timed-out"));
    auto result = pool.applyAsync(&markThenSleep, mark, 120000);
    const QString message = messageOf<qmp::TimeoutError>([&] { result.get(); });
    QVERIFY2(message.contains(QLatin1String("markThenSleep")), qPrintable(message));
    QFile file(mark);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = file.readAll().split(' ');
    QCOMPARE(fields.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(fields.at(0).toLongLong()), 30000);
    QCOMPARE(pool.map(&square, QList<int>{1, 2, 3}), (QList<int>{1, 4, 9}));
    // A direct call (a single apply to the idle worker) times out the same way.
    const QString mark2 = m_dir.filePath(QStringLiteral("timed-out-direct"));
    const QString direct = messageOf<qmp::TimeoutError>([&] { pool.apply(&markThenSleep, mark2, 120000); });
    QVERIFY2(direct.contains(QLatin1String("markThenSleep")), qPrintable(direct));
    QCOMPARE(pool.apply(&square, 5), 25);
    pool.close();
    pool.join();
}

// pause(true) stops a remote worker too (SIGSTOP to its step through scancel --signal): its
// process on the node is stopped until resume(), and the task then finishes; a pause and resume
// at once leave it running (the signals arrive in order).
void tst_SlurmPool::pauseStopsTheRemoteWorker()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(1, slurmOptions());
    const QString mark = m_dir.filePath(QStringLiteral("paused"));
    auto result = pool.applyAsync(&markThenSleep, mark, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    QFile file(mark);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qint64 pid = file.readAll().split(' ').at(0).toLongLong();
    pool.pause(true);
    QTRY_COMPARE_WITH_TIMEOUT(qmptest::processStateOf(pid), 'T', 30000);
    for (int i = 0; i < 5; ++i) {
        pool.resume();
        pool.pause(true);
    }
    pool.resume();
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processStateOf(pid) != 'T', 30000);
    QCOMPARE(result.get(), 3000);
    // Stays running: a late SIGSTOP would leave it stopped for good.
    auto after = pool.applyAsync(&square, 4);
    QTRY_VERIFY_WITH_TIMEOUT(after.ready(), 30000);
    QCOMPARE(after.get(), 16);
    QVERIFY(qmptest::processStateOf(pid) != 'T');
    pool.close();
    pool.join();
}

// Pool::run / runAll on a pool with workers on Slurm: each command runs on a worker's node, in
// the worker's step (no step of its own), and its result says where (host: the node), with its
// output, exit code and the command as given.
void tst_SlurmPool::commandsRunOnTheWorkers()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(2, slurmOptions());
    const QString job = pool.apply(&hostOf, 0);
    QVERIFY(!job.isEmpty());
    QList<qmp::Command> commands;
    for (int i = 0; i < 6; ++i)
        commands.append(shell(QStringLiteral("echo \"$SLURM_JOB_ID.$SLURM_STEP_ID $SLURMD_NODENAME\"; echo err%1 >&2; exit %1").arg(i)));
    const QList<qmp::CommandResult> results = pool.runAll(commands).get();
    QCOMPARE(results.size(), commands.size());
    QSet<QString> steps;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const qmp::CommandResult &result = results.at(i);
        QVERIFY2(result.started, qPrintable(result.error));
        QCOMPARE(result.exitCode, int(i));
        QCOMPARE(result.program, commands.at(i).program);
        QCOMPARE(result.arguments, commands.at(i).arguments);
        QCOMPARE(result.standardError, QByteArray("err") + QByteArray::number(i) + '\n');
        const QStringList fields = QString::fromUtf8(result.standardOutput).trimmed().split(QLatin1Char(' '));
        QCOMPARE(fields.size(), 2);
        QVERIFY2(fields.at(0).startsWith(job + QLatin1Char('.')), qPrintable(fields.at(0))); // in the pool's allocation
        QVERIFY(!fields.at(1).isEmpty());
        QCOMPARE(result.host, fields.at(1)); // the node
        steps.insert(fields.at(0));
    }
    // The workers' own steps ran them (two workers, two steps at most): no step per command.
    QVERIFY2(steps.size() <= 2, qPrintable(QStringList(steps.values()).join(QLatin1Char(' '))));
    // One command on its own (Pool::run) too.
    const qmp::CommandResult one = pool.run(shell(QStringLiteral("printf %s \"$SLURMD_NODENAME\""))).get();
    QVERIFY(one.ok());
    QCOMPARE(one.host, QString::fromUtf8(one.standardOutput));
    QVERIFY(!one.host.isEmpty());
    pool.close();
    pool.join();
}

// A command's timeout kills it on its node (timedOut), retries run a failing command again
// there, and cancelCommands ends a running one on its node; the pool serves on.
void tst_SlurmPool::commandTimeoutRetriesAndCancelOnTheNodes()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    Pool pool(2, slurmOptions());
    qmp::CommandOptions timed;
    timed.timeout = std::chrono::milliseconds(1000);
    const QString timedMark = m_dir.filePath(QStringLiteral("command-timed-out"));
    const qmp::CommandResult late =
        pool.run(shell(QStringLiteral("echo $$ > %1; exec sleep 120").arg(timedMark)), timed).get();
    QVERIFY(late.timedOut);
    QVERIFY(!late.ok());
    QVERIFY(!late.host.isEmpty());
    QFile timedFile(timedMark);
    QVERIFY(timedFile.open(QIODevice::ReadOnly));
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(timedFile.readAll().trimmed().toLongLong()), 30000);

    qmp::CommandOptions again;
    again.retries = 2;
    const QString tries = m_dir.filePath(QStringLiteral("command-tries"));
    const qmp::CommandResult failed = pool.run(shell(QStringLiteral("echo x >> %1; exit 3").arg(tries)), again).get();
    QCOMPARE(failed.exitCode, 3);
    QCOMPARE(failed.attempts, 3);
    QFile triesFile(tries);
    QVERIFY(triesFile.open(QIODevice::ReadOnly));
    QCOMPARE(triesFile.readAll(), QByteArray("x\nx\nx\n"));

    const QString mark = m_dir.filePath(QStringLiteral("command-cancelled"));
    auto running = pool.runAll({shell(QStringLiteral("echo $$ > %1.tmp; mv %1.tmp %1; exec sleep 120").arg(mark))});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    QCOMPARE(pool.cancelCommands(running.batchId()), Pool::CancelledCommands::Running);
    const QList<qmp::CommandResult> cancelled = running.get();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!cancelled.at(0).ok());
    QCOMPARE(cancelled.at(0).error, QStringLiteral("cancelled by the user"));
    QFile markFile(mark);
    QVERIFY(markFile.open(QIODevice::ReadOnly));
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(markFile.readAll().trimmed().toLongLong()), 30000);
    QCOMPARE(pool.run(shell(QStringLiteral("exit 0"))).get().ok(), true);
    pool.close();
    pool.join();
}

// terminate() fails the commands running on the nodes (as a local pool's) and ends them there.
void tst_SlurmPool::terminateFailsCommandsOnTheNodes()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    const QString mark = m_dir.filePath(QStringLiteral("command-terminated"));
    Pool pool(1, slurmOptions());
    auto running = pool.run(shell(QStringLiteral("echo $$ > %1.tmp; mv %1.tmp %1; exec sleep 120").arg(mark)));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    pool.terminate();
    QVERIFY(!messageOf<qmp::ProcessError>([&] { running.get(); }).isEmpty());
    pool.join();
    QFile markFile(mark);
    QVERIFY(markFile.open(QIODevice::ReadOnly));
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(markFile.readAll().trimmed().toLongLong()), 30000);
}

// SlurmWorkers::listeningSocket: the pool takes over a socket its caller bound (as `qmp run
// --slurm-port` checks the port before it asks Slurm for anything): the port is the pool's from
// its constructor on — closing the caller's descriptor never frees it for another program —
// and the workers connect to it.
void tst_SlurmPool::aListenerHandedOverKeepsItsPort()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    qmp::SocketAddress bound;
    QString error;
    const int fd = qmp::SocketAddress::parse(QStringLiteral("127.0.0.1:0")).listen(&bound, &error);
    QVERIFY2(fd >= 0, qPrintable(error));
    const QString address = QStringLiteral("127.0.0.1:%1").arg(bound.port());
    PoolOptions options = slurmOptions();
    options.slurm->listeningSocket = fd;
    Pool pool(1, options);
    ::close(fd);
    qmp::SocketAddress again;
    QCOMPARE(qmp::SocketAddress::parse(address).listen(&again, &error), -1); // still taken: the pool holds it
    QVERIFY2(error.contains(QLatin1String("in use")), qPrintable(error));
    QCOMPARE(pool.apply(&square, 7), 49); // its worker connected on that port
    pool.close();
    pool.join();
}

// The node of an idle worker fails (the cluster's one node set down: Slurm ends the allocation
// with NODE_FAIL): the pool notices without a call (the worker exits, workerExited) and the next
// call fails with a clear error instead of hanging — no allocation is left to start a
// replacement in.
void tst_SlurmPool::anIdleWorkersNodeFailing()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    std::optional<Pool> pool(std::in_place, 1, slurmOptions());
    QCOMPARE(pool->apply(&square, 3), 9); // connected, and idle from now on
    const qint64 worker = pool->workerPids().value(0);
    QSignalSpy exited(&*pool, &Pool::workerExited);
    scontrol({QStringLiteral("update"), QStringLiteral("nodename=localhost"), QStringLiteral("state=down"),
              QStringLiteral("reason=qmp-test")});
    const bool noticed = QTest::qWaitFor([&] { return !exited.isEmpty(); }, 60000);
    QString message;
    if (noticed)
        message = messageOf<qmp::ProcessError>([&] { pool->apply(&square, 4); });
    pool.reset();
    restoreNode();
    QVERIFY(noticed);
    QCOMPARE(exited.first().at(0).toLongLong(), worker);
    QVERIFY2(message.contains(QLatin1String("Slurm")), qPrintable(message));
}

// Slurm ends the pool's allocation (an scancel of its job from elsewhere, its node failing): the
// pool says so at once — the queued task and every later one fail naming the job and Slurm's
// verdict (they waited for a worker that could never start), monitors see the job's state, no
// step is started any more (it tried one every 2 s, forever) — and a result finished before stays.
void tst_SlurmPool::anEndedAllocationFailsWhatIsQueued_data()
{
    QTest::addColumn<bool>("nodeFails");
    QTest::addColumn<bool>("deafTask"); // the task running ignores SIGTERM
    QTest::addColumn<QString>("verdict");
    QTest::newRow("scancel of its job") << false << false << QStringLiteral("CANCELLED");
    QTest::newRow("scancel, its task deaf to SIGTERM") << false << true << QStringLiteral("CANCELLED");
    QTest::newRow("its node failing") << true << false << QStringLiteral("NODE_FAIL");
}

void tst_SlurmPool::anEndedAllocationFailsWhatIsQueued()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    QFETCH(bool, nodeFails);
    QFETCH(bool, deafTask);
    QFETCH(QString, verdict);
    std::optional<Pool> pool(std::in_place, 1, slurmOptions());
    QList<qmp::PoolEvent> seen;
    connect(&*pool, &Pool::events, this, [&](const QList<qmp::PoolEvent> &batch) { seen += batch; });
    auto before = pool->applyAsync(&square, 5);
    QCOMPARE(before.get(), 25);
    const QString mark = m_dir.filePath(QStringLiteral("ended-%1-%2").arg(nodeFails).arg(deafTask));
    auto running = pool->applyAsync(deafTask ? &deafMarkThenSleep : &markThenSleep, mark, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    // Waits in the pool's queue: one markThenSleep at a time per worker (no run time known yet).
    auto queued = pool->applyAsync(&markThenSleep, mark + QStringLiteral("-queued"), 1);
    QFile file(mark);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString job = QString::fromUtf8(file.readAll().split(' ').value(1).split('.').value(0));
    QVERIFY(!job.isEmpty());
    QSignalSpy started(&*pool, &Pool::workerStarted);
    if (nodeFails) {
        scontrol({QStringLiteral("update"), QStringLiteral("nodename=localhost"), QStringLiteral("state=down"),
                  QStringLiteral("reason=qmp-test")});
    } else {
        QCOMPARE(QProcess::execute(QStringLiteral("scancel"), {job}), 0);
    }
    const bool noticed = QTest::qWaitFor([&] { return queued.ready() && running.ready(); }, 60000);
    QString queuedMessage;
    QString laterMessage;
    bool noStepStarted = false;
    if (noticed) {
        queuedMessage = messageOf<qmp::ProcessError>([&] { queued.get(); });
        QVERIFY(!QFile::exists(mark + QStringLiteral("-queued")));
        laterMessage = messageOf<qmp::ProcessError>([&] { pool->apply(&square, 7); });
        // None more, ever: a pool still trying starts one within 2 s.
        started.clear();
        noStepStarted = !started.wait(5000);
    }
    const bool monitorsSaw = QTest::qWaitFor([&] {
        return std::any_of(seen.cbegin(), seen.cend(), [&](const qmp::PoolEvent &e) {
            return e.kind == qmp::PoolEvent::Kind::SlurmJob && e.slurmState == verdict;
        });
    }, 10000);
    pool.reset();
    if (nodeFails)
        restoreNode();
    QVERIFY(noticed);
    const QString expected = QStringLiteral("the Slurm allocation %1 ended (%2)").arg(job, verdict);
    QVERIFY2(queuedMessage.contains(expected), qPrintable(queuedMessage));
    QVERIFY2(laterMessage.contains(expected), qPrintable(laterMessage));
    QVERIFY(noStepStarted);
    QVERIFY(monitorsSaw);
    QCOMPARE(before.get(), 25);
    QVERIFY(!messageOf<qmp::ProcessError>([&] { running.get(); }).isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(sallocsOfThisCluster().isEmpty(), qPrintable(sallocsOfThisCluster().join(QLatin1String("; "))),
                              30000);
    // cleanup(): nothing in squeue, no worker (nor its srun) left.
}

// A commands-only pool (each command a step of its allocation): the allocation cancelled from
// elsewhere fails the queued command and every later one at once, naming the job and the
// verdict; the queued one never runs.
void tst_SlurmPool::anEndedAllocationFailsQueuedCommands()
{
    if (!haveCluster())
        QSKIP(qPrintable(m_why));
    PoolOptions options = slurmOptions();
    options.commandsOnly = true;
    Pool pool(1, options);
    const QString mark = m_dir.filePath(QStringLiteral("commands-ended"));
    auto running = pool.run(shell(QStringLiteral("touch '%1'; exec sleep 120").arg(mark)));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(mark), 60000);
    auto queued = pool.run(shell(QStringLiteral("touch '%1-queued'").arg(mark)));
    const QString job = poolJobId();
    QVERIFY(!job.isEmpty());
    QCOMPARE(QProcess::execute(QStringLiteral("scancel"), {job}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(queued.ready() && running.ready(), 60000);
    const QString expected = QStringLiteral("the Slurm allocation %1 ended (CANCELLED): no command can start").arg(job);
    const QString queuedMessage = messageOf<qmp::ProcessError>([&] { queued.get(); });
    QVERIFY2(queuedMessage.contains(expected), qPrintable(queuedMessage));
    const QString laterMessage = messageOf<qmp::ProcessError>([&] { pool.run(shell(QStringLiteral("true"))).get(); });
    QVERIFY2(laterMessage.contains(expected), qPrintable(laterMessage));
    QVERIFY(!QFile::exists(mark + QStringLiteral("-queued")));
    pool.close();
    pool.join();
}

QMP_TEST_MAIN(tst_SlurmPool)
#include "tst_slurmpool.moc"
