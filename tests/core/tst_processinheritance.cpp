// What a QMP child inherits and how it ends: only the descriptors QMP hands it, the environment
// of the moment it starts, its parent's start method and authkey (Python's children inherit their context and authkey),
// Process::interrupt() with Python's exit codes, and exit hooks (qmp::atExit, qmp::Finalize)
// that run in workers of every start method.

#include "finalize.h"
#include "forkserver.h"
#include "pool.h"
#include "process.h"
#include "processinfo.h"
#include "qmptest.h"
#include "startmethod.h"

#include <QAbstractEventDispatcher>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using qmp::Pool;
using qmp::Process;

namespace {

// What this process's descriptors from 3 up point to ("pipe:[123]", "socket:[456]", a path).
QStringList openDescriptors()
{
    QStringList targets;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &entry : fds.entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files | QDir::Dirs)) {
        if (entry.toInt() >= 3)
            targets.append(QFile::symLinkTarget(fds.filePath(entry)).section(QLatin1Char('/'), -1));
    }
    return targets;
}
QMP_TASK(openDescriptors);

QString environmentVariable(const QString &name)
{
    const QByteArray variable = name.toLocal8Bit();
    return qEnvironmentVariableIsSet(variable.constData()) ? qEnvironmentVariable(variable.constData())
                                                           : QStringLiteral("<unset>");
}
QMP_TASK(environmentVariable);

// The arguments of process pid, and where its descriptor fd leads.
QByteArrayList commandLineOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split('\0') : QByteArrayList{};
}
QString descriptorOf(qint64 pid, int fd)
{
    return QFile::symLinkTarget(QStringLiteral("/proc/%1/fd/%2").arg(pid).arg(fd)).section(QLatin1Char('/'), -1);
}

// The class of the worker's main event dispatcher, and what it sees of QT_NO_GLIB.
QString eventLoopSeen()
{
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    return QString::fromLatin1(dispatcher ? dispatcher->metaObject()->className() : "<none>") + QLatin1Char(' ')
        + environmentVariable(QStringLiteral("QT_NO_GLIB"));
}
QMP_TASK(eventLoopSeen);

QString startMethodSeen()
{
    return qmp::startMethodName(qmp::defaultStartMethod());
}
QMP_TASK(startMethodSeen);

// The start method a child of this child would use, and what its own child saw.
QStringList startMethodOfGrandchild()
{
    Process child(&startMethodSeen);
    child.start();
    child.join();
    return {qmp::startMethodName(child.startMethod()), child.result().toString()};
}
QMP_TASK(startMethodOfGrandchild);

QByteArray authkeySeen()
{
    return qmp::currentProcess().authkey();
}
QMP_TASK(authkeySeen);

// Says it is ready, then waits for a SIGINT: "default" keeps QMP's handling, "sigdfl" restores
// the default action, "own" installs a handler that exits with 7.
extern "C" void exitSeven(int)
{
    ::_exit(7);
}
void waitForInterrupt(const QString &mode)
{
    if (mode == QLatin1String("sigdfl"))
        std::signal(SIGINT, SIG_DFL);
    else if (mode == QLatin1String("own"))
        std::signal(SIGINT, exitSeven);
    std::printf("ready\n");
    std::fflush(stdout);
    QThread::sleep(60);
}
QMP_TASK(waitForInterrupt);

void appendLine(const QString &path, const QString &line)
{
    QFile file(path);
    if (file.open(QIODevice::Append))
        file.write(line.toUtf8() + '\n');
}

// Registers exit hooks that append to path, then ends as told: "return" or "exit" (qmp::exit(3)).
int registersExitHooks(const QString &path, const QString &end)
{
    qmp::atExit([path] { appendLine(path, QStringLiteral("low")); }, 0);
    qmp::atExit([path] { appendLine(path, QStringLiteral("high")); }, 10);
    qmp::atExit([path] { appendLine(path, QStringLiteral("low, later")); }, 0);
    {
        qmp::Finalize scoped([path] { appendLine(path, QStringLiteral("scoped")); });
    }
    qmp::Finalize cancelled([path] { appendLine(path, QStringLiteral("cancelled")); }, 5);
    cancelled.cancel();
    if (end == QLatin1String("exit"))
        qmp::exit(3);
    return 1;
}
QMP_TASK(registersExitHooks);

// A pool initializer: each worker appends its pid at its exit.
void hookWorkerExit(const QString &path)
{
    qmp::atExit([path] { appendLine(path, QString::number(::getpid())); });
}
QMP_TASK(hookWorkerExit);

qint64 workerPid(int)
{
    return qint64(::getpid());
}
QMP_TASK(workerPid);

QStringList linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class tst_ProcessInheritance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void theForkserverIsForkedAtStartUp();
    void childrenSeeTheEnvironmentOfTheirStart_data();
    void childrenSeeTheEnvironmentOfTheirStart();
    void workersRunQtsOwnEventLoop_data();
    void workersRunQtsOwnEventLoop();
    void init();
    void cleanup();
    void cleanupTestCase();

    void onlyChosenDescriptorsAreInherited();
    void childrenInheritTheStartMethod();
    void childrenInheritTheAuthkey();
    void interrupt_data();
    void interrupt();
    void exitHooksRunInWorkers_data();
    void exitHooksRunInWorkers();
    void exitHooksRunInPoolWorkers();

private:
    QTemporaryDir m_dir;
};

void tst_ProcessInheritance::initTestCase_data()
{
    qmptest::addStartMethodRows();
}

void tst_ProcessInheritance::init()
{
    qmptest::useStartMethodOfThisRow();
}

void tst_ProcessInheritance::cleanup()
{
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
}

void tst_ProcessInheritance::cleanupTestCase()
{
    QVERIFY(qmptest::shutDownAndCheckNothingLeft());
    QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
}

// Runtime forked the forkserver from this program at start-up (it was single-threaded then):
// the server has this program's arguments and its own name, holds none of its streams but
// standard error, and forks every worker.
void tst_ProcessInheritance::theForkserverIsForkedAtStartUp()
{
    QFETCH_GLOBAL(qmp::StartMethod, method);
    if (method != qmp::StartMethod::ForkServer)
        QSKIP("about the forkserver");
    const qint64 server = qmp::ForkServer::runningPid();
    QVERIFY(server > 0);
    QCOMPARE(commandLineOf(server), commandLineOf(::getpid()));
    QFile comm(QStringLiteral("/proc/%1/comm").arg(server));
    QVERIFY(comm.open(QIODevice::ReadOnly));
    QCOMPARE(comm.readAll(), QByteArray("qmp-forkserver\n"));
    QCOMPARE(descriptorOf(server, 0), QStringLiteral("null"));
    QCOMPARE(descriptorOf(server, 1), QStringLiteral("null"));
    QCOMPARE(descriptorOf(server, 2), descriptorOf(::getpid(), 2));

    Process child(&startMethodSeen);
    child.start();
    QVERIFY(child.join(30000));
    QCOMPARE(child.result().toString(), QStringLiteral("forkserver"));
    QCOMPARE(qmp::ForkServer::runningPid(), server);
}

// A child sees the environment of the moment it starts, whatever the forkserver started with;
// an environment too long for one message to the forkserver goes in a memfd.
void tst_ProcessInheritance::childrenSeeTheEnvironmentOfTheirStart_data()
{
    QTest::addColumn<QByteArray>("value"); // null: unset
    QTest::newRow("set after start-up") << QByteArray("set after start-up");
    QTest::newRow("unset after start-up") << QByteArray();
    // (Below 128 KiB, the most one variable may hold for execve(): the spawn method execs.)
    QTest::newRow("longer than a message to the forkserver") << QByteArray(100 * 1024, 'x');
}

void tst_ProcessInheritance::childrenSeeTheEnvironmentOfTheirStart()
{
    QFETCH(QByteArray, value);
    const char *name = "QMP_TEST_ENVIRONMENT";
    const auto restore = qScopeGuard([name] { qunsetenv(name); });
    qputenv(name, "before");
    // A first child: the forkserver runs (and saw "before") when the variable changes.
    Process first(&environmentVariable, QString::fromLatin1(name));
    first.start();
    QVERIFY(first.join(30000));
    QCOMPARE(first.result().toString(), QStringLiteral("before"));

    if (value.isNull())
        qunsetenv(name);
    else
        qputenv(name, value);
    const QString expected = value.isNull() ? QStringLiteral("<unset>") : QString::fromLatin1(value);
    Process child(&environmentVariable, QString::fromLatin1(name));
    child.start();
    QVERIFY(child.join(30000));
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(child.result().toString(), expected);

    Pool pool(1);
    QCOMPARE(pool.apply(&environmentVariable, QString::fromLatin1(name)), expected);
    pool.close();
    pool.join();
}

// A worker's main thread runs Qt's own event dispatcher (GLib's costs each worker's start about a
// millisecond), unless the program asks for GLib's; QT_NO_GLIB is the program's business: the
// task sees it as the program set it.
void tst_ProcessInheritance::workersRunQtsOwnEventLoop_data()
{
    QTest::addColumn<QByteArray>("workerEventLoop"); // QMP_WORKER_EVENT_LOOP; null: unset
    QTest::addColumn<QByteArray>("noGlib");          // QT_NO_GLIB; null: unset
    QTest::addColumn<QString>("expected");
    QTest::newRow("by default") << QByteArray() << QByteArray() << QStringLiteral("QEventDispatcherUNIX <unset>");
    QTest::newRow("qt asked for") << QByteArray("qt") << QByteArray() << QStringLiteral("QEventDispatcherUNIX <unset>");
    QTest::newRow("an unknown value (a warning)") << QByteArray("gtk") << QByteArray()
                                                  << QStringLiteral("QEventDispatcherUNIX <unset>");
    QTest::newRow("glib asked for") << QByteArray("glib") << QByteArray() << QStringLiteral("QEventDispatcherGlib <unset>");
    QTest::newRow("QT_NO_GLIB set by the program") << QByteArray() << QByteArray("1")
                                                   << QStringLiteral("QEventDispatcherUNIX 1");
    QTest::newRow("QT_NO_GLIB set, glib asked for") << QByteArray("glib") << QByteArray("1")
                                                    << QStringLiteral("QEventDispatcherUNIX 1");
}

void tst_ProcessInheritance::workersRunQtsOwnEventLoop()
{
    QFETCH(QByteArray, workerEventLoop);
    QFETCH(QByteArray, noGlib);
    QFETCH(QString, expected);
    if (!QByteArray(QAbstractEventDispatcher::instance()->metaObject()->className()).contains("Glib"))
        QSKIP("this Qt runs without GLib's event loop");
    const auto restore = qScopeGuard([] {
        qunsetenv("QMP_WORKER_EVENT_LOOP");
        qunsetenv("QT_NO_GLIB");
    });
    if (!workerEventLoop.isNull())
        qputenv("QMP_WORKER_EVENT_LOOP", workerEventLoop);
    if (!noGlib.isNull())
        qputenv("QT_NO_GLIB", noGlib);

    Process child(&eventLoopSeen);
    child.start();
    QVERIFY(child.join(30000));
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(child.result().toString(), expected);

    Pool pool(1);
    QCOMPARE(pool.apply(&eventLoopSeen), expected);
    pool.close();
    pool.join();
}

// A pipe the parent made without O_CLOEXEC: a child holding its write end would keep the
// parent's reader from ever seeing end of file. Python closes such descriptors; so do we.
void tst_ProcessInheritance::onlyChosenDescriptorsAreInherited()
{
    int p[2];
    QCOMPARE(::pipe(p), 0); // inheritable on purpose
    const QString pipe = QFile::symLinkTarget(QStringLiteral("/proc/self/fd/%1").arg(p[1])).section(QLatin1Char('/'), -1);
    QVERIFY(pipe.startsWith(QLatin1String("pipe:")));

    Process child(&openDescriptors);
    child.start();
    QVERIFY(child.join(30000));
    const QStringList inChild = qmp::CborConvert<QStringList>::fromCbor(child.result());
    QVERIFY2(!inChild.contains(pipe), qPrintable(inChild.join(QLatin1Char(' '))));

    Pool pool(1);
    const QStringList inWorker = pool.apply(&openDescriptors);
    QVERIFY2(!inWorker.contains(pipe), qPrintable(inWorker.join(QLatin1Char(' '))));
    QVERIFY2(!inWorker.contains(QStringLiteral("memfd:qmp-worker-lane (deleted)")), qPrintable(inWorker.join(u' ')));
    pool.close();
    pool.join();
    ::close(p[0]);
    ::close(p[1]);
}

void tst_ProcessInheritance::childrenInheritTheStartMethod()
{
    QFETCH_GLOBAL(qmp::StartMethod, method);
    const qmp::StartMethod other = method == qmp::StartMethod::Spawn ? qmp::StartMethod::ForkServer
                                                                      : qmp::StartMethod::Spawn;
    // The parent's default (init() set it) is the child's.
    Process byDefault(&startMethodSeen);
    byDefault.start();
    QVERIFY(byDefault.join(30000));
    QCOMPARE(byDefault.result().toString(), qmp::startMethodName(method));
    // A child started another way reports that way, and its own children start that way too.
    Process explicitly(&startMethodOfGrandchild);
    explicitly.setStartMethod(other);
    explicitly.start();
    QVERIFY(explicitly.join(30000));
    QCOMPARE(qmp::CborConvert<QStringList>::fromCbor(explicitly.result()),
             (QStringList{qmp::startMethodName(other), qmp::startMethodName(other)}));
    // Pool workers too.
    Pool pool(1);
    QCOMPARE(pool.apply(&startMethodSeen), qmp::startMethodName(method));
    pool.close();
    pool.join();
}

void tst_ProcessInheritance::childrenInheritTheAuthkey()
{
    const QByteArray mine = qmp::currentProcess().authkey();
    QCOMPARE(mine.size(), 32);
    QCOMPARE(qmp::currentProcess().authkey(), mine); // made once

    Process inherits(&authkeySeen);
    QCOMPARE(inherits.authkey(), mine);
    inherits.start();
    QVERIFY(inherits.join(30000));
    QCOMPARE(inherits.result().toByteArray(), mine);

    Process own(&authkeySeen);
    own.setAuthkey(QByteArrayLiteral("a secret of its own"));
    own.start();
    QVERIFY(own.join(30000));
    QCOMPARE(own.result().toByteArray(), QByteArrayLiteral("a secret of its own"));
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, own.setAuthkey(QByteArrayLiteral("too late")));

    Pool pool(1);
    QCOMPARE(pool.apply(&authkeySeen), mine);
    pool.close();
    pool.join();

    qmp::setCurrentProcessAuthkey(QByteArrayLiteral("changed"));
    Process later(&authkeySeen);
    later.start();
    QVERIFY(later.join(30000));
    QCOMPARE(later.result().toByteArray(), QByteArrayLiteral("changed"));
    qmp::setCurrentProcessAuthkey(mine);
}

void tst_ProcessInheritance::interrupt_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("default: KeyboardInterrupt, exit code 1") << QStringLiteral("default") << 1;
    QTest::newRow("SIG_DFL restored: -SIGINT") << QStringLiteral("sigdfl") << -SIGINT;
    QTest::newRow("its own handler decides") << QStringLiteral("own") << 7;
}

void tst_ProcessInheritance::interrupt()
{
    QFETCH(QString, mode);
    QFETCH(int, exitCode);
    Process child(&waitForInterrupt, mode);
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, child.interrupt()); // never started
    child.setOutputMode(Process::OutputMode::Capture);
    child.start();
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("ready"), 30000);
    child.interrupt();
    QVERIFY(child.join(30000));
    QCOMPARE(child.exitCode(), exitCode);
    if (mode == QLatin1String("default"))
        QVERIFY(child.readAllStandardError().contains("KeyboardInterrupt"));
    child.interrupt(); // after the exit: a no-op
}

void tst_ProcessInheritance::exitHooksRunInWorkers_data()
{
    QTest::addColumn<QString>("end");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("the task returns") << QStringLiteral("return") << 0;
    QTest::newRow("the task calls qmp::exit(3)") << QStringLiteral("exit") << 3;
}

void tst_ProcessInheritance::exitHooksRunInWorkers()
{
    QFETCH(QString, end);
    QFETCH(int, exitCode);
    const QString path = m_dir.filePath(QStringLiteral("hooks-%1-%2").arg(qmp::startMethodName(qmp::defaultStartMethod()), end));
    Process child(&registersExitHooks, path, end);
    child.start();
    QVERIFY(child.join(30000));
    QCOMPARE(child.exitCode(), exitCode);
    // Higher priority first, the latest first among equals; a scoped one ran at once.
    QCOMPARE(linesOf(path), (QStringList{QStringLiteral("scoped"), QStringLiteral("high"), QStringLiteral("low, later"),
                                         QStringLiteral("low")}));
}

void tst_ProcessInheritance::exitHooksRunInPoolWorkers()
{
    const QString path = m_dir.filePath(QStringLiteral("pool-hooks-%1").arg(qmp::startMethodName(qmp::defaultStartMethod())));
    qmp::PoolOptions options;
    options.initializer = qmp::TaskCall::of(&hookWorkerExit, path);
    options.maxTasksPerChild = 2; // workers also retire while the pool runs
    Pool pool(2, options);
    QList<int> inputs{1, 2, 3, 4, 5, 6};
    const QList<qint64> pids = pool.map(&workerPid, inputs, 1);
    pool.close();
    pool.join();
    QSet<QString> served;
    for (qint64 pid : pids)
        served.insert(QString::number(pid));
    const QStringList hooked = linesOf(path);
    for (const QString &pid : served)
        QVERIFY2(hooked.contains(pid), qPrintable(QStringLiteral("worker %1 ran no exit hook: %2").arg(pid, hooked.join(u' '))));
}

QMP_TEST_MAIN(tst_ProcessInheritance)
#include "tst_processinheritance.moc"
