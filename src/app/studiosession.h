#pragma once
// StudioSession: what one running studio works with — the MonitorHub with the pools it watches,
// the task history (HistoryStore + HistoryRecorder), /proc sampling of the workers (ProcSampler +
// HubSampler) — and the one place that starts batches: it creates pools (adopted by the hub) and
// submits commands or task calls to them — and the programs it is attached to (MonitorClient).
// Windows get it; they never own pools themselves.
// GUI thread.

#include "batchspec.h"
#include "monitoroptions.h"
#include "monitorprotocol.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace qmp {

class HistoryRecorder;
class HistoryStore;
class HubSampler;
class MonitorClient;
class MonitorHub;
class ProcSampler;
class ServiceConnection;

class StudioSession : public QObject
{
    Q_OBJECT
public:
    // historyPath: the SQLite history file (HistoryStore::defaultPath() normally).
    explicit StudioSession(const QString &historyPath, MonitorOptions options = {}, QObject *parent = nullptr);
    ~StudioSession() override;

    MonitorHub *hub() const { return m_hub; }
    HistoryStore *history() const { return m_history; }
    ProcSampler *sampler() const { return m_sampler; }

    struct Launch
    {
        int poolId = 0;
        quint64 batchId = 0; // the hub's (= the history's) id of the batch
        QString error; // empty when the batch started
        bool ok() const { return error.isEmpty(); }
    };
    // The studio as a client of the user's QMP service, made (and attaching to the service) on
    // first use; hasService(): whether it was made.
    ServiceConnection *service();
    bool hasService() const { return m_service != nullptr; }

    // Starts spec: with target Service, submits its commands to the QMP service (Launch::poolId
    // is the group's pool once the studio is attached to the service, else 0; batchId the first
    // job's id). Otherwise: creates its pool when spec.poolId is 0, submits the work, titles the batch.
    // A new pool on a Slurm partition (target Slurm) runs its workers as steps of one allocation
    // of spec.processes CPUs; a batch of commands runs there as `qmp run --slurm` runs it, each
    // command on a free worker (Pool::runAll). Such a pool takes tasks and commands afterwards.
    // Its tasks are independent: one that fails or is cancelled ends alone (as commands do).
    // Bad input (an unknown task, a number that is not one, a gone or closed pool) comes back as
    // Launch::error in a sentence; nothing is started then.
    Launch launch(const BatchSpec &spec);
    // The startup demo: a pool "Demo" running prime counts, sleeps and a few commands with
    // live output, so the charts move at first sight.
    Launch startDemo();

    // Attaches to another program's monitor socket: its pools join this hub (see MonitorClient)
    // and stay listed as gone when it exits. nullptr and error set when nothing listens there.
    // The session owns the client; detach by deleting it.
    MonitorClient *attach(const MonitorEndpoint &endpoint, QString *error);
    // The same for the running program pid (found through MonitorProtocol::discover()): nullptr
    // and error set when it serves no monitor socket or nothing answers there.
    MonitorClient *attachToProcess(qint64 pid, QString *error);
    QList<MonitorClient *> attachedPrograms() const;

Q_SIGNALS:
    void launched(int poolId, quint64 batchId);
    // An attached program sent its pools (ready) or went away (detached, with why).
    void programAttached(qmp::MonitorClient *client);
    void programDetached(qmp::MonitorClient *client, const QString &reason);
    // An attached program did not carry out a control (why, in its words).
    void programRefused(qmp::MonitorClient *client, const QString &error);

private:
    MonitorHub *m_hub = nullptr;
    HistoryStore *m_history = nullptr;
    ProcSampler *m_sampler = nullptr;
    HistoryRecorder *m_recorder = nullptr;
    HubSampler *m_hubSampler = nullptr;
    ServiceConnection *m_service = nullptr;
    QList<QPointer<MonitorClient>> m_clients;
};

} // namespace qmp
