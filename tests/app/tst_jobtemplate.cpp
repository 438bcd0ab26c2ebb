// JobTemplate: placeholders, shell-like word splitting, command lines read back, input sources.
#include "jobtemplate.h"

#include <QTemporaryDir>
#include <QTest>

using qmp::Command;
using qmp::JobTemplate;

class TestJobTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commandFor_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("seq");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("input") << "gzip -k {}" << "a.txt" << 1 << QStringList{QStringLiteral("gzip"), QStringLiteral("-k"), QStringLiteral("a.txt")};
        QTest::newRow("no placeholder appends") << "wc -l" << "b.txt" << 2 << QStringList{QStringLiteral("wc"), QStringLiteral("-l"), QStringLiteral("b.txt")};
        QTest::newRow("seq") << "echo {#}:{}" << "x" << 7 << QStringList{QStringLiteral("echo"), QStringLiteral("7:x")};
        QTest::newRow("no extension") << "convert {} {.}.png" << "dir/photo.jpg" << 1
                                      << QStringList{QStringLiteral("convert"), QStringLiteral("dir/photo.jpg"), QStringLiteral("dir/photo.png")};
        QTest::newRow("dot in directory only") << "echo {.}" << "a.b/c" << 1 << QStringList{QStringLiteral("echo"), QStringLiteral("a.b/c")};
        QTest::newRow("hidden file keeps its name") << "echo {.}" << "dir/.bashrc" << 1
                                                    << QStringList{QStringLiteral("echo"), QStringLiteral("dir/.bashrc")};
        QTest::newRow("basename") << "echo {/}" << "/tmp/x/y.txt" << 1 << QStringList{QStringLiteral("echo"), QStringLiteral("y.txt")};
        QTest::newRow("input with spaces stays one word") << "cat {}" << "my file.txt" << 1
                                                          << QStringList{QStringLiteral("cat"), QStringLiteral("my file.txt")};
        QTest::newRow("quotes") << "sh -c 'echo \"{}\" done'" << "v" << 1 << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo \"v\" done")};
        QTest::newRow("unknown braces stay") << "echo {x} {}" << "v" << 1 << QStringList{QStringLiteral("echo"), QStringLiteral("{x}"), QStringLiteral("v")};
    }
    void commandFor()
    {
        QFETCH(QString, text);
        QFETCH(QString, input);
        QFETCH(int, seq);
        QFETCH(QStringList, words);
        const JobTemplate job(text);
        QVERIFY2(job.isValid(), qPrintable(job.errorString()));
        const Command command = job.commandFor(input, seq);
        QCOMPARE(QStringList{command.program} + command.arguments, words);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << "   " << "empty";
        QTest::newRow("single quote") << "echo 'abc" << "single quote";
        QTest::newRow("double quote") << "echo \"abc" << "double quote";
        QTest::newRow("backslash") << "echo abc\\" << "backslash";
    }
    void invalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const JobTemplate job(text);
        QVERIFY(!job.isValid());
        QVERIFY2(job.errorString().contains(says), qPrintable(job.errorString()));
    }

    void displayLineReadsBack_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << QStringList{QStringLiteral("gzip"), QStringLiteral("-k"), QStringLiteral("a.txt")};
        QTest::newRow("spaces") << QStringList{QStringLiteral("cat"), QStringLiteral("my file.txt")};
        QTest::newRow("single quote") << QStringList{QStringLiteral("echo"), QStringLiteral("it's")};
        QTest::newRow("empty argument") << QStringList{QStringLiteral("printf"), QStringLiteral("")};
        QTest::newRow("shell") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("for s in 1 2; do echo \"$s\"; done")};
    }
    void displayLineReadsBack()
    {
        QFETCH(QStringList, words);
        const Command command{words.first(), words.mid(1), {}, {}};
        const std::optional<Command> back = JobTemplate::parseCommandLine(command.displayLine());
        QVERIFY(back);
        QCOMPARE(QStringList{back->program} + back->arguments, words);
    }

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
        const std::optional<QStringList> got = JobTemplate::range(from, to, step, &error);
        QVERIFY2(got, qPrintable(error));
        QCOMPARE(*got, values);
    }
    void badRange()
    {
        QString error;
        QVERIFY(!JobTemplate::range(1, 5, 0, &error));
        QVERIFY(error.contains(QLatin1String("step")));
        QVERIFY(!JobTemplate::range(5, 1, 1, &error));
        QVERIFY(!JobTemplate::range(0, 10'000'000, 1, &error));
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
        const std::optional<QStringList> lines = JobTemplate::linesOf(path, &error);
        QVERIFY2(lines, qPrintable(error));
        QCOMPARE(*lines, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta gamma"), QStringLiteral("delta")}));
        QVERIFY(!JobTemplate::linesOf(dir.filePath(QStringLiteral("missing.txt")), &error));
        QVERIFY2(error.contains(QLatin1String("missing.txt")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestJobTemplate)
#include "tst_jobtemplate.moc"
