// CommandTemplate: GNU parallel's replacement strings, quoting and argument appending (the
// expected strings are what `parallel --dry-run` prints for the same template), when a template
// needs a shell, the word splitting used without one, bad replacement strings; one input per job
// as the studio expands, and a command read back as its line (the history's form).

#include "commandtemplate.h"
#include "errors.h"

#include <QTest>

using qmp::CommandTemplate;

class tst_CommandTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quote_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "abc-_.+/09XZ" << "abc-_.+/09XZ";
        QTest::newRow("empty") << "" << "''";
        QTest::newRow("space") << "a b" << "'a b'";
        QTest::newRow("quote inside") << "it's" << "'it'\"'\"'s'";
        QTest::newRow("only a quote") << "'" << "\"'\"";
        QTest::newRow("leading quote") << "'a" << "\"'\"'a'";
        QTest::newRow("metacharacters") << "x;y|z$" << "'x;y|z$'";
        QTest::newRow("non-ascii") << "é" << "'é'";
        QTest::newRow("newline") << "a\nb" << "'a\nb'";
        QTest::newRow("at and colon") << "u@h:1" << "'u@h:1'";
    }
    void quote()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(CommandTemplate::quote(word), quoted);
        // And a shell reading it back (our splitter) gets the word again.
        QCOMPARE(CommandTemplate::splitWords(quoted), QStringList{word});
    }

    void transform_data()
    {
        QTest::addColumn<QString>("arg");
        QTest::addColumn<QString>("noExt");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("baseNoExt");
        // Rows checked against GNU parallel 20221122: parallel echo {.} {/} {//} {/.} ::: ARG
        QTest::newRow("a.b/c.d.e") << "a.b/c.d.e" << "a.b/c.d" << "c.d.e" << "a.b" << "c.d";
        QTest::newRow(".bashrc") << ".bashrc" << "" << ".bashrc" << "." << "";
        QTest::newRow("foo.") << "foo." << "foo" << "foo." << "." << "foo";
        QTest::newRow("/x/y/") << "/x/y/" << "/x/y/" << "" << "/x" << "";
        QTest::newRow("a/b/") << "a/b/" << "a/b/" << "" << "a" << "";
        QTest::newRow("x") << "x" << "x" << "x" << "." << "x";
        QTest::newRow("/") << "/" << "/" << "" << "/" << "";
        QTest::newRow("a.b/c") << "a.b/c" << "a.b/c" << "c" << "a.b" << "c";
        QTest::newRow("/abs/f.tar.gz") << "/abs/f.tar.gz" << "/abs/f.tar" << "f.tar.gz" << "/abs" << "f.tar";
        QTest::newRow("a//b") << "a//b" << "a//b" << "b" << "a" << "b";
        QTest::newRow("empty") << "" << "" << "" << "." << "";
    }
    void transform()
    {
        QFETCH(QString, arg);
        QFETCH(QString, noExt);
        QFETCH(QString, base);
        QFETCH(QString, dir);
        QFETCH(QString, baseNoExt);
        using T = CommandTemplate::Transform;
        QCOMPARE(CommandTemplate::transform(arg, T::None), arg);
        QCOMPARE(CommandTemplate::transform(arg, T::NoExtension), noExt);
        QCOMPARE(CommandTemplate::transform(arg, T::Basename), base);
        QCOMPARE(CommandTemplate::transform(arg, T::Dirname), dir);
        QCOMPARE(CommandTemplate::transform(arg, T::BasenameNoExtension), baseNoExt);
    }

    void expand_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("shell");
        QTest::newRow("appended") << "ls" << QStringList{QStringLiteral("a b")} << "ls 'a b'" << false;
        QTest::newRow("appended, two sources") << "ls" << QStringList{QStringLiteral("a"), QStringLiteral("1")} << "ls a 1" << false;
        QTest::newRow("{}") << "gzip -k {}" << QStringList{QStringLiteral("f.txt")} << "gzip -k f.txt" << false;
        QTest::newRow("{} two sources") << "ls {} x{}y" << QStringList{QStringLiteral("a"), QStringLiteral("2 3")} << "ls a '2 3' xa '2 3'y" << false;
        QTest::newRow("positional") << "ls {2}-{1}" << QStringList{QStringLiteral("a"), QStringLiteral("1")} << "ls 1-a" << false;
        QTest::newRow("negative positional") << "ls {-1}" << QStringList{QStringLiteral("a"), QStringLiteral("1")} << "ls 1" << false;
        QTest::newRow("positional transforms") << "mv {1} {2//}/{1/.}.png" << QStringList{QStringLiteral("in/x.jpg"), QStringLiteral("out/y")}
                                               << "mv in/x.jpg out/x.png" << false;
        QTest::newRow("{#} {%}") << "ls {#} {%}" << QStringList{QStringLiteral("a")} << "ls 7 2" << false;
        QTest::newRow("{#} stops appending") << "ls {#}" << QStringList{QStringLiteral("a")} << "ls 7" << false;
        QTest::newRow("shell template") << "echo {} | wc -c" << QStringList{QStringLiteral("a;b")} << "echo 'a;b' | wc -c" << true;
        QTest::newRow("awk braces stay") << "awk '{print $1}' {}" << QStringList{QStringLiteral("f")} << "awk '{print $1}' f" << true;
        QTest::newRow("unknown braces stay") << "echo {foo} {}" << QStringList{QStringLiteral("f")} << "echo {foo} f" << true;
        QTest::newRow("builtin") << "exit {}" << QStringList{QStringLiteral("3")} << "exit 3" << true;
        QTest::newRow("sh's echo") << "echo {}" << QStringList{QStringLiteral("-e")} << "echo -e" << true;
        QTest::newRow("assignment") << "A=1 env" << QStringList{QStringLiteral("x")} << "A=1 env x" << true;
        QTest::newRow("empty template") << "" << QStringList{QStringLiteral("echo hi")} << "echo hi" << true;
        QTest::newRow("empty argument") << "touch {}" << QStringList{QStringLiteral("")} << "touch ''" << false;
    }
    void expand()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, args);
        QFETCH(QString, line);
        QFETCH(bool, shell);
        const CommandTemplate t(text, int(args.size()));
        QCOMPARE(t.expand(args, 7, 2), line);
        QCOMPARE(t.needsShell(), shell);
        const qmp::Command c = t.command(args, 7, 2);
        if (shell) {
            QCOMPARE(c.program, QStringLiteral("/bin/sh"));
            QCOMPARE(c.arguments, (QStringList{QStringLiteral("-c"), line}));
        } else {
            QCOMPARE(QStringList{c.program} + c.arguments, CommandTemplate::splitWords(line));
        }
    }

    void directExecKeepsArgumentsWhole()
    {
        const CommandTemplate t(QStringLiteral("cp {} {.}.bak"));
        const qmp::Command c = t.command({QStringLiteral("my file's.txt")});
        QCOMPARE(c.program, QStringLiteral("cp"));
        QCOMPARE(c.arguments, (QStringList{QStringLiteral("my file's.txt"), QStringLiteral("my file's.bak")}));
    }

    // One input per job, as the studio's launcher expands: the words the program gets, or the
    // shell line.
    void oneInputJobs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("seq");
        QTest::addColumn<QStringList>("argv"); // {"/bin/sh", "-c", line} when it needs a shell
        QTest::newRow("input") << "gzip -k {}" << "a.txt" << 1 << QStringList{QStringLiteral("gzip"), QStringLiteral("-k"), QStringLiteral("a.txt")};
        QTest::newRow("no placeholder appends") << "wc -l" << "b.txt" << 2 << QStringList{QStringLiteral("wc"), QStringLiteral("-l"), QStringLiteral("b.txt")};
        QTest::newRow("seq") << "touch {#}:{}" << "x" << 7 << QStringList{QStringLiteral("touch"), QStringLiteral("7:x")};
        QTest::newRow("no extension") << "convert {} {.}.png" << "dir/photo.jpg" << 1
                                      << QStringList{QStringLiteral("convert"), QStringLiteral("dir/photo.jpg"), QStringLiteral("dir/photo.png")};
        QTest::newRow("dot in directory only") << "ls {.}" << "a.b/c" << 1 << QStringList{QStringLiteral("ls"), QStringLiteral("a.b/c")};
        QTest::newRow("basename") << "ls {/}" << "/tmp/x/y.txt" << 1 << QStringList{QStringLiteral("ls"), QStringLiteral("y.txt")};
        QTest::newRow("input with spaces stays one word") << "cat {}" << "my file.txt" << 1
                                                          << QStringList{QStringLiteral("cat"), QStringLiteral("my file.txt")};
        QTest::newRow("input with a quote stays one word") << "cat {}" << "it's \"x\"" << 1
                                                           << QStringList{QStringLiteral("cat"), QStringLiteral("it's \"x\"")};
        QTest::newRow("pipe: a shell line") << "a {} | b" << "x y" << 1
                                            << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("a 'x y' | b")};
        QTest::newRow("quotes: a shell line") << "sh -c 'echo \"{}\" done'" << "v" << 1
                                              << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("sh -c 'echo \"v\" done'")};
        QTest::newRow("echo is the shell's") << "echo {#}: {}" << "v" << 3 << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo 3: v")};
    }
    void oneInputJobs()
    {
        QFETCH(QString, text);
        QFETCH(QString, input);
        QFETCH(int, seq);
        QFETCH(QStringList, argv);
        const qmp::Command c = CommandTemplate(text).command({input}, seq);
        QCOMPARE(QStringList{c.program} + c.arguments, argv);
    }

    // A shell command is known by its shape; lineOf() reads any command back as the line the
    // template wrote, so a shell reading that line runs the same words.
    void shellLinesAndLines_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<bool>("shell");
        QTest::addColumn<QString>("line");
        QTest::newRow("shell line") << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("a 'x y' | b")} << true << "a 'x y' | b";
        QTest::newRow("plain words") << QStringList{QStringLiteral("gzip"), QStringLiteral("-k"), QStringLiteral("a.txt")} << false << "gzip -k a.txt";
        QTest::newRow("spaces and quotes") << QStringList{QStringLiteral("cat"), QStringLiteral("it's a file.txt"), QStringLiteral("")} << false
                                           << "cat 'it'\"'\"'s a file.txt' ''";
        QTest::newRow("sh without -c") << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("script.sh")} << false << "/bin/sh script.sh";
        QTest::newRow("another shell") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("a | b")} << false << "sh -c 'a | b'";
        QTest::newRow("-c with more arguments") << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo $0"), QStringLiteral("x")} << false
                                                << "/bin/sh -c 'echo $0' x";
    }
    void shellLinesAndLines()
    {
        QFETCH(QStringList, argv);
        QFETCH(bool, shell);
        QFETCH(QString, line);
        const qmp::Command c{argv.first(), argv.mid(1), {}, {}};
        QCOMPARE(CommandTemplate::shellLineOf(c).has_value(), shell);
        QCOMPARE(CommandTemplate::lineOf(c), line);
        if (shell) {
            const qmp::Command back = CommandTemplate::shellCommand(line);
            QCOMPARE(QStringList{back.program} + back.arguments, argv);
        } else {
            QCOMPARE(CommandTemplate::splitWords(line), argv);
        }
    }

    void usesSlot_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("slot");
        QTest::newRow("slot") << "gpu={%} run {}" << true;
        QTest::newRow("job number") << "run {#} {}" << false;
        QTest::newRow("percent in text") << "printf %s {}" << false;
    }
    void usesSlot()
    {
        QFETCH(QString, text);
        QFETCH(bool, slot);
        QCOMPARE(CommandTemplate(text).usesSlot(), slot);
    }

    void splitWords_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("spaces") << "  a  b\tc " << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QTest::newRow("single quotes") << "'a b'c" << QStringList{QStringLiteral("a bc")};
        QTest::newRow("double quotes") << "\"a \\\" b\"" << QStringList{QStringLiteral("a \" b")};
        QTest::newRow("backslash") << "a\\ b" << QStringList{QStringLiteral("a b")};
        QTest::newRow("empty word") << "x '' y" << QStringList{QStringLiteral("x"), QStringLiteral(""), QStringLiteral("y")};
        QTest::newRow("nothing") << "" << QStringList{};
    }
    void splitWords()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        QCOMPARE(CommandTemplate::splitWords(line), words);
    }

    void badReplacement_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("sources");
        QTest::newRow("{0}") << "echo {0}" << 1;
        QTest::newRow("{3} of 2") << "echo {3}" << 2;
        QTest::newRow("{-2} of 1") << "echo {-2}" << 1;
        QTest::newRow("{2.} of 1") << "echo {2.}" << 1;
    }
    void badReplacement()
    {
        QFETCH(QString, text);
        QFETCH(int, sources);
        try {
            CommandTemplate t(text, sources);
            QFAIL("no error");
        } catch (const qmp::ValueError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("input source")), qPrintable(e.message()));
        }
    }
};

QTEST_APPLESS_MAIN(tst_CommandTemplate)
#include "tst_commandtemplate.moc"
