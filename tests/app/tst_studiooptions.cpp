// StudioOptions: the studio's command line — what each option sets (--attach PID repeatable
// included) and a clear error for bad values, naming the option and the value.
#include "studiooptions.h"

#include <QCoreApplication>
#include <QTest>

using qmp::StudioOptions;

class TestStudioOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goodCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("demo");
        QTest::addColumn<QList<qint64>>("attach");
        QTest::newRow("defaults") << QStringList{} << true << QList<qint64>{};
        QTest::newRow("no demo") << QStringList{QStringLiteral("--no-demo")} << false << QList<qint64>{};
        QTest::newRow("attach one") << QStringList{QStringLiteral("--attach"), QStringLiteral("4242")} << true
                                    << QList<qint64>{4242};
        QTest::newRow("attach two")
            << QStringList{QStringLiteral("--attach=12"), QStringLiteral("--attach"), QStringLiteral("34")}
            << true << QList<qint64>{12, 34};
    }
    void goodCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, demo);
        QFETCH(QList<qint64>, attach);
        QString error, help;
        const std::optional<StudioOptions> options =
            StudioOptions::parse(QStringList{QStringLiteral("qmp-studio")} + args, &error, &help);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->demo, demo);
        QCOMPARE(options->attach, attach);
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("attach without a number") << QStringList{QStringLiteral("--attach"), QStringLiteral("firefox")}
                                                 << QStringLiteral("--attach wants a process id");
        QTest::newRow("attach zero") << QStringList{QStringLiteral("--attach"), QStringLiteral("0")}
                                     << QStringLiteral("not '0'");
        QTest::newRow("attach missing value") << QStringList{QStringLiteral("--attach")} << QStringLiteral("attach");
        // Screenshots are made by tools/qmp-studio-screenshots, not by the studio.
        QTest::newRow("no screenshot option") << QStringList{QStringLiteral("--screenshot"), QStringLiteral("/tmp/s.png")}
                                              << QStringLiteral("screenshot");
        QTest::newRow("no launcher screenshot option")
            << QStringList{QStringLiteral("--launcher-screenshot"), QStringLiteral("/tmp/l.png")}
            << QStringLiteral("launcher-screenshot");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
    }
    void badCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QString error, help;
        const std::optional<StudioOptions> options =
            StudioOptions::parse(QStringList{QStringLiteral("qmp-studio")} + args, &error, &help);
        QVERIFY(!options);
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void helpNamesAttach()
    {
        QString error, help;
        QVERIFY(!StudioOptions::parse({QStringLiteral("qmp-studio"), QStringLiteral("--help")}, &error, &help));
        QVERIFY2(help.contains(QStringLiteral("--attach <PID>")), qPrintable(help));
    }
};

QTEST_GUILESS_MAIN(TestStudioOptions)
#include "tst_studiooptions.moc"
