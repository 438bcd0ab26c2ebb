// qmp::Process against Python's multiprocessing.Process, plus what QMP adds: results and errors
// come back, output is captured, children die with their parent. The test binary is its own worker
// host: its tasks run in re-executed copies.

#include "process.h"
#include "forkserver.h"
#include "processclassregistry.h"
#include "processinfo.h"
#include "qmptest.h"
#include "startmethodtestcase.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QCborMap>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

using qmp::Process;

namespace {

int square(int x)
{
    return x * x;
}
QMP_TASK(square);

QString join(const QStringList &parts, const QString &separator)
{
    return parts.join(separator);
}
QMP_TASK(join);

void doNothing() {}
QMP_TASK(doNothing);

QByteArray bigBytes(int size)
{
    return QByteArray(size, 'r');
}
QMP_TASK(bigBytes);

qint64 byteCount(const QByteArray &data)
{
    return data.count('a');
}
QMP_TASK(byteCount);

void fail(const QString &message)
{
    throw std::invalid_argument(message.toStdString());
}
QMP_TASK(fail);

struct NotAStdException
{
};
void throwOdd()
{
    throw NotAStdException{};
}
QMP_TASK(throwOdd);

void exitWith(int code)
{
    qmp::exit(code);
}
QMP_TASK(exitWith);

void raiseSignal(int sig)
{
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}
QMP_TASK(raiseSignal);

void sleepMs(int ms)
{
    QThread::msleep(ms);
}
QMP_TASK(sleepMs);

void print(const QString &out, const QString &err)
{
    std::cout << out.toStdString() << std::flush;
    std::cerr << err.toStdString() << std::flush;
}
QMP_TASK(print);

// Writes size bytes to stdout in 64 KiB blocks.
void flood(qint64 size)
{
    const std::string block(64 * 1024, 'f');
    for (qint64 left = size; left > 0; left -= qint64(block.size()))
        std::fwrite(block.data(), 1, size_t(qMin<qint64>(left, qint64(block.size()))), stdout);
    std::fflush(stdout);
}
QMP_TASK(flood);

QCborMap whoAmI()
{
    const auto parent = qmp::parentProcess();
    return QCborMap{{QStringLiteral("name"), qmp::currentProcess().name()},
                    {QStringLiteral("pid"), qmp::currentProcess().pid()},
                    {QStringLiteral("daemon"), qmp::currentProcess().daemon()},
                    {QStringLiteral("parentName"), parent ? parent->name() : QString()},
                    {QStringLiteral("parentPid"), parent ? parent->pid() : 0},
                    {QStringLiteral("parentAlive"), parent && parent->isAlive()}};
}
QMP_TASK(whoAmI);

// Starts a grandchild running whoAmI and returns [my name, the grandchild's answer].
QCborArray nested()
{
    Process child(&whoAmI);
    child.start();
    child.join();
    return QCborArray{qmp::currentProcess().name(), child.result()};
}
QMP_TASK(nested);

QString tryToStartChild()
{
    Process child(&doNothing);
    child.start();
    child.join();
    return QStringLiteral("started");
}
QMP_TASK(tryToStartChild);

} // namespace

// Seed 001, method 2: a subclass whose run() is the work.
class Greeter : public Process
{
public:
    Greeter() = default;
    Greeter(const QString &name, const QString &greeting)
        : m_greeting(greeting)
    {
        setName(name);
    }
    void run() override
    {
        std::cout << m_greeting.toStdString() << ' ' << name().toStdString() << std::endl;
    }
    QCborValue saveState() const override { return m_greeting; }
    void restoreState(const QCborValue &state) override { m_greeting = state.toString(); }

private:
    QString m_greeting;
};
QMP_PROCESS(Greeter);

class Unregistered : public Process
{
public:
    void run() override {}
};

class tst_Process : public qmptest::StartMethodTestCase // every test once per start method
{
    Q_OBJECT
private Q_SLOTS:
    void result_data();
    void result();
    void exitCode_data();
    void exitCode();
    void errorNamesTypeAndPlace();
    void badTargetsFailInTheParent_data();
    void badTargetsFailInTheParent();
    void wrongArgumentTypeFailsInTheChild();
    void lifecycleErrors();
    void closeRules();
    void terminateAfterExitIsANoOp();
    void joinTimeout();
    void isAliveWithoutEventLoop();
    void finishedFiresExactlyOnce();
    void names();
    void nestedNamesAndParent();
    void daemonCannotHaveChildren();
    void activeChildren();
    void subclassRunsInTheChild();
    void unregisteredSubclassIsRefused();
    void captureOutput();
    void hundredMegabytesOfOutput();
    void largeArgumentAndResult();
    void commands_data();
    void commands();
    void missingProgram();
    void cpuCount();
    void childrenDieWithKilledParent();
    void exitJoinsChildrenAndTerminatesDaemons();
    void theForkserverStartsAsTold_data();
    void theForkserverStartsAsTold();
};

void tst_Process::result_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QCborValue>("expected");
    QTest::newRow("int") << "square" << QCborArray{12} << QCborValue(144);
    QTest::newRow("strings") << "join" << QCborArray{QCborArray{QStringLiteral("测试"), QStringLiteral("多进程")}, QStringLiteral("·")}
                             << QCborValue(QStringLiteral("测试·多进程"));
    QTest::newRow("void") << "doNothing" << QCborArray{} << QCborValue(nullptr);
    QTest::newRow("bytes") << "bigBytes" << QCborArray{5} << QCborValue(QByteArray("rrrrr"));
}

void tst_Process::result()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QCborValue, expected);
    Process p(qmp::TaskCall{task, args});
    QCOMPARE(p.state(), Process::State::NotStarted);
    QCOMPARE(p.pid(), 0);
    QCOMPARE(p.exitCode(), std::nullopt);
    p.start();
    QVERIFY(p.pid() > 0);
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(p.result(), expected);
    QVERIFY(!p.error());
    QVERIFY(!p.isAlive());
}

void tst_Process::exitCode_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<int>("expected");
    QTest::newRow("normal return") << "doNothing" << QCborArray{} << 0;
    QTest::newRow("task threw") << "fail" << QCborArray{QStringLiteral("boom")} << 1;
    QTest::newRow("qmp::exit(3)") << "exitWith" << QCborArray{3} << 3;
    QTest::newRow("qmp::exit(0)") << "exitWith" << QCborArray{0} << 0;
    QTest::newRow("SIGSEGV") << "raiseSignal" << QCborArray{SIGSEGV} << -SIGSEGV;
    QTest::newRow("abort") << "raiseSignal" << QCborArray{SIGABRT} << -SIGABRT;
    QTest::newRow("SIGKILL") << "raiseSignal" << QCborArray{SIGKILL} << -SIGKILL;
}

void tst_Process::exitCode()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(int, expected);
    Process p(qmp::TaskCall{task, args});
    p.setOutputMode(Process::OutputMode::Capture);
    p.start();
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), expected);
}

void tst_Process::errorNamesTypeAndPlace()
{
    Process p(&fail, "bad input");
    p.setOutputMode(Process::OutputMode::Capture);
    p.start();
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.error());
    QCOMPARE(p.error()->type(), QStringLiteral("std::invalid_argument"));
    QCOMPARE(p.error()->remoteMessage(), QStringLiteral("bad input"));
    QCOMPARE(p.error()->context(), QStringLiteral("task 'fail' in %1, pid %2").arg(p.name()).arg(p.pid()));
    const QString stderrText = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(stderrText.contains(QStringLiteral("task 'fail' raised std::invalid_argument: bad input")),
             qPrintable(stderrText));

    Process odd(&throwOdd);
    odd.setOutputMode(Process::OutputMode::Discard);
    odd.start();
    QVERIFY(odd.join());
    QCOMPARE(odd.exitCode(), 1);
    QVERIFY(odd.error());
    QVERIFY2(odd.error()->type().contains(QStringLiteral("NotAStdException")), qPrintable(odd.error()->type()));
}

void tst_Process::badTargetsFailInTheParent_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown task") << "cube" << QCborArray{3} << "unknown task 'cube'";
    QTest::newRow("wrong arity") << "square" << QCborArray{1, 2} << "takes 1 argument(s), 2 given";
}

void tst_Process::badTargetsFailInTheParent()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QString, expected);
    Process p(qmp::TaskCall{task, args});
    try {
        p.start();
        QFAIL("start() did not throw");
    } catch (const qmp::Error &e) {
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
    }
    QCOMPARE(p.state(), Process::State::NotStarted);
    QCOMPARE(p.pid(), 0);
}

void tst_Process::wrongArgumentTypeFailsInTheChild()
{
    Process p(qmp::TaskCall{QStringLiteral("square"), {QStringLiteral("seven")}});
    p.setOutputMode(Process::OutputMode::Discard);
    p.start();
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.error());
    QCOMPARE(p.error()->type(), QStringLiteral("qmp::TypeError"));
    QVERIFY2(p.error()->remoteMessage().contains(QStringLiteral("task 'square', argument 1: expected an integer, got string")),
             qPrintable(p.error()->remoteMessage()));
}

void tst_Process::lifecycleErrors()
{
    Process p(&doNothing);
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.join());
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.terminate());
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.kill());
    QVERIFY(!p.isAlive());
    p.start();
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.start());
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.setDaemon(true));
    QVERIFY_THROWS_EXCEPTION(qmp::ProcessError, p.setTarget(qmp::TaskCall{QStringLiteral("square"), {1}}));
    QVERIFY(p.join());

    Process noTarget;
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, noTarget.start());
}

void tst_Process::closeRules()
{
    Process p(&sleepMs, 20000);
    p.start();
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.close());
    p.kill();
    QVERIFY(p.join());
    p.close();
    p.close(); // twice is fine
    QCOMPARE(p.state(), Process::State::Closed);
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.isAlive());
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.join());
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.terminate());
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.pid());
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.exitCode());
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, p.start());

    Process unstarted(&doNothing);
    unstarted.close();
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, unstarted.start());
}

void tst_Process::terminateAfterExitIsANoOp()
{
    Process p(&doNothing);
    p.start();
    QVERIFY(p.join());
    p.terminate();
    p.kill();
    QCOMPARE(p.exitCode(), 0);

    Process t(&sleepMs, 20000);
    t.start();
    t.terminate();
    QVERIFY(t.join());
    QCOMPARE(t.exitCode(), -SIGTERM);
}

void tst_Process::joinTimeout()
{
    Process p(&sleepMs, 20000);
    p.start();
    QVERIFY(!p.join(0));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!p.join(200));
    QVERIFY2(timer.elapsed() >= 150, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(p.isAlive());
    QCOMPARE(p.exitCode(), std::nullopt);
    p.kill();
    QVERIFY(p.join(std::chrono::seconds(10)));
    QCOMPARE(p.exitCode(), -SIGKILL);
}

void tst_Process::isAliveWithoutEventLoop()
{
    Process p(&sleepMs, 20000);
    p.start();
    QVERIFY(p.isAlive());
    ::kill(pid_t(p.pid()), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(!p.isAlive(), 10000);
    QCOMPARE(p.exitCode(), -SIGKILL);
}

void tst_Process::finishedFiresExactlyOnce()
{
    Process p(&square, 3);
    QSignalSpy started(&p, &Process::started);
    QSignalSpy finished(&p, &Process::finished);
    p.start();
    QCOMPARE(started.count(), 1);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(p.join());
    QVERIFY(!p.isAlive());
    p.terminate();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(p.result(), QCborValue(9));
}

void tst_Process::names()
{
    Process a(&doNothing);
    Process b(&doNothing);
    QVERIFY(a.name().startsWith(QStringLiteral("Process-")));
    const int na = a.name().mid(8).toInt();
    QCOMPARE(b.name(), QStringLiteral("Process-%1").arg(na + 1));
    QCOMPARE(qmp::currentProcess().name(), QStringLiteral("MainProcess"));
    QCOMPARE(qmp::parentProcess(), std::nullopt);
    a.setName(QStringLiteral("worker-a"));
    QCOMPARE(a.name(), QStringLiteral("worker-a"));
}

void tst_Process::nestedNamesAndParent()
{
    Process p(&nested);
    p.start();
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), 0);
    const QCborArray answer = p.result().toArray();
    QCOMPARE(answer.at(0).toString(), p.name());
    const QCborValue grandchild = answer.at(1);
    QCOMPARE(grandchild[QStringLiteral("name")].toString(), p.name() + QStringLiteral(":1"));
    QCOMPARE(grandchild[QStringLiteral("parentName")].toString(), p.name());
    QCOMPARE(grandchild[QStringLiteral("parentPid")].toInteger(), p.pid());
    QVERIFY(grandchild[QStringLiteral("parentAlive")].toBool());

    Process direct(&whoAmI);
    direct.start();
    QVERIFY(direct.join());
    QCOMPARE(direct.result()[QStringLiteral("parentName")].toString(), QStringLiteral("MainProcess"));
    QCOMPARE(direct.result()[QStringLiteral("parentPid")].toInteger(), qint64(::getpid()));
    QCOMPARE(direct.result()[QStringLiteral("pid")].toInteger(), direct.pid());
    QCOMPARE(direct.result()[QStringLiteral("daemon")].toBool(), false);
}

void tst_Process::daemonCannotHaveChildren()
{
    Process p(&tryToStartChild);
    p.setDaemon(true);
    QVERIFY(p.daemon());
    p.setOutputMode(Process::OutputMode::Discard);
    p.start();
    QVERIFY(p.join());
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.error());
    QCOMPARE(p.error()->type(), QStringLiteral("qmp::ProcessError"));
    QVERIFY2(p.error()->remoteMessage().contains(QStringLiteral("daemonic processes are not allowed to have children")),
             qPrintable(p.error()->remoteMessage()));

    Process who(&whoAmI);
    who.setDaemon(true);
    who.start();
    QVERIFY(who.join());
    QCOMPARE(who.result()[QStringLiteral("daemon")].toBool(), true);
}

void tst_Process::activeChildren()
{
    QCOMPARE(qmp::activeChildren().size(), 0);
    Process a(&sleepMs, 20000);
    Process b(&sleepMs, 20000);
    a.start();
    b.start();
    QCOMPARE(qmp::activeChildren(), (QList<Process *>{&a, &b}));
    a.kill();
    QTRY_COMPARE(qmp::activeChildren(), QList<Process *>{&b});
    b.kill();
    QTRY_COMPARE(qmp::activeChildren().size(), 0);
    QCOMPARE(a.exitCode(), -SIGKILL);
}

void tst_Process::subclassRunsInTheChild()
{
    Greeter g(QStringLiteral("Python"), QStringLiteral("测试"));
    g.setOutputMode(Process::OutputMode::Capture);
    g.start();
    QVERIFY(g.join());
    QCOMPARE(g.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(g.readAllStandardOutput()), QStringLiteral("测试 Python\n"));
}

void tst_Process::unregisteredSubclassIsRefused()
{
    Unregistered u;
    try {
        u.start();
        QFAIL("start() did not throw");
    } catch (const qmp::ProcessError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("QMP_PROCESS")), qPrintable(e.message()));
    }
}

void tst_Process::captureOutput()
{
    Process p(&print, "to stdout\n", "to stderr\n");
    p.setOutputMode(Process::OutputMode::Capture);
    QSignalSpy out(&p, &Process::standardOutputReady);
    QSignalSpy err(&p, &Process::standardErrorReady);
    p.start();
    QVERIFY(p.join());
    QVERIFY(out.count() >= 1);
    QVERIFY(err.count() >= 1);
    QCOMPARE(p.readAllStandardOutput(), QByteArray("to stdout\n"));
    QCOMPARE(p.readAllStandardError(), QByteArray("to stderr\n"));
}

void tst_Process::hundredMegabytesOfOutput()
{
    const qint64 size = 100LL * 1024 * 1024;
    Process p(&flood, size);
    p.setOutputMode(Process::OutputMode::Capture);
    qint64 received = 0;
    qint64 largestRead = 0;
    connect(&p, &Process::standardOutputReady, this, [&] {
        const qint64 n = p.readAllStandardOutput().size();
        received += n;
        largestRead = qMax(largestRead, n);
    });
    p.start();
    QVERIFY(p.join(std::chrono::seconds(60)));
    received += p.readAllStandardOutput().size();
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(received, size);
    QVERIFY2(largestRead < size / 4, "output should arrive as it is written, not all at the end");
}

void tst_Process::largeArgumentAndResult()
{
    Process in(&byteCount, QByteArray(8 * 1024 * 1024, 'a'));
    in.start();
    QVERIFY(in.join());
    QCOMPARE(in.result(), QCborValue(8 * 1024 * 1024));

    // Larger than any socket buffer: the child blocks writing until join() reads.
    Process out(&bigBytes, 16 * 1024 * 1024);
    out.start();
    QVERIFY(out.join(std::chrono::seconds(30)));
    QCOMPARE(out.exitCode(), 0);
    QCOMPARE(out.result().toByteArray().size(), 16 * 1024 * 1024);
}

void tst_Process::commands_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("exit 7") << "exit 7" << 7 << QByteArray();
    QTest::newRow("echo") << "echo hello" << 0 << QByteArray("hello\n");
    QTest::newRow("environment") << "echo $QMP_TEST_VAR" << 0 << QByteArray("from-test\n");
    QTest::newRow("working directory") << "basename \"$PWD\"" << 0 << QByteArray("qmp-cwd\n");
    QTest::newRow("killed by a signal") << "kill -TERM $$" << -SIGTERM << QByteArray();
    QTest::newRow("stdin is empty") << "cat" << 0 << QByteArray();
}

void tst_Process::commands()
{
    QFETCH(QString, script);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, output);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("qmp-cwd")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QMP_TEST_VAR"), QStringLiteral("from-test"));
    Process p(qmp::Command{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script}, dir.filePath(QStringLiteral("qmp-cwd")), env});
    p.setOutputMode(Process::OutputMode::Capture);
    p.start();
    QVERIFY(p.pid() > 0);
    QVERIFY(p.join(std::chrono::seconds(20)));
    QCOMPARE(p.exitCode(), exitCode);
    QCOMPARE(p.readAllStandardOutput(), output);
    QCOMPARE(p.result(), QCborValue());
}

void tst_Process::missingProgram()
{
    Process p(qmp::Command{QStringLiteral("/nonexistent/qmp-no-such-program"), {}, {}, {}});
    try {
        p.start();
        QFAIL("start() did not throw");
    } catch (const qmp::ProcessError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("/nonexistent/qmp-no-such-program")), qPrintable(e.message()));
    }
    QCOMPARE(p.state(), Process::State::NotStarted);

    Process empty(qmp::Command{});
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, empty.start());
}

void tst_Process::cpuCount()
{
    QVERIFY(qmp::cpuCount() >= 1);
    QVERIFY(qmp::processCpuCount() >= 1);
    QVERIFY(qmp::processCpuCount() <= qmp::cpuCount());
}

namespace {
QList<qint64> readPids(QProcess &process, int count)
{
    QList<qint64> pids;
    while (pids.size() < count && process.waitForReadyRead(10000)) {
        while (process.canReadLine())
            pids.append(process.readLine().trimmed().toLongLong());
    }
    return pids;
}
} // namespace

void tst_Process::childrenDieWithKilledParent()
{
    QProcess parent;
    parent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    parent.start(qmptest::testApp(), {QStringLiteral("spawn-and-hang"), QStringLiteral("3")});
    QVERIFY2(parent.waitForStarted(), qPrintable(parent.errorString()));
    const QList<qint64> children = readPids(parent, 3);
    QCOMPARE(children.size(), 3);
    for (qint64 pid : children)
        QVERIFY(!qmptest::processGone(pid));
    ::kill(pid_t(parent.processId()), SIGKILL);
    QVERIFY(parent.waitForFinished());
    for (qint64 pid : children)
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(pid), 60000);
}

void tst_Process::exitJoinsChildrenAndTerminatesDaemons()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("written-by-child"));
    QProcess parent;
    parent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    parent.start(qmptest::testApp(), {QStringLiteral("exit-with-children"), file});
    QVERIFY(parent.waitForStarted());
    const QList<qint64> children = readPids(parent, 2);
    QCOMPARE(children.size(), 2);
    QVERIFY(parent.waitForFinished(20000));
    QCOMPARE(parent.exitCode(), 0);
    // The non-daemon child was joined: its file exists once the parent is gone.
    QVERIFY(QFile::exists(file));
    // The daemon child (a 60 s sleep) was terminated.
    QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(children.at(0)), 60000);
}

// How the forkserver comes to be: Runtime forks it at start-up; a program that asks for it on
// first use, or whose Runtime finds a thread running (one a library started) so that forking is
// not safe, starts it by executing the program anew when its first process needs it. Either way
// the server does not hold the program's standard output (the pipe this test reads), and a
// program started with stdin closed does not find a socket of the server's there.
void tst_Process::theForkserverStartsAsTold_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<bool>("closedStdin");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("at start-up") << QStringLiteral("at-start-up") << false
                                 << QByteArray("running\nforked\n0\nnull null\nno socket\n");
    QTest::newRow("at start-up, stdin closed")
        << QStringLiteral("at-start-up") << true << QByteArray("running\nforked\n0\nnull null\nno socket\n");
    QTest::newRow("on first use") << QStringLiteral("on-first-use") << false
                                  << QByteArray("none\nexecuted\n0\nnull null\nno socket\n");
    QTest::newRow("on first use, stdin closed")
        << QStringLiteral("on-first-use") << true << QByteArray("none\nexecuted\n0\nnull null\nno socket\n");
    QTest::newRow("a thread before Runtime") << QStringLiteral("thread-before-runtime") << false
                                             << QByteArray("none\nexecuted\n0\nnull null\nno socket\n");
}

void tst_Process::theForkserverStartsAsTold()
{
    QFETCH_GLOBAL(qmp::StartMethod, method);
    if (method != qmp::StartMethod::ForkServer)
        QSKIP("the program decides for itself; once is enough");
    QFETCH(QString, how);
    QFETCH(bool, closedStdin);
    QFETCH(QByteArray, output);
    QProcess program;
    program.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    program.setStandardInputFile(QProcess::nullDevice());
    if (closedStdin) // the program starts with no descriptor 0
        program.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exec \"$0\" forkserver-start \"$1\" <&-"),
                                                  qmptest::testApp(), how});
    else
        program.start(qmptest::testApp(), {QStringLiteral("forkserver-start"), how});
    QVERIFY2(program.waitForStarted(), qPrintable(program.errorString()));
    QVERIFY(program.waitForFinished(60000));
    QCOMPARE(program.exitCode(), 0);
    QCOMPARE(program.readAllStandardOutput(), output);
}

QMP_TEST_MAIN(tst_Process)
#include "tst_process.moc"
