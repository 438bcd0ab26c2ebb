#pragma once
// HubSampler: keeps a ProcSampler watching every live worker and running command of the hub's
// pools (MonitorHub::watchedPids, re-read whenever workers change) and hands each sample of a
// process tree back to the hub (MonitorHub::applySample), so the workers table shows CPU, memory
// and threads of each worker's whole tree. Starts the sampler at the hub's tick interval.
// Neither is owned; both must outlive this object. The hub's thread.

#include "qmpmonitor_export.h"
#include <QObject>

namespace qmp {

class MonitorHub;
class ProcSampler;
struct ProcessTreeSample;

class QMP_MONITOR_EXPORT HubSampler : public QObject
{
    Q_OBJECT
public:
    HubSampler(MonitorHub *hub, ProcSampler *sampler, QObject *parent = nullptr);

    // Makes the sampler watch exactly the hub's live pids now (also done on every worker change).
    void syncWatched();

private:
    void apply(const QList<ProcessTreeSample> &samples);

    MonitorHub *m_hub;
    ProcSampler *m_sampler;
};

} // namespace qmp
