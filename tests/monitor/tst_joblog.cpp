// JobLog: GNU parallel's --joblog format — lines as parallel writes them, parsing parallel's own
// lines (with and without header, commands with tabs and newlines), bad lines named by number,
// history records as joblog entries, and a file that is appended to line by line.

#include "joblog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using qmp::JobLog;

class tst_JobLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void format()
    {
        JobLog::Entry e;
        e.seq = 2;
        e.startMs = 1796029805888;
        e.runtimeMs = 115;
        e.receive = 2;
        e.exitValue = 1;
        e.command = QStringLiteral("echo 1; exit 1");
        // Byte for byte what parallel 20221122 wrote for this job.
        QCOMPARE(JobLog::format(e), QStringLiteral("2\t:\t1796029805.888\t     0.115\t0\t2\t1\t0\techo 1; exit 1"));
        QCOMPARE(JobLog::header(), QStringLiteral("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand"));
    }

    // Fields that look like placeholders stay as they are (fuzz_joblog found a host "%0" replaced
    // by the start time), and the line parses back to the same entry.
    void formatKeepsPercentSigns()
    {
        JobLog::Entry e;
        e.seq = 6;
        e.host = QStringLiteral("se%0rver%2");
        e.startMs = 5000;
        e.command = QStringLiteral("printf '%1 %s\\n' 100%");
        const QString line = JobLog::format(e);
        QCOMPARE(line.section(QLatin1Char('\t'), 1, 1), e.host);
        QCOMPARE(line.section(QLatin1Char('\t'), 8), e.command);
        const std::optional<QList<JobLog::Entry>> again = JobLog::parse(line.toUtf8() + '\n', nullptr);
        QVERIFY(again && again->size() == 1);
        QVERIFY(again->first() == e);
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("lastSeq");
        QTest::addColumn<QString>("lastCommand");
        QTest::addColumn<bool>("lastSucceeded");
        QTest::newRow("parallel's") << QByteArray("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n"
                                                  "1\t:\t1796029849.135\t     0.898\t0\t0\t-1\t15\tsleep 5\n")
                                    << 1 << qint64(1) << "sleep 5" << false;
        QTest::newRow("no header") << QByteArray("3\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n") << 1 << qint64(3) << "echo a" << true;
        QTest::newRow("tab in command") << QByteArray("4\t:\t1.000\t0.5\t0\t4\t0\t0\tprintf 'a\tb'\n") << 1 << qint64(4)
                                        << "printf 'a\tb'" << true;
        QTest::newRow("newline as NUL") << QByteArray("5\t:\t1.000\t0.5\t0\t4\t0\t9\techo 'a\0b'\n", 33) << 1 << qint64(5)
                                        << "echo 'a\nb'" << false;
        QTest::newRow("empty") << QByteArray() << 0 << qint64(0) << "" << false;
        QTest::newRow("header only") << QByteArray("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n")
                                     << 0 << qint64(0) << "" << false;
        // A run killed while writing a line: the cut-off line is ignored (its job runs again).
        QTest::newRow("last line cut off") << QByteArray("1\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n2\t:\t17") << 1 << qint64(1)
                                           << "echo a" << true;
        QTest::newRow("last line cut after seq") << QByteArray("1\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n2") << 1 << qint64(1)
                                                 << "echo a" << true;
        QTest::newRow("last line complete but unterminated") << QByteArray("1\t:\t1.000\t0.5\t0\t4\t3\t0\techo a") << 1
                                                             << qint64(1) << "echo a" << false;
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, count);
        QFETCH(qint64, lastSeq);
        QFETCH(QString, lastCommand);
        QFETCH(bool, lastSucceeded);
        QString error;
        const auto entries = JobLog::parse(text, &error);
        QVERIFY2(entries, qPrintable(error));
        QCOMPARE(entries->size(), count);
        if (count > 0) {
            QCOMPARE(entries->last().seq, lastSeq);
            QCOMPARE(entries->last().command, lastCommand);
            QCOMPARE(entries->last().succeeded(), lastSucceeded);
            // format() writes what parse() read.
            QCOMPARE(JobLog::parse(JobLog::format(entries->last()).toUtf8(), &error)->last(), entries->last());
        }
    }

    void badLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("too few fields") << QByteArray("Seq\tHost\n1\t:\t1.0\n") << "line 2";
        QTest::newRow("not a number") << QByteArray("1\t:\tsoon\t0.5\t0\t4\t0\t0\techo\n") << "line 1";
        QTest::newRow("seq 0") << QByteArray("0\t:\t1.0\t0.5\t0\t4\t0\t0\techo\n") << "line 1";
        QTest::newRow("some text") << QByteArray("hello world\n") << "line 1";
        QTest::newRow("a cut line that is not the last") << QByteArray("1\t:\t17\n2\t:\t1.0\t0.5\t0\t4\t0\t0\techo\n") << "line 1";
        QTest::newRow("seq out of range") << QByteArray("99999999999999999999\t:\t1.0\t0.5\t0\t4\t0\t0\techo\n") << "line 1";
        QTest::newRow("start time out of range") << QByteArray("1\t:\t1e300\t0.5\t0\t4\t0\t0\techo\n") << "line 1";
        QTest::newRow("runtime not finite") << QByteArray("1\t:\t1.0\tinf\t0\t4\t0\t0\techo\n") << "line 1";
    }
    void badLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QString error;
        QVERIFY(!JobLog::parse(text, &error));
        QVERIFY2(error.contains(where), qPrintable(error));
    }

    void fromTask_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("exitValue");
        QTest::addColumn<int>("signal");
        QTest::newRow("ok") << int(qmp::TaskRecord::State::Finished) << 0 << 0 << 0;
        QTest::newRow("exit 3") << int(qmp::TaskRecord::State::Failed) << 3 << 3 << 0;
        QTest::newRow("SIGKILL") << int(qmp::TaskRecord::State::Failed) << -9 << 0 << 9;
        QTest::newRow("timed out") << int(qmp::TaskRecord::State::TimedOut) << -9 << -1 << 9;
    }
    void fromTask()
    {
        QFETCH(int, state);
        QFETCH(int, exitCode);
        QFETCH(int, exitValue);
        QFETCH(int, signal);
        qmp::TaskRecord t;
        t.seq = 4;
        t.name = QStringLiteral("gzip a");
        t.state = qmp::TaskRecord::State(state);
        t.exitCode = exitCode;
        t.startMs = 1000;
        t.durationNs = 2500000000;
        t.stdoutBytes = 12;
        const JobLog::Entry e = JobLog::fromTask(t);
        QCOMPARE(e.seq, qint64(4));
        QCOMPARE(e.host, QStringLiteral(":"));
        QCOMPARE(e.runtimeMs, qint64(2500));
        QCOMPARE(e.receive, qint64(12));
        QCOMPARE(e.exitValue, exitValue);
        QCOMPARE(e.signal, signal);
        QCOMPARE(e.command, QStringLiteral("gzip a"));
    }

    void writeAndAppend()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("log.txt"));
        JobLog::Entry e;
        e.command = QStringLiteral("true");
        {
            JobLog log;
            QVERIFY(log.open(path, false));
            e.seq = 1;
            QVERIFY(log.write(e));
            // Flushed at once: a reader sees the line while the log is open.
            QString error;
            QCOMPARE(JobLog::read(path, &error)->size(), 1);
        }
        {
            JobLog log;
            QVERIFY(log.open(path, true)); // append: no second header
            e.seq = 2;
            QVERIFY(log.write(e));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count("Seq\t"), 1);
        QString error;
        const auto entries = JobLog::read(path, &error);
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(1).seq, qint64(2));
        {
            JobLog log;
            QVERIFY(log.open(path, false)); // truncate
        }
        QCOMPARE(JobLog::read(path, &error)->size(), 0);
        QCOMPARE(JobLog::read(dir.filePath(QStringLiteral("missing")), &error)->size(), 0);
        JobLog bad;
        QVERIFY(!bad.open(dir.filePath(QStringLiteral("no/such/dir/log")), false));
        QVERIFY(bad.errorString().contains(QStringLiteral("no/such/dir/log")));
    }

    // A disk that takes nothing: open() already fails (the header is flushed), in both modes.
    void aFullDiskFailsAtOpen_data()
    {
        QTest::addColumn<bool>("append");
        QTest::newRow("truncate") << false;
        QTest::newRow("append") << true;
    }
    void aFullDiskFailsAtOpen()
    {
        QFETCH(bool, append);
        JobLog log;
        QVERIFY(!log.open(QStringLiteral("/dev/full"), append));
        QVERIFY2(log.errorString().contains(QStringLiteral("/dev/full")), qPrintable(log.errorString()));
    }

    // Appending to a log whose last line was cut off drops that line first, so the log stays
    // one that parallel and qmp read.
    void appendAfterACutLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("log.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write((JobLog::header() + QStringLiteral("\n1\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n2\t:\t17")).toUtf8());
        file.close();
        JobLog log;
        QVERIFY(log.open(path, true));
        JobLog::Entry e;
        e.seq = 3;
        e.command = QStringLiteral("echo c");
        QVERIFY(log.write(e));
        log.close();
        QString error;
        const auto entries = JobLog::read(path, &error);
        QVERIFY2(entries, qPrintable(error));
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(0).seq, qint64(1));
        QCOMPARE(entries->at(1).seq, qint64(3));
    }
};

QTEST_APPLESS_MAIN(tst_JobLog)
#include "tst_joblog.moc"
