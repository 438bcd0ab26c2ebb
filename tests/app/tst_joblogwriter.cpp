// JoblogWriter: GNU parallel's joblog columns and formats.
#include "joblogwriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using qmp::JoblogWriter;
using qmp::TaskRecord;

class TestJoblogWriter : public QObject
{
    Q_OBJECT
private slots:
    void format_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("line");
        QTest::newRow("ok") << 0 << QString() << "3\t:\t1700000000.250\t1.500\t10\t42\t0\t0\techo 'a b'\n";
        QTest::newRow("exit 2") << 2 << QString() << "3\t:\t1700000000.250\t1.500\t10\t42\t2\t0\techo 'a b'\n";
        QTest::newRow("signal 9") << -9 << "box" << "3\tbox\t1700000000.250\t1.500\t10\t42\t0\t9\techo 'a b'\n";
    }
    void format()
    {
        QFETCH(int, exitCode);
        QFETCH(QString, host);
        QFETCH(QString, line);
        TaskRecord t;
        t.seq = 3;
        t.host = host;
        t.startMs = 1'700'000'000'250;
        t.durationNs = 1'500'000'000;
        t.inputBytes = 10;
        t.stdoutBytes = 42;
        t.exitCode = exitCode;
        t.name = QStringLiteral("echo 'a b'");
        const QString text = JoblogWriter::format({t});
        QCOMPARE(text, QStringLiteral("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n") + line);
    }
    void write()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("joblog.tsv"));
        TaskRecord t;
        t.seq = 1;
        t.name = QStringLiteral("true");
        QString error;
        QVERIFY2(JoblogWriter::write(path, {t, t}, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 3);
        QVERIFY(!JoblogWriter::write(dir.filePath(QStringLiteral("no/such/dir/joblog.tsv")), {t}, &error));
        QVERIFY2(error.contains(QLatin1String("joblog.tsv")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestJoblogWriter)
#include "tst_joblogwriter.moc"
