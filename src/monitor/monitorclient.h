#pragma once
// MonitorClient: attaches to another program's monitor socket and mirrors its pools and queues into
// a local MonitorHub (as pools known by their events, MonitorHub::addPool, and queues known by
// their readings, MonitorHub::addQueue), so everything built on a hub —
// the studio's dashboards, `qmp ps` — shows the other program's pools like its own. Controls on
// those pools travel back as commands when the program allows them (controlAllowed()).
// When the program exits or the connection drops, its pools and queues stay in the hub as Gone with their
// last state (what was unfinished ends as lost); destroying the client removes them. Detaching
// (detach(), destroying the client while connected) ends nothing: the program goes on, and its
// pools and queues just leave the hub (MonitorHub::release). A malformed frame ends the connection with an
// error naming it; nothing here blocks for long (connecting to a local socket is immediate).
// The hub is not owned and must outlive the client. Lives on the hub's thread.

#include "qmpmonitor_export.h"
#include "monitorprotocol.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace qmp {

class FrameChannel;
class MonitorHub;

class QMP_MONITOR_EXPORT MonitorClient : public QObject
{
    Q_OBJECT
public:
    explicit MonitorClient(MonitorHub *hub, QObject *parent = nullptr);
    ~MonitorClient() override;

    // Connects to the program with this pid (this user's endpoint, under its usual or its fallback
    // name) or to an endpoint found by MonitorProtocol::discover(). False (see errorString()) when
    // nothing listens there, or when the listening process is not the endpoint's pid and uid
    // (SO_PEERCRED: someone else bound the name) — then nothing is read from it.
    bool attach(qint64 pid);
    bool attach(const MonitorEndpoint &endpoint);
    // Closes the connection and stops following the program: its pools and queues leave the hub,
    // none of their tasks ended (the program goes on running them). Also what a program that went
    // away left in the hub (gone) is removed.
    void detach();

    bool isConnected() const { return m_channel != nullptr; }
    bool isReady() const { return m_ready; }          // the snapshot has arrived
    qint64 pid() const { return m_pid; }
    QString program() const { return m_program; }
    bool controlAllowed() const { return m_control; } // the program accepts our commands
    // The history file the program records its pools in (absolute); empty when it records none.
    QString historyPath() const { return m_historyPath; }
    QString errorString() const { return m_error; }
    // The local hub ids of the program's pools.
    QList<int> poolIds() const;
    // The local hub ids of the program's queues, in the order they appeared.
    QList<int> queueIds() const;

Q_SIGNALS:
    void ready();                               // once per attach, after the snapshot
    void detached(const QString &reason);       // the connection ended (not after detach())
    // A command's outcome: ok, or why the program refused it.
    void commandFinished(qint64 seq, bool ok, const QString &error);

private:
    class RemotePool;
    friend class RemotePool;

    qint64 sendCommand(int remoteId, const QString &op, qint64 pid = 0, quint64 task = 0, bool stop = false,
                       int processes = 0);
    void receive(const QCborValue &value);
    void connectionClosed();
    void markGone();
    void forget(); // removes this client's pools (remove: ending what is unfinished) and queues

    MonitorHub *m_hub;
    FrameChannel *m_channel = nullptr;
    bool m_ready = false;
    bool m_helloSeen = false;
    bool m_control = false;
    QString m_historyPath;
    qint64 m_pid = 0;
    QString m_program;
    QString m_error;
    qint64 m_nextSeq = 1;
    QHash<int, int> m_localIds; // remote pool id -> local hub id
    QMap<int, int> m_localQueueIds; // remote queue id -> local hub id
    std::vector<std::unique_ptr<RemotePool>> m_remotes;
};

} // namespace qmp
