// LauncherInputs: the launcher's numeric ranges and the lines of a text file as inputs.
#include "qmptempdirs.h"
#include "launcherinputs.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using qmp::LauncherInputs;

class TestLauncherInputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void range_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<int>("step");
        QTest::addColumn<QStringList>("values");
        QTest::newRow("up") << 1 << 4 << 1 << QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")};
        QTest::newRow("by two") << 0 << 5 << 2 << QStringList{QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("4")};
        QTest::newRow("down") << 3 << 1 << -1 << QStringList{QStringLiteral("3"), QStringLiteral("2"), QStringLiteral("1")};
        QTest::newRow("one") << 5 << 5 << 1 << QStringList{QStringLiteral("5")};
    }
    void range()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(int, step);
        QFETCH(QStringList, values);
        QString error;
        const std::optional<QStringList> got = LauncherInputs::range(from, to, step, &error);
        QVERIFY2(got, qPrintable(error));
        QCOMPARE(*got, values);
    }
    void badRange()
    {
        QString error;
        QVERIFY(!LauncherInputs::range(1, 5, 0, &error));
        QVERIFY(error.contains(QLatin1String("step")));
        QVERIFY(!LauncherInputs::range(5, 1, 1, &error));
        QVERIFY(!LauncherInputs::range(0, 10'000'000, 1, &error));
        QVERIFY2(error.contains(QString::number(LauncherInputs::kMaxInputs)), qPrintable(error));
    }

    void linesOf()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("inputs.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("alpha\r\n\nbeta gamma\ndelta");
        file.close();
        QString error;
        const std::optional<QStringList> lines = LauncherInputs::linesOf(path, &error);
        QVERIFY2(lines, qPrintable(error));
        QCOMPARE(*lines, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta gamma"), QStringLiteral("delta")}));
        QVERIFY(!LauncherInputs::linesOf(dir.filePath(QStringLiteral("missing.txt")), &error));
        QVERIFY2(error.contains(QLatin1String("missing.txt")), qPrintable(error));
    }
};

QMP_GUILESS_TEST_MAIN(TestLauncherInputs)
#include "tst_launcherinputs.moc"
