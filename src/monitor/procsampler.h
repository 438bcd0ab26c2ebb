#pragma once
// ProcSampler: CPU %, RSS, threads and state of watched processes and their whole descendant
// trees (a worker, a command job and everything it forked), sampled from /proc on a timer.
// One tick reads /proc once (every process's stat), builds the parent -> children map and sums
// each watched tree, so watching hundreds of roots costs one scan per tick, not one per root.
// Lives on the thread that created it (its timer runs there); not thread-safe.

#include "qmpmonitor_export.h"
#include "procreader.h"
#include "processtreesample.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace qmp {

class QMP_MONITOR_EXPORT ProcSampler : public QObject
{
    Q_OBJECT
public:
    // procRoot: see ProcReader (tests use a fake tree).
    explicit ProcSampler(QObject *parent = nullptr, const QString &procRoot = QStringLiteral("/proc"));

    // The tick interval, default 1 s; takes effect at once. interval <= 0 is a ValueError.
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;

    // Adds / removes a root. Watching a pid twice is one watch. A root that exits is reported once
    // with gone = true and then dropped by itself. A process is its pid *and* its start time: the
    // first sample pins the start time, and a process with that pid that started later (the pid
    // was reused) is never sampled as the root — the root is reported gone instead. With
    // startedNoLaterThanMs (ms since the Unix epoch, 0: unknown) a process started after it is
    // not the root either, even at the first sample.
    void watch(qint64 pid, qint64 startedNoLaterThanMs = 0);
    void unwatch(qint64 pid);
    void clear();
    bool isWatching(qint64 pid) const { return m_roots.contains(pid); }
    QList<qint64> watched() const { return m_roots.keys(); }

    // Starts / stops the timer. Ticks only while started; a tick with no roots does not read /proc.
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // One tick now, whether started or not: samples every root, emits sampled() and returns the
    // same list (one entry per root, in no particular order).
    QList<ProcessTreeSample> sampleNow();

Q_SIGNALS:
    // Once per tick with at least one root, on this object's thread.
    void sampled(const QList<qmp::ProcessTreeSample> &samples);

private:
    struct Root
    {
        bool hasBaseline = false;
        quint64 startTicks = 0;       // pinned at the first sample: who the root is
        qint64 notAfterMs = 0;
    };
    struct CpuMark
    {
        quint64 startTicks = 0;
        quint64 cpuTicks = 0;
    };

    ProcReader m_reader;
    qint64 m_bootMs = -1; // ProcReader::bootTimeMs(), read once
    QTimer m_timer;
    QHash<qint64, Root> m_roots;
    QHash<qint64, CpuMark> m_lastCpu; // processes of watched trees at the previous tick
    QElapsedTimer m_clock;            // started at the first tick
    qint64 m_lastTickNs = 0;
};

} // namespace qmp
