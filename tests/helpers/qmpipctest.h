#pragma once
// Test support for the IPC layer: every IPC test binary runs with its own key directory
// ($TMPDIR = /tmp/qmp-ipctest-XXXXXX, inherited by its workers), so ipcLeftovers() can say
// exactly what this binary left behind: key files, System V segments behind them, queues'
// large-item blocks, and anything named qmp* in /dev/shm.

#include "qmptest.h"
#include "largeitem.h"
#include "sharedsegment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <cstdlib>

namespace qmptest {

inline QStringList ipcLeftovers()
{
    QStringList out;
    const QDir dir(QDir::tempPath());
    for (const QString &name : dir.entryList(QDir::Files | QDir::System | QDir::Hidden))
        out.append(dir.absoluteFilePath(name));
    for (const qmp::LargeItem::Block &block : qmp::LargeItem::blocks()) {
        if (block.queueKey.startsWith(dir.absolutePath() + QLatin1Char('/')))
            out.append(QStringLiteral("large item shmid %1 of %2").arg(block.shmid).arg(block.queueKey));
    }
    for (const QString &name : QDir(QStringLiteral("/dev/shm")).entryList({QStringLiteral("qmp*")}, QDir::Files))
        out.append(QStringLiteral("/dev/shm/") + name);
    // `ipcs -m`: System V segments this process created that nobody is attached to any more.
    QFile shm(QStringLiteral("/proc/sysvipc/shm"));
    if (shm.open(QIODevice::ReadOnly)) {
        shm.readLine();
        while (!shm.atEnd()) {
            const QList<QByteArray> f = shm.readLine().simplified().split(' ');
            // key shmid perms size cpid lpid nattch ...
            if (f.size() > 6 && f.at(4).toLongLong() == QCoreApplication::applicationPid() && f.at(6).toInt() == 0)
                out.append(QStringLiteral("System V segment shmid %1 (key %2)").arg(QString::fromLatin1(f.at(1)), QString::fromLatin1(f.at(0))));
        }
    }
    return out;
}

// A timed wait that gave up on its timeout: not before it (less the clock's 100 ms slack), and
// not so long after that it ignored it. The upper bound only tells "ignored the timeout" (waited
// for something else, or forever) from "woke late on a loaded machine", so it is generous; rows
// that check that a non-blocking call ignores its timeout give it a timeout far beyond it.
inline bool endedOnTimeout(qint64 elapsedMs, qint64 timeoutMs)
{
    return elapsedMs >= timeoutMs - 100 && elapsedMs < timeoutMs + 30000;
}

// Gives this test binary (and its workers, through the environment) a key directory of its own.
inline QString useOwnIpcDirectory()
{
    if (qEnvironmentVariableIsSet("QMP_IPC_TEST_DIR"))
        return qEnvironmentVariable("QMP_IPC_TEST_DIR");
    QByteArray path = QDir::tempPath().toLocal8Bit() + "/qmp-ipctest-XXXXXX";
    if (!::mkdtemp(path.data()))
        qFatal("cannot create a key directory for the test");
    qputenv("QMP_IPC_TEST_DIR", path);
    qputenv("TMPDIR", path);
    return QString::fromLocal8Bit(path);
}

} // namespace qmptest

// QMP_TEST_MAIN with a private key directory, removed at the end when the tests left it empty.
#define QMP_IPC_TEST_MAIN(TestObject) \
    int main(int argc, char *argv[]) \
    { \
        const bool owner = !qEnvironmentVariableIsSet("QMP_IPC_TEST_DIR"); \
        const QString ipcDir = qmptest::useOwnIpcDirectory(); \
        qmp::Runtime runtime(argc, argv); \
        QCoreApplication app(argc, argv); \
        TestObject tc; \
        QTEST_SET_MAIN_SOURCE_PATH \
        const int rc = QTest::qExec(&tc, argc, argv); \
        if (owner && !QDir().rmdir(ipcDir)) { \
            qWarning("IPC objects left in %s", qPrintable(ipcDir)); \
            return rc ? rc : 1; \
        } \
        return rc; \
    }
