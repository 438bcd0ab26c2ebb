#include "workerdeath.h"

#include "errors.h"
#include "processinfo.h"

#include <algorithm>

namespace qmp {

namespace {

WorkerDeath::Cause causeOf(const WorkerDeath::Facts &facts)
{
    if (facts.cancelled)
        return WorkerDeath::Cause::Cancelled;
    if (facts.poolTerminated)
        return WorkerDeath::Cause::PoolTerminated;
    if (facts.timedOut)
        return WorkerDeath::Cause::TimedOut;
    if (!facts.killedBecause.isEmpty())
        return WorkerDeath::Cause::Terminated;
    return WorkerDeath::Cause::Died;
}

// A worker that died (or that the engine killed) in the middle of the job: which call was lost.
std::exception_ptr lostWorkerError(const WorkerDeath::Facts &facts, const QString &how)
{
    if (facts.calls == 1) {
        return std::make_exception_ptr(WorkerLostError(
            QStringLiteral("worker pid %1 %2 while running task '%3' (#%4): the call had begun, and may have run "
                           "in part or in full")
                .arg(facts.workerPid)
                .arg(how, facts.task)
                .arg(facts.taskId)));
    }
    const qsizetype at = std::clamp<qsizetype>(qsizetype(facts.began), 1, facts.calls); // the call that was running
    return std::make_exception_ptr(WorkerLostError(
        QStringLiteral("worker pid %1 %2 while running a chunk of %3 calls of task '%4' (#%5, items %6-%7): it was in "
                       "item %8 (call %9 of the chunk), which may have run in part or in full; the calls before it "
                       "had finished, but their results were lost with the worker, and the calls after it never began")
            .arg(facts.workerPid)
            .arg(how)
            .arg(facts.calls)
            .arg(facts.task)
            .arg(facts.taskId)
            .arg(facts.firstIndex)
            .arg(facts.firstIndex + facts.calls - 1)
            .arg(facts.firstIndex + at - 1)
            .arg(at)));
}

} // namespace

WorkerDeath WorkerDeath::classify(const Facts &facts)
{
    WorkerDeath death;
    death.cause = causeOf(facts);
    const QString how = facts.killedBecause.isEmpty() ? describeExit(facts.exitCode) : facts.killedBecause;
    death.eventMessage = death.cause == Cause::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("worker %1").arg(how);
    switch (death.cause) {
    case Cause::Cancelled:
        death.reason = PoolEvent::Reason::Cancelled;
        death.error = std::make_exception_ptr(CancelledError(
            QStringLiteral("task '%1' (#%2) was cancelled; its worker (pid %3) was killed")
                .arg(facts.task)
                .arg(facts.taskId)
                .arg(facts.workerPid)));
        break;
    case Cause::PoolTerminated:
        death.reason = PoolEvent::Reason::PoolTerminated;
        death.error = std::make_exception_ptr(
            ProcessError(QStringLiteral("the pool was terminated while task '%1' ran").arg(facts.task)));
        break;
    case Cause::TimedOut:
        death.reason = PoolEvent::Reason::TimedOut;
        death.reasonArgs = {facts.timeoutMs};
        death.error = std::make_exception_ptr(TimeoutError(
            QStringLiteral("task '%1' (#%2) ran past its timeout of %3 ms; its worker (pid %4) was killed")
                .arg(facts.task)
                .arg(facts.taskId)
                .arg(facts.timeoutMs)
                .arg(facts.workerPid)));
        break;
    case Cause::Terminated:
        death.reason = PoolEvent::Reason::WorkerTerminated;
        death.error = lostWorkerError(facts, how);
        break;
    case Cause::Died:
        death.reason = PoolEvent::Reason::WorkerDied;
        death.reasonArgs = {facts.exitCode};
        death.error = lostWorkerError(facts, how);
        break;
    }
    return death;
}

} // namespace qmp
