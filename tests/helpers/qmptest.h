#pragma once
// Test support shared by every QMP test: a main() that makes the test binary a QMP host (its
// workers are the test binary re-executed) and fails when it left temporary directories behind,
// and checks that a test left no process behind.

#include "forkserver.h"
#include "qmptempdirs.h"
#include "runtime.h"
#include "startmethod.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QTest>

#include <csignal>
#include <unistd.h>

namespace qmptest {

// The state letter of /proc/PID/stat ('R', 'S', 'Z', ...), or 0 when there is no such process. A
// process reaped between the open and the read leaves the read empty: that is 0 too, not a
// state.
inline char processStateOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const qsizetype paren = line.lastIndexOf(')'); // the name in parentheses may hold anything
    if (paren <= 0 || paren + 2 >= line.size())
        return 0;
    return line.at(paren + 2);
}

// The pids of every process on the machine but this one (some may be gone by the time they are
// looked at).
inline QList<qint64> otherProcesses()
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (isPid && pid != qint64(::getpid()))
            pids.append(pid);
    }
    return pids;
}

// Pids of live (non-zombie) processes running this test's binary as a QMP worker or forkserver,
// except the forkserver this process is running now. (Other test processes of the same binary
// running at the same time would count too: ctest runs each binary once.)
inline QList<qint64> strayWorkers()
{
    const qint64 server = qmp::ForkServer::runningPid();
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    QList<qint64> found;
    for (const qint64 pid : otherProcesses()) {
        if (pid == server)
            continue;
        if (QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget() != self)
            continue;
        // A spawned worker or an exec'd forkserver says so in its arguments; a forkserver forked
        // by Runtime and the workers it forks have the arguments of this test, and their names.
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly) || !comm.open(QIODevice::ReadOnly))
            continue;
        const QByteArray args = cmdline.readAll();
        const QByteArray name = comm.readAll().trimmed();
        if (!args.contains("--qmp-worker=") && !args.contains("--qmp-forkserver=") && name != "qmp-worker"
            && name != "qmp-forkserver")
            continue;
        const char state = processStateOf(pid);
        if (state == 0 || state == 'Z') // gone since the listing, or a zombie
            continue;
        found.append(pid);
    }
    return found;
}

// Pids of live (non-zombie) processes, other than this one, whose command line holds argument
// (a unique path, say: a forkserver forked at start-up has its program's arguments).
inline QList<qint64> processesWithArgument(const QString &argument)
{
    const QByteArray wanted = argument.toLocal8Bit();
    QList<qint64> found;
    for (const qint64 pid : otherProcesses()) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly) || !cmdline.readAll().split('\0').contains(wanted))
            continue;
        const char state = processStateOf(pid);
        if (state != 0 && state != 'Z')
            found.append(pid);
    }
    return found;
}

// tests/helpers' qmp_testapp, beside the test binaries' directories (a test using it adds the
// dependency on it in CMake).
inline QString testApp()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../helpers/qmp_testapp");
}

// True when pid is gone or a zombie; once true, true at every later call (until the pid is used
// again).
inline bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return true;
    const char state = processStateOf(pid);
    if (state == 0)
        return true; // reaped since kill()
    if (state != 'Z' && state != 'X')
        return false;
    // A killed multi-threaded process's leader is a zombie before its other threads have ended,
    // and they still hold its descriptors (a listening socket accepts, then resets): gone means
    // no thread left but the leader.
    return QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() <= 1;
}

// For test classes that run every test once per start method: call from initTestCase_data()
// and init() (QFETCH_GLOBAL reads the row).
inline void addStartMethodRows()
{
    QTest::addColumn<qmp::StartMethod>("method");
    QTest::newRow("forkserver") << qmp::StartMethod::ForkServer;
    QTest::newRow("spawn") << qmp::StartMethod::Spawn;
}

inline void useStartMethodOfThisRow()
{
    QFETCH_GLOBAL(qmp::StartMethod, method);
    qmp::setDefaultStartMethod(method);
}

// What f() threw as an E (its message()), or "<no exception>".
template <typename E, typename F>
QString messageOf(F &&f)
{
    try {
        f();
    } catch (const E &e) {
        return e.message();
    }
    return QStringLiteral("<no exception>");
}

// For cleanupTestCase(): stops this process's forkserver and checks nothing of ours is left.
inline bool shutDownAndCheckNothingLeft()
{
    const qint64 server = qmp::ForkServer::runningPid();
    qmp::ForkServer::shutdown();
    return server == 0 || processGone(server);
}

} // namespace qmptest

#define QMP_TEST_MAIN(TestObject) \
    int main(int argc, char *argv[]) \
    { \
        qmp::Runtime runtime(argc, argv); \
        QCoreApplication app(argc, argv); \
        TestObject tc; \
        QTEST_SET_MAIN_SOURCE_PATH \
        return qmptest::runTestsLeavingNoTemporaryEntries(tc, argc, argv); \
    }
