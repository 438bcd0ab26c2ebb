#include "monitorserver.h"

#include "cborconvert.h"
#include "framechannel.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "monotonicclock.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSet>
#include <QSocketNotifier>

#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace qmp {

namespace {
QCborMap message(const char *type)
{
    QCborMap m;
    m.insert(QStringLiteral("t"), QString::fromLatin1(type));
    return m;
}

QCborMap poolMessage(int id, const PoolState &pool)
{
    QCborMap m = message("pool");
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("name"), pool.name());
    m.insert(QStringLiteral("processes"), pool.processes());
    m.insert(QStringLiteral("lifecycle"), int(pool.lifecycle()));
    m.insert(QStringLiteral("timeoutMs"), pool.taskTimeoutMs());
    m.insert(QStringLiteral("retries"), pool.retries());
    if (pool.heldTasks() > 0)
        m.insert(QStringLiteral("held"), pool.heldTasks());
    return m;
}

QCborMap sampleMessage(qint64 pid, double cpu, qint64 rss, int threads, int processes)
{
    QCborMap m = message("sample");
    m.insert(QStringLiteral("pid"), pid);
    m.insert(QStringLiteral("cpu"), cpu);
    m.insert(QStringLiteral("rss"), rss);
    m.insert(QStringLiteral("threads"), threads);
    m.insert(QStringLiteral("processes"), processes);
    return m;
}

QCborMap queueMessage(int id, const QueueState &queue)
{
    QCborMap m = message("queue");
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("name"), queue.name());
    m.insert(QStringLiteral("key"), queue.key());
    m.insert(QStringLiteral("maxsize"), queue.maxsize());
    m.insert(QStringLiteral("order"), int(queue.order()));
    m.insert(QStringLiteral("joinable"), queue.isJoinable());
    return m;
}

QCborMap queueStateMessage(int id, const QueueState &queue)
{
    QCborMap m = message("queueState");
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("lifecycle"), int(queue.lifecycle()));
    if (queue.hasReading()) {
        m.insert(QStringLiteral("depth"), queue.depth());
        m.insert(QStringLiteral("unfinished"), queue.unfinished());
        m.insert(QStringLiteral("puts"), qint64(queue.puts()));
    }
    return m;
}

// The events that rebuild a pool's state on the other side: its workers, then every task in
// memory from queued to where it is now, then the exits of the workers that have exited (so no
// exited worker comes back as idle). Wall-clock times go back to the monotonic clock.
QList<PoolEvent> snapshotEvents(const PoolState &pool)
{
    const qint64 nowNs = monotonicNs();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    auto mono = [&](qint64 wallMs) { return wallMs ? nowNs - (nowMs - wallMs) * 1'000'000 : nowNs; };
    QList<PoolEvent> events;
    if (pool.isOnSlurm()) {
        PoolEvent e;
        e.kind = PoolEvent::Kind::SlurmJob;
        e.timeNs = nowNs;
        e.slurmJobId = pool.slurmJob().jobId;
        e.slurmState = pool.slurmJob().state;
        e.message = pool.slurmJob().reason;
        events.append(e);
    }
    for (const WorkerState &worker : pool.workers()) {
        if (worker.isCommand)
            continue;
        PoolEvent e;
        e.kind = PoolEvent::Kind::WorkerStarted;
        e.timeNs = mono(worker.startedMs);
        e.workerPid = worker.pid;
        events.append(e);
        if (!worker.host.isEmpty()) {
            e.kind = PoolEvent::Kind::WorkerPlaced;
            e.host = worker.host;
            e.slurmStep = worker.slurmStep;
            events.append(e);
        }
    }
    QSet<qint64> taskWorkers;
    for (quint64 id : pool.taskOrder()) {
        const TaskState *task = pool.task(id);
        if (!task)
            continue;
        PoolEvent e;
        e.taskId = task->id;
        e.batchId = task->engineBatchId;
        e.index = task->index;
        e.isCommand = task->isCommand;
        e.single = task->single;
        e.failsTogether = task->failsTogether;
        e.task = task->name;
        e.items = task->items;
        e.attempt = task->attempt;
        e.kind = PoolEvent::Kind::TaskQueued;
        e.timeNs = mono(task->queuedMs);
        e.arguments = task->arguments;
        events.append(e);
        e.arguments = QCborValue();
        e.failsTogether = false; // said with TaskQueued
        if (task->state == TaskState::State::Queued || task->startedMs == 0) {
            if (!task->isDone())
                continue;
        } else {
            e.kind = PoolEvent::Kind::TaskStarted;
            e.timeNs = mono(task->startedMs);
            e.workerPid = task->workerPid;
            e.host = task->host;
            events.append(e);
            if (!task->isCommand && task->workerPid)
                taskWorkers.insert(task->workerPid);
            for (const TaskState::Output &piece : task->output) {
                e.kind = PoolEvent::Kind::TaskOutput;
                e.channel = piece.channel;
                e.message = piece.text;
                events.append(e);
            }
            e.message.clear();
            e.channel = 0;
        }
        if (!task->isDone())
            continue;
        e.kind = task->state == TaskState::State::Finished ? PoolEvent::Kind::TaskFinished : PoolEvent::Kind::TaskFailed;
        e.timeNs = mono(task->endedMs);
        e.durationNs = task->durationNs;
        e.exitCode = task->exitCode;
        e.message = task->message;
        e.reason = task->reason;
        e.reasonArgs = task->reasonArgs;
        e.result = task->result;
        events.append(e);
    }
    for (const WorkerState &worker : pool.workers()) {
        taskWorkers.remove(worker.pid);
        if (worker.isCommand || worker.state != WorkerState::State::Exited)
            continue;
        PoolEvent e;
        e.kind = PoolEvent::Kind::WorkerExited;
        e.timeNs = mono(worker.exitedMs);
        e.workerPid = worker.pid;
        e.exitCode = worker.exitCode;
        e.message = worker.exitDescription;
        events.append(e);
    }
    for (qint64 pid : std::as_const(taskWorkers)) { // workers the hub forgot: long gone
        PoolEvent e;
        e.kind = PoolEvent::Kind::WorkerExited;
        e.timeNs = nowNs;
        e.workerPid = pid;
        events.append(e);
    }
    return events;
}

QCborMap eventsMessage(int id, const QList<PoolEvent> &events)
{
    QCborMap m = message("events");
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("ev"), MonitorProtocol::encode(events));
    const QCborMap extras = MonitorProtocol::encodeExtras(events);
    if (!extras.isEmpty())
        m.insert(QStringLiteral("x"), extras);
    return m;
}

QCborMap stuckMessage(int id, quint64 taskId, const StuckReason &reason)
{
    QCborMap m = message("stuck");
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("task"), qint64(taskId));
    m.insert(QStringLiteral("why"), MonitorProtocol::encode(reason));
    return m;
}
} // namespace

MonitorServer::MonitorServer(MonitorHub *hub, QObject *parent) : QObject(parent), m_hub(hub)
{
    connect(hub, &MonitorHub::eventsFed, this, [this](int id, const QList<PoolEvent> &events) {
        if (!m_clients.isEmpty())
            broadcast(eventsMessage(id, events));
    });
    connect(hub, &MonitorHub::stuckDetected, this, [this](int id, quint64 taskId) {
        const PoolState *pool = m_hub->pool(id);
        const TaskState *task = pool ? pool->task(taskId) : nullptr;
        if (task && task->stuck.isStuck() && !m_clients.isEmpty())
            broadcast(stuckMessage(id, taskId, task->stuck));
    });
    connect(hub, &MonitorHub::processesChanged, this, [this](int id, int processes) {
        QCborMap m = message("processes");
        m.insert(QStringLiteral("id"), id);
        m.insert(QStringLiteral("processes"), processes);
        broadcast(m);
    });
    connect(hub, &MonitorHub::heldTasksChanged, this, [this](int id, int held) {
        QCborMap m = message("held");
        m.insert(QStringLiteral("id"), id);
        m.insert(QStringLiteral("held"), held);
        broadcast(m);
    });
    connect(hub, &MonitorHub::sampleApplied, this,
            [this](qint64 pid, double cpu, qint64 rss, int threads, int processes) {
                if (!m_clients.isEmpty())
                    broadcast(sampleMessage(pid, cpu, rss, threads, processes));
            });
    connect(hub, &MonitorHub::lifecycleChanged, this, [this](int id, PoolState::Lifecycle lifecycle) {
        QCborMap m = message("lifecycle");
        m.insert(QStringLiteral("id"), id);
        m.insert(QStringLiteral("lifecycle"), int(lifecycle));
        broadcast(m);
    });
    connect(hub, &MonitorHub::poolAdded, this, [this](int id) {
        if (const PoolState *pool = m_hub->pool(id))
            broadcast(poolMessage(id, *pool));
    });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) {
        QCborMap m = message("removed");
        m.insert(QStringLiteral("id"), id);
        broadcast(m);
    });
    connect(hub, &MonitorHub::queueAdded, this, [this](int id) {
        if (const QueueState *queue = m_hub->queue(id); queue && !m_clients.isEmpty()) {
            broadcast(queueMessage(id, *queue));
            broadcast(queueStateMessage(id, *queue));
        }
    });
    connect(hub, &MonitorHub::queueChanged, this, [this](int id) {
        if (const QueueState *queue = m_hub->queue(id); queue && !m_clients.isEmpty())
            broadcast(queueStateMessage(id, *queue));
    });
    connect(hub, &MonitorHub::queueRemoved, this, [this](int id) {
        QCborMap m = message("queueRemoved");
        m.insert(QStringLiteral("id"), id);
        broadcast(m);
    });
}

MonitorServer::~MonitorServer()
{
    close();
}

bool MonitorServer::listen(const QByteArray &name)
{
    close();
    const qint64 pid = QCoreApplication::applicationPid();
    m_name = name.isEmpty() ? MonitorProtocol::endpointName(pid) : name;
    m_error.clear();
    m_fd = MonitorProtocol::listenOn(m_name, &m_error);
    // Someone bound this program's name first (abstract names are anyone's): serve under
    // another one, which discover() finds too.
    for (int attempt = 0; m_fd < 0 && name.isEmpty() && attempt < 8; ++attempt) {
        m_name = MonitorProtocol::fallbackName(pid);
        m_error.clear();
        m_fd = MonitorProtocol::listenOn(m_name, &m_error);
    }
    if (m_fd < 0)
        return false;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &MonitorServer::acceptClients);
    return true;
}

void MonitorServer::close()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    const QList<Client> clients = m_clients;
    m_clients.clear();
    for (const Client &client : clients) {
        client.channel->disconnect(this);
        client.channel->close();
        client.channel->deleteLater();
    }
}

void MonitorServer::acceptClients()
{
    for (;;) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN: all taken; other errors: the next activation tries again
        const std::optional<MonitorProtocol::Credentials> peer = MonitorProtocol::peerCredentials(fd);
        const qint64 self = qint64(::geteuid());
        if (!peer || (peer->uid != self && !MonitorProtocol::inGroup(peer->uid, peer->gid, m_allowedGroup))) {
            ::close(fd); // nothing sent, nothing read
            Q_EMIT clientRefused(peer ? peer->uid : -1);
            continue;
        }
        Client client;
        client.uid = peer->uid;
        client.channel = new FrameChannel(fd, this, kMaxClientFrame);
        FrameChannel *channel = client.channel;
        connect(channel, &FrameChannel::frameReceived, this, [this, channel](const QCborValue &value) {
            for (Client &c : m_clients) {
                if (c.channel == channel) {
                    handle(c, value);
                    return;
                }
            }
        });
        connect(channel, &FrameChannel::closed, this, [this, channel] {
            drop(channel, channel->errorString().isEmpty() ? QStringLiteral("the client left") : channel->errorString());
        });
        m_clients.append(client);
        sendSnapshot(m_clients.last());
        Q_EMIT clientConnected();
    }
}

void MonitorServer::sendSnapshot(Client &client)
{
    const bool control = m_controlAllowed && client.uid == qint64(::geteuid());
    QCborMap hello = message("hello");
    hello.insert(QStringLiteral("v"), MonitorProtocol::kVersion);
    hello.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    hello.insert(QStringLiteral("program"), QFileInfo(QCoreApplication::applicationFilePath()).fileName());
    hello.insert(QStringLiteral("control"), control);
    if (!m_historyPath.isEmpty())
        hello.insert(QStringLiteral("history"), QFileInfo(m_historyPath).absoluteFilePath());
    QList<QCborValue> frames{hello};
    for (int id : m_hub->poolIds()) {
        const PoolState *pool = m_hub->pool(id);
        frames.append(poolMessage(id, *pool));
        frames.append(eventsMessage(id, snapshotEvents(*pool)));
        for (quint64 taskId : pool->taskOrder()) {
            const TaskState *task = pool->task(taskId);
            if (task && task->stuck.isStuck() && !task->isDone())
                frames.append(stuckMessage(id, taskId, task->stuck));
        }
        // A title names a submission (what setBatchTitle takes) whose tasks the client has just
        // been sent: the batch of single calls has none (the client names it from its tasks, as
        // we do), and a batch none of whose tasks is still in memory would be an empty one there.
        QSet<quint64> sent;
        for (quint64 taskId : pool->taskOrder()) {
            if (const TaskState *task = pool->task(taskId); task && !task->single)
                sent.insert(task->engineBatchId);
        }
        for (const BatchState &batch : pool->batches()) {
            if (batch.loose || !sent.contains(batch.engineId))
                continue;
            QCborMap title = message("title");
            title.insert(QStringLiteral("id"), id);
            title.insert(QStringLiteral("batch"), qint64(batch.engineId));
            title.insert(QStringLiteral("title"), batch.title);
            frames.append(title);
        }
        for (const WorkerState &worker : pool->workers()) {
            if (worker.cpuPercent < 0 || worker.state == WorkerState::State::Exited)
                continue;
            frames.append(sampleMessage(worker.pid, worker.cpuPercent, worker.rssBytes, worker.threads, worker.processes));
        }
    }
    for (int id : m_hub->queueIds()) {
        const QueueState *queue = m_hub->queue(id);
        frames.append(queueMessage(id, *queue));
        frames.append(queueStateMessage(id, *queue));
    }
    frames.append(message("ready"));
    client.channel->send(frames);
}

void MonitorServer::broadcast(const QCborValue &value)
{
    QList<FrameChannel *> tooSlow;
    for (const Client &client : std::as_const(m_clients)) {
        client.channel->send(value);
        if (client.channel->bytesToWrite() > kMaxQueuedBytes)
            tooSlow.append(client.channel);
    }
    for (FrameChannel *channel : tooSlow)
        drop(channel, QStringLiteral("the client did not keep up (over 16 MiB queued)"));
}

void MonitorServer::handle(Client &client, const QCborValue &value)
{
    const QCborMap in = value.toMap();
    if (in.value(QStringLiteral("t")).toString() != QStringLiteral("command"))
        return; // unknown messages are ignored: newer clients may send more
    const qint64 seq = cborInteger(in.value(QStringLiteral("seq")));
    const QString op = in.value(QStringLiteral("op")).toString();
    const int id = int(cborInteger(in.value(QStringLiteral("id"))));
    QString error;
    bool ok = false;
    if (!m_controlAllowed) {
        error = QStringLiteral("this program's monitor is read-only (start it with QMP_MONITOR=control to allow controls)");
    } else if (client.uid != qint64(::geteuid())) {
        error = QStringLiteral("only the user running this program may control its pools");
    } else if (!m_hub->pool(id)) {
        error = QStringLiteral("no pool %1 in this program").arg(id);
    } else {
        if (op == QStringLiteral("pause"))
            ok = m_hub->pause(id, in.value(QStringLiteral("stop")).toBool());
        else if (op == QStringLiteral("resume"))
            ok = m_hub->resume(id);
        else if (op == QStringLiteral("close"))
            ok = m_hub->close(id);
        else if (op == QStringLiteral("terminate"))
            ok = m_hub->terminate(id);
        else if (op == QStringLiteral("terminateWorker"))
            ok = m_hub->terminateWorker(id, cborInteger(in.value(QStringLiteral("pid"))));
        else if (op == QStringLiteral("cancelTask"))
            ok = m_hub->cancelTask(id, quint64(cborInteger(in.value(QStringLiteral("task")))));
        else if (op == QStringLiteral("resize"))
            ok = m_hub->resize(id, int(std::clamp<qint64>(cborInteger(in.value(QStringLiteral("processes"))), 0, 1 << 16)));
        else if (op == QStringLiteral("retryTask"))
            ok = m_hub->retryTask(id, quint64(cborInteger(in.value(QStringLiteral("task")))));
        else
            error = QStringLiteral("unknown command \"%1\"").arg(op);
        if (!ok && error.isEmpty())
            error = QStringLiteral("%1 did not apply: the pool, worker or task is not in a state that allows it").arg(op);
    }
    QCborMap reply = message("reply");
    reply.insert(QStringLiteral("seq"), seq);
    reply.insert(QStringLiteral("ok"), ok);
    reply.insert(QStringLiteral("error"), error);
    client.channel->send(reply);
}

void MonitorServer::drop(FrameChannel *channel, const QString &reason)
{
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        if (m_clients.at(i).channel == channel) {
            m_clients.removeAt(i);
            channel->disconnect(this);
            channel->close();
            channel->deleteLater();
            Q_EMIT clientDisconnected(reason);
            return;
        }
    }
}

} // namespace qmp
