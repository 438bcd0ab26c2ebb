#pragma once
// The everyday commands of the QMP service, pueue's vocabulary, one JobSubcommand per verb:
//   qmp submit [--group G] [--after ID]... [--label L] [--workdir D] -- CMD...
//   qmp submit [options] -- TEMPLATE ::: INPUTS   one job per input, qmp run's template syntax
//   qmp status [--json]               groups and jobs: queued / running / ended, times
//   qmp follow ID                     a job's stdout and stderr, live, until it ends
//   qmp kill ID | --group G           ends a job (queued: it never runs) or a group's jobs
//   qmp wait [ID... | --group G]      until those jobs (default: all) have ended
//   qmp pause | resume [--group G]    the group (default: "default") starts nothing new, and its
//                                     running jobs are stopped (SIGSTOP) / continue
//   qmp parallel N [--group G]        the group runs up to N jobs at once (from the next start)
//   qmp restart ID                    a job that ended, again, as a new job
//   qmp remove ID                     a queued or ended job leaves the status view
//   qmp clean                         every ended job leaves the status view (not the history)
// `qmp log ID` (LogSubcommand) shows a service job's output too. Each command starts the service
// when it is not running (its queue comes back with it).
// Exit status: 0; 1 when the service refuses or fails (follow: the job did not succeed; wait:
// some job did not succeed); 2 for bad usage.

#include "cliapplication.h"

#include <QCborMap>
#include <QCoreApplication>

namespace qmp {

class ServiceClient;
struct ServiceJob;

class JobSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::JobSubcommand)

public:
    enum class Verb { Submit, Status, Follow, Kill, Wait, Pause, Resume, Parallel, Restart, Remove, Clean };
    explicit JobSubcommand(Verb verb) : m_verb(verb) {}

    QString name() const override;
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

    // Prints a status reply as `qmp status` does.
    static void printStatus(const QCborMap &status, QTextStream &out);

private:
    QString usage() const;
    // The service's "problem" (its queue could not be saved), when the answer carries one.
    static void warnOfProblem(const QCborMap &answer, QTextStream &err);
    int follow(ServiceClient &client, qint64 id, QTextStream &err);
    // After a submit: a note on err when the service records in another history than this
    // environment's ($QMP_HISTORY or the default): it keeps the one it started with.
    static void noteOtherHistory(const QCborMap &answer, const QString &prefix, QTextStream &err);
    // A job's program with a space in its name that does not exist: a command line given as one
    // word (jobs run without a shell; qmp run would have run it in /bin/sh -c). Says how to write it.
    static void noteCommandLineInOneWord(const ServiceJob &job, const QString &prefix, QTextStream &err);
    Verb m_verb;
};

} // namespace qmp
