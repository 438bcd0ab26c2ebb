// `qmp run` and `qmp history` against the built qmp executable and real GNU parallel:
// - for the same template, options and inputs, `qmp run` prints what `parallel` prints (stdout,
//   stderr, exit status), over many templates, replacement strings and input sources;
// - a joblog written by qmp is accepted by `parallel --resume`, and one written by parallel by
//   `qmp run --resume` / `--resume-failed`;
// - exit statuses, --halt, --timeout, a missing program, --json, the history, bad input, and
//   SIGTERM stopping the running process trees with a joblog that --resume continues.
// The history lives in a temporary directory (QMP_HISTORY); parallel runs with /bin/sh and a
// temporary HOME.

#include "qmptempdirs.h"
#include "historystore.h"
#include "joblog.h"
#include "otheruser.h"
#include "poolevent.h"
#include "progressbar.h"
#include "tiedprocess.h"

#include <QCborArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// Files named in Latin-1 (bytesLikeParallel()): fé.txt, lé.list.
const QList<QByteArray> kLatin1Names{QByteArray("f\xe9.txt"), QByteArray("l\xe9.list")};

} // namespace

class tst_RunSubcommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameOutputAsParallel_data();
    void sameOutputAsParallel();
    void bytesLikeParallel_data();
    void bytesLikeParallel();
    void joblogKeepsBytes();
    void jobsMeanWhatParallelMeans_data();
    void jobsMeanWhatParallelMeans();
    void haltLikeParallel_data();
    void haltLikeParallel();
    void qmpJoblogResumedByParallel();
    void parallelJoblogResumedByQmp();
    void resumeFailedLikeParallel();
    void resumeAfterACutLine();
    void exitStatus_data();
    void exitStatus();
    void badInput_data();
    void badInput();
    void missingProgram();
    void joblogWriteFailureStopsTheRun();
    void readOnlyJoblog();
    void timeoutKillsTheJob();
    void jobSlots();
    void jobsQueuedAheadStillRunAtMostJAtOnce_data();
    void jobsQueuedAheadStillRunAtMostJAtOnce();
    void jobsAreQueuedAheadOfTheRunningOnes();
    void stdinIsReadWhileJobsRun();
    void closedStdinIsEmptyInput();
    void json();
    void barIsSilentWhenNotATerminal();
    void progressBarText_data();
    void progressBarText();
    void history();
    void historyKeepsHowEachJobRan();
    void haltNowRecordsWhatItKilled();
    void aRunInProgressIsSeenByPsHistoryAndLog();
    void aRunIsInTheHistoryBeforeItsFirstJobStarts();
    void logOfAJob();
    void aJobThatNeverStartedHasNoExitNorRunTime();
    void followsTheLocale();
    void historyBadUsage_data();
    void historyBadUsage();
    void signalStopsJobsAndResumeContinues_data();
    void signalStopsJobsAndResumeContinues();

private:
    Run run(const QString &program, const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 60000);
    // Runs program with these exact argument bytes (through /bin/sh and printf: QProcess would
    // turn bytes that are not UTF-8 into U+FFFD).
    Run runBytes(const QString &program, const QList<QByteArray> &arguments, const QByteArray &input = {});
    Run qmp(const QStringList &arguments, const QByteArray &input = {}) { return run(QStringLiteral(QMP_CLI_PATH), arguments, input); }
    Run parallel(const QStringList &arguments, const QByteArray &input = {})
    {
        return run(m_parallel, QStringList{QStringLiteral("--will-cite")} + arguments, input);
    }
    QProcessEnvironment environment() const;

    qmptest::TemporaryDir m_dir; // holds files with Latin-1 names: removed by their bytes
    QString m_parallel;
    QString m_historyPath;
};

QProcessEnvironment tst_RunSubcommand::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QMP_HISTORY"), m_historyPath);
    env.insert(QStringLiteral("PARALLEL_SHELL"), QStringLiteral("/bin/sh"));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

Run tst_RunSubcommand::run(const QString &program, const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(program, arguments);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

namespace {

// A shell word that is exactly these bytes: printable ASCII in single quotes, every other byte
// (but newline, which command substitution would strip) from printf's octal escape.
QString shellWord(const QByteArray &bytes)
{
    QString word = QStringLiteral("''");
    for (const char c : bytes) {
        const uchar b = uchar(c);
        if (b == '\'')
            word += QStringLiteral("\"'\"");
        else if ((b >= 0x20 && b < 0x7f) || b == '\n')
            word += QStringLiteral("'%1'").arg(QLatin1Char(c));
        else
            word += QStringLiteral("\"$(printf '\\%1')\"").arg(b, 3, 8, QLatin1Char('0'));
    }
    return word;
}

} // namespace

Run tst_RunSubcommand::runBytes(const QString &program, const QList<QByteArray> &arguments, const QByteArray &input)
{
    QString script = QStringLiteral("exec \"$0\"");
    for (const QByteArray &argument : arguments)
        script += QLatin1Char(' ') + shellWord(argument);
    return run(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, program}, input);
}

void tst_RunSubcommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home")));
    m_historyPath = m_dir.filePath(QStringLiteral("history/history.sqlite"));
    m_parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    if (m_parallel.isEmpty())
        QSKIP("GNU parallel is not installed (apt-get install parallel)");
    QFile list(m_dir.filePath(QStringLiteral("list.txt")));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("one\ntwo words\nthree.tar.gz\n/abs/dir/f.c\n");
    // Files for bytesLikeParallel(): Latin-1 content, and Latin-1 file names.
    const auto writeFile = [this](const QByteArray &name, const QByteArray &content) {
        const QByteArray path = QFile::encodeName(m_dir.path()) + '/' + name;
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const bool ok = fd >= 0 && ::write(fd, content.constData(), size_t(content.size())) == content.size();
        if (fd >= 0)
            ::close(fd);
        return ok;
    };
    QVERIFY(writeFile("latin1.txt", "\xe9l\xe8ve\nna\xefve\n\xff\n"));
    for (const QByteArray &name : kLatin1Names)
        QVERIFY(writeFile(name, name.startsWith('f') ? "in f\xe9.txt\n" : "r\xe9sum\xe9\nplain\n"));
}

void tst_RunSubcommand::sameOutputAsParallel_data()
{
    QTest::addColumn<QStringList>("arguments"); // after `qmp run` / `parallel`
    QTest::addColumn<QByteArray>("input");
    // The arguments are UTF-8 literals, as a user types them.
    auto row = [](const char *name, std::initializer_list<const char *> utf8Arguments, const QByteArray &input = {}) {
        QStringList arguments;
        for (const char *argument : utf8Arguments)
            arguments << QString::fromUtf8(argument);
        QTest::newRow(name) << arguments << input;
    };
    row("appended", {"-k", "echo", ":::", "a", "b", "c"});
    row("quoted arguments", {"-k", "echo", "{}", ":::", "a b", "it's", "", "x;y", "$HOME", "*", "é 日本"});
    row("path replacements", {"-k", "echo {} {.} {/} {//} {/.}", ":::", "a.b/c.d.e", ".bashrc", "foo.", "/x/y/", "a/b/", "x", "/"});
    row("two sources", {"-k", "echo", ":::", "a", "b", ":::", "1", "2", "3"});
    row("positional", {"-k", "echo {2}-{1} {-1}", ":::", "a", "b", ":::", "1", "2"});
    row("positional transforms", {"-k", "echo {1/.} {2//}", ":::", "x/y.z", ":::", "/p/q/r"});
    row("{} with two sources", {"-k", "echo", "{}", "x{}y", ":::", "a", "b", ":::", "1", "2 3"});
    row("seq and slot", {"-k", "-j1", "echo {#} {%} {}", ":::", "a", "b", "c"});
    row("argument file", {"-k", "echo [{}] {.}", "::::", "list.txt"});
    row("file and arguments", {"-k", "echo", "{1/}", "{2}", "::::", "list.txt", ":::", "p", "q"});
    row("stdin", {"-k", "echo", "got", "{}"}, "x\ny z\n\nlast");
    row("shell pipe", {"-k", "echo {} | tr a-z A-Z", ":::", "abc", "d e"});
    row("shell builtin", {"-k", "test {} -gt 1 && echo big || echo small", ":::", "1", "2", "3"});
    row("awk braces", {"-k", "echo {} | awk '{print $2}'", ":::", "a b", "c d"});
    row("no command", {"-k", ":::", "echo hi", "echo there; echo again"});
    row("exit statuses", {"-k", "echo {}; exit {}", ":::", "0", "1", "2", "0"});
    row("stdout then stderr", {"-k", "-j1", "echo out{}; echo err{} >&2", ":::", "1", "2"});
    row("options-looking args", {"-k", "echo", ":::", "-n", "--", "-e"});
    row("dry run", {"-k", "--dry-run", "echo {} {.}", ":::", "a b.c", "it's", "", "$x"});
    row("dry run appended", {"--dry-run", "gzip -9", ":::", "f 1", "g"});
    row("keep order with sleeps", {"-k", "-j3", "sleep 0.{}; echo {}", ":::", "3", "1", "2"});
}

void tst_RunSubcommand::sameOutputAsParallel()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    const Run expected = parallel(arguments, input);
    const Run actual = qmp(QStringList{QStringLiteral("run")} + arguments, input);
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.err, expected.err);
    QCOMPARE(actual.code, expected.code);
}

// Bytes that are not UTF-8 (Latin-1 text and file names) pass through byte for byte, as in
// parallel: arguments, :::: files and their names, stdin, what the commands print, --dry-run.
void tst_RunSubcommand::bytesLikeParallel_data()
{
    QTest::addColumn<QList<QByteArray>>("arguments"); // after `qmp run` / `parallel`
    QTest::addColumn<QByteArray>("input");
    auto row = [](const char *name, const QList<QByteArray> &arguments, const QByteArray &input = {}) {
        QTest::newRow(name) << arguments << input;
    };
    row("stdin", {"-k", "echo"}, "a\xff" "b\ncaf\xe9\n\xe9t\xe9");
    row("arguments", {"-k", "echo", "{}", "{.}", "{/}", ":::", "a\xff.b", "\xe9t\xe9", "d\xe9/x\xfe.y"});
    row("argument file", {"-k", "echo", "[{}]", "::::", "latin1.txt"});
    row("file name as argument", {"-k", "cat", ":::", "f\xe9.txt"});
    row("file name of ::::", {"-k", "echo", "::::", "l\xe9.list"});
    row("through the shell", {"-k", "printf '%s\\n' {} | od -An -tx1", ":::", "\xff\xfe", "\xe9"});
    row("output", {"-k", "printf '\\377%s\\n'", ":::", "x", "\xe9"});
    row("dry run", {"-k", "--dry-run", "echo", "{}", ":::", "a\xff" "b", "c d\xe9"});
    row("no command", {"-k", ":::", "echo \xe9", "printf 'x\\351\\n'"});
}

void tst_RunSubcommand::bytesLikeParallel()
{
    QFETCH(QList<QByteArray>, arguments);
    QFETCH(QByteArray, input);
    const Run expected = runBytes(m_parallel, QList<QByteArray>{"--will-cite"} + arguments, input);
    const Run actual = runBytes(QStringLiteral(QMP_CLI_PATH), QList<QByteArray>{"run"} + arguments, input);
    QVERIFY(!expected.out.isEmpty());
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.err, expected.err);
    QCOMPARE(actual.code, expected.code);
}

// The joblog's Command column keeps the bytes (as parallel writes it), and --resume reads it.
void tst_RunSubcommand::joblogKeepsBytes()
{
    const QByteArray dir = QFile::encodeName(m_dir.path());
    QList<QByteArray> commands;
    for (const QByteArray &program : {QByteArray("parallel"), QByteArray("qmp")}) {
        const QByteArray log = dir + "/bytes-" + program + ".joblog";
        const QList<QByteArray> arguments{"--joblog", log, "echo", ":::", "\xe9t\xe9", "a\xff" "b"};
        const Run r = program == "qmp" ? runBytes(QStringLiteral(QMP_CLI_PATH), QList<QByteArray>{"run", "-j1"} + arguments)
                                       : runBytes(m_parallel, QList<QByteArray>{"--will-cite", "-j1"} + arguments);
        QCOMPARE(r.code, 0);
        QFile file(QFile::decodeName(log));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 4); // header, two jobs, the empty tail
        QByteArray columns;
        for (const QByteArray &line : lines.mid(1, 2))
            columns += line.mid(line.lastIndexOf('\t') + 1) + '|';
        commands.append(columns);
        if (program == "qmp") {
            const Run resumed = runBytes(QStringLiteral(QMP_CLI_PATH), QList<QByteArray>{"run", "-j1", "--resume"} + arguments);
            QCOMPARE(resumed.code, 0);
            QCOMPARE(resumed.out, QByteArray());
        }
    }
    QCOMPARE(commands.at(1), commands.at(0));
    QVERIFY(commands.at(1).contains("\xe9t\xe9"));
}

// -j N, 0 (as many as possible), +N / -N (the CPUs plus / minus N), N% (that share of the CPUs):
// every job prints its slot {%} while all of them overlap, so the highest slot is how many ran at once.
void tst_RunSubcommand::jobsMeanWhatParallelMeans_data()
{
    QTest::addColumn<QString>("jobs");
    for (const char *jobs : {"3", "+1", "-1", "-8", "50%", "200%", "0"})
        QTest::newRow(jobs) << QString::fromLatin1(jobs);
}

void tst_RunSubcommand::jobsMeanWhatParallelMeans()
{
    QFETCH(QString, jobs);
    const QStringList arguments{QStringLiteral("-j"), jobs, QStringLiteral("sleep 0.6; echo {%}"), QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")};
    const auto highest = [](const QByteArray &out) {
        int most = 0;
        for (const QByteArray &line : out.split('\n'))
            most = std::max(most, line.toInt());
        return most;
    };
    const Run expected = parallel(arguments);
    const Run actual = qmp(QStringList{QStringLiteral("run"), QStringLiteral("--no-history")} + arguments);
    QCOMPARE(actual.code, expected.code);
    if (expected.code != 0) { // fewer CPUs than taken away: no job can run
        QVERIFY2(actual.err.contains("option -j"), actual.err.constData());
        return;
    }
    QVERIFY(highest(expected.out) >= 1);
    QCOMPARE(highest(actual.out), highest(expected.out));
}

void tst_RunSubcommand::haltLikeParallel_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("now,fail=1") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("now,fail=1"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("4")};
    QTest::newRow("soon,fail=1") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("soon,fail=1"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5")};
    QTest::newRow("soon,fail=2") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("soon,fail=2"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("0"), QStringLiteral("4"), QStringLiteral("5")};
    QTest::newRow("now,success=1") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("now,success=1"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("2"), QStringLiteral("0"), QStringLiteral("4")};
    QTest::newRow("soon,fail=50%") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("soon,fail=50%"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("0"), QStringLiteral("4"), QStringLiteral("5")};
    QTest::newRow("now,done=2") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("now,done=2"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("4")};
    QTest::newRow("signal, fail=1") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("now,fail=1"), QStringLiteral("echo {}; kill -{} $$"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("9"), QStringLiteral("0")};
    QTest::newRow("legacy 2") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("2"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("6"), QStringLiteral("0")};
    QTest::newRow("never") << QStringList{QStringLiteral("-j1"), QStringLiteral("--halt"), QStringLiteral("never"), QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("6"), QStringLiteral("0")};
}

void tst_RunSubcommand::haltLikeParallel()
{
    QFETCH(QStringList, arguments);
    const Run expected = parallel(arguments);
    const Run actual = qmp(QStringList{QStringLiteral("run")} + arguments);
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.code, expected.code);
}

void tst_RunSubcommand::qmpJoblogResumedByParallel()
{
    const QString log = m_dir.filePath(QStringLiteral("qmp.joblog"));
    const Run first = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0")});
    QCOMPARE(first.out, QByteArray("0\n1\n0\n"));
    QCOMPARE(first.code, 1);
    // parallel skips the three jobs qmp ran, runs the new two and appends them.
    const Run resumed = parallel({QStringLiteral("-k"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0")});
    QCOMPARE(resumed.err, QByteArray());
    QCOMPARE(resumed.out, QByteArray("0\n0\n"));
    QCOMPARE(resumed.code, 0);
    QString error;
    const auto entries = qmp::JobLog::read(log, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 5);
    QList<qint64> seqs;
    for (const auto &e : *entries)
        seqs.append(e.seq);
    std::sort(seqs.begin(), seqs.begin() + 3); // qmp's lines are in finishing order
    QCOMPARE(seqs, (QList<qint64>{1, 2, 3, 4, 5}));
    // And parallel's --resume-failed reads qmp's exit values: it reruns job 2 only (of 1-5).
    const Run failed = parallel({QStringLiteral("-k"), QStringLiteral("--resume-failed"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0")});
    QCOMPARE(failed.out, QByteArray("1\n"));
}

void tst_RunSubcommand::parallelJoblogResumedByQmp()
{
    const QString log = m_dir.filePath(QStringLiteral("parallel.joblog"));
    const Run first = parallel({QStringLiteral("-k"), QStringLiteral("--joblog"), log, QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QCOMPARE(first.out, QByteArray("a\nb\nc\n"));
    const Run resumed = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")});
    QCOMPARE(resumed.err, QByteArray());
    QCOMPARE(resumed.out, QByteArray("d\ne\n"));
    QCOMPARE(resumed.code, 0);
    QFile file(log);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QCOMPARE(text.count("Seq\tHost"), 1); // appended, no second header
    QString error;
    const auto entries = qmp::JobLog::parse(text, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 5);
    QStringList appended{entries->at(3).command, entries->at(4).command};
    appended.sort(); // in the order they finished
    QCOMPARE(appended, (QStringList{QStringLiteral("echo d"), QStringLiteral("echo e")}));
    // Everything is done now: both skip every job.
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}).out, QByteArray());
    QCOMPARE(parallel({QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}).out, QByteArray());
}

void tst_RunSubcommand::resumeFailedLikeParallel()
{
    const QString seed = m_dir.filePath(QStringLiteral("seed.joblog"));
    const QStringList job{QStringLiteral("-k"), QStringLiteral("echo run {}; test {} -lt 1"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("0")};
    QCOMPARE(parallel(QStringList{QStringLiteral("--joblog"), seed} + job).code, 2);
    for (const QString &name : {QStringLiteral("p.joblog"), QStringLiteral("q.joblog")}) {
        QFile::remove(m_dir.filePath(name));
        QVERIFY(QFile::copy(seed, m_dir.filePath(name)));
    }
    const Run expected = parallel(QStringList{QStringLiteral("--resume-failed"), QStringLiteral("--joblog"), m_dir.filePath(QStringLiteral("p.joblog"))} + job);
    const Run actual = qmp(QStringList{QStringLiteral("run"), QStringLiteral("--resume-failed"), QStringLiteral("--joblog"), m_dir.filePath(QStringLiteral("q.joblog"))} + job);
    QCOMPARE(actual.out, QByteArray("run 1\nrun 2\n"));
    QCOMPARE(actual.out, expected.out);
    QCOMPARE(actual.code, expected.code);
}

// A run killed while writing its joblog leaves a cut-off last line: --resume ignores it (that
// job runs again) and the log stays readable afterwards.
void tst_RunSubcommand::resumeAfterACutLine()
{
    const QString log = m_dir.filePath(QStringLiteral("cut.joblog"));
    QFile file(log);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((qmp::JobLog::header() + QStringLiteral("\n1\t:\t1796029805.888\t     0.115\t0\t2\t0\t0\techo a\n2\t:\t17960"))
                   .toUtf8());
    file.close();
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("b\nc\n"));
    QString error;
    const auto entries = qmp::JobLog::read(log, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 3);
    // parallel reads it too: nothing is left to run.
    QCOMPARE(parallel({QStringLiteral("-k"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}).out, QByteArray());
}

void tst_RunSubcommand::exitStatus_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QStringList many{QStringLiteral("false"), QStringLiteral(":::")};
    for (int i = 0; i < 102; ++i)
        many.append(QString::number(i));
    QTest::newRow("all succeed") << QStringList{QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2")} << 0;
    QTest::newRow("two fail") << QStringList{QStringLiteral("exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("7")} << 2;
    QTest::newRow("killed by a signal") << QStringList{QStringLiteral("kill -9 $$"), QStringLiteral(":::"), QStringLiteral("1")} << 1;
    QTest::newRow("more than 100 fail") << (QStringList{QStringLiteral("-j4")} + many) << 101;
}

void tst_RunSubcommand::exitStatus()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QCOMPARE(qmp(QStringList{QStringLiteral("run")} + arguments).code, code);
}

void tst_RunSubcommand::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "unknown option --frobnicate";
    QTest::newRow("option without value") << QStringList{QStringLiteral("-j")} << QByteArray() << 255 << "option -j needs a value";
    QTest::newRow("bad -j") << QStringList{QStringLiteral("-j"), QStringLiteral("lots"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "option -j";
    QTest::newRow("-j with a fraction") << QStringList{QStringLiteral("-j"), QStringLiteral("1.5"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "option -j";
    QTest::newRow("bad --timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("soon"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "--timeout";
    QTest::newRow("bad --halt") << QStringList{QStringLiteral("--halt"), QStringLiteral("later,fail=1"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "--halt later,fail=1";
    QTest::newRow("bad replacement") << QStringList{QStringLiteral("echo"), QStringLiteral("{3}"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral(":::"), QStringLiteral("b")} << QByteArray() << 255
                                     << "{3} names input source 3";
    QTest::newRow("unreadable file") << QStringList{QStringLiteral("echo"), QStringLiteral("::::"), QStringLiteral("/nonexistent/list")} << QByteArray() << 255
                                     << "cannot open input file /nonexistent/list";
    QTest::newRow("::: without arguments") << QStringList{QStringLiteral("echo"), QStringLiteral(":::")} << QByteArray() << 255 << "::: is followed by no arguments";
    QTest::newRow("resume without joblog") << QStringList{QStringLiteral("--resume"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "need --joblog";
    QTest::newRow("both resumes") << QStringList{QStringLiteral("--resume"), QStringLiteral("--resume-failed"), QStringLiteral("--joblog"), QStringLiteral("x"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray()
                                  << 255 << "exclude each other";
    QTest::newRow("joblog not writable") << QStringList{QStringLiteral("--joblog"), QStringLiteral("/nonexistent/dir/log"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray()
                                         << 255 << "cannot write joblog /nonexistent/dir/log";
    QTest::newRow("resume from a bad joblog") << QStringList{QStringLiteral("--resume"), QStringLiteral("--joblog"), QStringLiteral("list.txt"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray()
                                              << 255 << "line 1 is not a joblog line";
    QTest::newRow("joblog on a full disk") << QStringList{QStringLiteral("--joblog"), QStringLiteral("/dev/full"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255
                                           << "cannot write joblog /dev/full";
    QTest::newRow("--timeout too large") << QStringList{QStringLiteral("--timeout"), QStringLiteral("1e300"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255
                                         << "option --timeout: '1e300'";
    QTest::newRow("--timeout infinite") << QStringList{QStringLiteral("--timeout"), QStringLiteral("inf"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255
                                        << "option --timeout: 'inf'";
    QTest::newRow("-j too large") << QStringList{QStringLiteral("-j"), QStringLiteral("1e300"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255 << "option -j: '1e300'";
    QTest::newRow("--retries too large") << QStringList{QStringLiteral("--retries"), QStringLiteral("1e300"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255
                                         << "option --retries: '1e300'";
    QTest::newRow("--halt count too large") << QStringList{QStringLiteral("--halt"), QStringLiteral("now,fail=1e300"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a")} << QByteArray() << 255
                                            << "--halt now,fail=1e300";
    QTest::newRow("empty stdin") << QStringList{QStringLiteral("echo")} << QByteArray() << 0 << "no input: nothing to run";
}

void tst_RunSubcommand::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = qmp(QStringList{QStringLiteral("run")} + arguments, input);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(r.out, QByteArray());
}

void tst_RunSubcommand::missingProgram()
{
    const QString log = m_dir.filePath(QStringLiteral("missing.joblog"));
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--joblog"), log, QStringLiteral("no-such-program-qmp"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.count("no-such-program-qmp"), 2); // one message per job
    QString error;
    const auto entries = qmp::JobLog::read(log, &error);
    QCOMPARE(entries->size(), 2);
    QCOMPARE(entries->at(0).exitValue, 127); // as a shell reports it
}

// The joblog fills the file-size limit mid-run: the failure is reported, no further job starts,
// and the exit status is 255.
void tst_RunSubcommand::joblogWriteFailureStopsTheRun()
{
    const QString log = m_dir.filePath(QStringLiteral("limited.joblog"));
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails (EFBIG) instead of killing
        const rlimit limit{600, 600};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    QStringList arguments{QStringLiteral("run"), QStringLiteral("-j1"), QStringLiteral("--no-history"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}")};
    arguments << QStringLiteral(":::");
    for (int i = 1; i <= 40; ++i)
        arguments << QString::number(i);
    p.start(QStringLiteral(QMP_CLI_PATH), arguments);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 255);
    QVERIFY2(err.contains("cannot write joblog " + log.toUtf8()), err.constData());
    const int ran = int(p.readAllStandardOutput().count('\n'));
    QVERIFY2(ran < 40, qPrintable(QString::number(ran)));
    QString error;
    const auto entries = qmp::JobLog::read(log, &error);
    QVERIFY2(entries, qPrintable(error));
    QVERIFY(entries->size() >= 1 && entries->size() <= ran);
}

// Another user's joblog (read-only for this one) is an error before anything runs.
void tst_RunSubcommand::readOnlyJoblog()
{
    QMP_OTHER_USER(nobody);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                  | QFileDevice::ReadOther | QFileDevice::ExeOther));
    const QString log = dir.filePath(QStringLiteral("root.joblog"));
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("--joblog"), log, QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}).code, 0);
    for (const bool resume : {false, true}) {
        QProcess p;
        p.setWorkingDirectory(dir.path());
        qmptest::runAs(p, nobody);
        QStringList arguments{QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("--joblog"), log};
        if (resume)
            arguments << QStringLiteral("--resume");
        p.start(QStringLiteral(QMP_CLI_PATH), arguments + QStringList{QStringLiteral("echo"), QStringLiteral("ran"), QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 255);
        QVERIFY(p.readAllStandardError().contains("cannot write joblog"));
        QCOMPARE(p.readAllStandardOutput(), QByteArray());
    }
}

void tst_RunSubcommand::timeoutKillsTheJob()
{
    const QString log = m_dir.filePath(QStringLiteral("timeout.joblog"));
    // 10 minutes: only the timeout ends it (a broken --timeout hangs the test).
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--timeout"), QStringLiteral("0.3"), QStringLiteral("--joblog"), log, QStringLiteral("sleep"), QStringLiteral(":::"), QStringLiteral("600"), QStringLiteral("0")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("timed out"), r.err.constData());
    QString error;
    const auto entries = qmp::JobLog::read(log, &error);
    QCOMPARE(entries->size(), 2);
    for (const auto &e : *entries)
        QCOMPARE(e.exitValue, e.command == QLatin1String("sleep 600") ? -1 : 0); // parallel's -1 for a killed job
}

// {%}: the first -j jobs get slots 1..N, and a slot is reused only once its job has ended.
void tst_RunSubcommand::jobSlots()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("-j3"), QStringLiteral("echo {#} {%}; sleep 0.{#}"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("f")});
    QCOMPARE(r.code, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    QSet<QByteArray> first;
    for (int i = 0; i < 6; ++i) {
        const QList<QByteArray> f = lines.at(i).split(' ');
        QCOMPARE(f.at(0).toInt(), i + 1);
        QVERIFY(f.at(1).toInt() >= 1 && f.at(1).toInt() <= 3);
        if (i < 3)
            first.insert(f.at(1));
    }
    QCOMPARE(first.size(), 3);
}

// qmp run hands the pool up to -j jobs beyond the running ones (so no slot idles between one job
// ending and the next being handed over), yet never more than -j of them run at once, every
// one runs, and -k keeps the input order.
void tst_RunSubcommand::jobsQueuedAheadStillRunAtMostJAtOnce_data()
{
    QTest::addColumn<int>("jobs");
    QTest::newRow("-j1") << 1;
    QTest::newRow("-j2") << 2;
    QTest::newRow("-j3") << 3;
}

void tst_RunSubcommand::jobsQueuedAheadStillRunAtMostJAtOnce()
{
    QFETCH(int, jobs);
    const QString log = m_dir.filePath(QStringLiteral("concurrency-%1.log").arg(jobs));
    QStringList arguments{QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("-k"), QStringLiteral("-j%1").arg(jobs),
                          QStringLiteral("echo + >> %1; sleep 0.1; echo - >> %1; echo {}").arg(log), QStringLiteral(":::")};
    const int count = 3 * jobs + 1;
    QByteArray expected;
    for (int i = 1; i <= count; ++i) {
        arguments.append(QString::number(i));
        expected += QByteArray::number(i) + '\n';
    }
    const Run r = qmp(arguments);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, expected);
    QFile f(log);
    QVERIFY(f.open(QIODevice::ReadOnly));
    int running = 0;
    int most = 0;
    int ended = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line == "+") {
            most = std::max(most, ++running);
        } else if (line == "-") {
            --running;
            ++ended;
        }
    }
    QCOMPARE(ended, count);
    QVERIFY2(most <= jobs, QByteArray::number(most).constData());
}

// What qmp ps shows of a run: -j commands running and the ones handed ahead queued.
void tst_RunSubcommand::jobsAreQueuedAheadOfTheRunningOnes()
{
    const QString go = m_dir.filePath(QStringLiteral("ahead-go"));
    QProcess run;
    qmptest::tieToTest(run);
    run.setProcessEnvironment(environment());
    run.setWorkingDirectory(m_dir.path());
    run.start(QStringLiteral(QMP_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("-j1"), QStringLiteral("sh -c 'while [ ! -e %1 ]; do sleep 0.05; done; echo {}'").arg(go),
               QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
    QVERIFY(run.waitForStarted(10000));
    const auto release = qScopeGuard([&] {
        QFile(go).open(QIODevice::WriteOnly);
        run.waitForFinished(30000);
    });
    const QString pid = QString::number(run.processId());
    QJsonObject pool;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        const QJsonArray programs = QJsonDocument::fromJson(qmp({QStringLiteral("ps"), QStringLiteral("--json"), pid}).out).array();
        pool = programs.at(0).toObject().value(QStringLiteral("pools")).toArray().at(0).toObject();
        return pool.value(QStringLiteral("runningCommands")).toInt() == 1 && pool.value(QStringLiteral("queued")).toInt() == 1;
    }(), 20000);
    QFile(go).open(QIODevice::WriteOnly);
    QVERIFY(run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(run.readAllStandardOutput(), QByteArray("1\n2\n3\n"));
}

// Like parallel, the first job starts with the first line of stdin, not at its end.
void tst_RunSubcommand::stdinIsReadWhileJobsRun()
{
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("-j1"), QStringLiteral("echo got {}")});
    QVERIFY(p.waitForStarted());
    p.write("a\n");
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("got a\n"), 20000); // stdin still open
    p.write("b c\nlast");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(20000));
    out += p.readAllStandardOutput();
    QCOMPARE(out, QByteArray("got a\ngot b c\ngot last\n"));
    QCOMPARE(p.exitCode(), 0);
}

// A closed fd 0 is no input — not whatever file qmp opens next and gets fd 0 for.
void tst_RunSubcommand::closedStdinIsEmptyInput()
{
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setChildProcessModifier([] { ::close(0); });
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("run"), QStringLiteral("echo")});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardError().contains("no input: nothing to run"));
    QCOMPARE(p.readAllStandardOutput(), QByteArray());
}

void tst_RunSubcommand::json()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--json"), QStringLiteral("echo {}; echo e >&2; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("3")});
    QCOMPARE(r.code, 1);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("seq")).toInt(), i + 1);
        QCOMPARE(o.value(QStringLiteral("command")).toString(), QStringLiteral("echo %1; echo e >&2; exit %1").arg(i * 3));
        QCOMPARE(o.value(QStringLiteral("exitCode")).toInt(), i * 3);
        QCOMPARE(o.value(QStringLiteral("signal")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("stdout")).toString(), QStringLiteral("%1\n").arg(i * 3));
        QCOMPARE(o.value(QStringLiteral("stderr")).toString(), QStringLiteral("e\n"));
        QVERIFY(o.value(QStringLiteral("start")).toDouble() > 1.6e9);
        QVERIFY(o.value(QStringLiteral("runtime")).toDouble() >= 0);
    }
    // --dry-run --json: the commands as JSON.
    const Run dry = qmp({QStringLiteral("run"), QStringLiteral("--dry-run"), QStringLiteral("--json"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a b")});
    QCOMPARE(dry.out, QByteArray("{\"command\":\"echo 'a b'\",\"seq\":1}\n"));
}

void tst_RunSubcommand::barIsSilentWhenNotATerminal()
{
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--bar"), QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("a\nb\n"));
    QCOMPARE(r.err, QByteArray());
}

void tst_RunSubcommand::progressBarText_data()
{
    QTest::addColumn<qint64>("done");
    QTest::addColumn<qint64>("failed");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("text");
    QTest::newRow("start") << qint64(0) << qint64(0) << qint64(10) << qint64(0) << 40 << "0% 0/10 [..................] ETA -:--:--";
    QTest::newRow("half") << qint64(5) << qint64(0) << qint64(10) << qint64(10000) << 40 << "50% 5/10 [########.........] ETA 0:00:10";
    QTest::newRow("failed") << qint64(1) << qint64(1) << qint64(4) << qint64(1000) << 38 << "25% 1/4 [#......] 1 failed ETA 0:00:03";
    QTest::newRow("hours") << qint64(1) << qint64(0) << qint64(3) << qint64(3600000) << 19 << "33% 1/3 ETA 2:00:00";
    QTest::newRow("done") << qint64(3) << qint64(0) << qint64(3) << qint64(500) << 30 << "100% 3/3 [#######] ETA 0:00:00";
}

void tst_RunSubcommand::progressBarText()
{
    QFETCH(qint64, done);
    QFETCH(qint64, failed);
    QFETCH(qint64, total);
    QFETCH(qint64, elapsedMs);
    QFETCH(int, width);
    QFETCH(QString, text);
    QCOMPARE(qmp::ProgressBar::render(done, failed, total, elapsedMs, width), text);
    QCOMPARE(text.size(), width);
}

void tst_RunSubcommand::history()
{
    const QString path = m_dir.filePath(QStringLiteral("own-history.sqlite"));
    const Run r = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--history"), path, QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0")});
    QCOMPARE(r.code, 1);
    const Run batches = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")});
    QCOMPARE(batches.code, 0);
    const QJsonArray list = QJsonDocument::fromJson(batches.out).array();
    QCOMPARE(list.size(), 1);
    const QJsonObject batch = list.at(0).toObject();
    QCOMPARE(batch.value(QStringLiteral("title")).toString(), QStringLiteral("echo {}; exit {}"));
    QCOMPARE(batch.value(QStringLiteral("total")).toInt(), 3);
    QCOMPARE(batch.value(QStringLiteral("ok")).toInt(), 2);
    QCOMPARE(batch.value(QStringLiteral("failed")).toInt(), 1);
    QVERIFY(!batch.value(QStringLiteral("finished")).isNull());
    const QString id = QString::number(batch.value(QStringLiteral("id")).toInteger());

    const QJsonArray tasks = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), id, QStringLiteral("--json")}).out).array();
    QCOMPARE(tasks.size(), 3);
    const QJsonArray failed = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), id, QStringLiteral("--failed"), QStringLiteral("--json")}).out).array();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("seq")).toInt(), 2);
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("exitCode")).toInt(), 1);
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("stdoutTail")).toString(), QStringLiteral("1\n"));

    const Run table = qmp({QStringLiteral("history"), QStringLiteral("--history"), path});
    QVERIFY(table.out.contains("echo {}; exit {}"));
    QVERIFY(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), id}).out.contains("echo 1; exit 1"));

    // The batch as a joblog: parallel resumes from it and runs only the new job.
    const Run exported = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--joblog"), id});
    QCOMPARE(exported.code, 0);
    const QString log = m_dir.filePath(QStringLiteral("exported.joblog"));
    QFile file(log);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(exported.out);
    file.close();
    QString error;
    QCOMPARE(qmp::JobLog::read(log, &error)->size(), 3);
    QCOMPARE(parallel({QStringLiteral("-k"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}; exit {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("0")}).out, QByteArray("0\n"));

    // QMP_HISTORY is the default; --no-history records nothing.
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}).code, 0);
    const int before = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--json")}).out).array().size();
    QVERIFY(before >= 1);
    QVERIFY(QFile::exists(m_historyPath));
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}).code, 0);
    QCOMPARE(QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--json")}).out).array().size(), before);
}

// Each job is recorded as it ran — a shell template's line marked as such, an argv template's
// words (spaces and quotes inside one argument) — with the batch's template; a timed-out job as
// timed out with why (the reason and message the studio records for the same end), its stdout
// and stderr apart.
void tst_RunSubcommand::historyKeepsHowEachJobRan()
{
    const QString path = m_dir.filePath(QStringLiteral("how-it-ran.sqlite"));
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--history"), path, QStringLiteral("echo {} | tr a-z A-Z; echo e{#} >&2"), QStringLiteral(":::"), QStringLiteral("x y"), QStringLiteral("it's")}).code, 0);
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--history"), path, QStringLiteral("--timeout"), QStringLiteral("0.3"), QStringLiteral("sleep {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("600")}).code, 1);
    qmp::HistoryStore store(path, qmp::HistoryStore::Mode::ReadOnly);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    const QList<qmp::BatchRecord> batches = store.batches(10);
    QCOMPARE(batches.size(), 2);
    const qmp::BatchRecord &shell = batches.at(1);
    QCOMPARE(shell.commandTemplate, QStringLiteral("echo {} | tr a-z A-Z; echo e{#} >&2"));
    QVERIFY(shell.shell);
    qmp::TaskQuery query;
    query.batchId = shell.id;
    QList<qmp::TaskRecord> tasks = store.tasks(query, 10);
    std::sort(tasks.begin(), tasks.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    QCOMPARE(tasks.size(), 2);
    const QString line = QStringLiteral("echo 'it'\"'\"'s' | tr a-z A-Z; echo e2 >&2");
    QCOMPARE(tasks.at(1).name, line);
    QVERIFY(tasks.at(1).shell);
    QCOMPARE(tasks.at(1).argv, QStringList{line});
    QCOMPARE(tasks.at(1).command()->program, QStringLiteral("/bin/sh"));
    QCOMPARE(tasks.at(1).stdoutTail, QByteArray("IT'S\n"));
    QCOMPARE(tasks.at(1).stderrTail, QByteArray("e2\n"));

    const qmp::BatchRecord &direct = batches.at(0);
    QCOMPARE(direct.commandTemplate, QStringLiteral("sleep {}"));
    QVERIFY(!direct.shell);
    query.batchId = direct.id;
    tasks = store.tasks(query, 10);
    std::sort(tasks.begin(), tasks.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    QCOMPARE(tasks.size(), 2);
    QVERIFY(!tasks.at(0).shell);
    QCOMPARE(tasks.at(0).argv, (QStringList{QStringLiteral("sleep"), QStringLiteral("0")}));
    QCOMPARE(tasks.at(0).state, qmp::TaskRecord::State::Finished);
    const qmp::TaskRecord &late = tasks.at(1);
    QCOMPARE(late.state, qmp::TaskRecord::State::TimedOut);
    QCOMPARE(late.reason, int(qmp::PoolEvent::Reason::TimedOut));
    QCOMPARE(late.reasonArgs, (QCborArray{300}));
    QVERIFY2(late.message.contains(QLatin1String("timed out after 300 ms")), qPrintable(late.message));
    QVERIFY(late.signal() > 0);
}

// --halt now kills the running jobs: the joblog leaves them out as parallel does (so --resume runs
// them again), the history records them as cancelled.
void tst_RunSubcommand::haltNowRecordsWhatItKilled()
{
    const QString path = m_dir.filePath(QStringLiteral("halt-history.sqlite"));
    const QString ours = m_dir.filePath(QStringLiteral("halt-qmp.joblog"));
    const QString theirs = m_dir.filePath(QStringLiteral("halt-parallel.joblog"));
    const QStringList jobs{QStringLiteral("-j3"), QStringLiteral("--halt"), QStringLiteral("now,fail=1"), QStringLiteral("sh -c {}"), QStringLiteral(":::"), QStringLiteral("sleep 0.3; exit 1"), QStringLiteral("sleep 30"), QStringLiteral("sleep 31")};
    const Run expected = parallel(QStringList{QStringLiteral("--joblog"), theirs} + jobs);
    const Run actual = qmp(QStringList{QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("--joblog"), ours} + jobs);
    QCOMPARE(actual.code, expected.code);
    QString error;
    QCOMPARE(qmp::JobLog::read(ours, &error)->size(), qmp::JobLog::read(theirs, &error)->size());
    const QJsonObject batch = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")}).out).array().at(0).toObject();
    QCOMPARE(batch.value(QStringLiteral("failed")).toInt(), 1);
    QCOMPARE(batch.value(QStringLiteral("cancelled")).toInt(), 2);
    QCOMPARE(batch.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    const QString id = QString::number(batch.value(QStringLiteral("id")).toInteger());
    const QJsonArray tasks = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), id, QStringLiteral("--json")}).out).array();
    QCOMPARE(tasks.size(), 3);
    int killed = 0;
    for (const QJsonValue &task : tasks) {
        const QJsonObject t = task.toObject();
        if (t.value(QStringLiteral("state")).toString() != QLatin1String("cancelled"))
            continue;
        ++killed;
        QCOMPARE(t.value(QStringLiteral("message")).toString(), QStringLiteral("killed by --halt now"));
        QVERIFY(t.value(QStringLiteral("runtime")).toDouble() > 0);
    }
    QCOMPARE(killed, 2);
}

// While qmp run works: qmp ps lists it, qmp history --batch says how far it is, and afterwards
// qmp log shows what each job wrote.
void tst_RunSubcommand::aRunInProgressIsSeenByPsHistoryAndLog()
{
    const QString path = m_dir.filePath(QStringLiteral("progress-history.sqlite"));
    const QString go = m_dir.filePath(QStringLiteral("progress-go"));
    QProcess run;
    qmptest::tieToTest(run);
    run.setProcessEnvironment(environment());
    run.setWorkingDirectory(m_dir.path());
    run.start(QStringLiteral(QMP_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("-j2"), QStringLiteral("--history"), path, QStringLiteral("sh -c 'echo job {}; while [ ! -e %1 ]; do sleep 0.05; done'").arg(go),
               QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
    QVERIFY(run.waitForStarted(10000));
    // Whatever happens below, the jobs get their file and end (none outlives a failed test).
    const auto release = qScopeGuard([&] {
        QFile(go).open(QIODevice::WriteOnly);
        run.waitForFinished(30000);
    });
    const QString pid = QString::number(run.processId());
    // qmp ps sees it (it serves a monitor socket like any QMP program).
    QJsonArray programs;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        programs = QJsonDocument::fromJson(qmp({QStringLiteral("ps"), QStringLiteral("--json"), pid}).out).array();
        return programs.size() == 1
            && programs.at(0).toObject().value(QStringLiteral("pools")).toArray().at(0).toObject()
                       .value(QStringLiteral("runningCommands")).toInt() == 2;
    }(), 20000);
    QCOMPARE(programs.at(0).toObject().value(QStringLiteral("pools")).toArray().at(0).toObject()
                 .value(QStringLiteral("name")).toString(), QStringLiteral("qmp run"));
    // qmp history --batch: the run is there, running, with the owner to ask.
    const QJsonObject batch = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")}).out).array().at(0).toObject();
    QCOMPARE(batch.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(batch.value(QStringLiteral("ownerPid")).toInteger(), run.processId());
    const QString id = QString::number(batch.value(QStringLiteral("id")).toInteger());
    const Run inProgress = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), id});
    QCOMPARE(inProgress.code, 0);
    QVERIFY2(inProgress.out.contains(QStringLiteral("is running (pid %1): 0 of its 3 jobs have ended").arg(pid).toUtf8()),
             inProgress.out.constData());
    QFile(go).open(QIODevice::WriteOnly);
    QVERIFY(run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);
    const Run done = qmp({QStringLiteral("log"), QStringLiteral("--history"), path, id});
    QCOMPARE(done.code, 0);
    for (const char *line : {"job 1\n", "job 2\n", "job 3\n", "--- job 2 (finished, exit 0,"})
        QVERIFY2(done.out.contains(line), done.out.constData());
}

// The run's batch is on disk before its first job starts: qmp history never misses a run whose
// jobs are already running (the history writer's 200 ms rounds must not hide it).
void tst_RunSubcommand::aRunIsInTheHistoryBeforeItsFirstJobStarts()
{
    const QString path = m_dir.filePath(QStringLiteral("early-history.sqlite"));
    const QString started = m_dir.filePath(QStringLiteral("early-started"));
    const QString go = m_dir.filePath(QStringLiteral("early-go"));
    QProcess run;
    qmptest::tieToTest(run);
    run.setProcessEnvironment(environment());
    run.start(QStringLiteral(QMP_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("--history"), path,
               QStringLiteral("sh -c 'touch %1; while [ ! -e %2 ]; do sleep 0.05; done'").arg(started, go), QStringLiteral(":::"), QStringLiteral("1")});
    QVERIFY(run.waitForStarted(10000));
    const auto release = qScopeGuard([&] {
        QFile(go).open(QIODevice::WriteOnly);
        run.waitForFinished(30000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), 20000);
    const QJsonArray batches = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")}).out).array();
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batches.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(batches.at(0).toObject().value(QStringLiteral("total")).toInt(), 1);
}

void tst_RunSubcommand::logOfAJob()
{
    const QString path = m_dir.filePath(QStringLiteral("log-history.sqlite"));
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("--history"), path, QStringLiteral("echo out {}; echo err {} >&2"), QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")}).code, 0);
    const QString id = QString::number(QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")}).out)
                                           .array().at(0).toObject().value(QStringLiteral("id")).toInteger());
    const Run one = qmp({QStringLiteral("log"), QStringLiteral("--history"), path, id + QStringLiteral(":2")});
    QCOMPARE(one.code, 0);
    QCOMPARE(one.out, QByteArray("out b\n")); // as the job wrote it: stdout here, stderr there
    QCOMPARE(one.err, QByteArray("err b\n"));
    QCOMPARE(qmp({QStringLiteral("log"), QStringLiteral("--history"), path, id + QStringLiteral(":9")}).code, 1);
    QCOMPARE(qmp({QStringLiteral("log"), QStringLiteral("--history"), path, QStringLiteral("999999")}).code, 1);
    QCOMPARE(qmp({QStringLiteral("log"), QStringLiteral("--history"), path, QStringLiteral("x:y")}).code, 2);
    const QJsonArray json = QJsonDocument::fromJson(qmp({QStringLiteral("log"), QStringLiteral("--history"), path, QStringLiteral("--json"), id}).out).array();
    QCOMPARE(json.size(), 2);
    QCOMPARE(json.at(0).toObject().value(QStringLiteral("stderr")).toString(), QStringLiteral("err a\n"));
}

// A job cancelled while it waited (the studio's Cancel, a pool terminated) never ran: qmp history
// and qmp log show no exit value and no run time for it (not "exit 0, 0.000 s"), JSON has null
// there, the batch table counts it as cancelled, and an exported joblog leaves it out (parallel
// writes a line only for a job that ran, so --resume runs it).
void tst_RunSubcommand::aJobThatNeverStartedHasNoExitNorRunTime()
{
    const QString path = m_dir.filePath(QStringLiteral("never-started.sqlite"));
    qint64 id = 0;
    {
        qmp::HistoryStore store(path);
        QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
        id = store.newBatchId();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qmp::BatchRecord batch{id, QStringLiteral("pool"), QStringLiteral("sleep {}"), now - 5000, now, 2, 1, 0};
        batch.startedMs = now - 5000;
        batch.cancelled = 1;
        store.record(batch);
        qmp::TaskRecord ran;
        ran.batchId = id;
        ran.seq = 1;
        ran.kind = qmp::TaskRecord::Kind::Command;
        ran.name = QStringLiteral("sleep 1");
        ran.startMs = now - 5000;
        ran.endMs = now - 4000;
        ran.durationNs = 1'000'000'000;
        store.record(ran);
        qmp::TaskRecord waited = ran;
        waited.seq = 2;
        waited.name = QStringLiteral("sleep 2");
        waited.state = qmp::TaskRecord::State::Cancelled;
        waited.startMs = 0;
        waited.endMs = now;
        waited.durationNs = 0;
        waited.queuedMs = now - 5000;
        store.record(waited);
        QVERIFY(store.flush());
    }
    const QString batchId = QString::number(id);

    const Run table = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), batchId});
    QCOMPARE(table.code, 0);
    const QList<QByteArray> rows = table.out.split('\n');
    QVERIFY2(rows.size() >= 3, table.out.constData());
    QCOMPARE(rows.at(2).simplified(), QByteArray("2 cancelled - - - sleep 2"));

    const QJsonArray tasks = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--batch"), batchId, QStringLiteral("--json")}).out).array();
    QCOMPARE(tasks.size(), 2);
    QCOMPARE(tasks.at(0).toObject().value(QStringLiteral("exitCode")).toInt(-1), 0);
    for (const char *field : {"exitCode", "signal", "start", "runtime"})
        QVERIFY2(tasks.at(1).toObject().value(QLatin1String(field)).isNull(), field);

    const Run batches = qmp({QStringLiteral("history"), QStringLiteral("--history"), path});
    QVERIFY2(batches.out.split('\n').at(0).contains("CANCELLED"), batches.out.constData());
    QVERIFY2(batches.out.split('\n').at(1).simplified().contains(" 2 1 0 1 sleep {}"), batches.out.constData());

    const Run log = qmp({QStringLiteral("log"), QStringLiteral("--history"), path, batchId});
    QCOMPARE(log.code, 0);
    QVERIFY2(log.out.contains("--- job 2 (cancelled, never started): sleep 2"), log.out.constData());
    const QJsonArray logJson = QJsonDocument::fromJson(qmp({QStringLiteral("log"), QStringLiteral("--history"), path, QStringLiteral("--json"), batchId}).out).array();
    QVERIFY(logJson.at(1).toObject().value(QStringLiteral("exitCode")).isNull());

    const Run joblog = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--joblog"), batchId});
    QCOMPARE(joblog.code, 0);
    QCOMPARE(joblog.out.count('\n'), 2); // the header and job 1
    QVERIFY(!joblog.out.contains("sleep 2"));
}

// qmp speaks the user's language: LANG / LC_ALL zh_CN gives Chinese, C gives English.
void tst_RunSubcommand::followsTheLocale()
{
    QProcess p;
    qmptest::tieToTest(p);
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
    env.remove(QStringLiteral("LANGUAGE"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("ps"), QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    const QString chinese = QString::fromUtf8(p.readAllStandardOutput());
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    QVERIFY2(cjk.match(chinese).hasMatch(), qPrintable(chinese));
    const QString english = QString::fromUtf8(qmp({QStringLiteral("ps"), QStringLiteral("--help")}).out); // LC_ALL=C.UTF-8
    QVERIFY2(english.startsWith(QLatin1String("usage: qmp ps")), qPrintable(english));
    QVERIFY(!cjk.match(english).hasMatch());
}

void tst_RunSubcommand::historyBadUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2 << "frobnicate";
    QTest::newRow("bad batch id") << QStringList{QStringLiteral("--batch"), QStringLiteral("x")} << 2 << "--batch needs a batch id";
    QTest::newRow("bad limit") << QStringList{QStringLiteral("--limit"), QStringLiteral("0")} << 2 << "--limit needs a number";
    QTest::newRow("no such batch") << QStringList{QStringLiteral("--batch"), QStringLiteral("999999")} << 1 << "no batch 999999";
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << 2 << "unexpected argument extra";
}

void tst_RunSubcommand::historyBadUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QFETCH(QString, message);
    QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}).code, 0); // a history exists
    const Run r = qmp(QStringList{QStringLiteral("history")} + arguments);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    for (const char *sub : {"run", "history"}) {
        const Run help = qmp({QString::fromLatin1(sub), QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("usage: qmp"));
    }
}

void tst_RunSubcommand::signalStopsJobsAndResumeContinues_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
}

void tst_RunSubcommand::signalStopsJobsAndResumeContinues()
{
    QFETCH(int, signal);
    const QString log = m_dir.filePath(QStringLiteral("term%1.joblog").arg(signal));
    const QString pids = m_dir.filePath(QStringLiteral("pids%1").arg(signal));
    const QString history = m_dir.filePath(QStringLiteral("term%1-history.sqlite").arg(signal));
    QProcess p;
    qmptest::tieToTest(p);
    p.setProcessEnvironment(environment());
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(QMP_CLI_PATH),
            {QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("-j2"), QStringLiteral("--history"), history, QStringLiteral("--joblog"), log, QStringLiteral("echo $$ >> %1; sleep {}").arg(pids), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("600"), QStringLiteral("600"), QStringLiteral("0")});
    QVERIFY(p.waitForStarted());
    // The first two finish; the two long ones run.
    QString error;
    QTRY_COMPARE_WITH_TIMEOUT(qmp::JobLog::read(log, &error).value_or(QList<qmp::JobLog::Entry>{}).size(), 2, 20000);
    auto pidCount = [&pids] {
        QFile f(pids);
        return f.open(QIODevice::ReadOnly) ? f.readAll().count('\n') : 0;
    };
    QTRY_COMPARE_WITH_TIMEOUT(pidCount(), 4, 20000);
    ::kill(pid_t(p.processId()), signal);
    QVERIFY(p.waitForFinished(-1)); // the 10-minute jobs are killed, not awaited
    QCOMPARE(p.exitCode(), 128 + signal);
    QVERIFY(p.readAllStandardError().contains(QByteArray("signal ") + QByteArray::number(signal)));
    QCOMPARE(p.readAllStandardOutput(), QByteArray());
    // The long jobs' shells (and their sleeps, same process group) are gone.
    QFile f(pids);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> shellPids = f.readAll().trimmed().split('\n');
    for (const QByteArray &pid : shellPids)
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid.toLongLong()), 0) != 0, 10000);
    QCOMPARE(qmp::JobLog::read(log, &error)->size(), 2);
    // The history: the two that finished and the two killed; the fifth, queued in the pool
    // behind them, never started and is not there (as if it had not been handed over).
    const QJsonObject batch = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), history, QStringLiteral("--json")}).out).array().at(0).toObject();
    QCOMPARE(batch.value(QStringLiteral("cancelled")).toInt(), 2);
    const QString id = QString::number(batch.value(QStringLiteral("id")).toInteger());
    const QJsonArray tasks = QJsonDocument::fromJson(qmp({QStringLiteral("history"), QStringLiteral("--history"), history, QStringLiteral("--batch"), id, QStringLiteral("--json")}).out).array();
    QCOMPARE(tasks.size(), 4);
    // --resume runs the three that did not finish.
    const Run resumed = qmp({QStringLiteral("run"), QStringLiteral("-k"), QStringLiteral("-j2"), QStringLiteral("--resume"), QStringLiteral("--joblog"), log, QStringLiteral("echo {}"), QStringLiteral(":::"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("60"), QStringLiteral("60"), QStringLiteral("0")});
    QCOMPARE(resumed.out, QByteArray("60\n60\n0\n"));
    QCOMPARE(resumed.code, 0);
    QCOMPARE(qmp::JobLog::read(log, &error)->size(), 5);
}

QMP_GUILESS_TEST_MAIN(tst_RunSubcommand)
#include "tst_runsubcommand.moc"
