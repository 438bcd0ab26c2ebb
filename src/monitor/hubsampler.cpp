#include "hubsampler.h"

#include "monitorhub.h"
#include "monitorserver.h"
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
    sampler->setInterval(currentInterval());
    syncWatched();
    sampler->start();
}

void HubSampler::followClients(MonitorServer *server)
{
    m_server = server;
    connect(server, &MonitorServer::clientConnected, this, [this] {
        if (m_server->clientCount() == 1) {
            // The first viewer: what it was sent is up to kIdleInterval old; the next tick,
            // right away, brings it up to date, then every tick as usual.
            m_sampler->sampleNow();
            updateInterval();
        }
    });
    connect(server, &MonitorServer::clientDisconnected, this, &HubSampler::updateInterval);
    connect(server, &QObject::destroyed, this, [this] {
        m_server = nullptr;
        updateInterval();
    });
    updateInterval();
}

std::chrono::milliseconds HubSampler::currentInterval() const
{
    if (m_server && m_server->clientCount() == 0)
        return kIdleInterval;
    return std::chrono::milliseconds(std::max(m_hub->options().tickMs, 50));
}

void HubSampler::updateInterval()
{
    const std::chrono::milliseconds wanted = currentInterval();
    if (m_sampler->interval() != wanted)
        m_sampler->setInterval(wanted);
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
