#include "monitorclient.h"

#include "cborconvert.h"
#include "framechannel.h"
#include "monitorhub.h"
#include "poolcontrol.h"

#include <QCborArray>
#include <QCborMap>
#include <QPromise>

#include <algorithm>
#include <climits>

#include <optional>
#include <utility>

#include <unistd.h>

namespace qmp {

class MonitorClient::RemotePool : public PoolControl
{
public:
    RemotePool(MonitorClient *client, int remoteId) : m_client(client), m_remoteId(remoteId) {}
    bool isAvailable() const override { return m_client->isConnected() && m_client->controlAllowed(); }
    bool pause(bool stopRunning) override { return send(QStringLiteral("pause"), 0, 0, stopRunning); }
    bool resume() override { return send(QStringLiteral("resume")); }
    bool close() override { return send(QStringLiteral("close")); }
    bool terminate() override { return send(QStringLiteral("terminate")); }
    bool terminateWorker(qint64 pid) override { return send(QStringLiteral("terminateWorker"), pid); }
    bool cancelTask(quint64 taskId) override { return send(QStringLiteral("cancelTask"), 0, taskId); }
    bool resize(int processes) override { return send(QStringLiteral("resize"), 0, 0, false, processes); }
    bool retryTask(quint64 taskId) override { return send(QStringLiteral("retryTask"), 0, taskId); }
    // The monitor protocol has no join: the program joins its own pools.
    bool canJoin() const override { return false; }
    QFuture<void> join() override
    {
        QPromise<void> refused;
        refused.start();
        QFuture<void> future = refused.future();
        future.cancel();
        refused.finish();
        return future;
    }

private:
    bool send(const QString &op, qint64 pid = 0, quint64 task = 0, bool stop = false, int processes = 0)
    {
        return m_client->sendCommand(m_remoteId, op, pid, task, stop, processes) > 0;
    }
    MonitorClient *m_client;
    int m_remoteId;
};

MonitorClient::MonitorClient(MonitorHub *hub, QObject *parent) : QObject(parent), m_hub(hub) {}

MonitorClient::~MonitorClient()
{
    detach(); // their PoolControls die with us
}

bool MonitorClient::attach(qint64 pid)
{
    // Its own name, or the name it fell back to when that one was taken.
    MonitorEndpoint endpoint;
    endpoint.pid = pid;
    endpoint.uid = uint(::geteuid());
    endpoint.name = MonitorProtocol::endpointName(pid);
    for (const MonitorEndpoint &found : MonitorProtocol::discover()) {
        if (found.pid == pid && found.uid == endpoint.uid) {
            endpoint = found;
            if (found.name != MonitorProtocol::endpointName(pid))
                break; // a fallback name exists only because the usual one was squatted
        }
    }
    return attach(endpoint);
}

bool MonitorClient::attach(const MonitorEndpoint &endpoint)
{
    detach();
    m_error.clear();
    const int fd = MonitorProtocol::connectTo(endpoint.name, &m_error);
    if (fd < 0) {
        m_error = tr("Program %1 does not serve a monitor socket (start it with QMP_MONITOR=1): %2")
                      .arg(endpoint.pid)
                      .arg(m_error);
        return false;
    }
    // Anyone can bind an abstract name: before reading a byte, check who listens there.
    const std::optional<MonitorProtocol::Credentials> server = MonitorProtocol::peerCredentials(fd);
    if (!server || server->uid != qint64(endpoint.uid) || (endpoint.pid > 0 && server->pid != endpoint.pid)) {
        ::close(fd);
        m_error = tr("The monitor socket @%1 is not program %2's (user %3): it is held by process %4 of user %5; "
                     "ignored")
                      .arg(QString::fromLatin1(endpoint.name))
                      .arg(endpoint.pid)
                      .arg(endpoint.uid)
                      .arg(server ? server->pid : -1)
                      .arg(server ? server->uid : -1);
        return false;
    }
    m_pid = server->pid;
    m_helloSeen = false;
    m_program = endpoint.program;
    m_ready = false;
    m_channel = new FrameChannel(fd, this);
    connect(m_channel, &FrameChannel::frameReceived, this, &MonitorClient::receive);
    connect(m_channel, &FrameChannel::closed, this, &MonitorClient::connectionClosed);
    return true;
}

void MonitorClient::detach()
{
    if (FrameChannel *channel = std::exchange(m_channel, nullptr)) {
        channel->disconnect(this);
        channel->close();
        channel->deleteLater();
        // The program goes on: we stop following its pools, and end none of their tasks.
        for (int localId : std::as_const(m_localIds))
            m_hub->release(localId);
        m_localIds.clear();
    }
    m_ready = false;
    forget();
}

void MonitorClient::forget()
{
    // Pools still here are gone (their program went away): remove() changes nothing of them.
    for (int localId : std::as_const(m_localIds))
        m_hub->remove(localId);
    for (int localId : std::as_const(m_localQueueIds))
        m_hub->removeQueue(localId);
    m_localIds.clear();
    m_localQueueIds.clear();
    m_remotes.clear();
}

QList<int> MonitorClient::poolIds() const
{
    return m_localIds.values();
}

QList<int> MonitorClient::queueIds() const
{
    QList<int> ids = m_localQueueIds.values();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MonitorClient::markGone()
{
    // The program (or our view of it) is gone: what it did not report as ended never will be.
    for (int localId : std::as_const(m_localIds))
        m_hub->setLifecycle(localId, PoolState::Lifecycle::Gone, PoolEvent::Reason::ProgramExited);
    for (int localId : std::as_const(m_localQueueIds))
        m_hub->setQueueLifecycle(localId, QueueState::Lifecycle::Gone);
    m_hub->flush();
}

void MonitorClient::connectionClosed()
{
    const QString reason = m_channel && !m_channel->errorString().isEmpty() ? m_channel->errorString()
        : m_helloSeen ? tr("program %1 closed the monitor connection").arg(m_pid)
                      : tr("program %1 did not let this user attach (its monitor admits only its own user)").arg(m_pid);
    if (m_channel) {
        m_channel->disconnect(this);
        m_channel->deleteLater();
        m_channel = nullptr;
    }
    m_error = reason;
    markGone();
    Q_EMIT detached(reason);
}

qint64 MonitorClient::sendCommand(int remoteId, const QString &op, qint64 pid, quint64 task, bool stop, int processes)
{
    if (!m_channel || !m_control)
        return 0;
    const qint64 seq = m_nextSeq++;
    QCborMap m;
    m.insert(QStringLiteral("t"), QStringLiteral("command"));
    m.insert(QStringLiteral("seq"), seq);
    m.insert(QStringLiteral("op"), op);
    m.insert(QStringLiteral("id"), remoteId);
    m.insert(QStringLiteral("pid"), pid);
    m.insert(QStringLiteral("task"), qint64(task));
    m.insert(QStringLiteral("stop"), stop);
    if (processes > 0)
        m.insert(QStringLiteral("processes"), processes);
    m_channel->send(m);
    return seq;
}

void MonitorClient::receive(const QCborValue &value)
{
    const QCborMap m = value.toMap();
    const QString type = m.value(QStringLiteral("t")).toString();
    const int remoteId = int(cborInteger(m.value(QStringLiteral("id"))));
    auto malformed = [this](const QString &what) {
        if (!m_channel)
            return;
        m_channel->disconnect(this);
        m_channel->close();
        m_channel->deleteLater();
        m_channel = nullptr;
        m_error = tr("program %1 sent a malformed monitor message (%2); disconnected").arg(m_pid).arg(what);
        markGone();
        Q_EMIT detached(m_error);
    };
    if (type == QStringLiteral("hello")) {
        if (cborInteger(m.value(QStringLiteral("v"))) != MonitorProtocol::kVersion)
            return malformed(QStringLiteral("protocol version %1").arg(cborInteger(m.value(QStringLiteral("v")))));
        if (cborInteger(m.value(QStringLiteral("pid"))) != m_pid)
            return malformed(QStringLiteral("pid %1 in its hello").arg(cborInteger(m.value(QStringLiteral("pid")))));
        m_helloSeen = true;
        m_program = m.value(QStringLiteral("program")).toString();
        m_control = m.value(QStringLiteral("control")).toBool();
        m_historyPath = m.value(QStringLiteral("history")).toString();
    } else if (type == QStringLiteral("pool")) {
        if (m_localIds.contains(remoteId))
            return;
        m_remotes.push_back(std::make_unique<RemotePool>(this, remoteId));
        const QString name = QStringLiteral("%1 · %2 (pid %3)")
                                 .arg(m.value(QStringLiteral("name")).toString(), m_program)
                                 .arg(m_pid);
        const int localId = m_hub->addPool(name, int(cborInteger(m.value(QStringLiteral("processes")))),
                                           m_remotes.back().get());
        m_localIds.insert(remoteId, localId);
        m_hub->setMirrored(localId, m_pid); // the program's own hub decides what is stuck
        m_hub->setPoolOptions(localId, cborInteger(m.value(QStringLiteral("timeoutMs"))),
                              int(cborInteger(m.value(QStringLiteral("retries")))));
        const qint64 lifecycle = cborInteger(m.value(QStringLiteral("lifecycle")));
        if (lifecycle >= 0 && lifecycle <= int(PoolState::Lifecycle::Gone))
            m_hub->setLifecycle(localId, PoolState::Lifecycle(lifecycle));
        m_hub->setHeldTasks(localId, int(std::clamp<qint64>(cborInteger(m.value(QStringLiteral("held"))), 0, INT_MAX)));
    } else if (type == QStringLiteral("events")) {
        if (!m_localIds.contains(remoteId))
            return malformed(QStringLiteral("events for unknown pool %1").arg(remoteId));
        QList<PoolEvent> events;
        const QCborArray array = m.value(QStringLiteral("ev")).toArray();
        events.reserve(array.size());
        for (const QCborValue &e : array) {
            const std::optional<PoolEvent> event = MonitorProtocol::decodeEvent(e);
            if (!event)
                return malformed(QStringLiteral("an event"));
            events.append(*event);
        }
        MonitorProtocol::applyExtras(m.value(QStringLiteral("x")).toMap(), &events);
        m_hub->feed(m_localIds.value(remoteId), events);
    } else if (type == QStringLiteral("stuck")) {
        const std::optional<StuckReason> reason = MonitorProtocol::decodeStuck(m.value(QStringLiteral("why")));
        if (m_localIds.contains(remoteId) && reason)
            m_hub->setStuck(m_localIds.value(remoteId), quint64(cborInteger(m.value(QStringLiteral("task")))), *reason);
    } else if (type == QStringLiteral("processes")) {
        if (m_localIds.contains(remoteId))
            m_hub->setProcessCount(m_localIds.value(remoteId), int(cborInteger(m.value(QStringLiteral("processes")))));
    } else if (type == QStringLiteral("held")) {
        if (m_localIds.contains(remoteId))
            m_hub->setHeldTasks(m_localIds.value(remoteId),
                                int(std::clamp<qint64>(cborInteger(m.value(QStringLiteral("held"))), 0, INT_MAX)));
    } else if (type == QStringLiteral("sample")) {
        m_hub->applySample(cborInteger(m.value(QStringLiteral("pid"))), m.value(QStringLiteral("cpu")).toDouble(),
                           cborInteger(m.value(QStringLiteral("rss"))),
                           int(cborInteger(m.value(QStringLiteral("threads")))),
                           int(cborInteger(m.value(QStringLiteral("processes")))));
    } else if (type == QStringLiteral("lifecycle")) {
        const qint64 lifecycle = cborInteger(m.value(QStringLiteral("lifecycle")));
        if (m_localIds.contains(remoteId) && lifecycle >= 0 && lifecycle <= int(PoolState::Lifecycle::Gone))
            m_hub->setLifecycle(m_localIds.value(remoteId), PoolState::Lifecycle(lifecycle));
    } else if (type == QStringLiteral("title")) {
        if (m_localIds.contains(remoteId))
            m_hub->setBatchTitle(m_localIds.value(remoteId), quint64(cborInteger(m.value(QStringLiteral("batch")))),
                                 m.value(QStringLiteral("title")).toString());
    } else if (type == QStringLiteral("removed")) {
        if (m_localIds.contains(remoteId))
            m_hub->setLifecycle(m_localIds.value(remoteId), PoolState::Lifecycle::Gone, PoolEvent::Reason::PoolGone);
    } else if (type == QStringLiteral("queue")) {
        if (m_localQueueIds.contains(remoteId))
            return;
        const qint64 order = cborInteger(m.value(QStringLiteral("order")));
        if (order < 0 || order > int(QueueState::Order::Priority))
            return malformed(QStringLiteral("queue %1's order %2").arg(remoteId).arg(order));
        const QString name = QStringLiteral("%1 · %2 (pid %3)")
                                 .arg(m.value(QStringLiteral("name")).toString(), m_program)
                                 .arg(m_pid);
        m_localQueueIds.insert(remoteId, m_hub->addQueue(name, m.value(QStringLiteral("key")).toString(),
                                                         cborInteger(m.value(QStringLiteral("maxsize"))),
                                                         QueueState::Order(order),
                                                         m.value(QStringLiteral("joinable")).toBool()));
    } else if (type == QStringLiteral("queueState")) {
        if (!m_localQueueIds.contains(remoteId))
            return malformed(QStringLiteral("the state of unknown queue %1").arg(remoteId));
        const int localId = m_localQueueIds.value(remoteId);
        if (m.contains(QStringLiteral("depth"))) {
            QueueState::Reading reading;
            reading.depth = cborInteger(m.value(QStringLiteral("depth")));
            reading.unfinished = cborInteger(m.value(QStringLiteral("unfinished")));
            reading.puts = quint64(cborInteger(m.value(QStringLiteral("puts"))));
            m_hub->feedQueue(localId, reading);
        }
        const qint64 lifecycle = cborInteger(m.value(QStringLiteral("lifecycle")));
        if (lifecycle > 0 && lifecycle <= int(QueueState::Lifecycle::Gone))
            m_hub->setQueueLifecycle(localId, QueueState::Lifecycle(lifecycle));
    } else if (type == QStringLiteral("queueRemoved")) {
        if (m_localQueueIds.contains(remoteId))
            m_hub->setQueueLifecycle(m_localQueueIds.value(remoteId), QueueState::Lifecycle::Gone);
    } else if (type == QStringLiteral("ready")) {
        m_ready = true;
        m_hub->flush();
        Q_EMIT ready();
    } else if (type == QStringLiteral("reply")) {
        Q_EMIT commandFinished(cborInteger(m.value(QStringLiteral("seq"))), m.value(QStringLiteral("ok")).toBool(),
                             m.value(QStringLiteral("error")).toString());
    }
}

} // namespace qmp
