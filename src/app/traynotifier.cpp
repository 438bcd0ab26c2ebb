#include "traynotifier.h"

#include "monitorhub.h"

#include <QIcon>
#include <QSystemTrayIcon>
#include <QWidget>

namespace qmp {

TrayNotifier::TrayNotifier(MonitorHub *hub, const QIcon &icon, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setToolTip(QStringLiteral("QMP Studio"));
        auto raise = [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        };
        connect(m_tray, &QSystemTrayIcon::activated, this, raise);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, raise);
        m_tray->show();
    }
    connect(hub, &MonitorHub::batchFinished, this, &TrayNotifier::batchFinished);
}

void TrayNotifier::batchFinished(int poolId, quint64 batchId)
{
    const PoolState *pool = m_hub->pool(poolId);
    const BatchState *batch = pool ? pool->batch(batchId) : nullptr;
    if (!batch)
        return;
    const QString title = batch->failed > 0 ? tr("Batch finished with failures") : tr("Batch finished");
    const QString message = tr("%1 in %2: %n task(s) done", nullptr, batch->finished).arg(batch->title, pool->name())
        + (batch->failed > 0 ? tr(", %n failed", nullptr, batch->failed) : QString());
    if (m_tray)
        m_tray->showMessage(title, message,
                            batch->failed > 0 ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
    Q_EMIT notified(title, message);
}

} // namespace qmp
