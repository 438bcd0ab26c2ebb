#pragma once
// RunOptions: the command line of `qmp run`, parsed. GNU parallel's spelling where it has one:
//   qmp run [options] [command template...] [::: args... | :::: files...]...
// Options come first; the first word that is not an option starts the template, which runs up
// to the first ::: or ::::. Each ::: or :::: starts an input source (:::: takes file names, one
// source per file, "-" for stdin); without any, the input is stdin, one argument per line.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

// --halt when,why=N (or N%): stop starting jobs (soon) or kill the running ones too (now) once
// N jobs (or N percent of all jobs) failed / succeeded / are done.
struct HaltPolicy
{
    enum class When { Never, Soon, Now };
    enum class Why { Fail, Success, Done };
    When when = When::Never;
    Why why = Why::Fail;
    double threshold = 1; // a count, or a percentage when percent
    bool percent = false;

    // True when the policy says stop, after these counts out of total jobs.
    bool reached(qint64 failed, qint64 succeeded, qint64 total) const;
};

struct InputSpec
{
    enum class Kind { Arguments, File };
    Kind kind = Kind::Arguments;
    QStringList values; // the arguments, or the one file name ("-": stdin)
};

struct RunOptions
{
    Q_DECLARE_TR_FUNCTIONS(RunOptions)
public:
    // The largest values the options take; more is a usage error, not an overflow.
    static constexpr double kMaxJobs = 100000;
    static constexpr double kMaxTimeoutSeconds = 1e9; // about 31 years
    static constexpr double kMaxRetries = 1000000;
    static constexpr double kMaxCount = 1e15;         // a --halt count

    // -j: jobs at once; 0: not given (the number of CPUs); kAsManyAsPossible: -j 0.
    static constexpr int kAsManyAsPossible = -1;
    int jobs = 0;
    double timeoutSeconds = 0;    // 0: none
    int retries = 0;
    QString joblog;
    bool resume = false;
    bool resumeFailed = false;
    HaltPolicy halt;
    bool keepOrder = false;
    bool bar = false;             // --bar given
    bool json = false;
    bool dryRun = false;
    bool help = false;
    QString history;              // --history FILE
    bool noHistory = false;
    // --slurm: the jobs run as steps (srun) of one Slurm allocation of -j CPUs (salloc), on the
    // cluster's nodes; --partition, --time and --slurm-arg shape the allocation, --slurm-step-arg
    // each step.
    bool slurm = false;
    QString slurmPartition;
    QString slurmTime;
    QStringList slurmArguments;
    QStringList slurmStepArguments;
    // --slurm-address / --slurm-port: where the workers connect back to (SlurmWorkers::address,
    // ::port); empty / 0: this machine's host name, any free port.
    QString slurmAddress;
    quint16 slurmPort = 0;
    QString commandTemplate;      // the template words joined by spaces, as parallel does
    QList<InputSpec> inputs;      // empty: stdin

    // Parses arguments (after `qmp run`); nullopt with *error saying what is wrong.
    static std::optional<RunOptions> parse(const QStringList &arguments, QString *error);
    static std::optional<HaltPolicy> parseHalt(const QString &text, QString *error);
    // -j's value as GNU parallel reads it, for a machine with cpus CPUs: jobs at once (>= 1), or
    // kAsManyAsPossible for 0; nullopt with *error for anything else.
    static std::optional<int> parseJobs(const QString &text, int cpus, QString *error);
    static QString usage();
};

} // namespace qmp
