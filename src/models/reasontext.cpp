#include "reasontext.h"

#include "valueformat.h"

#include <cstring>

namespace qmp {

QString ReasonText::exit(int exitCode)
{
    if (exitCode < 0) {
        const char *name = sigabbrev_np(-exitCode);
        return tr("was killed by signal %1 (SIG%2)").arg(-exitCode).arg(QLatin1String(name ? name : "?"));
    }
    return tr("exited with code %1").arg(exitCode);
}

QString ReasonText::describe(PoolEvent::Reason reason, const QCborArray &args, const QString &fallback)
{
    using R = PoolEvent::Reason;
    switch (reason) {
    case R::None:
        return fallback;
    case R::Error:
        return tr("%1: %2", "the task threw: exception type, message").arg(args.at(0).toString(), args.at(1).toString());
    case R::ChunkErrors:
        return tr("%1 of %2 calls threw; the first: %3: %4")
            .arg(args.at(0).toInteger())
            .arg(args.at(1).toInteger())
            .arg(args.at(2).toString(), args.at(3).toString());
    case R::WorkerDied:
        return tr("its worker %1 while running it").arg(exit(int(args.at(0).toInteger())));
    case R::CommandFailed:
        return tr("the command %1").arg(exit(int(args.at(0).toInteger())));
    case R::TimedOut:
        return tr("timed out after %1").arg(ValueFormat::duration(args.at(0).toInteger() * 1'000'000));
    case R::Cancelled:
        return tr("cancelled while it ran");
    case R::CancelledQueued:
        return tr("cancelled before it started");
    case R::WorkerTerminated:
        return tr("its worker was terminated by the user");
    case R::PoolTerminated:
        return tr("the pool was terminated");
    case R::BatchFailed:
        return tr("not run: another task of its batch failed");
    case R::ResultCanceled:
        return tr("not run: the program no longer wanted the result");
    case R::CannotStart:
        return tr("cannot run '%1': %2").arg(args.at(0).toString(), args.at(1).toString());
    case R::PoolBroken:
        return tr("the pool cannot run tasks any more: %1").arg(args.at(0).toString());
    case R::ProgramExited:
        return tr("lost: the program exited before it ended");
    case R::PoolGone:
        return tr("lost: the pool was destroyed before it ended");
    }
    return fallback;
}

} // namespace qmp
