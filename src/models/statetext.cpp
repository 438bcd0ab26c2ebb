#include "statetext.h"

namespace qmp {

QString StateText::lifecycle(PoolState::Lifecycle lifecycle)
{
    switch (lifecycle) {
    case PoolState::Lifecycle::Running: return tr("running", "pool");
    case PoolState::Lifecycle::Paused: return tr("paused", "pool");
    case PoolState::Lifecycle::Closed: return tr("closed", "pool: takes no new work");
    case PoolState::Lifecycle::Terminated: return tr("terminated", "pool");
    case PoolState::Lifecycle::Gone: return tr("gone", "pool: the program let it go");
    }
    return QString();
}

QString StateText::task(TaskState::State state)
{
    switch (state) {
    case TaskState::State::Queued: return tr("queued", "task");
    case TaskState::State::Running: return tr("running", "task");
    case TaskState::State::Finished: return tr("finished", "task");
    case TaskState::State::Failed: return tr("failed", "task");
    case TaskState::State::Cancelled: return tr("cancelled", "task");
    case TaskState::State::TimedOut: return tr("timed out", "task");
    case TaskState::State::Lost: return tr("lost", "task: its program or pool went away before it ended");
    }
    return QString();
}

QString StateText::worker(WorkerState::State state)
{
    switch (state) {
    case WorkerState::State::Idle: return tr("idle", "worker");
    case WorkerState::State::Busy: return tr("busy", "worker");
    case WorkerState::State::Exited: return tr("exited", "worker");
    }
    return QString();
}

} // namespace qmp
