// ProcSampler: trees summed correctly (a fake /proc, data-driven, and a real shell that forks
// children), CPU % of a busy loop, a root that exits reported once as gone, the timer.
#include "qmptempdirs.h"
#include "errors.h"
#include "procreader.h"
#include "procsampler.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include <unistd.h>

using qmp::ProcessTreeSample;
using qmp::ProcReader;
using qmp::ProcSampler;

namespace {

QByteArray statLine(qint64 pid, qint64 ppid, quint64 ticks, int threads, qint64 rssPages, char state = 'S')
{
    return QByteArray::number(pid) + " (p" + QByteArray::number(pid) + ") " + state + ' '
        + QByteArray::number(ppid) + " 1 1 0 -1 0 0 0 0 0 " + QByteArray::number(ticks)
        + " 0 0 0 20 0 " + QByteArray::number(threads) + " 0 " + QByteArray::number(1000 + pid)
        + " 0 " + QByteArray::number(rssPages) + " 0\n";
}

// A fake /proc/<pid>/stat whose process started `startTicks` clock ticks after boot.
bool writeStat(const QString &root, qint64 pid, quint64 startTicks)
{
    if (!QDir(root).mkpath(QString::number(pid)))
        return false;
    QFile file(root + QStringLiteral("/%1/stat").arg(pid));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray line = statLine(pid, 1, 0, 1, 10);
    line.replace(" " + QByteArray::number(1000 + pid) + " ", " " + QByteArray::number(startTicks) + " ");
    return file.write(line) == line.size();
}

struct FakeProcess
{
    qint64 pid;
    qint64 ppid;
    quint64 ticks;
};

ProcessTreeSample sampleOf(const QList<ProcessTreeSample> &samples, qint64 root)
{
    for (const ProcessTreeSample &s : samples)
        if (s.rootPid == root)
            return s;
    return {};
}

// A shell started in its own session, so the whole tree can be killed at the end.
std::unique_ptr<QProcess> startTree(const QString &script)
{
    auto process = std::make_unique<QProcess>();
    process->setChildProcessModifier([] { ::setsid(); });
    process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    return process;
}

void killTree(QProcess *process)
{
    if (process->state() != QProcess::NotRunning) {
        ::kill(-pid_t(process->processId()), SIGKILL);
        process->waitForFinished(10000);
    }
}

} // namespace

class TestProcSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sumsFakeTrees_data()
    {
        QTest::addColumn<QList<FakeProcess>>("processes");
        QTest::addColumn<qint64>("root");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("threads"); // every fake process has pid % 3 + 1 threads
        QTest::addColumn<qint64>("rssPages"); // and pid pages
        QTest::newRow("alone") << QList<FakeProcess>{{10, 1, 0}, {11, 1, 0}} << qint64(10) << 1 << 2
                               << qint64(10);
        QTest::newRow("two children") << QList<FakeProcess>{{10, 1, 0}, {11, 10, 0}, {12, 10, 0}, {13, 1, 0}}
                                      << qint64(10) << 3 << 2 + 3 + 1 << qint64(33);
        QTest::newRow("grandchildren") << QList<FakeProcess>{{20, 1, 0}, {21, 20, 0}, {22, 21, 0}, {23, 22, 0}, {24, 1, 0}}
                                       << qint64(21) << 3 << 1 + 2 + 3 << qint64(66);
        QTest::newRow("child listed before parent") << QList<FakeProcess>{{31, 40, 0}, {40, 1, 0}}
                                                    << qint64(40) << 2 << 2 + 2 << qint64(71);
        QTest::newRow("self-parented entry") << QList<FakeProcess>{{30, 30, 0}} << qint64(30) << 1 << 1
                                             << qint64(30);
    }
    void sumsFakeTrees()
    {
        QFETCH(QList<FakeProcess>, processes);
        QFETCH(qint64, root);
        QFETCH(int, count);
        QFETCH(int, threads);
        QFETCH(qint64, rssPages);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const FakeProcess &p : processes) {
            const QString name = QString::number(p.pid);
            QVERIFY(QDir(dir.path()).mkpath(name));
            QFile file(dir.filePath(name + QStringLiteral("/stat")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(statLine(p.pid, p.ppid, p.ticks, int(p.pid % 3 + 1), p.pid));
        }
        ProcSampler sampler(nullptr, dir.path());
        sampler.watch(root);
        QSignalSpy spy(&sampler, &ProcSampler::sampled);
        const QList<ProcessTreeSample> samples = sampler.sampleNow();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(samples.size(), 1);
        const ProcessTreeSample s = samples.first();
        QCOMPARE(s.rootPid, root);
        QVERIFY(!s.gone);
        QCOMPARE(s.state, 'S');
        QCOMPARE(s.processes, count);
        QCOMPARE(s.threads, threads);
        QCOMPARE(s.rssBytes, rssPages * ProcReader::pageSize());
        QCOMPARE(s.cpuPercent, 0.0); // the first tick sets the baseline
    }

    void cpuCountsEachProcessOnceAndNewChildrenFully()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](qint64 pid, qint64 ppid, quint64 ticks) {
            QVERIFY(QDir(dir.path()).mkpath(QString::number(pid)));
            QFile file(dir.filePath(QString::number(pid) + QStringLiteral("/stat")));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(statLine(pid, ppid, ticks, 1, 1));
        };
        write(10, 1, 100);
        write(11, 10, 50);
        ProcSampler sampler(nullptr, dir.path());
        sampler.watch(10);
        sampler.watch(11); // nested root: its process counts in both trees
        sampler.sampleNow();
        write(10, 1, 100 + ProcReader::ticksPerSecond());   // one second of CPU
        write(11, 10, 50 + ProcReader::ticksPerSecond());   // one more
        write(12, 10, ProcReader::ticksPerSecond());        // a new child: all of it is new
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("11/stat"))) && QDir(dir.path()).rmdir(QStringLiteral("11")));
        write(11, 10, 50 + ProcReader::ticksPerSecond());
        const QList<ProcessTreeSample> samples = sampler.sampleNow();
        const ProcessTreeSample parent = sampleOf(samples, 10);
        const ProcessTreeSample child = sampleOf(samples, 11);
        QCOMPARE(parent.processes, 3);
        QCOMPARE(child.processes, 1);
        // Three CPU-seconds and one over however long the two ticks were apart: the ratio is exact.
        QVERIFY(child.cpuPercent > 0);
        QVERIFY(qAbs(parent.cpuPercent / child.cpuPercent - 3.0) < 1e-9);
    }

    void samplesARealForkedTree()
    {
        auto shell = startTree(QStringLiteral("sleep 30 & sleep 30 & wait"));
        QVERIFY(shell->waitForStarted(10000));
        const qint64 pid = shell->processId();
        ProcSampler sampler;
        sampler.watch(pid);
        ProcessTreeSample s;
        // Awaited together: on a loaded machine the shell may be runnable ('R') at one sample.
        QTRY_VERIFY_WITH_TIMEOUT((s = sampleOf(sampler.sampleNow(), pid)).processes == 3 && s.state == 'S', 30000);
        QVERIFY(!s.gone);
        QCOMPARE(s.threads, 3);
        // Three small processes: more than one page each, far less than a gigabyte together.
        QVERIFY(s.rssBytes > 3 * ProcReader::pageSize());
        QVERIFY(s.rssBytes < (qint64(1) << 30));
        killTree(shell.get());
    }

    void aBusyChildShowsCpu()
    {
        // The shell forks a busy child and waits: the CPU is the child's, found through the tree.
        auto shell = startTree(QStringLiteral("sh -c 'while :; do :; done' & wait"));
        QVERIFY(shell->waitForStarted(10000));
        const qint64 pid = shell->processId();
        ProcSampler sampler;
        sampler.setInterval(std::chrono::milliseconds(100));
        sampler.watch(pid);
        QSignalSpy spy(&sampler, &ProcSampler::sampled);
        sampler.start();
        // Any CPU at all proves it was found through the tree; how much depends on the machine's
        // load, so no threshold.
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty()
                                     && sampleOf(spy.last().first().value<QList<ProcessTreeSample>>(), pid).cpuPercent > 0
                                     && sampleOf(spy.last().first().value<QList<ProcessTreeSample>>(), pid).processes == 2,
                                 30000);
        const ProcessTreeSample s = sampleOf(spy.last().first().value<QList<ProcessTreeSample>>(), pid);
        QCOMPARE(s.processes, 2);
        QVERIFY2(s.cpuPercent < 100.0 * 2 + 50, qPrintable(QString::number(s.cpuPercent))); // at most all cores
        killTree(shell.get());
    }

    void aRootThatExitsIsReportedOnceAndDropped()
    {
        auto shell = startTree(QStringLiteral("read line"));
        QVERIFY(shell->waitForStarted(10000));
        const qint64 pid = shell->processId();
        ProcSampler sampler;
        sampler.watch(pid);
        sampler.watch(pid);
        QCOMPARE(sampler.watched(), QList<qint64>{pid});
        QCOMPARE(sampleOf(sampler.sampleNow(), pid).processes, 1);
        shell->closeWriteChannel(); // `read` sees EOF and the shell exits
        QVERIFY(shell->waitForFinished(10000)); // and QProcess reaps it
        const QList<ProcessTreeSample> last = sampler.sampleNow();
        QCOMPARE(last.size(), 1);
        QVERIFY(last.first().gone);
        QCOMPARE(last.first().processes, 0);
        QVERIFY(!sampler.isWatching(pid));
        QSignalSpy spy(&sampler, &ProcSampler::sampled);
        QVERIFY(sampler.sampleNow().isEmpty());
        QCOMPARE(spy.count(), 0); // nothing watched: no signal
    }

    // A worker is its pid and its start time: a process that got the pid later is not the worker.
    void aReusedPidIsNeverSampledAsTheRoot_data()
    {
        QTest::addColumn<quint64>("firstStart");   // start ticks at the first sample
        QTest::addColumn<quint64>("laterStart");   // at the second
        QTest::addColumn<qint64>("notAfterS");     // watch(pid, btime + this, in s); 0: not given
        QTest::addColumn<bool>("goneFirst");
        QTest::addColumn<bool>("goneLater");
        const quint64 hz = quint64(ProcReader::ticksPerSecond());
        QTest::newRow("the same process") << 100 * hz << 100 * hz << qint64(0) << false << false;
        QTest::newRow("pid reused between samples") << 100 * hz << 500 * hz << qint64(0) << false << true;
        QTest::newRow("started before the worker was known") << 100 * hz << 100 * hz << qint64(200) << false << false;
        QTest::newRow("started after the worker was known: another process") << 900 * hz << 900 * hz << qint64(200)
                                                                              << true << true;
    }
    void aReusedPidIsNeverSampledAsTheRoot()
    {
        QFETCH(quint64, firstStart);
        QFETCH(quint64, laterStart);
        QFETCH(qint64, notAfterS);
        QFETCH(bool, goneFirst);
        QFETCH(bool, goneLater);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const qint64 bootS = 1'700'000'000;
        QFile stat(dir.filePath(QStringLiteral("stat")));
        QVERIFY(stat.open(QIODevice::WriteOnly));
        stat.write("cpu  1 2 3 4\nbtime " + QByteArray::number(bootS) + "\nprocesses 5\n");
        stat.close();
        QCOMPARE(ProcReader(dir.path()).bootTimeMs(), bootS * 1000);
        QVERIFY(writeStat(dir.path(), 77, firstStart));
        ProcSampler sampler(nullptr, dir.path());
        sampler.watch(77, notAfterS ? (bootS + notAfterS) * 1000 : 0);
        QCOMPARE(sampler.sampleNow().value(0).gone, goneFirst);
        if (goneFirst) {
            QVERIFY(!sampler.isWatching(77)); // dropped, as for an exit
            return;
        }
        QVERIFY(writeStat(dir.path(), 77, laterStart));
        QCOMPARE(sampler.sampleNow().value(0).gone, goneLater);
        QCOMPARE(sampler.isWatching(77), !goneLater);
    }

    void intervalAndWatchList()
    {
        ProcSampler sampler;
        QCOMPARE(sampler.interval(), std::chrono::milliseconds(1000));
        sampler.setInterval(std::chrono::milliseconds(20));
        QCOMPARE(sampler.interval(), std::chrono::milliseconds(20));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, sampler.setInterval(std::chrono::milliseconds(0)));
        sampler.watch(::getpid());
        sampler.watch(0); // ignored
        QCOMPARE(sampler.watched(), QList<qint64>{::getpid()});
        QSignalSpy spy(&sampler, &ProcSampler::sampled);
        sampler.start();
        QVERIFY(sampler.isActive());
        QTRY_VERIFY(spy.count() >= 3);
        const auto samples = spy.last().first().value<QList<ProcessTreeSample>>();
        QCOMPARE(samples.size(), 1);
        QCOMPARE(samples.first().rootPid, qint64(::getpid()));
        QVERIFY(samples.first().threads >= 1);
        sampler.stop();
        QVERIFY(!sampler.isActive());
        sampler.unwatch(::getpid());
        QVERIFY(sampler.watched().isEmpty());
    }
};

QMP_GUILESS_TEST_MAIN(TestProcSampler)
#include "tst_procsampler.moc"
