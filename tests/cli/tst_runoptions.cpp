// RunOptions — the command line of `qmp run`, parsed without running anything: every option in
// each of its spellings, where the template ends and the input sources begin, -j / --halt as GNU
// parallel reads them, and the error text of each bad value. tst_runsubcommand runs the binary.

#include "runoptions.h"
#include "runtime.h"
#include "surrogateescape.h"

#include <QRegularExpression>
#include <QTest>

using qmp::HaltPolicy;
using qmp::InputSpec;
using qmp::RunOptions;

namespace {

QString haltText(const HaltPolicy &halt)
{
    if (halt.when == HaltPolicy::When::Never)
        return QStringLiteral("never");
    const QString when = halt.when == HaltPolicy::When::Now ? QStringLiteral("now") : QStringLiteral("soon");
    const QString why = halt.why == HaltPolicy::Why::Fail      ? QStringLiteral("fail")
                        : halt.why == HaltPolicy::Why::Success ? QStringLiteral("success")
                                                               : QStringLiteral("done");
    return QStringLiteral("%1,%2=%3%4").arg(when, why).arg(halt.threshold).arg(halt.percent ? QStringLiteral("%") : QString());
}

// The input sources as text: "A:a b" for ::: a b, "F:name" for :::: name; "|" between sources.
QString inputsText(const QList<InputSpec> &inputs)
{
    QStringList parts;
    for (const InputSpec &spec : inputs)
        parts.append((spec.kind == InputSpec::Kind::File ? QStringLiteral("F:") : QStringLiteral("A:"))
                     + spec.values.join(QLatin1Char(' ')));
    return parts.join(QLatin1Char('|'));
}

// One field of the options, by name, for data rows.
QVariant fieldOf(const RunOptions &o, const QString &field)
{
    static const QHash<QString, std::function<QVariant(const RunOptions &)>> fields{
        {QStringLiteral("jobs"), [](const RunOptions &o) { return QVariant(o.jobs); }},
        {QStringLiteral("timeout"), [](const RunOptions &o) { return QVariant(o.timeoutSeconds); }},
        {QStringLiteral("retries"), [](const RunOptions &o) { return QVariant(o.retries); }},
        {QStringLiteral("joblog"), [](const RunOptions &o) { return QVariant(o.joblog); }},
        {QStringLiteral("resume"), [](const RunOptions &o) { return QVariant(o.resume); }},
        {QStringLiteral("resumeFailed"), [](const RunOptions &o) { return QVariant(o.resumeFailed); }},
        {QStringLiteral("halt"), [](const RunOptions &o) { return QVariant(haltText(o.halt)); }},
        {QStringLiteral("keepOrder"), [](const RunOptions &o) { return QVariant(o.keepOrder); }},
        {QStringLiteral("bar"), [](const RunOptions &o) { return QVariant(o.bar); }},
        {QStringLiteral("json"), [](const RunOptions &o) { return QVariant(o.json); }},
        {QStringLiteral("dryRun"), [](const RunOptions &o) { return QVariant(o.dryRun); }},
        {QStringLiteral("help"), [](const RunOptions &o) { return QVariant(o.help); }},
        {QStringLiteral("history"), [](const RunOptions &o) { return QVariant(o.history); }},
        {QStringLiteral("noHistory"), [](const RunOptions &o) { return QVariant(o.noHistory); }},
        {QStringLiteral("slurmAddress"), [](const RunOptions &o) { return QVariant(o.slurmAddress); }},
        {QStringLiteral("slurmPort"), [](const RunOptions &o) { return QVariant(int(o.slurmPort)); }},
        {QStringLiteral("template"), [](const RunOptions &o) { return QVariant(o.commandTemplate); }},
        {QStringLiteral("inputs"), [](const RunOptions &o) { return QVariant(inputsText(o.inputs)); }},
    };
    return fields.value(field)(o);
}

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class tst_RunOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void options_data();
    void options();
    void templateAndInputs_data();
    void templateAndInputs();
    void nonUtf8ArgumentsStayAsTheyAre();
    void badValues_data();
    void badValues();
    void parseJobs_data();
    void parseJobs();
    void parseHalt_data();
    void parseHalt();
    void haltReached_data();
    void haltReached();
    void usageNamesOnlyOptionsThatExist();
};

void tst_RunOptions::defaults()
{
    QString error;
    const auto o = RunOptions::parse({QStringLiteral("echo")}, &error);
    QVERIFY2(o, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(o->jobs, 0); // the number of CPUs, decided later
    QCOMPARE(o->timeoutSeconds, 0.0);
    QCOMPARE(o->retries, 0);
    QCOMPARE(haltText(o->halt), QStringLiteral("never"));
    QVERIFY(!o->keepOrder && !o->bar && !o->json && !o->dryRun && !o->help && !o->resume && !o->resumeFailed
            && !o->noHistory);
    QVERIFY(o->joblog.isEmpty() && o->history.isEmpty());
    QCOMPARE(o->commandTemplate, QStringLiteral("echo"));
    QVERIFY(o->inputs.isEmpty()); // stdin
}

void tst_RunOptions::options_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("expected");
    const auto row = [](const char *args, const char *field, const QVariant &expected) {
        QTest::newRow(args) << words(args) << QString::fromLatin1(field) << expected;
    };
    row("-j 4 echo", "jobs", 4);
    row("-j4 echo", "jobs", 4);
    row("-j=4 echo", "jobs", 4);
    row("--jobs 5 echo", "jobs", 5);
    row("--jobs=5 echo", "jobs", 5);
    row("-P 3 echo", "jobs", 3);
    row("-P3 echo", "jobs", 3);
    row("--max-procs 2 echo", "jobs", 2);
    row("--max-procs=2 echo", "jobs", 2);
    row("-j 0 echo", "jobs", RunOptions::kAsManyAsPossible);
    row("-j 2 -j 7 echo", "jobs", 7); // the last one counts
    row("--timeout 2.5 echo", "timeout", 2.5);
    row("--timeout=0 echo", "timeout", 0.0);
    row("--timeout 1e9 echo", "timeout", 1e9);
    row("--retries 3 echo", "retries", 3);
    row("--retries=0 echo", "retries", 0);
    row("--retries 1000000 echo", "retries", 1000000);
    row("--joblog log.tsv echo", "joblog", QStringLiteral("log.tsv"));
    row("--joblog=log.tsv echo", "joblog", QStringLiteral("log.tsv"));
    row("--joblog j --resume echo", "resume", true);
    row("--joblog j --resume-failed echo", "resumeFailed", true);
    row("--halt now,fail=1 echo", "halt", QStringLiteral("now,fail=1"));
    row("--halt=soon,success=50% echo", "halt", QStringLiteral("soon,success=50%"));
    row("--halt-on-error 2 echo", "halt", QStringLiteral("now,fail=1"));
    row("--halt-on-error=1 echo", "halt", QStringLiteral("soon,fail=1"));
    row("-k echo", "keepOrder", true);
    row("--keep-order echo", "keepOrder", true);
    row("--bar echo", "bar", true);
    row("--json echo", "json", true);
    row("--dry-run echo", "dryRun", true);
    row("--dryrun echo", "dryRun", true);
    row("-h", "help", true);
    row("--help", "help", true);
    row("--history h.db echo", "history", QStringLiteral("h.db"));
    row("--history=h.db echo", "history", QStringLiteral("h.db"));
    row("--no-history echo", "noHistory", true);
    row("--slurm --slurm-address 10.1.2.3 echo", "slurmAddress", QStringLiteral("10.1.2.3"));
    row("--slurm --slurm-address=login1.cluster echo", "slurmAddress", QStringLiteral("login1.cluster"));
    row("--slurm --slurm-address fe80::1 echo", "slurmAddress", QStringLiteral("fe80::1"));
    row("--slurm --slurm-port 5555 echo", "slurmPort", 5555);
    row("--slurm --slurm-port=65535 echo", "slurmPort", 65535);
}

void tst_RunOptions::options()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, field);
    QFETCH(QVariant, expected);
    QString error;
    const auto o = RunOptions::parse(arguments, &error);
    QVERIFY2(o, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(fieldOf(*o, field), expected);
}

void tst_RunOptions::templateAndInputs_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("commandTemplate");
    QTest::addColumn<QString>("inputs");
    const auto row = [](const char *args, const char *tmpl, const char *inputs) {
        QTest::newRow(args) << words(args) << QString::fromUtf8(tmpl) << QString::fromUtf8(inputs);
    };
    row("echo {}", "echo {}", "");                              // stdin
    row("echo {} ::: a b", "echo {}", "A:a b");
    row("echo {1} {2} ::: a b ::: 1 2 3", "echo {1} {2}", "A:a b|A:1 2 3");
    row("gzip :::: list", "gzip", "F:list");
    row("gzip :::: l1 l2", "gzip", "F:l1|F:l2");               // one source per file
    row("cat :::: -", "cat", "F:-");                             // stdin as a named source
    row("echo ::: a :::: f ::: b", "echo", "A:a|F:f|A:b");      // in the order given
    row("::: a b", "", "A:a b");                                 // no template: the argument is the command
    row("-j 2 sh -c 'x y' ::: a", "sh -c 'x y'", "A:a");         // words joined by spaces
    row("echo -j 3 --bar ::: a", "echo -j 3 --bar", "A:a");      // options end at the template
    row("-- -x {} ::: a", "-x {}", "A:a");                       // -- ends the options
    row("- ::: a", "-", "A:a");                                  // "-" is no option
    row("-k ::: a", "", "A:a");
    row("echo ::: -j --bar", "echo", "A:-j --bar");              // inputs are never options
    row("echo ::: a ::: :", "echo", "A:a|A::");
}

void tst_RunOptions::templateAndInputs()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, commandTemplate);
    QFETCH(QString, inputs);
    QString error;
    const auto o = RunOptions::parse(arguments, &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->commandTemplate, commandTemplate);
    QCOMPARE(inputsText(o->inputs), inputs);
}

// Arguments arrive surrogate-escaped (a Latin-1 file name is not UTF-8): parsing keeps them as
// they are, so they turn back into the same bytes.
void tst_RunOptions::nonUtf8ArgumentsStayAsTheyAre()
{
    const QString latin1Name = qmp::SurrogateEscape::decode(QByteArray("f\xe9.list"));
    const QString latin1Arg = qmp::SurrogateEscape::decode(QByteArray("caf\xe9"));
    const QString latin1Log = qmp::SurrogateEscape::decode(QByteArray("j\xf6.log"));
    QString error;
    const auto o = RunOptions::parse({QStringLiteral("--joblog"), latin1Log, QStringLiteral("echo"), latin1Arg,
                                      QStringLiteral("::::"), latin1Name, QStringLiteral(":::"), latin1Arg},
                                     &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(qmp::SurrogateEscape::encode(o->joblog), QByteArray("j\xf6.log"));
    QCOMPARE(qmp::SurrogateEscape::encode(o->commandTemplate), QByteArray("echo caf\xe9"));
    QCOMPARE(o->inputs.size(), 2);
    QCOMPARE(qmp::SurrogateEscape::encode(o->inputs.at(0).values.value(0)), QByteArray("f\xe9.list"));
    QCOMPARE(qmp::SurrogateEscape::encode(o->inputs.at(1).values.value(0)), QByteArray("caf\xe9"));
}

void tst_RunOptions::badValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *args, const QString &error) { QTest::newRow(args) << words(args) << error; };
    const QString notJobs = QStringLiteral(
        "option -j: '%1' is not a number of jobs: use N, 0 (as many as possible), +N or -N (the CPUs plus or "
        "minus N) or N% (that share of the CPUs)");
    const QString badHalt = QStringLiteral(
        "--halt %1: expected never, or now|soon,fail|success|done=N or N% (e.g. now,fail=1)");
    row("-j", QStringLiteral("option -j needs a value"));
    row("--jobs", QStringLiteral("option --jobs needs a value"));
    row("-P", QStringLiteral("option -P needs a value"));
    row("--max-procs", QStringLiteral("option --max-procs needs a value"));
    row("-j abc echo", notJobs.arg(QStringLiteral("abc")));
    row("--jobs=1.5 echo", notJobs.arg(QStringLiteral("1.5")));
    row("-j 200000 echo", QStringLiteral("option -j: '200000' asks for more than 100000 jobs at once"));
    row("--timeout", QStringLiteral("option --timeout needs a value"));
    row("--timeout abc echo", QStringLiteral("option --timeout: 'abc' is not a number from 0 to 1e+09"));
    row("--timeout -1 echo", QStringLiteral("option --timeout: '-1' is not a number from 0 to 1e+09"));
    row("--timeout 2e9 echo", QStringLiteral("option --timeout: '2e9' is not a number from 0 to 1e+09"));
    row("--timeout nan echo", QStringLiteral("option --timeout: 'nan' is not a number from 0 to 1e+09"));
    row("--retries", QStringLiteral("option --retries needs a value"));
    row("--retries -1 echo", QStringLiteral("option --retries: '-1' is not a number from 0 to 1e+06"));
    row("--retries 2000000 echo", QStringLiteral("option --retries: '2000000' is not a number from 0 to 1e+06"));
    row("--retries 1.5 echo", QStringLiteral("option --retries: '1.5' is not a whole number"));
    row("--joblog", QStringLiteral("option --joblog needs a value"));
    row("--history", QStringLiteral("option --history needs a value"));
    row("--halt", QStringLiteral("option --halt needs a value"));
    row("--halt-on-error", QStringLiteral("option --halt-on-error needs a value"));
    row("--halt bogus echo", badHalt.arg(QStringLiteral("bogus")));
    row("--halt now,fail=0 echo", badHalt.arg(QStringLiteral("now,fail=0")));
    row("--bogus echo", QStringLiteral("unknown option --bogus (see qmp run --help)"));
    row("-x echo", QStringLiteral("unknown option -x (see qmp run --help)"));
    row("--jobsx 3 echo", QStringLiteral("unknown option --jobsx (see qmp run --help)"));
    row("echo :::", QStringLiteral("::: is followed by no arguments"));
    row("echo ::: a :::", QStringLiteral("::: is followed by no arguments"));
    row("echo ::::", QStringLiteral(":::: is followed by no file names"));
    row("echo :::: ::: a", QStringLiteral(":::: is followed by no file names"));
    row("--resume echo", QStringLiteral("--resume and --resume-failed need --joblog FILE"));
    row("--resume-failed echo", QStringLiteral("--resume and --resume-failed need --joblog FILE"));
    row("--joblog j --resume --resume-failed echo", QStringLiteral("--resume and --resume-failed exclude each other"));
    const QString needSlurm = QStringLiteral(
        "--partition, --time, --slurm-arg, --slurm-step-arg, --slurm-address and --slurm-port need --slurm");
    row("--slurm-address 10.1.2.3 echo", needSlurm);
    row("--slurm-port 5555 echo", needSlurm);
    row("--partition debug echo", needSlurm);
    row("--slurm --slurm-address", QStringLiteral("option --slurm-address needs a value"));
    row("--slurm --slurm-address=/tmp/sock echo",
        QStringLiteral("option --slurm-address: '/tmp/sock' is not a host name or an IP address"));
    row("--slurm --slurm-address=@name echo",
        QStringLiteral("option --slurm-address: '@name' is not a host name or an IP address"));
    row("--slurm --slurm-address=[::1] echo",
        QStringLiteral("option --slurm-address: '[::1]' is not a host name or an IP address"));
    row("--slurm --slurm-port", QStringLiteral("option --slurm-port needs a value"));
    row("--slurm --slurm-port 0 echo", QStringLiteral("option --slurm-port: '0' is not a number from 1 to 65535"));
    row("--slurm --slurm-port 65536 echo", QStringLiteral("option --slurm-port: '65536' is not a number from 1 to 65535"));
    row("--slurm --slurm-port http echo", QStringLiteral("option --slurm-port: 'http' is not a number from 1 to 65535"));
    row("--slurm --slurm-port 80.5 echo", QStringLiteral("option --slurm-port: '80.5' is not a whole number"));
}

void tst_RunOptions::badValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QString got;
    const auto o = RunOptions::parse(arguments, &got);
    QVERIFY(!o);
    QCOMPARE(got, error);
}

void tst_RunOptions::parseJobs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("cpus");
    QTest::addColumn<int>("expected"); // 0: an error
    QTest::addColumn<QString>("error");
    const QString noJob = QStringLiteral("option -j: '%1' leaves no job to run on %2 CPU(s)");
    QTest::newRow("N") << "4" << 8 << 4 << QString();
    QTest::newRow("N, more than the CPUs") << "64" << 2 << 64 << QString();
    QTest::newRow("spaces") << " 3 " << 8 << 3 << QString();
    QTest::newRow("0: as many as possible") << "0" << 8 << int(RunOptions::kAsManyAsPossible) << QString();
    QTest::newRow("+N") << "+2" << 8 << 10 << QString();
    QTest::newRow("-N") << "-2" << 8 << 6 << QString();
    QTest::newRow("-N to 1") << "-7" << 8 << 1 << QString();
    QTest::newRow("-N to none") << "-8" << 8 << 0 << noJob.arg(QStringLiteral("-8")).arg(8);
    QTest::newRow("N%") << "50%" << 8 << 4 << QString();
    QTest::newRow("N%, rounded down") << "50%" << 3 << 1 << QString();
    QTest::newRow("N% above 100") << "150%" << 4 << 6 << QString();
    QTest::newRow("+N%") << "+50%" << 4 << 6 << QString();
    QTest::newRow("-N%") << "-50%" << 4 << 2 << QString();
    QTest::newRow("N% to none") << "10%" << 4 << 0 << noJob.arg(QStringLiteral("10%")).arg(4);
    QTest::newRow("the largest") << "100000" << 1 << 100000 << QString();
    QTest::newRow("too many") << "100001" << 1 << 0
                              << QStringLiteral("option -j: '100001' asks for more than 100000 jobs at once");
    QTest::newRow("too many with +") << "+99999" << 2 << 0
                                     << QStringLiteral("option -j: '+99999' asks for more than 100000 jobs at once");
    const QString notJobs = QStringLiteral(
        "option -j: '%1' is not a number of jobs: use N, 0 (as many as possible), +N or -N (the CPUs plus or "
        "minus N) or N% (that share of the CPUs)");
    for (const char *bad : {"", "abc", "1.5", "--2", "2x", "inf", "nan", "%"})
        QTest::addRow("not a number: '%s'", bad) << QString::fromLatin1(bad) << 4 << 0 << notJobs.arg(QLatin1String(bad));
}

void tst_RunOptions::parseJobs()
{
    QFETCH(QString, text);
    QFETCH(int, cpus);
    QFETCH(int, expected);
    QFETCH(QString, error);
    QString got;
    const std::optional<int> jobs = RunOptions::parseJobs(text, cpus, &got);
    QCOMPARE(got, error);
    QCOMPARE(jobs.has_value(), error.isEmpty());
    if (jobs)
        QCOMPARE(*jobs, expected);
}

void tst_RunOptions::parseHalt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // haltText(), or empty for an error
    QTest::newRow("0") << "0" << "never";
    QTest::newRow("1") << "1" << "soon,fail=1";
    QTest::newRow("2") << "2" << "now,fail=1";
    QTest::newRow("-1") << "-1" << "soon,success=1";
    QTest::newRow("-2") << "-2" << "now,success=1";
    QTest::newRow("never") << "never" << "never";
    QTest::newRow("now,fail=1") << "now,fail=1" << "now,fail=1";
    QTest::newRow("soon,fail=3") << "soon,fail=3" << "soon,fail=3";
    QTest::newRow("now,success=50%") << "now,success=50%" << "now,success=50%";
    QTest::newRow("soon,done=10") << "soon,done=10" << "soon,done=10";
    QTest::newRow("now,fail=100%") << "now,fail=100%" << "now,fail=100%";
    QTest::newRow("now,fail=0.5%") << "now,fail=0.5%" << "now,fail=0.5%";
    QTest::newRow("the largest count") << "now,fail=1000000000000000" << "now,fail=1e+15";
    for (const char *bad : {"3", "-3", "", "now", "now,", "now,fail", "now,fail=", "now,fail=0", "now,fail=-1",
                            "now,fail=1.5", "now,fail=101%", "now,fail=0%", "now,fail=x", "later,fail=1",
                            "now,oops=1", "never,fail=1", "now,fail=1e16"})
        QTest::addRow("bad: '%s'", bad) << QString::fromLatin1(bad) << QString();
}

void tst_RunOptions::parseHalt()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    const std::optional<HaltPolicy> halt = RunOptions::parseHalt(text, &error);
    if (expected.isEmpty()) {
        QVERIFY(!halt);
        QCOMPARE(error, QStringLiteral("--halt %1: expected never, or now|soon,fail|success|done=N or N% "
                                       "(e.g. now,fail=1)").arg(text));
    } else {
        QVERIFY2(halt, qPrintable(error));
        QCOMPARE(haltText(*halt), expected);
    }
}

void tst_RunOptions::haltReached_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("succeeded");
    QTest::addColumn<int>("total");
    QTest::addColumn<bool>("reached");
    QTest::newRow("never") << "never" << 100 << 0 << 100 << false;
    QTest::newRow("fail=1, none failed") << "now,fail=1" << 0 << 5 << 10 << false;
    QTest::newRow("fail=1, one failed") << "now,fail=1" << 1 << 0 << 10 << true;
    QTest::newRow("fail=3, two failed") << "soon,fail=3" << 2 << 7 << 10 << false;
    QTest::newRow("success=2, two succeeded") << "soon,success=2" << 5 << 2 << 10 << true;
    QTest::newRow("done=5, 3+1 done") << "now,done=5" << 3 << 1 << 10 << false;
    QTest::newRow("done=5, 3+2 done") << "now,done=5" << 3 << 2 << 10 << true;
    QTest::newRow("fail=50%, 4 of 10") << "now,fail=50%" << 4 << 0 << 10 << false;
    QTest::newRow("fail=50%, 5 of 10") << "now,fail=50%" << 5 << 0 << 10 << true;
    QTest::newRow("fail=50%, no jobs") << "now,fail=50%" << 0 << 0 << 0 << false;
}

void tst_RunOptions::haltReached()
{
    QFETCH(QString, policy);
    QFETCH(int, failed);
    QFETCH(int, succeeded);
    QFETCH(int, total);
    QFETCH(bool, reached);
    QString error;
    const std::optional<HaltPolicy> halt = RunOptions::parseHalt(policy, &error);
    QVERIFY2(halt, qPrintable(error));
    QCOMPARE(halt->reached(failed, succeeded, total), reached);
}

// Every option the help names is one parse() knows.
void tst_RunOptions::usageNamesOnlyOptionsThatExist()
{
    const QString usage = RunOptions::usage();
    // Long options anywhere, short ones where they are listed ("-j, --jobs N").
    const QRegularExpression option(QStringLiteral("(?:^|\\s)(--[a-z][a-z-]*|-[a-zA-Z](?=,))"));
    QStringList named;
    for (auto it = option.globalMatch(usage); it.hasNext();)
        named.append(it.next().captured(1));
    named.removeDuplicates();
    QVERIFY2(named.size() >= 17, qPrintable(named.join(QLatin1Char(' '))));
    for (const QString &name : std::as_const(named)) {
        QString error;
        RunOptions::parse({name, QStringLiteral("1"), QStringLiteral("echo")}, &error);
        QVERIFY2(!error.startsWith(QStringLiteral("unknown option")), qPrintable(name + QStringLiteral(": ") + error));
    }
}

QTEST_GUILESS_MAIN(tst_RunOptions)
#include "tst_runoptions.moc"
