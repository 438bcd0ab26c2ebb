#include "progressbar.h"

#include "rawoutput.h"

#include <QCoreApplication>

#include <sys/ioctl.h>
#include <unistd.h>

namespace qmp {

ProgressBar::ProgressBar(bool enabled, int fd)
    : m_active(enabled && ::isatty(fd)), m_fd(fd)
{
    m_clock.start();
}

QString ProgressBar::render(qint64 done, qint64 failed, qint64 total, qint64 elapsedMs, int width)
{
    const int percent = total > 0 ? int(done * 100 / total) : 100;
    QString eta = QStringLiteral("-:--:--");
    if (done > 0 && total >= done) {
        const qint64 left = elapsedMs * (total - done) / done / 1000;
        eta = QStringLiteral("%1:%2:%3").arg(left / 3600).arg(left / 60 % 60, 2, 10, QLatin1Char('0')).arg(left % 60, 2, 10, QLatin1Char('0'));
    }
    const QString head = QStringLiteral("%1% %2/%3 ").arg(percent).arg(done).arg(total);
    QString tail = QCoreApplication::translate("ProgressBar", " ETA %1").arg(eta);
    if (failed > 0)
        tail = QCoreApplication::translate("ProgressBar", " %n failed", nullptr, int(failed)) + tail;
    const int barWidth = width - int(head.size() + tail.size()) - 2;
    if (barWidth < 5)
        return (head + tail.trimmed()).left(width);
    const int filled = total > 0 ? int(qint64(barWidth) * done / total) : barWidth;
    return head + QLatin1Char('[') + QString(filled, QLatin1Char('#')) + QString(barWidth - filled, QLatin1Char('.'))
           + QLatin1Char(']') + tail;
}

void ProgressBar::update(qint64 done, qint64 failed, qint64 total, bool force)
{
    if (!m_active)
        return;
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastDrawMs < 100)
        return;
    m_lastDrawMs = now;
    winsize ws{};
    const int width = ::ioctl(m_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col - 1 : 79;
    write(QLatin1Char('\r') + render(done, failed, total, now, width) + QStringLiteral("\x1b[K"));
    m_drawn = true;
}

void ProgressBar::clear()
{
    if (m_active && m_drawn) {
        write(QStringLiteral("\r\x1b[K"));
        m_drawn = false;
        m_lastDrawMs = -1000;
    }
}

void ProgressBar::write(const QString &text)
{
    RawOutput::writeAll(m_fd, text.toUtf8());
}

} // namespace qmp
