#pragma once
// ServiceDaemon: the per-user QMP service (`qmp service run`). It owns named groups — each a
// commands-only qmp::Pool running at most its `parallel` jobs at once — with their queued and
// running jobs (ServiceJob), answers ServiceRequests on a Unix socket only its user may use
// (the directory is 0700 and every peer's uid is checked with SO_PEERCRED; others get one
// refusal frame), writes each job's stdout / stderr to files in the state directory as they
// come (qmp log / follow read them) and records every job in the SQLite history as a batch of
// one task, under the job's id.
//
// Protocol: length-prefixed CBOR frames (FrameChannel); one request, one reply map with "ok"
// (and "error" when false) — except follow, which streams {"stdout"|"stderr": bytes} frames and
// ends with {"end": true, "job": ...}, and wait, whose reply comes when its jobs have ended.
// A malformed frame closes that connection only; a bad request gets an error reply.
//
// Scheduling: a group's jobs that may start (their --after jobs succeeded, neither they nor
// the group paused) are handed to its pool ahead of time — up to `parallel` running and Group::ahead()
// more waiting in the pool's queue — so a slot that frees starts the next one at once. A job
// stays queued (in the status view and in the state file) until the pool says its process
// started; pause, parallel and kill act on the pool's queue too.
//
// Persistence: the queue and the jobs in the status view live in state.cbor, rewritten
// atomically (QSaveFile) within 100 ms of a change, and before the reply to a request that
// changed it (a batch submit: one write). stop() (SIGTERM, `qmp service stop`) kills the
// running jobs (recorded as cancelled) and keeps the queue. When the service was killed, its
// running jobs died with it (PR_SET_PDEATHSIG; their process groups are killed at the next
// start too) and the next start records them as lost; the queue comes back either way.
// Monitoring: each group's pool is published on the service's monitor socket (MonitorServer,
// controls allowed to its user), as any libqmp program can, so the studio and `qmp ps` attach to
// it and show the groups like any pool; the controls act on the jobs (ServiceGroupControl).
// The queued count there is the group's (its jobs not handed to the pool are held tasks), and a
// running job's output reaches it as the pool's output events would (read from its files every
// 250 ms, and the rest once it has ended), so the studio's output pane shows it.
// The status reply names the service's pid, so a client knows which program to attach to.
// Lives on the main thread.

#include "servicejob.h"
#include "servicepaths.h"
#include "servicerequest.h"

#include <QCborMap>
#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <map>
#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace qmp {

class FrameChannel;
class HistoryStore;
class HubSampler;
class MonitorHub;
class MonitorServer;
class Pool;
class ProcSampler;
struct CommandResult;
struct PoolEvent;

class ServiceDaemon : public QObject
{
    Q_OBJECT
public:
    ServiceDaemon(ServicePaths paths, QString historyPath, QObject *parent = nullptr);
    ~ServiceDaemon() override;

    // Takes the service lock, loads the state, listens. False with errorString() when it cannot;
    // alreadyRunning() then says whether another service holds the lock.
    bool start();
    bool alreadyRunning() const { return m_alreadyRunning; }
    QString errorString() const { return m_error; }
    // Kills the running jobs, saves the queue, removes the socket. Safe to call twice.
    void stop();

Q_SIGNALS:
    // A client sent "stop" (qmp service stop).
    void stopRequested();

private:
    struct Group;
    struct Live;
    struct Connection;

    void loadState();
    void saveState();
    void saveSoon();
    bool listenOn(const QString &path);
    void accept();
    void handle(Connection *connection, const QCborValue &value);
    QCborMap execute(Connection *connection, const ServiceRequest &request);
    void reply(Connection *connection, const QCborMap &map);
    void dropConnection(Connection *connection);

    Group &group(const QString &name);
    void schedule();
    bool startJob(ServiceJob &job, Group &group);
    void onEvents(const QString &group, const QList<PoolEvent> &events);
    void onJobEnded(qint64 id);
    void endWithoutRunning(ServiceJob &job, ServiceJob::State state, const QString &why);
    bool kill(qint64 id, const QString &why);
    // qmp pause ID / resume ID: a queued job is held (taken out of its pool's queue), a running
    // one's process group stopped (SIGSTOP) or continued.
    void pauseJob(ServiceJob &job, bool pause);
    void recordBatch(const ServiceJob &job);
    void recordTask(const ServiceJob &job, const CommandResult *result);
    void jobsChanged();
    void publish(Group &group);        // its pause and parallel to the monitor hub
    // Each group's queued jobs not in its pool's queue to the monitor hub, so a monitor's
    // queued count is the group's (PoolState::setHeldTasks).
    void publishHeld();
    qint64 jobOfTask(const Group &group, quint64 taskId, qint64 pid = 0) const;
    void pumpFollowers();
    // Job id's output written since the last relay, as TaskOutput events of its task in the
    // hub; last: it has ended (the rest goes, and the job is no longer relayed).
    void relayOutput(qint64 id, bool last);
    void relayRunningOutput();
    void answerWaiters();
    QCborMap statusMap() const;
    // Job's entry in state.cbor (its environment: that index), encoded again only when it changed.
    QByteArray encodedJob(const ServiceJob &job, qint64 environment);
    // The first job in m_jobs that may not have ended: every one before it has (an ended job
    // never starts again), so scans for unfinished work start there.
    std::map<qint64, ServiceJob>::iterator firstUnfinished();

    ServicePaths m_paths;
    QString m_historyPath;
    QString m_error;
    QString m_stateProblem; // why the last state.cbor write failed (status says it)
    bool m_alreadyRunning = false;
    bool m_stopped = false;
    int m_lockFd = -1;
    int m_listenFd = -1;
    QSocketNotifier *m_acceptNotifier = nullptr;
    QTimer *m_saveTimer = nullptr;
    QTimer *m_followTimer = nullptr;
    QTimer *m_relayTimer = nullptr;
    struct Relay
    {
        int hubId = 0;
        quint64 taskId = 0;
        quint64 batchId = 0;
        qint64 pid = 0;
        qint64 offset[2] = {0, 0}; // of stdout, stderr: relayed up to there
    };
    std::map<qint64, Relay> m_relays; // the started jobs whose output goes to the hub, by job id
    std::unique_ptr<HistoryStore> m_history;
    MonitorHub *m_hub = nullptr;           // the groups' pools, served on the monitor socket
    MonitorServer *m_monitor = nullptr;
    ProcSampler *m_sampler = nullptr;
    HubSampler *m_hubSampler = nullptr;
    qint64 m_lastStartedJob = 0; // the hub's batches take this id (see start())
    // The environment of the job started last, as the pool takes it: the jobs of a submission
    // share theirs, so a batch parses it once.
    QStringList m_parsedVariables;
    QProcessEnvironment m_parsedEnvironment;
    qint64 m_lastHubBatch = 0;
    std::map<QString, std::unique_ptr<Group>> m_groups;
    std::map<qint64, ServiceJob> m_jobs; // the status view, by id (= submission order)
    std::map<qint64, std::unique_ptr<Live>> m_live; // the running jobs
    struct EncodedJob
    {
        ServiceJob::State state = ServiceJob::State::Queued;
        bool paused = false;
        qint64 pid = 0;
        qint64 startedMs = 0;
        qint64 endedMs = 0;
        qint64 environment = 0;
        QString error;
        QByteArray cbor;
    };
    QHash<qint64, EncodedJob> m_encodedJobs; // by job id (saveState)
    qint64 m_endedBelow = 0; // every job with a smaller id has ended (firstUnfinished)
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace qmp
