#pragma once
// TrayNotifier: a system tray icon that says when a batch has finished ("Batch finished —
// thumbnails: 120 done, 2 failed"). Only where the desktop has a system tray
// (QSystemTrayIcon::isSystemTrayAvailable()); elsewhere it stays silent but still emits
// notified(), so the rest of the studio (and tests) can follow. GUI thread.

#include <QObject>
#include <QPointer>
#include <QString>

class QSystemTrayIcon;
class QIcon;

namespace qmp {

class MonitorHub;

class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    // hub is not owned and must outlive the notifier.
    TrayNotifier(MonitorHub *hub, const QIcon &icon, QObject *parent = nullptr);

    bool isTrayAvailable() const { return m_tray != nullptr; }
    // Clicking the tray icon or its message calls this (show and raise the main window).
    void setActivationTarget(QWidget *window) { m_window = window; }

Q_SIGNALS:
    // Once per finished batch, whether or not a tray message could be shown.
    void notified(const QString &title, const QString &message);

private:
    void batchFinished(int poolId, quint64 batchId);

    MonitorHub *m_hub;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<QWidget> m_window;
};

} // namespace qmp
