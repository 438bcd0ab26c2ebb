#pragma once
// ServiceGroupControl: the PoolControl of a QMP service group's pool as the service publishes it
// on its monitor socket (MonitorHub::setControl), so the studio's controls act on the service's
// jobs with the service's rules, as `qmp` commands do: pause / resume the group, terminate =
// kill every job of the group (queued ones never run), terminate worker / cancel task = kill
// that job, resize = the group's parallel, retry = restart the job. A group is never closed or
// joined. Each control is a function the service gives; a missing one does not apply (false).
// The service's thread.

#include "poolcontrol.h"

#include <functional>

namespace qmp {

class ServiceGroupControl : public PoolControl
{
public:
    struct Actions
    {
        std::function<bool(bool stopRunning)> pause;
        std::function<bool()> resume;
        std::function<bool()> terminate;
        std::function<bool(qint64 pid)> terminateWorker;
        std::function<bool(quint64 taskId)> cancelTask;
        std::function<bool(int processes)> resize;
        std::function<bool(quint64 taskId)> retryTask;
    };

    explicit ServiceGroupControl(Actions actions) : m_actions(std::move(actions)) {}

    bool isAvailable() const override { return true; }
    bool pause(bool stopRunning) override { return m_actions.pause && m_actions.pause(stopRunning); }
    bool resume() override { return m_actions.resume && m_actions.resume(); }
    bool close() override { return false; }
    bool terminate() override { return m_actions.terminate && m_actions.terminate(); }
    bool terminateWorker(qint64 pid) override { return m_actions.terminateWorker && m_actions.terminateWorker(pid); }
    bool cancelTask(quint64 taskId) override { return m_actions.cancelTask && m_actions.cancelTask(taskId); }
    bool resize(int processes) override { return m_actions.resize && m_actions.resize(processes); }
    bool retryTask(quint64 taskId) override { return m_actions.retryTask && m_actions.retryTask(taskId); }
    bool canJoin() const override { return false; }
    QFuture<void> join() override;

private:
    Actions m_actions;
};

} // namespace qmp
