#include "hubsampler.h"

#include "monitorhub.h"
#include "procsampler.h"

#include <QSet>

#include <chrono>

namespace qmp {

HubSampler::HubSampler(MonitorHub *hub, ProcSampler *sampler, QObject *parent)
    : QObject(parent), m_hub(hub), m_sampler(sampler)
{
    connect(hub, &MonitorHub::poolChanged, this, [this](int, const PoolState::Changes &changes) {
        if (changes.workers)
            syncWatched();
    });
    connect(hub, &MonitorHub::poolRemoved, this, &HubSampler::syncWatched);
    connect(sampler, &ProcSampler::sampled, this, &HubSampler::apply);
    sampler->setInterval(std::chrono::milliseconds(std::max(hub->options().tickMs, 50)));
    syncWatched();
    sampler->start();
}

void HubSampler::syncWatched()
{
    const QHash<qint64, qint64> wanted = m_hub->watchedProcesses();
    for (qint64 pid : m_sampler->watched()) {
        if (!wanted.contains(pid))
            m_sampler->unwatch(pid);
    }
    // A worker's process started before the hub heard of it (allow for clocks and rounding).
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
        m_sampler->watch(it.key(), it.value() > 0 ? it.value() + 1000 : 0);
}

void HubSampler::apply(const QList<ProcessTreeSample> &samples)
{
    for (const ProcessTreeSample &sample : samples) {
        if (!sample.gone)
            m_hub->applySample(sample.rootPid, sample.cpuPercent, sample.rssBytes, sample.threads, sample.processes);
    }
}

} // namespace qmp
