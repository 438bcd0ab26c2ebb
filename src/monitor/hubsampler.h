#pragma once
// HubSampler: keeps a ProcSampler watching every live worker and running command of the hub's
// pools (MonitorHub::watchedPids, re-read whenever workers change) and hands each sample of a
// process tree back to the hub (MonitorHub::applySample), so the workers table shows CPU, memory
// and threads of each worker's whole tree. Starts the sampler at the hub's tick interval.
// A program whose hub only feeds its monitor socket (qmp run, the service, AppMonitor) calls
// followClients(): nobody watching, a tick reads /proc only every kIdleInterval (what a client
// sees at once is at most that old), and at the hub's tick interval again from the moment a
// client connects until the last one leaves. The studio, which shows its hub itself, does not.
// Neither is owned; both must outlive this object. The hub's thread.

#include "qmpmonitor_export.h"
#include <QObject>

#include <chrono>

namespace qmp {

class MonitorHub;
class MonitorServer;
class ProcSampler;
struct ProcessTreeSample;

class QMP_MONITOR_EXPORT HubSampler : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kIdleInterval{5000};

    HubSampler(MonitorHub *hub, ProcSampler *sampler, QObject *parent = nullptr);

    // Samples at the hub's tick interval only while server has a client (see above); the server
    // is not owned and must outlive this object.
    void followClients(MonitorServer *server);
    // The hub's tick interval, or kIdleInterval while a followed server has no client.
    std::chrono::milliseconds currentInterval() const;

    // Makes the sampler watch exactly the hub's live pids now (also done on every worker change).
    void syncWatched();

private:
    void apply(const QList<ProcessTreeSample> &samples);
    void updateInterval();

    MonitorHub *m_hub;
    ProcSampler *m_sampler;
    MonitorServer *m_server = nullptr;
};

} // namespace qmp
