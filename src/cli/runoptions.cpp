#include "runoptions.h"

#include "runtime.h"

#include <QRegularExpression>

#include <cmath>

namespace qmp {

bool HaltPolicy::reached(qint64 failed, qint64 succeeded, qint64 total) const
{
    if (when == When::Never)
        return false;
    const qint64 count = why == Why::Fail ? failed : why == Why::Success ? succeeded : failed + succeeded;
    if (percent)
        return total > 0 && double(count) * 100.0 / double(total) >= threshold;
    return double(count) >= threshold;
}

std::optional<HaltPolicy> RunOptions::parseHalt(const QString &text, QString *error)
{
    HaltPolicy p;
    bool isNumber = false;
    const int legacy = text.toInt(&isNumber);
    if (isNumber) {
        switch (legacy) {
        case 0: return p;
        case 1: p.when = HaltPolicy::When::Soon; return p;
        case 2: p.when = HaltPolicy::When::Now; return p;
        case -1: p.when = HaltPolicy::When::Soon; p.why = HaltPolicy::Why::Success; return p;
        case -2: p.when = HaltPolicy::When::Now; p.why = HaltPolicy::Why::Success; return p;
        default: break;
        }
    }
    const QString when = text.section(QLatin1Char(','), 0, 0);
    const QString why = text.section(QLatin1Char(','), 1);
    const QString kind = why.section(QLatin1Char('='), 0, 0);
    QString value = why.section(QLatin1Char('='), 1);
    auto bad = [&] {
        *error = tr("--halt %1: expected never, or now|soon,fail|success|done=N or N% (e.g. now,fail=1)").arg(text);
        return std::nullopt;
    };
    if (text == QLatin1String("never"))
        return p;
    if (when == QLatin1String("now"))
        p.when = HaltPolicy::When::Now;
    else if (when == QLatin1String("soon"))
        p.when = HaltPolicy::When::Soon;
    else
        return bad();
    if (kind == QLatin1String("fail"))
        p.why = HaltPolicy::Why::Fail;
    else if (kind == QLatin1String("success"))
        p.why = HaltPolicy::Why::Success;
    else if (kind == QLatin1String("done"))
        p.why = HaltPolicy::Why::Done;
    else
        return bad();
    if (value.endsWith(QLatin1Char('%'))) {
        p.percent = true;
        value.chop(1);
    }
    bool ok = false;
    p.threshold = value.toDouble(&ok);
    if (!ok || !(p.threshold > 0) || (p.percent && p.threshold > 100)
        || (!p.percent && (p.threshold != std::floor(p.threshold) || p.threshold > RunOptions::kMaxCount)))
        return bad();
    return p;
}

std::optional<int> RunOptions::parseJobs(const QString &text, int cpus, QString *error)
{
    // GNU parallel's meanings: N jobs; 0 as many as possible; +N / -N the CPUs plus / minus N
    // (at least 1); N% that share of the CPUs (at least 1).
    QString value = text.trimmed();
    const bool percent = value.endsWith(QLatin1Char('%'));
    if (percent)
        value.chop(1);
    const bool plus = value.startsWith(QLatin1Char('+'));
    const bool minus = value.startsWith(QLatin1Char('-'));
    bool ok = false;
    const double number = (plus || minus ? value.mid(1) : value).toDouble(&ok);
    if (!ok || !std::isfinite(number) || number < 0 || (!percent && number != std::floor(number))) {
        *error = tr("option -j: '%1' is not a number of jobs: use N, 0 (as many as possible), +N or -N (the CPUs "
                    "plus or minus N) or N% (that share of the CPUs)").arg(text);
        return std::nullopt;
    }
    double jobs = number;
    if (percent)
        jobs = (minus ? -1 : 1) * double(cpus) * number / 100.0 + (plus || minus ? cpus : 0);
    else if (plus)
        jobs = cpus + number;
    else if (minus)
        jobs = cpus - number;
    else if (number == 0)
        return kAsManyAsPossible;
    if (jobs > kMaxJobs) {
        *error = tr("option -j: '%1' asks for more than %2 jobs at once").arg(text).arg(kMaxJobs);
        return std::nullopt;
    }
    if (std::floor(jobs) < 1) { // as parallel: "Cannot run any jobs"
        *error = tr("option -j: '%1' leaves no job to run on %n CPU(s)", nullptr, cpus).arg(text);
        return std::nullopt;
    }
    return int(std::floor(jobs));
}

std::optional<RunOptions> RunOptions::parse(const QStringList &arguments, QString *error)
{
    RunOptions o;
    qsizetype i = 0;
    // The value of an option: --opt=V, -jV, or the next argument.
    auto valueOf = [&](const QString &arg, const QString &name, QString *value) -> bool {
        if (arg.startsWith(name + QLatin1Char('='))) {
            *value = arg.mid(name.size() + 1);
            return true;
        }
        if (name.size() == 2 && arg.size() > 2 && arg.startsWith(name)) {
            *value = arg.mid(2);
            return true;
        }
        if (arg != name)
            return false;
        if (i + 1 >= arguments.size()) {
            *error = tr("option %1 needs a value").arg(name);
            *value = QString();
            return true;
        }
        *value = arguments.at(++i);
        return true;
    };
    auto number = [&](const QString &name, const QString &value, double minimum, double maximum, double *out) {
        bool ok = false;
        *out = value.toDouble(&ok);
        if (!ok || !(*out >= minimum && *out <= maximum)) {
            *error = tr("option %1: '%2' is not a number from %3 to %4").arg(name, value).arg(minimum).arg(maximum);
            return false;
        }
        return true;
    };
    auto isSeparator = [](const QString &a) { return a == QLatin1String(":::") || a == QLatin1String("::::"); };

    for (; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (isSeparator(arg) || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            break;
        if (arg == QLatin1String("--")) {
            ++i;
            break;
        }
        QString value;
        double d = 0;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            o.help = true;
        } else if (arg == QLatin1String("-k") || arg == QLatin1String("--keep-order")) {
            o.keepOrder = true;
        } else if (arg == QLatin1String("--bar")) {
            o.bar = true;
        } else if (arg == QLatin1String("--json")) {
            o.json = true;
        } else if (arg == QLatin1String("--dry-run") || arg == QLatin1String("--dryrun")) {
            o.dryRun = true;
        } else if (arg == QLatin1String("--resume")) {
            o.resume = true;
        } else if (arg == QLatin1String("--resume-failed")) {
            o.resumeFailed = true;
        } else if (arg == QLatin1String("--no-history")) {
            o.noHistory = true;
        } else if (arg == QLatin1String("--slurm")) {
            o.slurm = true;
        } else if (valueOf(arg, QStringLiteral("--partition"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.slurmPartition = value;
        } else if (valueOf(arg, QStringLiteral("--time"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.slurmTime = value;
        } else if (valueOf(arg, QStringLiteral("--slurm-arg"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.slurmArguments.append(value);
        } else if (valueOf(arg, QStringLiteral("--slurm-step-arg"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.slurmStepArguments.append(value);
        } else if (valueOf(arg, QStringLiteral("--slurm-address"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            // A host name or an IP address (v6 without brackets); not a socket path or name.
            static const QRegularExpression host(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.:_-]*$"));
            if (!host.match(value).hasMatch()) {
                *error = tr("option --slurm-address: '%1' is not a host name or an IP address").arg(value);
                return std::nullopt;
            }
            o.slurmAddress = value;
        } else if (valueOf(arg, QStringLiteral("--slurm-port"), &value)) {
            double port = 0;
            if (!error->isEmpty() || !number(QStringLiteral("--slurm-port"), value, 1, 65535, &port))
                return std::nullopt;
            if (port != std::floor(port)) {
                *error = tr("option %1: '%2' is not a whole number").arg(QStringLiteral("--slurm-port"), value);
                return std::nullopt;
            }
            o.slurmPort = quint16(port);
        } else if (valueOf(arg, QStringLiteral("-j"), &value) || valueOf(arg, QStringLiteral("--jobs"), &value)
                   || valueOf(arg, QStringLiteral("-P"), &value) || valueOf(arg, QStringLiteral("--max-procs"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            const std::optional<int> jobs = parseJobs(value, processCpuCount(), error);
            if (!jobs)
                return std::nullopt;
            o.jobs = *jobs;
        } else if (valueOf(arg, QStringLiteral("--timeout"), &value)) {
            if (!error->isEmpty() || !number(QStringLiteral("--timeout"), value, 0, kMaxTimeoutSeconds, &d))
                return std::nullopt;
            o.timeoutSeconds = d;
        } else if (valueOf(arg, QStringLiteral("--retries"), &value)) {
            if (!error->isEmpty() || !number(QStringLiteral("--retries"), value, 0, kMaxRetries, &d))
                return std::nullopt;
            if (d != std::floor(d)) {
                *error = tr("option --retries: '%1' is not a whole number").arg(value);
                return std::nullopt;
            }
            o.retries = int(d);
        } else if (valueOf(arg, QStringLiteral("--joblog"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.joblog = value;
        } else if (valueOf(arg, QStringLiteral("--history"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            o.history = value;
        } else if (valueOf(arg, QStringLiteral("--halt"), &value) || valueOf(arg, QStringLiteral("--halt-on-error"), &value)) {
            if (!error->isEmpty())
                return std::nullopt;
            const auto halt = parseHalt(value, error);
            if (!halt)
                return std::nullopt;
            o.halt = *halt;
        } else {
            *error = tr("unknown option %1 (see qmp run --help)").arg(arg);
            return std::nullopt;
        }
    }
    QStringList words;
    for (; i < arguments.size() && !isSeparator(arguments.at(i)); ++i)
        words.append(arguments.at(i));
    o.commandTemplate = words.join(QLatin1Char(' '));
    while (i < arguments.size()) {
        const bool files = arguments.at(i) == QLatin1String("::::");
        const QString separator = arguments.at(i);
        QStringList values;
        for (++i; i < arguments.size() && !isSeparator(arguments.at(i)); ++i)
            values.append(arguments.at(i));
        if (values.isEmpty()) {
            *error = tr("%1 is followed by no %2").arg(separator, files ? tr("file names") : tr("arguments"));
            return std::nullopt;
        }
        if (files) {
            for (const QString &file : values)
                o.inputs.append(InputSpec{InputSpec::Kind::File, {file}});
        } else {
            o.inputs.append(InputSpec{InputSpec::Kind::Arguments, values});
        }
    }
    if (o.resume && o.resumeFailed) {
        *error = tr("--resume and --resume-failed exclude each other");
        return std::nullopt;
    }
    if (!o.slurm && (!o.slurmPartition.isEmpty() || !o.slurmTime.isEmpty() || !o.slurmArguments.isEmpty()
                     || !o.slurmStepArguments.isEmpty() || !o.slurmAddress.isEmpty() || o.slurmPort != 0)) {
        *error = tr("--partition, --time, --slurm-arg, --slurm-step-arg, --slurm-address and --slurm-port need --slurm");
        return std::nullopt;
    }
    if (o.slurm && o.jobs == kAsManyAsPossible) {
        *error = tr("--slurm needs a number of jobs at once (-j N): it is the number of CPUs to allocate");
        return std::nullopt;
    }
    if ((o.resume || o.resumeFailed) && o.joblog.isEmpty()) {
        *error = tr("--resume and --resume-failed need --joblog FILE");
        return std::nullopt;
    }
    return o;
}

QString RunOptions::usage()
{
    return tr("usage: qmp run [options] 'command {}' [::: args... | :::: files...]...\n"
              "Runs the command once per input (GNU parallel's syntax); input sources combine as every\n"
              "combination, {1} {2} name one source; without ::: or :::: the input is stdin, one per line.\n"
              "\n"
              "options:\n"
              "  -j, --jobs N          run N jobs at once (default: the number of CPUs); 0: as many as\n"
              "                        possible; +N / -N: the CPUs plus / minus N; N%: that share of the CPUs\n"
              "  -k, --keep-order      print the output of jobs in input order\n"
              "  --timeout S           kill a job (its whole process tree) after S seconds\n"
              "  --retries K           run a failing job up to K more times\n"
              "  --joblog FILE         write GNU parallel's joblog\n"
              "  --resume              skip the jobs the joblog lists\n"
              "  --resume-failed       skip the jobs the joblog lists as succeeded, run the rest\n"
              "  --halt WHEN,WHY=N     now|soon, fail|success|done=N or N% (e.g. now,fail=1)\n"
              "  --bar                 progress bar with ETA on stderr (default when only stderr is a terminal)\n"
              "  --json                one JSON object per finished job on stdout\n"
              "  --dry-run             print the commands, run nothing\n"
              "  --history FILE        record the run in this history (default: $QMP_HISTORY or the user's)\n"
              "  --no-history          record nothing\n"
              "  --slurm               run the jobs on a Slurm cluster: one allocation of -j CPUs (salloc),\n"
              "                        one worker step per CPU (srun) runs the jobs; the rest works as it does here\n"
              "  --partition P         the Slurm partition (default: the cluster's default)\n"
              "  --time T              the allocation's time limit, in Slurm's format (e.g. 30, 2:00:00)\n"
              "  --slurm-arg ARG       pass ARG to salloc (repeatable, e.g. --slurm-arg=--account=lab)\n"
              "  --slurm-step-arg ARG  pass ARG to each worker's srun (repeatable, e.g. --slurm-step-arg=--mem-per-cpu=2G)\n"
              "  --slurm-address HOST  the host name or address the workers connect back to (default: this\n"
              "                        machine's host name, listening on every interface)\n"
              "  --slurm-port N        the TCP port the workers connect back to (default: any free one)\n"
              "  -h, --help            this help\n"
              "\n"
              "replacement strings: {} {.} {/} {//} {/.} {#} {%} and {N} {N.} {N/} {N//} {N/.}\n"
              "exit status: 0 all jobs succeeded; 1-100 that many failed; 101 more than 100 failed;\n"
              "  with --halt ...,fail the failing job's exit status; 255 bad usage or input;\n"
              "  128+N when stopped by signal N.\n");
}

} // namespace qmp
