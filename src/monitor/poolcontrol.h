#pragma once
// PoolControl: the controls of a pool the hub knows only by its events — another program's pool
// seen through the monitor socket (MonitorClient). MonitorHub::addPool(name, processes, control)
// routes pause / resume / close / terminate / terminateWorker / cancelTask / resize / retryTask
// there. Each returns
// whether the request could be sent (it may still be refused on the other side; the outcome shows
// in the events that follow). Called on the hub's thread.

#include <QtGlobal>

namespace qmp {

class PoolControl
{
public:
    virtual ~PoolControl() = default;
    // Whether commands can be sent now (connected, and the program accepts them from us).
    virtual bool isAvailable() const = 0;
    virtual bool pause(bool stopRunning) = 0;
    virtual bool resume() = 0;
    virtual bool close() = 0;
    virtual bool terminate() = 0;
    virtual bool terminateWorker(qint64 pid) = 0;
    virtual bool cancelTask(quint64 taskId) = 0;
    virtual bool resize(int processes) = 0;
    virtual bool retryTask(quint64 taskId) = 0;
};

} // namespace qmp
