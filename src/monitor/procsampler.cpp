#include "procsampler.h"

#include "errors.h"

#include <QDateTime>

#include <unordered_map>
#include <vector>

namespace qmp {

ProcSampler::ProcSampler(QObject *parent, const QString &procRoot)
    : QObject(parent), m_reader(procRoot)
{
    qRegisterMetaType<ProcessTreeSample>();
    qRegisterMetaType<QList<ProcessTreeSample>>();
    m_timer.setInterval(std::chrono::seconds(1));
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_roots.isEmpty())
            sampleNow();
    });
}

void ProcSampler::setInterval(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0)
        throw ValueError(QStringLiteral("ProcSampler interval must be positive, not %1 ms")
                             .arg(interval.count()));
    m_timer.setInterval(interval);
}

std::chrono::milliseconds ProcSampler::interval() const
{
    return m_timer.intervalAsDuration();
}

void ProcSampler::watch(qint64 pid, qint64 startedNoLaterThanMs)
{
    if (pid > 0 && !m_roots.contains(pid))
        m_roots.insert(pid, Root{false, 0, startedNoLaterThanMs});
}

void ProcSampler::unwatch(qint64 pid)
{
    m_roots.remove(pid);
}

void ProcSampler::clear()
{
    m_roots.clear();
    m_lastCpu.clear();
}

void ProcSampler::start()
{
    m_timer.start();
}

void ProcSampler::stop()
{
    m_timer.stop();
}

QList<ProcessTreeSample> ProcSampler::sampleNow()
{
    QList<ProcessTreeSample> out;
    if (m_roots.isEmpty())
        return out;
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 nowNs = m_clock.nsecsElapsed();
    const double elapsedSeconds = double(nowNs - m_lastTickNs) / 1e9;
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();

    // One pass over /proc: every process, and who is whose child.
    std::unordered_map<qint64, ProcessSample> processes;
    std::unordered_multimap<qint64, qint64> children;
    const QList<qint64> pids = m_reader.pids();
    processes.reserve(size_t(pids.size()));
    children.reserve(size_t(pids.size()));
    for (const qint64 pid : pids) {
        ProcReader::Result result = m_reader.read(pid);
        if (result.status != ProcReader::Status::Ok)
            continue; // gone since the directory was listed; a malformed file is skipped too
        children.emplace(result.sample.ppid, pid);
        processes.emplace(pid, std::move(result.sample));
    }

    QHash<qint64, CpuMark> nextCpu;
    // CPU ticks one process used since the previous tick; each process is counted once per tick
    // even when it belongs to two watched trees.
    QHash<qint64, quint64> deltas;
    auto deltaOf = [&](const ProcessSample &p) -> quint64 {
        const auto known = deltas.constFind(p.pid);
        if (known != deltas.cend())
            return *known;
        quint64 delta = p.cpuTicks; // born since the previous tick: all of its CPU is new
        const auto last = m_lastCpu.constFind(p.pid);
        if (last != m_lastCpu.cend() && last->startTicks == p.startTicks)
            delta = p.cpuTicks >= last->cpuTicks ? p.cpuTicks - last->cpuTicks : 0;
        nextCpu.insert(p.pid, {p.startTicks, p.cpuTicks});
        deltas.insert(p.pid, delta);
        return delta;
    };

    const double ticksPerSecond = double(ProcReader::ticksPerSecond());
    std::vector<qint64> stack;
    for (auto root = m_roots.begin(); root != m_roots.end();) {
        ProcessTreeSample sample;
        sample.rootPid = root.key();
        sample.timeMs = wallMs;
        auto found = processes.find(root.key());
        if (found != processes.end()) {
            // The same pid, another process: the root has exited and its pid was given again.
            const quint64 startTicks = found->second.startTicks;
            if (root->startTicks == 0 && root->notAfterMs > 0) {
                if (m_bootMs < 0)
                    m_bootMs = m_reader.bootTimeMs();
                const qint64 startedMs = m_bootMs > 0 ? m_bootMs + qint64(startTicks) * 1000 / qint64(ticksPerSecond) : 0;
                // btime has whole seconds: allow for them.
                if (startedMs > root->notAfterMs + 2000)
                    found = processes.end();
            } else if (root->startTicks != 0 && root->startTicks != startTicks) {
                found = processes.end();
            }
            if (found != processes.end())
                root->startTicks = startTicks;
        }
        if (found == processes.end()) {
            sample.gone = true;
            out.append(sample);
            root = m_roots.erase(root);
            continue;
        }
        sample.state = found->second.state;
        quint64 ticks = 0;
        stack.assign(1, root.key());
        while (!stack.empty()) {
            const qint64 pid = stack.back();
            stack.pop_back();
            const auto it = processes.find(pid);
            if (it == processes.end())
                continue;
            const ProcessSample &p = it->second;
            ++sample.processes;
            sample.rssBytes += p.rssBytes;
            sample.threads += p.threads;
            ticks += deltaOf(p);
            // A pid is its own parent only for the kernel's idle task; guard against loops anyway.
            if (sample.processes > int(processes.size()))
                break;
            const auto [first, last] = children.equal_range(pid);
            for (auto child = first; child != last; ++child)
                if (child->second != pid)
                    stack.push_back(child->second);
        }
        if (root->hasBaseline && elapsedSeconds > 0)
            sample.cpuPercent = double(ticks) / ticksPerSecond / elapsedSeconds * 100.0;
        root->hasBaseline = true;
        out.append(sample);
        ++root;
    }
    m_lastCpu = std::move(nextCpu);
    m_lastTickNs = nowNs;
    Q_EMIT sampled(out);
    return out;
}

} // namespace qmp
