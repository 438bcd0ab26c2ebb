// qmp::Finalize and qmp::atExit (Python's multiprocessing.util.Finalize / atexit): exactly once,
// by descending priority and the latest first among equals, in the main program at the end of
// main() or on std::exit / qmp::exit, never after a kill. (Workers: tst_processinheritance.)

#include "finalize.h"
#include "qmptest.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using qmp::Finalize;

class tst_Finalize : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsExactlyOnce();
    void cancelledNeverRuns();
    void moveKeepsOneOwner();
    void exitOrder();
    void mainProgramExit_data();
    void mainProgramExit();
};

void tst_Finalize::runsExactlyOnce()
{
    int runs = 0;
    {
        Finalize f([&] { ++runs; }, 3);
        QVERIFY(f.stillActive());
        f();
        QVERIFY(!f.stillActive());
        f();
        qmp::detail::runExitFinalizers();
    }
    QCOMPARE(runs, 1);
    {
        Finalize byScope([&] { ++runs; });
    }
    QCOMPARE(runs, 2);
    Finalize inert;
    QVERIFY(!inert.stillActive());
    inert();
}

void tst_Finalize::cancelledNeverRuns()
{
    int runs = 0;
    {
        Finalize f([&] { ++runs; }, 1);
        f.cancel();
        QVERIFY(!f.stillActive());
        qmp::detail::runExitFinalizers();
    }
    QCOMPARE(runs, 0);
}

void tst_Finalize::moveKeepsOneOwner()
{
    QStringList ran;
    {
        Finalize a([&] { ran << QStringLiteral("a"); });
        Finalize b(std::move(a));
        QVERIFY(!a.stillActive());
        Finalize c([&] { ran << QStringLiteral("c"); });
        c = std::move(b); // c's own clean-up runs now: it is replaced
        QCOMPARE(ran, QStringList{QStringLiteral("c")});
    }
    QCOMPARE(ran, (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
}

void tst_Finalize::exitOrder()
{
    // Shared, not on the stack: a hook left over by a failed check runs at the test's exit.
    auto ran = std::make_shared<QStringList>();
    qmp::atExit([ran] { *ran << QStringLiteral("0 first"); });
    qmp::atExit([ran] { *ran << QStringLiteral("-3"); }, -3);
    qmp::atExit([ran] { *ran << QStringLiteral("7"); }, 7);
    qmp::atExit([ran] {
        *ran << QStringLiteral("0 second");
        qmp::atExit([ran] { *ran << QStringLiteral("registered while running"); }, 1);
    });
    qmp::detail::runExitFinalizers(0); // Python's first pass: priority >= 0
    QCOMPARE(*ran, (QStringList{QStringLiteral("7"), QStringLiteral("0 second"), QStringLiteral("registered while running"),
                                QStringLiteral("0 first")}));
    qmp::detail::runExitFinalizers();
    QCOMPARE(ran->last(), QStringLiteral("-3"));
    const qsizetype count = ran->size();
    qmp::detail::runExitFinalizers();
    QCOMPARE(ran->size(), count);
}

void tst_Finalize::mainProgramExit_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");
    const QStringList all{QStringLiteral("scope end"), QStringLiteral("urgent"), QStringLiteral("owned"),
                          QStringLiteral("first registered"), QStringLiteral("after the children")};
    QTest::newRow("main returns") << QStringLiteral("return") << 0 << all;
    // std::exit skips the scope's end: Finalize objects on the stack are not destroyed.
    QTest::newRow("std::exit") << QStringLiteral("exit") << 4 << all.mid(1);
    QTest::newRow("qmp::exit") << QStringLiteral("qmp-exit") << 5 << all.mid(1);
    QTest::newRow("SIGKILL: nothing runs") << QStringLiteral("kill") << -SIGKILL << QStringList{};
}

void tst_Finalize::mainProgramExit()
{
    QFETCH(QString, how);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hooks"));
    QProcess app;
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    app.start(qmptest::testApp(), {QStringLiteral("exit-hooks"), path, how});
    QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
    QVERIFY(app.waitForFinished(30000));
    QCOMPARE(app.exitStatus() == QProcess::CrashExit ? -app.exitCode() : app.exitCode(), exitCode);
    QFile file(path);
    QStringList lines;
    if (file.open(QIODevice::ReadOnly))
        lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines, expected);
    // Its forkserver (forked at start-up, it has the program's arguments) ends with it, even when
    // the program died before the server had started serving.
    QTRY_COMPARE_WITH_TIMEOUT(qmptest::processesWithArgument(path), QList<qint64>(), 20000);
}

QMP_TEST_MAIN(tst_Finalize)
#include "tst_finalize.moc"
