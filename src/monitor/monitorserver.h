#pragma once
// MonitorServer: serves a MonitorHub on this program's monitor socket (MonitorProtocol), so
// `qmp ps` and qmp-studio can list its pools and queues and attach: each client gets a snapshot of
// every pool (workers, the tasks in memory, batch titles, last samples) and queue (what it is, its
// counters), then the live event stream and each queue's counters as they change (coalesced).
// Only this program's own user is admitted (its SO_PEERCRED uid, checked before anything is sent
// or read; others are closed at once), and members of an allowed group when one is set
// (setAllowedGroup, QMP_MONITOR_GROUP for AppMonitor) — the snapshot holds pool and task names,
// queue keys and command output. A client's frames are capped at kMaxClientFrame (commands are
// small). Read-only by default; with setControlAllowed(true), clients of the same user may pause,
// resume, close or terminate a pool, terminate a worker or cancel a task — group members' commands
// are refused. A client that stops reading is dropped once 16 MiB are queued for it: a stuck
// viewer never slows the program down.
// The hub is not owned and must outlive the server. Lives on the hub's thread.

#include "qmpmonitor_export.h"
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QSocketNotifier;

namespace qmp {

class FrameChannel;
class MonitorHub;

class QMP_MONITOR_EXPORT MonitorServer : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxQueuedBytes = 16 * 1024 * 1024;
    static constexpr qsizetype kMaxClientFrame = 64 * 1024;

    explicit MonitorServer(MonitorHub *hub, QObject *parent = nullptr);
    ~MonitorServer() override;

    // Listens on MonitorProtocol::endpointName(own pid), or on a fallbackName() when another
    // process holds that name; false (see errorString()) when sockets fail. name overrides the
    // endpoint (tests; no fallback then).
    bool listen(const QByteArray &name = {});
    void close();
    bool isListening() const { return m_fd >= 0; }
    QByteArray name() const { return m_name; }
    QString errorString() const { return m_error; }

    void setControlAllowed(bool allowed) { m_controlAllowed = allowed; }
    bool controlAllowed() const { return m_controlAllowed; }
    // Also admit the members of this group (read-only); -1 (the default): only this user.
    void setAllowedGroup(qint64 gid) { m_allowedGroup = gid; }
    qint64 allowedGroup() const { return m_allowedGroup; }
    // The task history this program records its pools in (told to clients in the hello, so a
    // studio sharing that history does not record them twice); empty: none.
    void setHistoryPath(const QString &path) { m_historyPath = path; }

    int clientCount() const { return int(m_clients.size()); }

Q_SIGNALS:
    void clientConnected();
    // A peer that is not this user (nor in the allowed group) connected and was closed.
    void clientRefused(qint64 uid);
    void clientDisconnected(const QString &reason);

private:
    struct Client
    {
        FrameChannel *channel = nullptr;
        qint64 uid = -1;
    };

    void acceptClients();
    void sendSnapshot(Client &client);
    void broadcast(const QCborValue &message);
    void handle(Client &client, const QCborValue &message);
    void drop(FrameChannel *channel, const QString &reason);

    MonitorHub *m_hub;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_name;
    QString m_error;
    bool m_controlAllowed = false;
    qint64 m_allowedGroup = -1;
    QString m_historyPath;
    QList<Client> m_clients;
};

} // namespace qmp
