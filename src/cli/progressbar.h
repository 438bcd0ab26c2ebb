#pragma once
// ProgressBar: `qmp run --bar` — one line on a terminal (stderr), redrawn in place at most ten
// times a second: percentage, done/total, a bar, and the estimated time left. Enabled only on a
// terminal, so nothing reaches a pipe or a file. render() is the pure part.

#include <QElapsedTimer>
#include <QString>

namespace qmp {

class ProgressBar
{
public:
    // fd: where to draw; drawing happens only when enabled and fd is a terminal.
    explicit ProgressBar(bool enabled, int fd = 2);
    bool isActive() const { return m_active; }
    // done of total jobs are finished (failed counts separately in the text).
    void update(qint64 done, qint64 failed, qint64 total, bool force = false);
    // Clears the line (before other output, and at the end).
    void clear();

    // "37% 370/1000 [#######.............] 2 failed ETA 0:00:12", fitting width columns.
    static QString render(qint64 done, qint64 failed, qint64 total, qint64 elapsedMs, int width);

private:
    void write(const QString &text);
    bool m_active = false;
    int m_fd = 2;
    bool m_drawn = false;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1000;
};

} // namespace qmp
