#include "slurmstep.h"

#include <QRegularExpression>

namespace qmp {

Command SlurmStep::wrap(const Command &command, qint64 jobId, const QStringList &extraArguments)
{
    Command step = command;
    step.program = QStringLiteral("srun");
    // --exclusive: a CPU of its own (steps never share one); --verbose: srun says which step ran
    // on which node (interpret() takes all of srun's lines out of the job's stderr);
    // --kill-on-bad-exit: a failing task ends its step at once.
    step.arguments = {QStringLiteral("--jobid=%1").arg(jobId), QStringLiteral("--exclusive"),
                      QStringLiteral("--ntasks=1"), QStringLiteral("--nodes=1"), QStringLiteral("--verbose"),
                      QStringLiteral("--kill-on-bad-exit=1")};
    step.arguments += extraArguments;
    step.arguments += QStringLiteral("--");
    step.arguments += command.program;
    step.arguments += command.arguments;
    return step;
}

void SlurmStep::runInAllocation(Command &command, CommandOptions &options, qint64 jobId, const QStringList &extraArguments)
{
    command = wrap(command, jobId, extraArguments);
    options.killGrace = killGrace;
    options.interpret = [](CommandResult &result) { interpret(result); };
}

QString SlurmStep::stateName(State state)
{
    switch (state) {
    case State::Completed: return QStringLiteral("COMPLETED");
    case State::Failed: return QStringLiteral("FAILED");
    case State::Signalled: return QStringLiteral("FAILED");
    case State::Cancelled: return QStringLiteral("CANCELLED");
    case State::TimedOut: return QStringLiteral("TIMEOUT");
    case State::NodeFailed: return QStringLiteral("NODE_FAIL");
    case State::NotLaunched: return QStringLiteral("NOT_LAUNCHED");
    }
    return {};
}

QString SlurmStep::nodeOf(const QString &verdict)
{
    static const QRegularExpression node(
        QStringLiteral("Slurm: [A-Z_]+.*(?:\\((?:step|job) \\S+ on (\\S+)\\)|the node (\\S+) failed)"));
    const QRegularExpressionMatch m = node.match(verdict);
    return m.hasMatch() ? (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1)) : QString();
}

SlurmStep::State SlurmStep::interpret(CommandResult &result)
{
    // srun's own lines start with "srun: "; slurmstepd's with "slurmstepd: " or
    // "slurmstepd-<node>: ". Everything else is the task's.
    static const QRegularExpression slurmLine(QStringLiteral("^(srun|slurmstepd(-\\S+)?): (.*)$"));
    static const QRegularExpression cancelled(
        QStringLiteral("\\*\\*\\* (STEP|JOB) (\\S+) ON (\\S+) CANCELLED AT \\S+( DUE TO ([A-Z ]+?))? \\*\\*\\*"));
    static const QRegularExpression task(QStringLiteral("^error: (\\S+): tasks? [0-9,-]+: (.*)$"));
    static const QRegularExpression noStep(QStringLiteral("^error: Unable to create step for job (\\S+): (.*)$"));
    // The allocation is gone (ended, cancelled, its node failed): srun says so before any step.
    static const QRegularExpression noAllocation(
        QStringLiteral("^error: (Slurm job \\S+ has expired|Unable to confirm allocation for job \\S+: .*)$"));
    static const QRegularExpression nodeFailure(QStringLiteral("^error: Node failure on (\\S+)"));

    static const QRegularExpression launching(QStringLiteral("^launching StepId=(\\S+) on host ([^,\\s]+)"));

    QByteArray kept;
    QString cancelledWhy;   // "" (scancel), TIME LIMIT, NODE FAILURE, PREEMPTION, ...
    QString cancelledWhat;  // "step 12.3 on node7"
    bool wasCancelled = false;
    QString taskEnd;        // "Exited with exit code 3", "Terminated", "Killed", ...
    QString notLaunched;
    QString failedNode;
    QStringList otherErrors;
    const QList<QByteArray> lines = result.standardError.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const QRegularExpressionMatch m = slurmLine.match(QString::fromUtf8(line));
        if (!m.hasMatch()) {
            kept += line;
            if (i + 1 < lines.size())
                kept += '\n';
            continue;
        }
        const QString text = m.captured(3);
        if (const auto l = launching.match(text); l.hasMatch()) {
            result.host = l.captured(2);
        } else if (const auto c = cancelled.match(text); c.hasMatch()) {
            wasCancelled = true;
            cancelledWhat = QStringLiteral("%1 %2 on %3").arg(c.captured(1).toLower(), c.captured(2), c.captured(3));
            cancelledWhy = c.captured(5);
        } else if (const auto t = task.match(text); t.hasMatch()) {
            taskEnd = t.captured(2);
        } else if (const auto n = noStep.match(text); n.hasMatch()) {
            notLaunched = n.captured(2);
        } else if (const auto a = noAllocation.match(text); a.hasMatch()) {
            notLaunched = a.captured(1);
        } else if (const auto f = nodeFailure.match(text); f.hasMatch()) {
            failedNode = f.captured(1);
        } else if (text.startsWith(QLatin1String("error: "))) {
            otherErrors += text.mid(7);
        }
    }
    result.standardError = kept;
    // What we ended ourselves (a timeout, a cancel) keeps its own reason.
    const QString ownReason = result.timedOut ? QStringLiteral("timed out") : result.error;

    const int srunExit = result.exitCode;
    if (!result.started)
        return State::NotLaunched; // srun itself could not run; error says why
    if (!notLaunched.isEmpty()) {
        result.error = QStringLiteral("Slurm could not start the step: %1").arg(notLaunched);
        return State::NotLaunched;
    }
    State state = State::Completed;
    if (!failedNode.isEmpty() || cancelledWhy == QLatin1String("NODE FAILURE")) {
        state = State::NodeFailed;
        result.error = QStringLiteral("Slurm: %1: the node %2 failed")
                           .arg(stateName(state), failedNode.isEmpty() ? cancelledWhat : failedNode);
    } else if (wasCancelled && cancelledWhy == QLatin1String("TIME LIMIT")) {
        state = State::TimedOut;
        result.error = QStringLiteral("Slurm: %1: the time limit was reached (%2)").arg(stateName(state), cancelledWhat);
    } else if (wasCancelled) {
        state = State::Cancelled;
        result.error = cancelledWhy.isEmpty()
                           ? QStringLiteral("Slurm: %1 (%2)").arg(stateName(state), cancelledWhat)
                           : QStringLiteral("Slurm: %1 due to %2 (%3)").arg(stateName(state), cancelledWhy.toLower(), cancelledWhat);
    }
    // A step Slurm ended itself is never a success, even when srun exits 0 (as Slurm 22.05's
    // does after "Node failure on ..."): 255, ssh's status for a remote that was lost.
    if (state != State::Completed && srunExit == 0)
        result.exitCode = 255;
    if (srunExit > 128 && !taskEnd.isEmpty() && !taskEnd.startsWith(QLatin1String("Exited with exit code"))) {
        result.exitCode = -(srunExit - 128); // srun reports a task's signal N as 128 + N
        if (state == State::Completed)
            state = State::Signalled;
    } else if (srunExit != 0 && state == State::Completed) {
        state = State::Failed;
        if (taskEnd.isEmpty() && !otherErrors.isEmpty())
            result.error = QStringLiteral("srun: %1").arg(otherErrors.join(QStringLiteral("; ")));
    }
    if (!ownReason.isEmpty() && state != State::NotLaunched) {
        result.error = result.timedOut ? QString() : ownReason;
        if (state != State::NodeFailed)
            state = State::Cancelled;
    }
    return state;
}

} // namespace qmp
