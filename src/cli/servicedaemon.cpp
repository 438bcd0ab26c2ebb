#include "servicedaemon.h"

#include "atomicfile.h"
#include "batchrecord.h"
#include "errors.h"
#include "finishedjob.h"
#include "framechannel.h"
#include "framedecoder.h"
#include "historystore.h"
#include "hubsampler.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "monotonicclock.h"
#include "pool.h"
#include "procsampler.h"
#include "servicegroupcontrol.h"
#include "taskrecord.h"

#include <QCborArray>
#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <unistd.h>

namespace qmp {

namespace {
constexpr qsizetype kMaxRequestFrame = 16 << 20; // a command line and its environment fit; more is refused
constexpr qsizetype kFollowChunk = 256 * 1024;
constexpr qsizetype kRelayChunk = 1024 * 1024; // a job's output to the hub per relay and stream
constexpr int kStateVersion = 1;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A PoolEvent's time (CLOCK_MONOTONIC ns) in ms since the Unix epoch.
qint64 epochMsOf(qint64 monotonicNs)
{
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const qint64 agoNs = qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec - monotonicNs;
    return nowMs() - std::max<qint64>(agoNs, 0) / 1'000'000;
}

QCborMap failure(const QString &why)
{
    return QCborMap{{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

QCborMap success()
{
    return QCborMap{{QStringLiteral("ok"), true}};
}

// The last `bytes` of a file, and its size (an empty or missing file is not opened).
QByteArray tailOf(const QString &path, qint64 bytes, qint64 *size)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0 || info.st_size == 0) {
        *size = 0;
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *size = 0;
        return {};
    }
    *size = file.size();
    if (*size > bytes)
        file.seek(*size - bytes);
    return file.readAll();
}
} // namespace

struct ServiceDaemon::Group
{
    QString name;
    int parallel = 1;
    bool paused = false;
    int running = 0;                 // jobs whose process has started (the pool said so)
    int inPool = 0;                  // jobs handed to the pool: running, or queued in it ahead
    // How many jobs wait in the pool's own queue beyond the ones it runs: the next job starts as
    // soon as a slot frees, without a round trip through the service's thread (which may be
    // saving the state meanwhile: enough to cover that with short jobs).
    int ahead() const { return std::max(parallel, 16); }
    std::unique_ptr<Pool> pool;      // made when its first job starts
    QHash<quint64, qint64> jobOfBatch; // the pool's batch id (AsyncResult::batchId) -> job id
    QHash<quint64, qint64> jobOfTask;  // the pool's task id -> job id (the monitor's controls)
    int hubId = 0;                   // the pool in the monitor hub, once made
    std::unique_ptr<ServiceGroupControl> control;
};

struct ServiceDaemon::Live
{
    quint64 taskId = 0;          // the pool's, once its events said it
    quint64 batchId = 0;         // its submission in the pool (Pool::cancelCommands takes it at once)
    bool started = false;        // its process started (until then the job is queued, in the pool)
    bool detached = false;       // killed while queued in the pool: the job has ended, its result goes nowhere
    bool withdrawn = false;      // paused while queued in the pool: taken out, the job stays queued here
    QString group;
    QString killedWhy;           // set when kill() ended it
    std::unique_ptr<QFutureWatcher<CommandResult>> watcher;
};

struct ServiceDaemon::Connection
{
    FrameChannel *channel = nullptr;
    qint64 followId = 0;
    qint64 followOffset[2] = {0, 0};
    bool waiting = false;
    QList<qint64> waitIds; // empty with waitGroup empty: every job
    QString waitGroup;
};

ServiceDaemon::ServiceDaemon(ServicePaths paths, QString historyPath, QObject *parent)
    : QObject(parent), m_paths(std::move(paths)), m_historyPath(std::move(historyPath))
{
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(100); // at most ten rewrites a second, however many jobs end
    connect(m_saveTimer, &QTimer::timeout, this, &ServiceDaemon::saveState);
    m_followTimer = new QTimer(this);
    m_followTimer->setInterval(100);
    connect(m_followTimer, &QTimer::timeout, this, &ServiceDaemon::pumpFollowers);
    m_relayTimer = new QTimer(this);
    m_relayTimer->setInterval(250);
    connect(m_relayTimer, &QTimer::timeout, this, &ServiceDaemon::relayRunningOutput);
}

ServiceDaemon::~ServiceDaemon()
{
    stop();
}

bool ServiceDaemon::start()
{
    if (!m_paths.prepareRuntimeDir(&m_error) || !m_paths.prepareStateDir(&m_error))
        return false;
    m_lockFd = ::open(QFile::encodeName(m_paths.lockPath()).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_lockFd < 0) {
        m_error = tr("cannot open the lock file %1: %2").arg(m_paths.lockPath(), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        m_alreadyRunning = errno == EWOULDBLOCK;
        m_error = m_alreadyRunning ? tr("a service is running already (it holds %1)").arg(m_paths.lockPath())
                                   : tr("cannot lock %1: %2").arg(m_paths.lockPath(), QString::fromLocal8Bit(std::strerror(errno)));
        ::close(m_lockFd);
        m_lockFd = -1;
        return false;
    }
    m_history = std::make_unique<HistoryStore>(m_historyPath);
    if (!m_history->isOpen()) {
        m_error = m_history->errorString();
        m_history.reset();
        ::close(m_lockFd);
        m_lockFd = -1;
        return false;
    }
    group(QStringLiteral("default"));
    loadState();
    if (!listenOn(m_paths.socketPath())) {
        ::close(m_lockFd);
        m_lockFd = -1;
        return false;
    }
    saveState();
    // The groups' pools on the monitor socket, like any libqmp program's (QMP_MONITOR=control):
    // the studio attaches to show them. The service works without it.
    m_hub = new MonitorHub({}, this);
    // A group's jobs are one batch of single calls in its pool's view; it takes the number of the
    // job that opened it (a number of the history already: job ids have no gaps).
    m_hub->setBatchIdSource([this] {
        const qint64 id = m_lastStartedJob > m_lastHubBatch ? m_lastStartedJob : m_history->newBatchId(); // never twice
        m_lastHubBatch = std::max(m_lastHubBatch, id);
        return quint64(id);
    });
    m_sampler = new ProcSampler(this);
    m_hubSampler = new HubSampler(m_hub, m_sampler, this);
    m_monitor = new MonitorServer(m_hub, this);
    m_monitor->setControlAllowed(true);
    m_monitor->setHistoryPath(m_history->path());
    if (!m_monitor->listen())
        qWarning("qmp service: no monitor socket (the studio will not show its groups): %s", qPrintable(m_monitor->errorString()));
    m_hubSampler->followClients(m_monitor);
    schedule();
    return true;
}

bool ServiceDaemon::listenOn(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (size_t(name.size()) >= sizeof address.sun_path) {
        m_error = tr("the socket path is too long: %1").arg(path);
        return false;
    }
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    ::unlink(name.constData()); // a socket left by a killed service (we hold the lock)
    m_listenFd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_listenFd < 0 || ::bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::chmod(name.constData(), 0600) != 0 || ::listen(m_listenFd, 64) != 0) {
        m_error = tr("cannot listen on %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return false;
    }
    m_acceptNotifier = new QSocketNotifier(m_listenFd, QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &ServiceDaemon::accept);
    return true;
}

void ServiceDaemon::accept()
{
    for (;;) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            return;
        ucred peer = {};
        socklen_t length = sizeof peer;
        if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 || peer.uid != ::getuid()) {
            // Another user (or one we cannot tell): one frame saying so, then nothing.
            const QByteArray frame = FrameDecoder::encode(
                failure(QStringLiteral("refused: this QMP service belongs to uid %1").arg(::getuid())));
            [[maybe_unused]] const ssize_t n = ::send(fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::close(fd);
            continue;
        }
        auto connection = std::make_unique<Connection>();
        Connection *raw = connection.get();
        raw->channel = new FrameChannel(fd, this, kMaxRequestFrame);
        connect(raw->channel, &FrameChannel::frameReceived, this, [this, raw](const QCborValue &value) { handle(raw, value); });
        connect(raw->channel, &FrameChannel::closed, this, [this, raw] { dropConnection(raw); });
        m_connections.push_back(std::move(connection));
    }
}

void ServiceDaemon::dropConnection(Connection *connection)
{
    const auto it = std::find_if(m_connections.begin(), m_connections.end(),
                                 [connection](const auto &c) { return c.get() == connection; });
    if (it == m_connections.end())
        return;
    (*it)->channel->disconnect(this);
    (*it)->channel->deleteLater();
    m_connections.erase(it);
}

void ServiceDaemon::reply(Connection *connection, const QCborMap &map)
{
    if (connection->channel->isOpen())
        connection->channel->send(map);
}

void ServiceDaemon::handle(Connection *connection, const QCborValue &value)
{
    QString error;
    const std::optional<ServiceRequest> request = ServiceRequest::parse(value, &error);
    if (!request) {
        reply(connection, failure(QStringLiteral("bad request: %1").arg(error)));
        return;
    }
    QCborMap answer;
    try {
        answer = execute(connection, *request);
    } catch (const std::exception &e) { // a request never takes the service down
        answer = failure(QStringLiteral("the service could not do it: %1").arg(QString::fromUtf8(e.what())));
    }
    // What a client is told is on disk first: a submit acknowledged, then a SIGKILL, must not
    // lose the job (job ends between requests still share one save).
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        saveState();
    }
    // What the client changed may not be on disk: it says so to its user.
    if (!m_stateProblem.isEmpty() && answer.value(QStringLiteral("ok")).toBool())
        answer.insert(QStringLiteral("problem"), m_stateProblem);
    if (!answer.isEmpty())
        reply(connection, answer);
    if (request->op == ServiceRequest::Op::Stop) {
        connection->channel->flush(QDeadlineTimer(1000));
        Q_EMIT stopRequested();
    }
}

QCborMap ServiceDaemon::execute(Connection *connection, const ServiceRequest &request)
{
    using Op = ServiceRequest::Op;
    const auto job = m_jobs.find(request.id);
    const bool known = job != m_jobs.end();
    const QString unknown = QStringLiteral("job %1 does not exist").arg(request.id);
    switch (request.op) {
    case Op::Submit: {
        for (qint64 after : request.job.after) {
            if (!m_jobs.contains(after))
                return failure(QStringLiteral("job %1 does not exist (--after %1)").arg(after));
        }
        ServiceJob added = request.job;
        // The same environment as the last job's (one shell submitting): share its list.
        if (!m_jobs.empty() && m_jobs.rbegin()->second.environment == added.environment)
            added.environment = m_jobs.rbegin()->second.environment;
        added.createdMs = nowMs();
        added.paused = false;
        // A batch is queued whole: its ids taken in one history write, one state save (in
        // handle()) before the reply. Output files are made when a job is handed to its pool.
        const qsizetype count = request.commands.isEmpty() ? 1 : request.commands.size();
        const QList<qint64> ids = m_history->newBatchIds(int(count));
        QCborArray idList;
        for (qsizetype i = 0; i < count; ++i) {
            ServiceJob job = added;
            if (!request.commands.isEmpty()) {
                job.program = request.commands.at(i).first();
                job.arguments = request.commands.at(i).mid(1);
            }
            job.id = ids.at(i);
            m_jobs.emplace(job.id, std::move(job));
            idList.append(ids.at(i));
        }
        m_endedBelow = std::min(m_endedBelow, ids.first()); // ids grow; but never trust that blindly
        group(added.group);
        jobsChanged();
        // Which history records them: the service's, whatever the client's is (it can say so).
        return QCborMap{{QStringLiteral("ok"), true},
                        {QStringLiteral("id"), ids.first()},
                        {QStringLiteral("ids"), idList},
                        {QStringLiteral("history"), m_history->path()}};
    }
    case Op::Status:
        return statusMap();
    case Op::Log: {
        if (!known)
            return failure(unknown);
        QCborMap answer = success();
        answer.insert(QStringLiteral("job"), job->second.toCbor(false));
        for (bool standardError : {false, true}) {
            qint64 size = 0;
            answer.insert(standardError ? QStringLiteral("stderr") : QStringLiteral("stdout"),
                          tailOf(m_paths.outputPath(request.id, standardError), 64 << 20, &size));
        }
        return answer;
    }
    case Op::Follow:
        if (!known)
            return failure(unknown);
        reply(connection, QCborMap{{QStringLiteral("ok"), true}, {QStringLiteral("job"), job->second.toCbor(false)}});
        connection->followId = request.id;
        connection->followOffset[0] = connection->followOffset[1] = 0;
        m_followTimer->start();
        pumpFollowers();
        return {};
    case Op::Kill: {
        int killed = 0;
        if (request.id > 0) {
            if (!known)
                return failure(unknown);
            if (job->second.isFinished())
                return failure(QStringLiteral("job %1 has ended already").arg(request.id));
            killed += kill(request.id, QStringLiteral("killed by the user")) ? 1 : 0;
        } else {
            QList<qint64> ids;
            for (const auto &[id, j] : m_jobs) {
                if (j.group == request.group && !j.isFinished())
                    ids.append(id);
            }
            for (qint64 id : ids)
                killed += kill(id, QStringLiteral("killed by the user")) ? 1 : 0;
        }
        return QCborMap{{QStringLiteral("ok"), true}, {QStringLiteral("killed"), killed}};
    }
    case Op::Wait:
        for (qint64 id : request.ids) {
            if (!m_jobs.contains(id))
                return failure(QStringLiteral("job %1 does not exist").arg(id));
        }
        if (!request.group.isEmpty() && !m_groups.contains(request.group))
            return failure(QStringLiteral("group %1 does not exist").arg(request.group));
        connection->waiting = true;
        connection->waitIds = request.ids;
        connection->waitGroup = request.group;
        answerWaiters();
        return {};
    case Op::Pause:
    case Op::Resume: {
        if (request.id > 0) {
            if (!known)
                return failure(unknown);
            if (job->second.isFinished())
                return failure(QStringLiteral("job %1 has ended already").arg(request.id));
            pauseJob(job->second, request.op == Op::Pause);
            jobsChanged();
            return success();
        }
        if (!m_groups.contains(request.group))
            return failure(QStringLiteral("group %1 does not exist").arg(request.group));
        Group &g = group(request.group);
        g.paused = request.op == Op::Pause;
        if (g.pool) {
            g.paused ? g.pool->pause(true) : g.pool->resume(); // running jobs stop (SIGSTOP) and continue
            if (!g.paused) {
                // ...but not the ones paused one by one: stopped again once the pool's thread has
                // continued them (workerPids() answers after the resume queued before it).
                g.pool->workerPids();
                for (const auto &[id, live] : m_live) {
                    const auto j = m_jobs.find(id);
                    const bool pausedAlone = j != m_jobs.end() && j->second.group == g.name && j->second.paused;
                    if (live->started && pausedAlone && j->second.pid > 0)
                        ::kill(-pid_t(j->second.pid), SIGSTOP);
                }
            }
        }
        publish(g);
        jobsChanged();
        return success();
    }
    case Op::Parallel: {
        Group &g = group(request.group);
        g.parallel = request.parallel;
        if (g.pool)
            g.pool->setProcesses(g.parallel);
        publish(g);
        jobsChanged();
        return success();
    }
    case Op::Restart: {
        if (!known)
            return failure(unknown);
        if (!job->second.isFinished())
            return failure(QStringLiteral("job %1 has not ended").arg(request.id));
        ServiceRequest again;
        again.op = Op::Submit;
        again.job = job->second;
        again.job.after.clear();
        again.job.state = ServiceJob::State::Queued;
        again.job.exitCode = 0;
        again.job.error.clear();
        again.job.pid = again.job.startedMs = again.job.endedMs = 0;
        return execute(connection, again);
    }
    case Op::Remove:
        if (!known)
            return failure(unknown);
        if (job->second.state == ServiceJob::State::Running)
            return failure(QStringLiteral("job %1 is running: kill it first").arg(request.id));
        for (const auto &[id, j] : m_jobs) {
            if (!j.isFinished() && j.after.contains(request.id))
                return failure(QStringLiteral("job %1 waits for job %2").arg(id).arg(request.id));
        }
        if (m_live.contains(request.id))
            kill(request.id, QStringLiteral("removed by the user")); // queued in its pool: out of it first
        QFile::remove(m_paths.outputPath(request.id, false));
        QFile::remove(m_paths.outputPath(request.id, true));
        m_jobs.erase(job);
        m_encodedJobs.remove(request.id);
        jobsChanged();
        return success();
    case Op::Clean: {
        int removed = 0;
        for (auto it = m_jobs.begin(); it != m_jobs.end();) {
            const qint64 id = it->first;
            const bool needed = std::any_of(m_jobs.begin(), m_jobs.end(),
                                            [id](const auto &j) { return !j.second.isFinished() && j.second.after.contains(id); });
            if (it->second.isFinished() && !needed) {
                QFile::remove(m_paths.outputPath(id, false));
                QFile::remove(m_paths.outputPath(id, true));
                it = m_jobs.erase(it);
                m_encodedJobs.remove(id);
                ++removed;
            } else {
                ++it;
            }
        }
        jobsChanged();
        return QCborMap{{QStringLiteral("ok"), true}, {QStringLiteral("removed"), removed}};
    }
    case Op::Stop:
        return success();
    }
    return failure(QStringLiteral("unknown request"));
}

QCborMap ServiceDaemon::statusMap() const
{
    QCborArray groups;
    for (const auto &[name, g] : m_groups) {
        groups.append(QCborMap{{QStringLiteral("name"), name},
                               {QStringLiteral("parallel"), g->parallel},
                               {QStringLiteral("paused"), g->paused},
                               {QStringLiteral("running"), g->running}});
    }
    QCborArray jobs;
    for (const auto &[id, j] : m_jobs) {
        jobs.append(j.toCbor(false)); // the environment: large and not shown
    }
    QCborMap answer{{QStringLiteral("ok"), true},
                    {QStringLiteral("groups"), groups},
                    {QStringLiteral("jobs"), jobs},
                    {QStringLiteral("pid"), qint64(::getpid())}};
    if (!m_stateProblem.isEmpty())
        answer.insert(QStringLiteral("problem"), m_stateProblem);
    return answer;
}

ServiceDaemon::Group &ServiceDaemon::group(const QString &name)
{
    auto &slot = m_groups[name];
    if (!slot) {
        slot = std::make_unique<Group>();
        slot->name = name;
    }
    return *slot;
}

void ServiceDaemon::jobsChanged()
{
    schedule();
    publishHeld();
    saveSoon();
    answerWaiters();
    if (!m_followTimer->isActive())
        pumpFollowers();
}

void ServiceDaemon::publish(Group &g)
{
    if (!m_hub || g.hubId == 0)
        return;
    m_hub->setLifecycle(g.hubId, g.paused ? PoolState::Lifecycle::Paused : PoolState::Lifecycle::Running);
    m_hub->setProcessCount(g.hubId, g.parallel);
}

void ServiceDaemon::publishHeld()
{
    if (!m_hub)
        return;
    // Queued here, not (or no longer) in the pool's queue: the hub counts the pool's own.
    QHash<QString, int> held;
    for (auto it = firstUnfinished(); it != m_jobs.end(); ++it) {
        if (it->second.state != ServiceJob::State::Queued)
            continue;
        const auto live = m_live.find(it->first);
        if (live == m_live.end() || live->second->withdrawn)
            ++held[it->second.group];
    }
    for (const auto &[name, g] : m_groups) {
        if (g->hubId != 0)
            m_hub->setHeldTasks(g->hubId, held.value(name));
    }
}

qint64 ServiceDaemon::jobOfTask(const Group &g, quint64 taskId, qint64 pid) const
{
    if (pid <= 0)
        return g.jobOfTask.value(taskId);
    for (const auto &[id, job] : m_jobs) { // a worker of a service group is its job's process
        if (job.group == g.name && job.state == ServiceJob::State::Running && job.pid == pid)
            return id;
    }
    return 0;
}

std::map<qint64, ServiceJob>::iterator ServiceDaemon::firstUnfinished()
{
    auto it = m_jobs.lower_bound(m_endedBelow);
    while (it != m_jobs.end() && it->second.isFinished())
        ++it;
    m_endedBelow = it != m_jobs.end() ? it->first : m_jobs.empty() ? m_endedBelow : m_jobs.rbegin()->first + 1;
    return it;
}

void ServiceDaemon::schedule()
{
    if (m_stopped)
        return;
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto it = firstUnfinished(); it != m_jobs.end(); ++it) {
            const qint64 id = it->first;
            ServiceJob &job = it->second;
            if (job.state != ServiceJob::State::Queued || m_live.contains(id))
                continue; // running, ended, or queued in its pool already
            bool ready = true;
            QString failedDependency;
            for (qint64 after : job.after) {
                const auto dep = m_jobs.find(after);
                if (dep == m_jobs.end()) {
                    failedDependency = QStringLiteral("job %1, which it waits for, is gone").arg(after);
                    break;
                }
                if (dep->second.state == ServiceJob::State::Succeeded)
                    continue;
                if (dep->second.isFinished()) {
                    failedDependency = QStringLiteral("job %1, which it waits for, did not succeed (%2)")
                                           .arg(after)
                                           .arg(ServiceJob::stateName(dep->second.state));
                    break;
                }
                ready = false;
            }
            if (!failedDependency.isEmpty()) {
                endWithoutRunning(job, ServiceJob::State::FailedDependency, failedDependency);
                changed = true;
                continue;
            }
            Group &g = group(job.group);
            if (!ready || g.paused || job.paused || g.inPool >= g.parallel + g.ahead())
                continue;
            startJob(job, g);
        }
    }
}

bool ServiceDaemon::startJob(ServiceJob &job, Group &g)
{
    if (!g.pool) {
        PoolOptions options;
        options.commandsOnly = true;
        options.name = QStringLiteral("qmp service/%1").arg(g.name);
        g.pool = std::make_unique<Pool>(g.parallel, options);
        const QString name = g.name;
        connect(g.pool.get(), &Pool::events, this, [this, name](const QList<PoolEvent> &events) { onEvents(name, events); });
        if (m_hub) {
            // The studio's controls on this pool act on the group's jobs, as qmp's commands do.
            Group *raw = &g;
            ServiceGroupControl::Actions actions;
            actions.pause = [this, raw](bool stopRunning) {
                if (raw->paused)
                    return false;
                raw->paused = true;
                raw->pool->pause(stopRunning);
                publish(*raw);
                jobsChanged();
                return true;
            };
            actions.resume = [this, raw] {
                if (!raw->paused)
                    return false;
                raw->paused = false;
                raw->pool->resume();
                publish(*raw);
                jobsChanged();
                return true;
            };
            actions.terminate = [this, raw] {
                QList<qint64> ids;
                for (const auto &[id, j] : m_jobs) {
                    if (j.group == raw->name && !j.isFinished())
                        ids.append(id);
                }
                bool any = false;
                for (qint64 id : ids)
                    any = kill(id, QStringLiteral("killed by the user")) || any;
                return any;
            };
            actions.terminateWorker = [this, raw](qint64 pid) {
                const qint64 id = jobOfTask(*raw, 0, pid);
                return id > 0 && kill(id, QStringLiteral("killed by the user"));
            };
            actions.cancelTask = [this, raw](quint64 taskId) {
                const qint64 id = jobOfTask(*raw, taskId);
                return id > 0 && kill(id, QStringLiteral("killed by the user"));
            };
            actions.resize = [this, raw](int processes) {
                if (processes < 1 || processes > ServiceRequest::maxParallel)
                    return false;
                raw->parallel = processes;
                raw->pool->setProcesses(processes);
                publish(*raw);
                jobsChanged();
                return true;
            };
            actions.retryTask = [this, raw](quint64 taskId) {
                ServiceRequest restart;
                restart.op = ServiceRequest::Op::Restart;
                restart.id = jobOfTask(*raw, taskId);
                return restart.id > 0 && execute(nullptr, restart).value(QStringLiteral("ok")).toBool();
            };
            g.control = std::make_unique<ServiceGroupControl>(std::move(actions));
            g.hubId = m_hub->watch(g.pool.get());
            m_hub->setControl(g.hubId, g.control.get());
            publish(g);
        }
    }
    Command command;
    command.program = job.program;
    command.arguments = job.arguments;
    command.workingDirectory = job.workingDirectory;
    if (!job.environment.isEmpty()) {
        // Read-only: a non-const walk would detach the list the jobs of a submission share, and
        // every save would write one environment per job.
        if (job.environment != m_parsedVariables) { // the same shared list compares at once
            QProcessEnvironment environment;
            for (const QString &variable : std::as_const(job.environment)) {
                const qsizetype equals = variable.indexOf(QLatin1Char('='));
                if (equals > 0)
                    environment.insert(variable.left(equals), variable.mid(equals + 1));
            }
            m_parsedVariables = job.environment;
            m_parsedEnvironment = environment;
        }
        command.environment = m_parsedEnvironment;
    }
    CommandOptions options;
    options.standardOutputFile = m_paths.outputPath(job.id, false);
    options.standardErrorFile = m_paths.outputPath(job.id, true);
    // Made when the job first writes to them, not as it starts: making two files per job was most
    // of what the service added to a short job, and most jobs write to one stream or none. A
    // jobs folder it cannot write to fails the job as it starts, saying which file and why.
    options.outputFilesOnDemand = true;
    m_lastStartedJob = job.id; // the hub's batch of this group, when this job opens it
    // The job stays queued (and a restart after a kill queues it again) until the pool says
    // its process started (onEvents).
    auto live = std::make_unique<Live>();
    live->group = g.name;
    live->watcher = std::make_unique<QFutureWatcher<CommandResult>>();
    const qint64 id = job.id;
    try {
        AsyncResult<CommandResult> result = g.pool->run(command, options);
        g.jobOfBatch.insert(result.batchId(), id);
        live->batchId = result.batchId();
        connect(live->watcher.get(), &QFutureWatcherBase::finished, this, [this, id] { onJobEnded(id); });
        live->watcher->setFuture(result.future());
    } catch (const Error &e) {
        endWithoutRunning(job, ServiceJob::State::Failed, e.message());
        return false;
    }
    ++g.inPool;
    m_live.emplace(id, std::move(live));
    return true;
}

void ServiceDaemon::onEvents(const QString &groupName, const QList<PoolEvent> &events)
{
    Group &g = group(groupName);
    for (const PoolEvent &event : events) {
        if (event.kind == PoolEvent::Kind::TaskFinished || event.kind == PoolEvent::Kind::TaskFailed) {
            // The rest of its output, once the hub has this batch of events too (it gets it
            // after us, queued): a short job's task is not known there before.
            const qint64 id = g.jobOfBatch.value(event.batchId);
            if (m_relays.contains(id))
                QMetaObject::invokeMethod(this, [this, id] { relayOutput(id, true); }, Qt::QueuedConnection);
            continue;
        }
        if (event.kind != PoolEvent::Kind::TaskQueued && event.kind != PoolEvent::Kind::TaskStarted)
            continue;
        const qint64 id = g.jobOfBatch.value(event.batchId);
        const auto live = m_live.find(id);
        const auto job = m_jobs.find(id);
        if (live == m_live.end() || job == m_jobs.end())
            continue;
        Live &l = *live->second;
        l.taskId = event.taskId;
        g.jobOfTask.insert(event.taskId, id);
        if (event.kind == PoolEvent::Kind::TaskStarted && !l.detached && !l.withdrawn && !l.started) {
            l.started = true;
            ++g.running;
            ServiceJob &j = job->second;
            j.state = ServiceJob::State::Running;
            j.startedMs = epochMsOf(event.timeNs);
            j.pid = event.workerPid;
            recordBatch(j);
            saveSoon();
            if (m_hub && g.hubId != 0) {
                m_relays[id] = Relay{g.hubId, event.taskId, event.batchId, event.workerPid, {0, 0}};
                if (!m_relayTimer->isActive())
                    m_relayTimer->start();
            }
        }
    }
}

void ServiceDaemon::onJobEnded(qint64 id)
{
    const auto liveIt = m_live.find(id);
    const auto jobIt = m_jobs.find(id);
    if (liveIt == m_live.end())
        return;
    std::unique_ptr<Live> live = std::move(liveIt->second);
    m_live.erase(liveIt);
    live->watcher->disconnect(this);
    CommandResult result;
    try {
        result = live->watcher->future().result();
    } catch (const Error &e) {
        result.error = e.message();
        result.exitCode = -SIGKILL;
    } catch (...) {
        result.error = QStringLiteral("the pool was terminated");
        result.exitCode = -SIGKILL;
    }
    live->watcher.release()->deleteLater();
    Group &g = group(live->group);
    g.jobOfBatch.remove(g.jobOfBatch.key(id));
    --g.inPool;
    if (live->started)
        --g.running;
    if (jobIt == m_jobs.end() || live->detached) {
        jobsChanged(); // its place in the pool is free
        return;
    }
    ServiceJob &job = jobIt->second;
    if (live->withdrawn) {
        if (!result.started) {
            jobsChanged(); // queued (paused) again, here
            return;
        }
        // It had started when it was paused: it was killed to take it out of the pool.
        live->killedWhy = QStringLiteral("killed: it was paused as it started");
    }
    if (!live->started && result.started) { // it ended before the pool's event said it started
        job.startedMs = result.startTimeMs;
        job.state = ServiceJob::State::Running;
    }
    job.endedMs = nowMs();
    job.exitCode = result.exitCode;
    job.error = result.error;
    job.pid = 0;
    if (!live->killedWhy.isEmpty()) {
        job.state = ServiceJob::State::Killed;
        job.error = live->killedWhy;
    } else {
        job.state = result.ok() ? ServiceJob::State::Succeeded : ServiceJob::State::Failed;
    }
    struct statvfs disk = {};
    if (::statvfs(QFile::encodeName(m_paths.stateDir).constData(), &disk) == 0 && disk.f_bavail == 0) {
        const QString full = QStringLiteral("the disk of %1 is full: its output may be cut short").arg(m_paths.stateDir);
        job.error = job.error.isEmpty() ? full : job.error + QStringLiteral("; ") + full;
    }
    if (!result.started && !result.error.isEmpty()) {
        // The job's own stderr says why it never ran, as a shell would.
        QFile err(m_paths.outputPath(id, true));
        if (err.open(QIODevice::WriteOnly | QIODevice::Append))
            err.write("qmp: " + result.error.toUtf8() + '\n');
    }
    recordTask(job, &result);
    recordBatch(job);
    jobsChanged();
}

void ServiceDaemon::endWithoutRunning(ServiceJob &job, ServiceJob::State state, const QString &why)
{
    job.state = state;
    job.error = why;
    job.endedMs = nowMs();
    job.exitCode = 0;
    QFile err(m_paths.outputPath(job.id, true));
    if (err.open(QIODevice::WriteOnly | QIODevice::Append))
        err.write("qmp: " + why.toUtf8() + '\n');
    recordTask(job, nullptr);
    recordBatch(job);
    saveSoon();
}

void ServiceDaemon::pauseJob(ServiceJob &job, bool pause)
{
    if (job.paused == pause)
        return;
    job.paused = pause;
    const auto live = m_live.find(job.id);
    if (live == m_live.end())
        return; // queued here: schedule() holds it, or hands it to its pool again
    Live &l = *live->second;
    Group &g = group(job.group);
    if (l.started) {
        // A paused group's jobs are stopped already; its resume leaves this one stopped.
        if (job.pid > 0 && !g.paused)
            ::kill(-pid_t(job.pid), pause ? SIGSTOP : SIGCONT);
        return;
    }
    if (pause && !l.detached) {
        // Queued in its pool: out of it now, so it cannot start there a moment later (onJobEnded
        // keeps it queued here). Had the pool started it already, it is killed (onJobEnded says so).
        l.withdrawn = true;
        if (g.pool)
            g.pool->cancelCommands(l.batchId);
    }
}

bool ServiceDaemon::kill(qint64 id, const QString &why)
{
    const auto job = m_jobs.find(id);
    if (job == m_jobs.end() || job->second.isFinished())
        return false;
    const auto live = m_live.find(id);
    if (job->second.state == ServiceJob::State::Queued) {
        if (live != m_live.end()) {
            // Queued in its pool: out of it now, so it cannot start there a moment later (its
            // result, when the pool gives it, is ignored).
            Live &l = *live->second;
            l.killedWhy = why;
            Group &g = group(job->second.group);
            if (g.pool && g.pool->cancelCommands(l.batchId) == Pool::CancelledCommands::Running) {
                // The pool had started it (its event is on the way): a running job killed, its
                // start and end recorded when its result comes (onJobEnded).
                return true;
            }
            l.detached = true;
        }
        endWithoutRunning(job->second, ServiceJob::State::Killed, why);
        jobsChanged();
        return true;
    }
    if (live == m_live.end())
        return false;
    if (!live->second->killedWhy.isEmpty())
        return true;
    live->second->killedWhy = why;
    Group &g = group(job->second.group);
    if (g.pool)
        g.pool->cancelCommands(live->second->batchId); // its result follows: onJobEnded
    return true;
}

void ServiceDaemon::recordBatch(const ServiceJob &job)
{
    if (!m_history)
        return;
    const bool finished = job.isFinished();
    BatchRecord batch{job.id,
                      QStringLiteral("qmp service/%1").arg(job.group),
                      job.label.isEmpty() ? job.commandLine() : job.label,
                      job.createdMs,
                      finished ? job.endedMs : 0,
                      1,
                      job.state == ServiceJob::State::Succeeded ? 1 : 0,
                      job.state == ServiceJob::State::Failed || job.state == ServiceJob::State::Lost ? 1 : 0};
    batch.startedMs = job.startedMs;
    batch.cancelled = job.state == ServiceJob::State::Killed || job.state == ServiceJob::State::FailedDependency ? 1 : 0;
    batch.commandTemplate = job.commandLine();
    batch.setOwnerToThisProcess();
    m_history->record(batch);
}

void ServiceDaemon::recordTask(const ServiceJob &job, const CommandResult *result)
{
    if (!m_history)
        return;
    FinishedJob finished = result ? FinishedJob::fromResult(*result, std::chrono::milliseconds(0)) : FinishedJob();
    finished.batchId = job.id;
    finished.seq = 1;
    Command command;
    command.program = job.program;
    command.arguments = job.arguments;
    command.workingDirectory = job.workingDirectory;
    finished.command = command;
    finished.name = job.label.isEmpty() ? job.commandLine() : job.label;
    finished.queuedMs = job.createdMs;
    finished.endMs = job.endedMs;
    switch (job.state) {
    case ServiceJob::State::Killed:
    case ServiceJob::State::FailedDependency:
        finished.end = FinishedJob::End::Cancelled;
        finished.reason = PoolEvent::Reason::Cancelled;
        finished.message = job.error;
        break;
    case ServiceJob::State::Lost:
        finished.end = FinishedJob::End::Lost;
        finished.message = job.error;
        finished.exitCode = -SIGKILL;
        break;
    default:
        break;
    }
    if (!result) {
        finished.startMs = job.startedMs;
        finished.durationNs = job.startedMs > 0 ? (job.endedMs - job.startedMs) * 1'000'000 : 0;
    }
    finished.standardOutput = tailOf(m_paths.outputPath(job.id, false), TaskRecord::kTailBytes, &finished.stdoutBytes);
    finished.standardError = tailOf(m_paths.outputPath(job.id, true), TaskRecord::kTailBytes, &finished.stderrBytes);
    if (result) { // what its output file could not take (CommandOptions::outputFilesOnDemand)
        const auto keep = [](QByteArray &tail, qint64 &bytes, const QByteArray &kept) {
            tail = (tail + kept).right(TaskRecord::kTailBytes);
            bytes += kept.size();
        };
        keep(finished.standardOutput, finished.stdoutBytes, result->standardOutput);
        keep(finished.standardError, finished.stderrBytes, result->standardError);
    }
    m_history->record(finished.toRecord());
}

void ServiceDaemon::pumpFollowers()
{
    bool anyFollower = false;
    for (const auto &connection : m_connections) {
        Connection *c = connection.get();
        if (c->followId == 0 || !c->channel->isOpen())
            continue;
        const auto job = m_jobs.find(c->followId);
        const bool ended = job == m_jobs.end() || job->second.isFinished();
        bool more = false;
        for (int channel : {0, 1}) {
            QFile file(m_paths.outputPath(c->followId, channel == 1));
            if (!file.open(QIODevice::ReadOnly) || !file.seek(c->followOffset[channel]))
                continue;
            const QByteArray chunk = file.read(kFollowChunk);
            if (chunk.isEmpty())
                continue;
            c->followOffset[channel] += chunk.size();
            more = more || chunk.size() == kFollowChunk;
            c->channel->send(QCborMap{{channel == 0 ? QStringLiteral("stdout") : QStringLiteral("stderr"), chunk}});
        }
        if (ended && !more) {
            QCborMap end{{QStringLiteral("end"), true}};
            if (job != m_jobs.end())
                end.insert(QStringLiteral("job"), job->second.toCbor(false));
            c->channel->send(end);
            c->followId = 0;
        } else {
            anyFollower = true;
        }
    }
    if (!anyFollower)
        m_followTimer->stop();
}

void ServiceDaemon::relayOutput(qint64 id, bool last)
{
    const auto relay = m_relays.find(id);
    if (relay == m_relays.end() || !m_hub)
        return;
    Relay &r = relay->second;
    QList<PoolEvent> events;
    for (int channel : {0, 1}) {
        const QString path = m_paths.outputPath(id, channel == 1);
        struct stat info = {};
        if (::stat(QFile::encodeName(path).constData(), &info) != 0 || info.st_size <= r.offset[channel])
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(r.offset[channel]))
            continue;
        QByteArray chunk = file.read(kRelayChunk);
        if (!last) { // a line (or a character) cut at the end waits for the rest
            const qsizetype lineEnd = chunk.lastIndexOf('\n');
            if (lineEnd >= 0 && chunk.size() < kRelayChunk)
                chunk.truncate(lineEnd + 1);
        }
        if (chunk.isEmpty())
            continue;
        r.offset[channel] += chunk.size();
        PoolEvent event;
        event.kind = PoolEvent::Kind::TaskOutput;
        event.timeNs = monotonicNs();
        event.taskId = r.taskId;
        event.batchId = r.batchId;
        event.isCommand = true;
        event.single = true;
        event.workerPid = r.pid;
        event.channel = channel + 1;
        event.message = QString::fromLocal8Bit(chunk);
        events.append(event);
    }
    if (!events.isEmpty())
        m_hub->feed(r.hubId, events);
    if (last)
        m_relays.erase(relay);
    if (m_relays.empty())
        m_relayTimer->stop();
}

void ServiceDaemon::relayRunningOutput()
{
    QList<qint64> ids;
    for (const auto &[id, relay] : m_relays)
        ids.append(id);
    for (qint64 id : std::as_const(ids))
        relayOutput(id, false);
}

void ServiceDaemon::answerWaiters()
{
    for (const auto &connection : m_connections) {
        Connection *c = connection.get();
        if (!c->waiting)
            continue;
        const auto wanted = [c](qint64 id, const ServiceJob &job) {
            return c->waitIds.isEmpty() ? (c->waitGroup.isEmpty() || job.group == c->waitGroup) : c->waitIds.contains(id);
        };
        const bool done = std::all_of(firstUnfinished(), m_jobs.end(), [&wanted](const auto &entry) {
            return entry.second.isFinished() || !wanted(entry.first, entry.second);
        });
        if (!done)
            continue;
        bool allSucceeded = true;
        QCborArray jobs;
        for (const auto &[id, job] : m_jobs) {
            if (!wanted(id, job))
                continue;
            allSucceeded = allSucceeded && job.state == ServiceJob::State::Succeeded;
            jobs.append(job.toCbor(false));
        }
        c->waiting = false;
        reply(c, QCborMap{{QStringLiteral("ok"), true}, {QStringLiteral("succeeded"), allSucceeded}, {QStringLiteral("jobs"), jobs}});
    }
}

void ServiceDaemon::saveSoon()
{
    if (!m_stopped && !m_saveTimer->isActive())
        m_saveTimer->start();
}

namespace {
// The head of a CBOR item of major type `major` (4: array) with `count`: what QCborStreamWriter
// writes, for a state file assembled from parts encoded earlier.
QByteArray cborHead(quint8 major, quint64 count)
{
    QByteArray head;
    const auto put = [&head](quint64 value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
            head.append(char((value >> shift) & 0xff));
    };
    const char type = char(major << 5);
    if (count < 24) {
        head.append(char(type | char(count)));
    } else if (count <= 0xff) {
        head.append(char(type | 24));
        put(count, 1);
    } else if (count <= 0xffff) {
        head.append(char(type | 25));
        put(count, 2);
    } else if (count <= 0xffffffffULL) {
        head.append(char(type | 26));
        put(count, 4);
    } else {
        head.append(char(type | 27));
        put(count, 8);
    }
    return head;
}
} // namespace

QByteArray ServiceDaemon::encodedJob(const ServiceJob &job, qint64 environment)
{
    // A job's entry changes only with its state, pause, start, pid or end (its command and
    // submission never do): one encoding serves every save until then. A long queue of
    // ended jobs costs a save a copy, not an encoding each.
    EncodedJob &cached = m_encodedJobs[job.id];
    if (cached.cbor.isEmpty() || cached.state != job.state || cached.paused != job.paused || cached.pid != job.pid
        || cached.startedMs != job.startedMs || cached.endedMs != job.endedMs || cached.environment != environment
        || cached.error != job.error) {
        QCborMap m = job.toCbor(false);
        m.insert(QStringLiteral("environment"), environment);
        cached = {job.state, job.paused, job.pid, job.startedMs, job.endedMs, environment, job.error,
                  QCborValue(m).toCbor()};
    }
    return cached.cbor;
}

void ServiceDaemon::saveState()
{
    QCborArray groups;
    for (const auto &[name, g] : m_groups) {
        groups.append(QCborMap{{QStringLiteral("name"), name},
                               {QStringLiteral("parallel"), g->parallel},
                               {QStringLiteral("paused"), g->paused}});
    }
    // Jobs submitted from one shell share their environment: it is written once, jobs name it.
    // Assembled as one CBOR map {version, groups, jobs, environments}, each job from its kept
    // encoding, then written whole (AtomicFile).
    QByteArray bytes;
    const auto put = [&bytes](const QByteArray &part) { bytes += part; };
    put(cborHead(5, 4));
    put(QCborValue(QStringLiteral("version")).toCbor() + QCborValue(kStateVersion).toCbor());
    put(QCborValue(QStringLiteral("groups")).toCbor() + QCborValue(groups).toCbor());
    put(QCborValue(QStringLiteral("jobs")).toCbor() + cborHead(4, quint64(m_jobs.size())));
    QCborArray environments;
    QHash<const QString *, qint64> environmentIndex; // by the shared list's data (see execute(Submit))
    for (const auto &[id, job] : m_jobs) {
        auto known = environmentIndex.constFind(job.environment.constData());
        if (known == environmentIndex.constEnd()) {
            known = environmentIndex.insert(job.environment.constData(), environments.size());
            environments.append(QCborArray::fromStringList(job.environment));
        }
        put(encodedJob(job, *known));
    }
    put(QCborValue(QStringLiteral("environments")).toCbor() + QCborValue(environments).toCbor());
    // Private: it holds the environment of every job's submitter.
    QString error;
    if (!AtomicFile::replace(m_paths.statePath(), bytes, 0600, &error)) {
        m_stateProblem = QStringLiteral("cannot save the queue (%1): a restart would lose the changes since the last save").arg(error);
        qWarning("qmp service: %s", qPrintable(m_stateProblem));
    } else {
        m_stateProblem.clear();
    }
}

void ServiceDaemon::loadState()
{
    QFile file(m_paths.statePath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    QCborParserError error;
    const QCborValue state = QCborValue::fromCbor(file.readAll(), &error);
    if (error.error != QCborError::NoError || !state.isMap()) {
        qWarning("qmp service: %s is damaged; starting with an empty queue", qPrintable(m_paths.statePath()));
        return;
    }
    for (const QCborValue &g : state[QStringLiteral("groups")].toArray()) {
        const QString name = g[QStringLiteral("name")].toString();
        if (name.isEmpty())
            continue;
        Group &loaded = group(name);
        loaded.parallel = int(std::clamp<qint64>(g[QStringLiteral("parallel")].toInteger(), 1, ServiceRequest::maxParallel));
        loaded.paused = g[QStringLiteral("paused")].toBool();
    }
    // Jobs that named one environment share one list again (as they did when submitted).
    QList<QStringList> environments;
    for (const QCborValue &environment : state[QStringLiteral("environments")].toArray()) {
        QStringList variables;
        for (const QCborValue &variable : environment.toArray())
            variables.append(variable.toString());
        environments.append(variables);
    }
    for (const QCborValue &j : state[QStringLiteral("jobs")].toArray()) {
        QCborMap map = j.toMap();
        const QCborValue environment = map.value(QStringLiteral("environment"));
        map.remove(QStringLiteral("environment"));
        ServiceJob job = ServiceJob::fromCbor(map);
        if (environment.isInteger() && environment.toInteger() >= 0 && environment.toInteger() < environments.size())
            job.environment = environments.at(environment.toInteger());
        if (job.id <= 0 || job.program.isEmpty())
            continue;
        if (job.group.isEmpty())
            job.group = QStringLiteral("default");
        group(job.group);
        if (job.state == ServiceJob::State::Running) {
            // The service was killed while it ran: the job died with it (PR_SET_PDEATHSIG); what
            // it started in its process group goes now.
            if (job.pid > 0)
                ::kill(-pid_t(job.pid), SIGKILL);
            job.state = ServiceJob::State::Lost;
            job.endedMs = nowMs();
            job.exitCode = -SIGKILL;
            job.pid = 0;
            job.error = QStringLiteral("lost: the service was killed while it ran");
            QFile err(m_paths.outputPath(job.id, true));
            if (err.open(QIODevice::WriteOnly | QIODevice::Append))
                err.write("qmp: " + job.error.toUtf8() + '\n');
            recordTask(job, nullptr);
            recordBatch(job);
        }
        m_jobs.emplace(job.id, job);
    }
    m_history->flush();
}

void ServiceDaemon::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_followTimer->stop();
    m_relayTimer->stop();
    m_relays.clear();
    if (m_acceptNotifier)
        m_acceptNotifier->setEnabled(false);
    if (m_monitor)
        m_monitor->close();
    if (m_hub) {
        for (auto &[name, g] : m_groups) {
            if (g->hubId != 0)
                m_hub->setControl(g->hubId, nullptr);
        }
    }
    // Running jobs end with the service (recorded as cancelled); queued ones stay queued.
    for (auto &[id, live] : m_live) {
        live->watcher->disconnect(this);
        const auto job = m_jobs.find(id);
        if (job == m_jobs.end() || live->detached || !live->started)
            continue; // ended already, or still queued (it stays so)
        job->second.state = ServiceJob::State::Killed;
        job->second.error = QStringLiteral("killed: the service was stopped");
        job->second.endedMs = nowMs();
        job->second.pid = 0;
        recordTask(job->second, nullptr);
        recordBatch(job->second);
    }
    for (auto &[name, g] : m_groups) {
        if (g->pool) {
            g->pool->disconnect(this);
            g->pool->terminate();
            g->pool->join();
            g->pool.reset();
        }
        g->running = 0;
        g->inPool = 0;
    }
    m_live.clear();
    if (m_lockFd >= 0)
        saveState();
    for (const auto &c : m_connections) {
        c->channel->disconnect(this);
        c->channel->close();
        c->channel->deleteLater();
    }
    m_connections.clear();
    if (m_listenFd >= 0) {
        ::unlink(QFile::encodeName(m_paths.socketPath()).constData());
        ::close(m_listenFd);
        m_listenFd = -1;
    }
    if (m_history)
        m_history->flush();
    if (m_lockFd >= 0) {
        ::close(m_lockFd);
        m_lockFd = -1;
    }
}

} // namespace qmp
