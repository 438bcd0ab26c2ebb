// JobInputs — the arguments of every job of a `qmp run`: input sources read from ::: arguments,
// :::: files (by their bytes, whatever their names) and stdin, split into lines, and combined as
// GNU parallel does (every combination, the first source varying slowest). tst_runsubcommand
// compares the binary with parallel itself.

#include "qmptempdirs.h"
#include "jobinputs.h"
#include "runoptions.h"
#include "surrogateescape.h"

#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

using qmp::InputSpec;
using qmp::JobInputs;

namespace {

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A stdin that holds these bytes.
File stdinWith(const QByteArray &bytes)
{
    File file(std::tmpfile());
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), file.get());
    std::rewind(file.get());
    return file;
}

// Writes a file named by these bytes (not necessarily UTF-8) in dir; returns its name as qmp
// holds it (surrogate-escaped).
QString writeFile(const QTemporaryDir &dir, const QByteArray &name, const QByteArray &content)
{
    const QByteArray path = qmp::SurrogateEscape::encode(dir.path()) + '/' + name;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return {};
    const bool written = ::write(fd, content.constData(), size_t(content.size())) == content.size();
    ::close(fd);
    return written ? qmp::SurrogateEscape::decode(path) : QString();
}

// Literal lists of arguments (UTF-8).
QStringList items(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *item : list)
        out.append(QString::fromUtf8(item));
    return out;
}

QStringList escaped(std::initializer_list<QByteArray> items)
{
    QStringList out;
    for (const QByteArray &item : items)
        out.append(qmp::SurrogateEscape::decode(item));
    return out;
}

// Every job's arguments, in job order.
QList<QStringList> jobsOf(const JobInputs &inputs)
{
    QList<QStringList> jobs;
    for (qint64 seq = 1; seq <= inputs.count(); ++seq)
        jobs.append(inputs.argumentsOf(seq));
    return jobs;
}

} // namespace

class tst_JobInputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data();
    void lines();
    void combinations_data();
    void combinations();
    void read_data();
    void read();
    void nonUtf8FileNameAndContent();
    void unreadableFileSaysWhich_data();
    void unreadableFileSaysWhich();
    void streamingStdinAppends();
    void aTerminalAsStdinIsTold_data();
    void aTerminalAsStdinIsTold();
};

void tst_JobInputs::lines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing") << QByteArray() << QStringList();
    QTest::newRow("one line, no newline") << QByteArray("a") << items({"a"});
    QTest::newRow("one line") << QByteArray("a\n") << items({"a"});
    QTest::newRow("two lines, last without newline") << QByteArray("a\nb") << items({"a", "b"});
    QTest::newRow("an empty line counts") << QByteArray("a\n\nb\n") << items({"a", "", "b"});
    QTest::newRow("only a newline: one empty line") << QByteArray("\n") << items({""});
    QTest::newRow("two newlines") << QByteArray("\n\n") << items({"", ""});
    QTest::newRow("CR stays") << QByteArray("a\r\nb\r\n") << items({"a\r", "b\r"});
    QTest::newRow("spaces and tabs stay") << QByteArray(" a b\t\n") << items({" a b\t"});
    QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9\n\xe4\xb8\xad\n") << items({"caf\xc3\xa9", "\xe4\xb8\xad"});
    QTest::newRow("Latin-1: escaped bytes") << QByteArray("caf\xe9\nok\n") << escaped({"caf\xe9", "ok"});
    QTest::newRow("NUL byte") << QByteArray("a\0b\n", 4) << QStringList{QStringLiteral("a") + QChar(0) + QStringLiteral("b")};
}

void tst_JobInputs::lines()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    const QStringList got = JobInputs::lines(text);
    QCOMPARE(got, expected);
    QByteArray back;
    for (const QString &line : got)
        back += qmp::SurrogateEscape::encode(line) + '\n';
    if (!text.isEmpty() && !text.endsWith('\n'))
        back.chop(1);
    QCOMPARE(back, text); // losslessly: the bytes come back
}

void tst_JobInputs::combinations_data()
{
    QTest::addColumn<QList<QStringList>>("sources");
    QTest::addColumn<QList<QStringList>>("jobs");
    using L = QList<QStringList>;
    QTest::newRow("no source") << L{} << L{};
    QTest::newRow("one source") << L{items({"a", "b", "c"})} << L{items({"a"}), items({"b"}), items({"c"})};
    QTest::newRow("one empty source") << L{{}} << L{};
    QTest::newRow("two sources: the first varies slowest")
        << L{items({"a", "b"}), items({"1", "2", "3"})}
        << L{items({"a", "1"}), items({"a", "2"}), items({"a", "3"}), items({"b", "1"}), items({"b", "2"}), items({"b", "3"})};
    QTest::newRow("three sources") << L{items({"a", "b"}), items({"1"}), items({"x", "y"})}
                                   << L{items({"a", "1", "x"}), items({"a", "1", "y"}), items({"b", "1", "x"}), items({"b", "1", "y"})};
    QTest::newRow("an empty source: no job") << L{items({"a", "b"}), {}} << L{};
    QTest::newRow("empty arguments are arguments") << L{items({"", ""})} << L{items({""}), items({""})};
    QTest::newRow("repeated values stay") << L{items({"a", "a"})} << L{items({"a"}), items({"a"})};
}

void tst_JobInputs::combinations()
{
    QFETCH(QList<QStringList>, sources);
    QFETCH(QList<QStringList>, jobs);
    const JobInputs inputs(sources);
    QCOMPARE(inputs.sourceCount(), int(sources.size()));
    QCOMPARE(inputs.count(), qint64(jobs.size()));
    QCOMPARE(jobsOf(inputs), jobs);
}

void tst_JobInputs::read_data()
{
    // specs: "A:x y" arguments, "F:name" a file of the temp dir ("F:-" stdin); "|" between them.
    QTest::addColumn<QString>("specs");
    QTest::addColumn<QByteArray>("stdinBytes");
    QTest::addColumn<QList<QStringList>>("sources");
    using L = QList<QStringList>;
    QTest::newRow("no source: stdin") << "" << QByteArray("a\nb\n") << L{items({"a", "b"})};
    QTest::newRow("no source, empty stdin") << "" << QByteArray() << L{{}};
    QTest::newRow(":::") << "A:x y" << QByteArray("unread\n") << L{items({"x", "y"})};
    QTest::newRow("::: twice") << "A:x y|A:1" << QByteArray() << L{items({"x", "y"}), items({"1"})};
    QTest::newRow("::::") << "F:list" << QByteArray() << L{items({"one", "two", "three"})};
    QTest::newRow(":::: two files: two sources") << "F:list|F:pair" << QByteArray()
                                                 << L{items({"one", "two", "three"}), items({"p", "q"})};
    QTest::newRow(":::: -: stdin") << "F:-" << QByteArray("s\n") << L{items({"s"})};
    QTest::newRow("stdin between others") << "A:x|F:-|F:pair" << QByteArray("s\nt")
                                          << L{items({"x"}), items({"s", "t"}), items({"p", "q"})};
    QTest::newRow("empty file: an empty source") << "F:empty|A:x" << QByteArray() << L{{}, items({"x"})};
    QTest::newRow("blank lines are arguments") << "F:blanks" << QByteArray() << L{items({"", "b", ""})};
}

void tst_JobInputs::read()
{
    QFETCH(QString, specs);
    QFETCH(QByteArray, stdinBytes);
    QFETCH(QList<QStringList>, sources);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!writeFile(dir, "list", "one\ntwo\nthree\n").isEmpty());
    QVERIFY(!writeFile(dir, "pair", "p\nq").isEmpty());
    QVERIFY(!writeFile(dir, "empty", "").isEmpty());
    QVERIFY(!writeFile(dir, "blanks", "\nb\n\n").isEmpty());
    QList<InputSpec> list;
    for (const QString &spec : specs.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const QString values = spec.mid(2);
        if (spec.startsWith(QLatin1String("F:")))
            list.append(InputSpec{InputSpec::Kind::File, {values == QLatin1String("-") ? values : dir.filePath(values)}});
        else
            list.append(InputSpec{InputSpec::Kind::Arguments, values.split(QLatin1Char(' '))});
    }
    File in = stdinWith(stdinBytes);
    QString error;
    const std::optional<JobInputs> inputs = JobInputs::read(list, in.get(), &error);
    QVERIFY2(inputs, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(inputs->sourceCount(), int(sources.size()));
    QCOMPARE(jobsOf(*inputs), jobsOf(JobInputs(sources)));
    for (int s = 0; s < sources.size() && inputs->count() > 0; ++s)
        QCOMPARE(inputs->argumentsOf(1).at(s), sources.at(s).first());
}

// A file named in Latin-1 opens by its bytes (QFile would look for another name), and its lines
// keep their bytes too.
void tst_JobInputs::nonUtf8FileNameAndContent()
{
    qmptest::TemporaryDir dir;
    const QString name = writeFile(dir, "l\xe9.list", "f\xe9.txt\nok\n");
    QVERIFY(!name.isEmpty());
    QVERIFY(qmp::SurrogateEscape::holdsBytes(name));
    File in = stdinWith({});
    QString error;
    const auto inputs = JobInputs::read({InputSpec{InputSpec::Kind::File, {name}}}, in.get(), &error);
    QVERIFY2(inputs, qPrintable(error));
    QCOMPARE(inputs->count(), 2);
    QCOMPARE(qmp::SurrogateEscape::encode(inputs->argumentsOf(1).at(0)), QByteArray("f\xe9.txt"));
    QCOMPARE(inputs->argumentsOf(2), items({"ok"}));
}

void tst_JobInputs::unreadableFileSaysWhich_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("why");
    QTest::newRow("missing") << QByteArray("missing.list") << "No such file or directory";
    QTest::newRow("missing, Latin-1 name") << QByteArray("m\xe9.list") << "No such file or directory";
    QTest::newRow("in a missing folder") << QByteArray("nowhere/x.list") << "No such file or directory";
}

void tst_JobInputs::unreadableFileSaysWhich()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QString path = qmp::SurrogateEscape::decode(qmp::SurrogateEscape::encode(dir.path()) + '/' + name);
    File in = stdinWith({});
    QString error;
    const auto inputs = JobInputs::read({InputSpec{InputSpec::Kind::Arguments, items({"a"})},
                                         InputSpec{InputSpec::Kind::File, {path}}},
                                        in.get(), &error);
    QVERIFY(!inputs);
    QCOMPARE(error, QStringLiteral("cannot open input file %1: %2").arg(path, why));
}

// qmp run streams stdin when it is the one source: each line read becomes one more job.
void tst_JobInputs::streamingStdinAppends()
{
    JobInputs inputs(QList<QStringList>{{}});
    QCOMPARE(inputs.count(), 0);
    inputs.append(QStringLiteral("a"));
    inputs.append(QString());
    inputs.append(QStringLiteral("c"));
    QCOMPARE(inputs.count(), 3);
    QCOMPARE(jobsOf(inputs), (QList<QStringList>{items({"a"}), items({""}), items({"c"})}));
}

// Inputs read from a terminal (no ::: / ::::, or :::: -) wait for the user's typing: qmp run and
// qmp submit say so first (as GNU parallel warns), else the command looks hung. A pipe or a file
// as stdin, or inputs given another way, say nothing.
void tst_JobInputs::aTerminalAsStdinIsTold_data()
{
    QTest::addColumn<QString>("specs"); // as in read(): "A:x y" arguments, "F:-" stdin
    QTest::addColumn<bool>("terminal");
    QTest::addColumn<bool>("told");
    QTest::newRow("no source, a terminal") << "" << true << true;
    QTest::newRow(":::: -, a terminal") << "A:x|F:-" << true << true;
    QTest::newRow("::: only, a terminal") << "A:x y" << true << false;
    QTest::newRow("no source, a file") << "" << false << false;
    QTest::newRow(":::: -, a file") << "F:-" << false << false;
}

void tst_JobInputs::aTerminalAsStdinIsTold()
{
    QFETCH(QString, specs);
    QFETCH(bool, terminal);
    QFETCH(bool, told);
    QList<InputSpec> list;
    for (const QString &spec : specs.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        if (spec.startsWith(QLatin1String("F:")))
            list.append(InputSpec{InputSpec::Kind::File, {spec.mid(2)}});
        else
            list.append(InputSpec{InputSpec::Kind::Arguments, spec.mid(2).split(QLatin1Char(' '))});
    }
    File in;
    int master = -1;
    const auto closeMaster = qScopeGuard([&] {
        if (master >= 0)
            ::close(master);
    });
    if (terminal) { // a pseudo-terminal's other end, as stdin
        master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        QVERIFY(master >= 0 && ::grantpt(master) == 0 && ::unlockpt(master) == 0);
        const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
        QVERIFY(slave >= 0);
        in.reset(::fdopen(slave, "r"));
    } else {
        in = stdinWith("a\n");
    }
    const QString notice = JobInputs::terminalNotice(list, in.get());
    QCOMPARE(notice.isEmpty(), !told);
    if (told)
        QCOMPARE(notice, QStringLiteral("reading the inputs from the terminal, one per line: end them with Ctrl-D (or give them "
                                        "after ::: or ::::)"));
}

QMP_GUILESS_TEST_MAIN(tst_JobInputs)
#include "tst_jobinputs.moc"
