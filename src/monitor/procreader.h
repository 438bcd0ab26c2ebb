#pragma once
// ProcReader: reads processes from Linux's /proc — one read of /proc/<pid>/stat per process,
// which holds everything ProcSampler needs (state, ppid, CPU ticks, RSS, threads, start time).
// A small reader instead of libproc2: five fields of one file do not need a library whose API
// changed between procps 4.0.x releases, and the parser is tested on strings.
// Stateless apart from the root directory; safe to use from any thread.

#include "qmpmonitor_export.h"
#include "processsample.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace qmp {

class QMP_MONITOR_EXPORT ProcReader
{
public:
    enum class Status {
        Ok,
        Gone,      // no such process (it exited, or was never there): a normal outcome
        Malformed, // the file exists but does not parse: error says why
    };
    struct Result
    {
        Status status = Status::Gone;
        ProcessSample sample; // valid when status == Ok
        QString error;        // set when status == Malformed
    };

    // procRoot: where proc is mounted; tests point it at a directory they filled.
    explicit ProcReader(const QString &procRoot = QStringLiteral("/proc"));

    QString procRoot() const { return m_root; }
    Result read(qint64 pid) const;
    // Every numeric entry of procRoot (all processes, unsorted). Empty when procRoot is unreadable.
    QList<qint64> pids() const;

    // Parses the text of a /proc/<pid>/stat file. comm (field 2) may hold spaces and parentheses:
    // it runs from the first '(' to the last ')'. Never throws; a short or garbled line is Malformed.
    static Result parseStat(QByteArrayView line);
    static long ticksPerSecond(); // sysconf(_SC_CLK_TCK)
    // When the machine booted, in ms since the Unix epoch (the "btime" of procRoot/stat, whole
    // seconds); 0 when unknown. A process started at bootTimeMs() + startTicks * 1000 / ticksPerSecond().
    qint64 bootTimeMs() const;
    // That start time of sample, in ms since the Unix epoch (to about a second); 0 when unknown.
    qint64 startTimeMs(const ProcessSample &sample) const;
    static long pageSize();       // sysconf(_SC_PAGESIZE)

private:
    QString m_root;
    QByteArray m_rootBytes; // m_root in the file system's encoding
};

} // namespace qmp
