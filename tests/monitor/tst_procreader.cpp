// ProcReader: the stat parser on hand-written lines (comm with spaces and parentheses, short and
// garbled lines), reading real and fake /proc entries, and a vanished pid as a normal outcome.
#include "qmptempdirs.h"
#include "procreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

#include <sys/wait.h>
#include <unistd.h>

using qmp::ProcReader;

namespace {

// A stat line as the kernel writes it, with the fields ProcReader reads set from the arguments.
QByteArray statLine(qint64 pid, const QByteArray &comm, char state, qint64 ppid, quint64 utime,
                    quint64 stime, int threads, quint64 start, qint64 rssPages)
{
    return QByteArray::number(pid) + " (" + comm + ") " + state + ' ' + QByteArray::number(ppid)
        + " 1 1 0 -1 4194304 100 0 0 0 " + QByteArray::number(utime) + ' '
        + QByteArray::number(stime) + " 0 0 20 0 " + QByteArray::number(threads) + " 0 "
        + QByteArray::number(start) + " 1234567 " + QByteArray::number(rssPages)
        + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
}

} // namespace

class TestProcReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesGoodLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("comm");
        QTest::addColumn<char>("state");
        QTest::addColumn<qint64>("ppid");
        QTest::addColumn<quint64>("ticks");
        QTest::addColumn<int>("threads");
        QTest::addColumn<quint64>("start");
        QTest::addColumn<qint64>("rssPages");
        QTest::newRow("plain") << statLine(42, "sleep", 'S', 7, 3, 4, 1, 900, 120) << QByteArray("sleep")
                               << 'S' << qint64(7) << quint64(7) << 1 << quint64(900) << qint64(120);
        QTest::newRow("spaces in comm") << statLine(43, "my worker", 'R', 1, 100, 0, 4, 5, 1)
                                        << QByteArray("my worker") << 'R' << qint64(1) << quint64(100)
                                        << 4 << quint64(5) << qint64(1);
        QTest::newRow("parentheses in comm") << statLine(44, ") S 9 (x) ", 'Z', 2, 0, 0, 1, 6, 0)
                                             << QByteArray(") S 9 (x) ") << 'Z' << qint64(2)
                                             << quint64(0) << 1 << quint64(6) << qint64(0);
        QTest::newRow("empty comm") << statLine(45, "", 'D', 3, 1, 1, 2, 7, 9) << QByteArray() << 'D'
                                    << qint64(3) << quint64(2) << 2 << quint64(7) << qint64(9);
        QTest::newRow("no trailing newline") << statLine(46, "a", 'T', 4, 5, 6, 3, 8, 10).trimmed()
                                             << QByteArray("a") << 'T' << qint64(4) << quint64(11)
                                             << 3 << quint64(8) << qint64(10);
        QTest::newRow("kernel thread ppid 0") << statLine(2, "kthreadd", 'S', 0, 0, 0, 1, 0, 0)
                                              << QByteArray("kthreadd") << 'S' << qint64(0)
                                              << quint64(0) << 1 << quint64(0) << qint64(0);
        QTest::newRow("huge tick counts") << statLine(47, "x", 'R', 1, 1ULL << 40, 1ULL << 40, 64, 1ULL << 50, 1 << 20)
                                          << QByteArray("x") << 'R' << qint64(1) << quint64(1ULL << 41)
                                          << 64 << quint64(1ULL << 50) << qint64(1 << 20);
    }
    void parsesGoodLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, comm);
        QFETCH(char, state);
        QFETCH(qint64, ppid);
        QFETCH(quint64, ticks);
        QFETCH(int, threads);
        QFETCH(quint64, start);
        QFETCH(qint64, rssPages);
        const ProcReader::Result r = ProcReader::parseStat(line);
        QCOMPARE(r.status, ProcReader::Status::Ok);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.sample.comm, comm);
        QCOMPARE(r.sample.state, state);
        QCOMPARE(r.sample.ppid, ppid);
        QCOMPARE(r.sample.cpuTicks, ticks);
        QCOMPARE(r.sample.threads, threads);
        QCOMPARE(r.sample.startTicks, start);
        QCOMPARE(r.sample.rssBytes, rssPages * ProcReader::pageSize());
    }

    void rejectsMalformedLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        const QByteArray good = statLine(50, "ok", 'S', 1, 1, 1, 1, 1, 1);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only a pid") << QByteArray("50");
        QTest::newRow("no closing parenthesis") << QByteArray("50 (name S 1 1 1");
        QTest::newRow("no opening parenthesis") << QByteArray("50 name) S 1 1 1");
        QTest::newRow("pid not a number") << QByteArray(good).replace(0, 2, "5x");
        QTest::newRow("negative pid") << QByteArray("-" + good);
        QTest::newRow("cut after the state") << QByteArray("50 (ok) S");
        QTest::newRow("cut before rss") << good.left(good.indexOf("1234567") + 7);
        QTest::newRow("state two letters") << QByteArray(good).replace(") S ", ") SS ");
        QTest::newRow("state a digit") << QByteArray(good).replace(") S ", ") 5 ");
        QTest::newRow("ppid not a number") << QByteArray(good).replace(") S 1 ", ") S one ");
        QTest::newRow("two spaces") << QByteArray(good).replace(") S 1 ", ") S  1 ");
        QTest::newRow("binary garbage") << QByteArray("\x01\xff(\x00)\x02", 6);
        QTest::newRow("tick field overflows") << QByteArray(good).replace(" 4194304 100 0 0 0 1 ", " 4194304 100 0 0 0 99999999999999999999999 ");
        // Found by fuzz_procreader: numbers that fit their field but not what is computed from them.
        QTest::newRow("rss in bytes overflows") << statLine(50, "ok", 'S', 1, 1, 1, 1, 1, std::numeric_limits<qint64>::max());
        QTest::newRow("utime + stime overflows") << statLine(50, "ok", 'S', 1, 1ULL << 63, 1ULL << 63, 1, 1, 1);
    }
    void rejectsMalformedLines()
    {
        QFETCH(QByteArray, line);
        const ProcReader::Result r = ProcReader::parseStat(line);
        QCOMPARE(r.status, ProcReader::Status::Malformed);
        QVERIFY2(!r.error.isEmpty(), "a malformed line says why");
    }

    void readsItself()
    {
        const ProcReader reader;
        const ProcReader::Result r = reader.read(::getpid());
        QCOMPARE(r.status, ProcReader::Status::Ok);
        QCOMPARE(r.sample.pid, qint64(::getpid()));
        QCOMPARE(r.sample.ppid, qint64(::getppid()));
        QCOMPARE(r.sample.state, 'R');
        QVERIFY(r.sample.rssBytes > 0);
        QVERIFY(r.sample.threads >= 1);
        QVERIFY(reader.pids().contains(::getpid()));
    }

    void aVanishedPidIsGone()
    {
        const pid_t pid = ::fork();
        QVERIFY(pid >= 0);
        if (pid == 0)
            ::_exit(0);
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        // Reaped: the pid is free now (its reuse within these lines is vanishingly rare).
        QCOMPARE(ProcReader().read(pid).status, ProcReader::Status::Gone);
        QCOMPARE(ProcReader().read(0).status, ProcReader::Status::Gone);
        QCOMPARE(ProcReader().read(-5).status, ProcReader::Status::Gone);
    }

    void readsAFakeProcTree()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString &name, const QByteArray &stat) {
            QVERIFY(QDir(dir.path()).mkpath(name));
            QFile file(dir.filePath(name + QStringLiteral("/stat")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(stat);
        };
        write(QStringLiteral("10"), statLine(10, "good", 'S', 1, 5, 5, 2, 3, 4));
        write(QStringLiteral("11"), "11 (broken");
        write(QStringLiteral("12"), "");
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("self")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("13x")));
        const ProcReader reader(dir.path());
        QList<qint64> pids = reader.pids();
        std::sort(pids.begin(), pids.end());
        QCOMPARE(pids, (QList<qint64>{10, 11, 12}));
        QCOMPARE(reader.read(10).status, ProcReader::Status::Ok);
        QCOMPARE(reader.read(10).sample.cpuTicks, quint64(10));
        const ProcReader::Result broken = reader.read(11);
        QCOMPARE(broken.status, ProcReader::Status::Malformed);
        QVERIFY2(broken.error.contains(QStringLiteral("/11/stat")), qPrintable(broken.error));
        QCOMPARE(reader.read(12).status, ProcReader::Status::Gone);
        QCOMPARE(reader.read(14).status, ProcReader::Status::Gone);
        QVERIFY(ProcReader(dir.filePath(QStringLiteral("missing"))).pids().isEmpty());
    }
};

QMP_GUILESS_TEST_MAIN(TestProcReader)
#include "tst_procreader.moc"
