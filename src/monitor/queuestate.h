#pragma once
// QueueState: everything the hub knows about one queue — what it is (name, IPC key, maxsize,
// order, joinable), its counters (depth, unfinished tasks, items ever put and taken), whether it is
// open, closed or gone, and a bounded depth series with put / get rates per tick. Pure logic: the
// hub feeds it readings (from a QueueProbe in this process, or the monitor socket for another
// program's queue) and clock ticks, and collects whether it changed for models.
// Rates are measured, never guessed: they come from the queue's own counters (items ever put;
// taken = put - depth), over the time between two ticks; -1 until two ticks have seen a reading.
// Not thread-safe: used on the hub's thread.

#include "qmpmonitor_export.h"
#include "monitoroptions.h"
#include "timeseries.h"

#include <QString>

namespace qmp {

class QMP_MONITOR_EXPORT QueueState
{
public:
    enum class Lifecycle { Open, Closed, Gone };
    enum class Order { Fifo, Lifo, Priority };

    struct Reading
    {
        qint64 depth = 0;      // items in the queue now
        qint64 unfinished = 0; // joinable queues: items put and not yet taskDone()'d
        quint64 puts = 0;      // items ever put
        bool operator==(const Reading &) const = default;
    };

    QueueState(int id, QString name, QString key, qint64 maxsize, Order order, bool joinable,
               MonitorOptions options = {});

    // The counters now (marks a change when they differ). Ignored once gone.
    void update(const Reading &reading);
    // Closed and gone are final (gone wins): a queue never reopens. Marks a change.
    void setLifecycle(Lifecycle lifecycle);
    // Once per MonitorOptions::tickMs: a depth sample and the rates since the previous tick.
    // A gone queue keeps its last series and rates; a tick not later than the last sample is ignored.
    void tick(qint64 nowMs);
    // True once after any change (counters, lifecycle, a tick's sample).
    bool takeChanged();

    int id() const { return m_id; }
    QString name() const { return m_name; }
    QString key() const { return m_key; }       // the IPC key (the segment's native key)
    qint64 maxsize() const { return m_maxsize; } // 0: unbounded
    Order order() const { return m_order; }
    bool isJoinable() const { return m_joinable; }
    Lifecycle lifecycle() const { return m_lifecycle; }
    bool hasReading() const { return m_hasReading; }

    qint64 depth() const { return m_reading.depth; }
    qint64 unfinished() const { return m_joinable ? m_reading.unfinished : 0; }
    quint64 puts() const { return m_reading.puts; }
    quint64 gets() const; // items that left the queue: put - depth
    // depth / maxsize in percent; -1 for an unbounded queue.
    double fillPercent() const;
    // Items put / taken per second over the last tick; -1 before two ticks had a reading.
    double putRate() const { return m_putRate; }
    double getRate() const { return m_getRate; }
    const TimeSeries &depthSeries() const { return m_depth; }

    static QString orderName(Order order); // "fifo", "lifo", "priority" (untranslated keys)
    static QString lifecycleName(Lifecycle lifecycle); // "open", "closed", "gone"

private:
    int m_id;
    QString m_name;
    QString m_key;
    qint64 m_maxsize;
    Order m_order;
    bool m_joinable;
    Lifecycle m_lifecycle = Lifecycle::Open;
    Reading m_reading;
    bool m_hasReading = false;
    // The counters at the last tick that had a reading.
    bool m_hasTickBase = false;
    qint64 m_tickMs = 0;
    quint64 m_tickPuts = 0;
    quint64 m_tickGets = 0;
    double m_putRate = -1;
    double m_getRate = -1;
    TimeSeries m_depth;
    bool m_changed = true; // a new queue is news
};

} // namespace qmp
