// JobLauncherDialog: the form becomes a BatchSpec, the preview shows the first commands, and bad
// input is named and keeps the dialog open.
#include "joblauncherdialog.h"
#include "monitorhub.h"
#include "studiotestmain.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

using qmp::BatchSpec;
using qmp::JobLauncherDialog;

class TestJobLauncherDialog : public QObject
{
    Q_OBJECT
private:
    static QPushButton *okButton(JobLauncherDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

private Q_SLOTS:
    void commandsOverARange()
    {
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        dialog.setTarget(qmp::LaunchTarget::Kind::Studio);
        dialog.setCommandTemplate(QStringLiteral("ls {#} {}"));
        dialog.setRange(10, 100, 10);
        dialog.setPoolName(QStringLiteral("tens"));
        dialog.setParallelism(3);
        dialog.setTimeoutSeconds(2.5);
        dialog.setRetries(2);
        QString error;
        const std::optional<BatchSpec> spec = dialog.spec(&error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->kind, BatchSpec::Kind::Commands);
        QCOMPARE(spec->commands.size(), 10);
        QCOMPARE(spec->commands.at(2).program, QStringLiteral("ls"));
        QCOMPARE(spec->commands.at(2).arguments, (QStringList{QStringLiteral("3"), QStringLiteral("30")}));
        QCOMPARE(spec->poolId, 0);
        QCOMPARE(spec->poolName, QStringLiteral("tens"));
        QCOMPARE(spec->processes, 3);
        QCOMPARE(spec->timeout, std::chrono::milliseconds(2500));
        QCOMPARE(spec->retries, 2);
        const QStringList preview = dialog.previewText().split(QLatin1Char('\n'));
        QCOMPARE(preview.size(), JobLauncherDialog::kPreviewLines);
        QCOMPARE(preview.first(), QStringLiteral("ls 1 10"));
        QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("previewCountLabel"))->text().contains(QLatin1String("no shell")),
                 qPrintable(dialog.findChild<QLabel *>(QStringLiteral("previewCountLabel"))->text()));
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(dialog.errorText().isEmpty());
    }

    void filesWithPlaceholders()
    {
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        dialog.setCommandTemplate(QStringLiteral("convert {} {.}.png"));
        dialog.setFiles({QStringLiteral("/photos/a b.jpg"), QStringLiteral("/photos/c.jpeg")});
        const std::optional<BatchSpec> spec = dialog.spec();
        QVERIFY(spec);
        QCOMPARE(spec->commands.size(), 2);
        QCOMPARE(spec->commands.at(0).arguments, (QStringList{QStringLiteral("/photos/a b.jpg"), QStringLiteral("/photos/a b.png")}));
        // As parallel --dry-run prints it: the replacement string is quoted, the literal .png follows.
        QCOMPARE(dialog.previewText().split(QLatin1Char('\n')).first(), QStringLiteral("convert '/photos/a b.jpg' '/photos/a b'.png"));
    }

    // The launcher reads a template as qmp run does: shell syntax (a pipe, quotes, echo — a
    // shell builtin) runs the expanded line in /bin/sh -c, and the preview shows that line, as
    // `qmp run --dry-run` prints it; inputs are quoted as parallel quotes them.
    void shellTemplatesRunInTheShell()
    {
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        dialog.setCommandTemplate(QStringLiteral("echo {} | tr a-z A-Z"));
        dialog.setTypedInputs({QStringLiteral("x y"), QStringLiteral("it's")});
        QString error;
        const std::optional<BatchSpec> spec = dialog.spec(&error);
        QVERIFY2(spec, qPrintable(error));
        QVERIFY(spec->shell);
        QCOMPARE(spec->commandTemplate, QStringLiteral("echo {} | tr a-z A-Z"));
        QCOMPARE(spec->commands.size(), 2);
        const QString second = QStringLiteral("echo 'it'\"'\"'s' | tr a-z A-Z");
        QCOMPARE(spec->commands.at(1).program, QStringLiteral("/bin/sh"));
        QCOMPARE(spec->commands.at(1).arguments, (QStringList{QStringLiteral("-c"), second}));
        QCOMPARE(dialog.previewText(), QStringLiteral("echo 'x y' | tr a-z A-Z\n") + second);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("previewCountLabel"))->text().contains(QLatin1String("/bin/sh -c")));
        // No template at all: the inputs are the commands (qmp run ::: 'cmd' ...).
        dialog.setCommandTemplate(QString());
        const std::optional<BatchSpec> bare = dialog.spec(&error);
        QVERIFY2(bare, qPrintable(error));
        QCOMPARE(bare->commands.at(0).arguments, (QStringList{QStringLiteral("-c"), QStringLiteral("x y")}));
    }

    void demoTaskOverLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("n.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("100\n200\n\n300\n");
        file.close();
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        dialog.setTarget(qmp::LaunchTarget::Kind::Studio);
        dialog.setTask(QStringLiteral("demo.primeCount"));
        dialog.setLinesFile(path);
        const std::optional<BatchSpec> spec = dialog.spec();
        QVERIFY(spec);
        QCOMPARE(spec->kind, BatchSpec::Kind::Task);
        QCOMPARE(spec->task, QStringLiteral("demo.primeCount"));
        QCOMPARE(spec->inputs, (QStringList{QStringLiteral("100"), QStringLiteral("200"), QStringLiteral("300")}));
        QCOMPARE(dialog.previewText().split(QLatin1Char('\n')).first(), QStringLiteral("demo.primeCount(100)"));
    }

    // The launcher sends commands to the QMP service by default (they outlive the studio), into
    // the group named where a new pool's name goes, with its parallel jobs; no timeout or retries.
    void commandsGoToTheServiceByDefault()
    {
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        QCOMPARE(dialog.target().kind, qmp::LaunchTarget::Kind::Service);
        dialog.setCommandTemplate(QStringLiteral("echo {}"));
        dialog.setRange(1, 3, 1);
        dialog.setPoolName(QStringLiteral("nightly"));
        dialog.setParallelism(3);
        QString error;
        const std::optional<BatchSpec> spec = dialog.spec(&error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->target.kind, qmp::LaunchTarget::Kind::Service);
        QCOMPARE(spec->poolName, QStringLiteral("nightly"));
        QCOMPARE(spec->processes, 3);
        QCOMPARE(spec->commands.size(), 3);
        QVERIFY(!dialog.findChild<QDoubleSpinBox *>(QStringLiteral("timeoutSpin"))->isEnabled());
        QVERIFY(!dialog.findChild<QSpinBox *>(QStringLiteral("retriesSpin"))->isEnabled());
        // Picking a pool of the studio means the studio.
        dialog.setTargetPool(0);
        QCOMPARE(dialog.target().kind, qmp::LaunchTarget::Kind::Studio);
    }

    // Demo tasks cannot go to the service (it runs commands): the form says so and keeps the target.
    void demoTasksOnTheServiceAreRefused()
    {
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        dialog.setTarget(qmp::LaunchTarget::Kind::Service);
        dialog.setTask(QStringLiteral("demo.sleep"));
        dialog.setRange(1, 3, 1);
        QString error;
        QVERIFY(!dialog.spec(&error));
        QVERIFY2(error.contains(QLatin1String("QMP service runs commands")), qPrintable(error));
        QCOMPARE(dialog.errorText(), error);
        QVERIFY(!okButton(dialog)->isEnabled());
        QCOMPARE(dialog.target().kind, qmp::LaunchTarget::Kind::Service);
        dialog.setTarget(qmp::LaunchTarget::Kind::Studio);
        QVERIFY(dialog.spec(&error));
        QVERIFY(okButton(dialog)->isEnabled());
    }

    // A typed list of inputs, one per line (blank lines skipped); the next launcher starts from
    // the last batch's form.
    void typedInputsAndTheLastFormRemembered()
    {
        QSettings().remove(QStringLiteral("launcher"));
        qmp::MonitorHub hub;
        {
            JobLauncherDialog dialog(&hub);
            dialog.setCommandTemplate(QStringLiteral("gzip -k {}"));
            dialog.setTypedInputs({QStringLiteral("a.log"), QString(), QStringLiteral("b c.log")});
            QString error;
            const std::optional<BatchSpec> spec = dialog.spec(&error);
            QVERIFY2(spec, qPrintable(error));
            QCOMPARE(spec->commands.size(), 2);
            QCOMPARE(spec->commands.at(1).arguments, (QStringList{QStringLiteral("-k"), QStringLiteral("b c.log")}));
            dialog.setPoolName(QStringLiteral("zips"));
            okButton(dialog)->click(); // started: remembered
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        JobLauncherDialog next(&hub);
        QString error;
        const std::optional<BatchSpec> again = next.spec(&error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->title, QStringLiteral("gzip -k {}"));
        QCOMPARE(again->commands.size(), 2);
        // An empty typed list is named, not run.
        next.setTypedInputs({});
        QVERIFY(!next.spec(&error));
        QVERIFY2(error.contains(QLatin1String("one per line")), qPrintable(error));
    }

    void badInputIsNamed_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("lines");
        QTest::addColumn<QString>("says");
        QTest::newRow("a second input source") << "cat {2}" << QString() << QString() << "input source";
        QTest::newRow("the job slot") << "run --gpu {%} {}" << QString() << QString() << "{%}";
        QTest::newRow("not a number") << QString() << "demo.sleep" << "10\nten\n" << "ten";
        QTest::newRow("missing lines file") << "echo" << QString() << "/no/such/file.txt" << "/no/such/file.txt";
    }
    void badInputIsNamed()
    {
        QFETCH(QString, command);
        QFETCH(QString, task);
        QFETCH(QString, lines);
        QFETCH(QString, says);
        QTemporaryDir dir;
        qmp::MonitorHub hub;
        JobLauncherDialog dialog(&hub);
        if (task.isEmpty())
            dialog.setCommandTemplate(command);
        else
            dialog.setTask(task);
        if (!lines.isEmpty()) {
            QString path = lines;
            if (lines.contains(QLatin1Char('\n'))) {
                path = dir.filePath(QStringLiteral("in.txt"));
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(lines.toUtf8());
            }
            dialog.setLinesFile(path);
        }
        QString error;
        QVERIFY(!dialog.spec(&error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QCOMPARE(dialog.errorText(), error);
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog.show();
        dialog.accept(); // refused: stays open, says why
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
    }
};

QMP_STUDIO_TEST_MAIN(TestJobLauncherDialog)
#include "tst_joblauncherdialog.moc"
