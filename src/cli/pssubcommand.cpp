#include "pssubcommand.h"

#include "monitorclient.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "textcolumns.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <memory>
#include <vector>
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace qmp {

namespace {

QString usageText()
{
    return PsSubcommand::tr("usage: qmp ps [PID...] [--json] [--watch] [--interval SECONDS]\n"
              "  lists the running programs that serve a monitor socket (libqmp programs started\n"
              "  with QMP_MONITOR=1, qmp-studio) with their pools, workers and queue depths\n"
              "  PID...            only these programs\n"
              "  --watch           stay attached and print again every 2 seconds, until Ctrl-C\n"
              "  -n, --interval S  the same, every S seconds\n"
              "  --json            a JSON array of programs\n");
}

const char *lifecycleName(PoolState::Lifecycle lifecycle)
{
    switch (lifecycle) {
    case PoolState::Lifecycle::Running: return "running";
    case PoolState::Lifecycle::Paused: return "paused";
    case PoolState::Lifecycle::Closed: return "closed";
    case PoolState::Lifecycle::Terminated: return "terminated";
    case PoolState::Lifecycle::Gone: return "gone";
    }
    return "?";
}

const char *workerStateName(WorkerState::State state)
{
    switch (state) {
    case WorkerState::State::Idle: return "idle";
    case WorkerState::State::Busy: return "busy";
    case WorkerState::State::Exited: return "exited";
    }
    return "?";
}

// The same words for people, in their language.
QString lifecycleText(const PoolState &pool)
{
    if (pool.isJoining())
        return PsSubcommand::tr("joining", "pool state");
    switch (pool.lifecycle()) {
    case PoolState::Lifecycle::Running: return PsSubcommand::tr("running", "pool state");
    case PoolState::Lifecycle::Paused: return PsSubcommand::tr("paused", "pool state");
    case PoolState::Lifecycle::Closed: return PsSubcommand::tr("closed", "pool state");
    case PoolState::Lifecycle::Terminated: return PsSubcommand::tr("terminated", "pool state");
    case PoolState::Lifecycle::Gone: return PsSubcommand::tr("gone", "pool state");
    }
    return QStringLiteral("?");
}

QString workerStateText(WorkerState::State state)
{
    switch (state) {
    case WorkerState::State::Idle: return PsSubcommand::tr("idle", "worker state");
    case WorkerState::State::Busy: return PsSubcommand::tr("busy", "worker state");
    case WorkerState::State::Exited: return PsSubcommand::tr("exited", "worker state");
    }
    return QStringLiteral("?");
}

// "live/size": the pool's task workers; a pool of commands only: its running commands.
QString workersText(const PoolState &pool)
{
    const int live = pool.liveWorkers() == 0 && pool.runningCommands() > 0 ? pool.runningCommands() : pool.liveWorkers();
    return QStringLiteral("%1/%2").arg(live).arg(pool.processes());
}

QString bytesText(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("-");
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 0);
    if (bytes < qint64(1024) * 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / 1024 / 1024, 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(double(bytes) / 1024 / 1024 / 1024, 0, 'f', 2);
}

// Calls finished per second over the last tick; -1 before the first tick (a one-shot `qmp ps`
// sees the snapshot only: `--watch` shows the rate).
double throughputOf(const PoolState &pool)
{
    const TimeSeries &series = pool.series(PoolState::Series::Throughput);
    return series.isEmpty() ? -1.0 : series.last().value;
}

// One attached program.
struct Attached
{
    MonitorEndpoint endpoint;
    std::unique_ptr<MonitorClient> client;
};

// A queue's counters as ps shows them: null / "-" for what the program has not read yet.
QJsonValue countOrNull(const QueueState &queue, qint64 value)
{
    return queue.hasReading() ? QJsonValue(value) : QJsonValue();
}

QJsonValue rateOrNull(double rate)
{
    return rate < 0 ? QJsonValue() : QJsonValue(rate);
}

// A queue's order and whether it is joinable, for people (the JSON has them as keys).
QString kindText(const QueueState &queue)
{
    QString order;
    switch (queue.order()) {
    case QueueState::Order::Fifo: order = PsSubcommand::tr("fifo", "queue order: first in, first out"); break;
    case QueueState::Order::Lifo: order = PsSubcommand::tr("lifo", "queue order: last in, first out"); break;
    case QueueState::Order::Priority: order = PsSubcommand::tr("priority", "queue order: lowest priority first"); break;
    }
    return queue.isJoinable() ? PsSubcommand::tr("%1, joinable", "queue kind: order, and it counts unfinished tasks").arg(order)
                              : order;
}

QString queueStateText(QueueState::Lifecycle lifecycle)
{
    switch (lifecycle) {
    case QueueState::Lifecycle::Open: return PsSubcommand::tr("open", "queue state");
    case QueueState::Lifecycle::Closed: return PsSubcommand::tr("closed", "queue state: the program closed its handle");
    case QueueState::Lifecycle::Gone: return PsSubcommand::tr("gone", "queue state: no process holds it any more");
    }
    return QStringLiteral("?");
}

QJsonArray queuesJson(const Attached &program, const MonitorHub &hub)
{
    QJsonArray queues;
    for (int id : program.client->queueIds()) {
        const QueueState *queue = hub.queue(id);
        if (!queue)
            continue;
        queues.append(QJsonObject{{QStringLiteral("name"), queue->name().section(QStringLiteral(" · "), 0, 0)},
                                  {QStringLiteral("key"), queue->key()},
                                  {QStringLiteral("order"), QueueState::orderName(queue->order())},
                                  {QStringLiteral("joinable"), queue->isJoinable()},
                                  {QStringLiteral("state"), QueueState::lifecycleName(queue->lifecycle())},
                                  {QStringLiteral("depth"), countOrNull(*queue, queue->depth())},
                                  {QStringLiteral("maxsize"), queue->maxsize()},
                                  {QStringLiteral("unfinished"), queue->isJoinable() ? countOrNull(*queue, queue->unfinished())
                                                                                     : QJsonValue()},
                                  {QStringLiteral("puts"), countOrNull(*queue, qint64(queue->puts()))},
                                  {QStringLiteral("gets"), countOrNull(*queue, qint64(queue->gets()))},
                                  {QStringLiteral("putsPerSecond"), rateOrNull(queue->putRate())},
                                  {QStringLiteral("getsPerSecond"), rateOrNull(queue->getRate())}});
    }
    return queues;
}

// The columns of the pool table and of the queue table under it, by display width.
enum : int { kPidWidth = 7, kNameWidth = 24, kStateWidth = 10 };

void printQueues(const Attached &program, const MonitorHub &hub, QTextStream &out)
{
    const QList<int> ids = program.client->queueIds();
    if (ids.isEmpty())
        return;
    const auto row = [](const QStringList &cells) {
        return TextColumns::left(QString(), kPidWidth) + QStringLiteral("  ") + TextColumns::left(cells.at(0), kNameWidth)
            + QStringLiteral("  ") + TextColumns::left(cells.at(1), kStateWidth) + QStringLiteral("  ")
            + TextColumns::left(cells.at(2), 14) + QStringLiteral("  ") + TextColumns::right(cells.at(3), 7)
            + QStringLiteral("  ") + TextColumns::right(cells.at(4), 7) + QStringLiteral("  ")
            + TextColumns::right(cells.at(5), 10) + QStringLiteral("  ") + TextColumns::right(cells.at(6), 8);
    };
    out << row({QStringLiteral("  ") + PsSubcommand::tr("QUEUE"), PsSubcommand::tr("STATE"), PsSubcommand::tr("KIND"), PsSubcommand::tr("DEPTH"), PsSubcommand::tr("MAXSIZE"), PsSubcommand::tr("UNFINISHED"),
                PsSubcommand::tr("PUTS/S")})
        << '\n';
    for (int id : ids) {
        const QueueState *queue = hub.queue(id);
        if (!queue)
            continue;
        const QString name = TextColumns::elided(queue->name().section(QStringLiteral(" · "), 0, 0), kNameWidth - 2);
        const QString dash = QStringLiteral("-");
        out << row({QStringLiteral("  ") + name, queueStateText(queue->lifecycle()), kindText(*queue),
                    queue->hasReading() ? QString::number(queue->depth()) : dash,
                    queue->maxsize() > 0 ? QString::number(queue->maxsize()) : dash,
                    queue->isJoinable() && queue->hasReading() ? QString::number(queue->unfinished()) : dash,
                    queue->putRate() < 0 ? dash : QString::number(queue->putRate(), 'f', 1)})
            << '\n';
    }
}

// A pool on Slurm: its job id, state (as squeue names it) and why it waits or failed; null here.
QJsonValue slurmJson(const PoolState &pool)
{
    if (!pool.isOnSlurm())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("jobId"), pool.slurmJob().jobId},
                       {QStringLiteral("state"), pool.slurmJob().state},
                       {QStringLiteral("reason"), pool.slurmJob().reason}};
}

QJsonObject toJson(const Attached &program, const MonitorHub &hub)
{
    QJsonArray pools;
    for (int id : program.client->poolIds()) {
        const PoolState *pool = hub.pool(id);
        if (!pool)
            continue;
        QJsonArray workers;
        for (const WorkerState &w : pool->workers()) {
            if (w.state == WorkerState::State::Exited)
                continue;
            workers.append(QJsonObject{{QStringLiteral("pid"), w.pid},
                                       {QStringLiteral("state"), QString::fromLatin1(workerStateName(w.state))},
                                       {QStringLiteral("command"), w.isCommand},
                                       {QStringLiteral("task"), w.state == WorkerState::State::Busy ? w.taskName : QString()},
                                       {QStringLiteral("cpuPercent"), w.cpuPercent < 0 ? QJsonValue() : QJsonValue(w.cpuPercent)},
                                       {QStringLiteral("rssBytes"), w.rssBytes < 0 ? QJsonValue() : QJsonValue(w.rssBytes)},
                                       {QStringLiteral("tasksDone"), w.tasksDone},
                                       {QStringLiteral("tasksFailed"), w.tasksFailed},
                                       {QStringLiteral("stuck"), w.stuck.isStuck()},
                                       {QStringLiteral("host"), w.host.isEmpty() ? QJsonValue() : QJsonValue(w.host)},
                                       {QStringLiteral("slurmStep"), w.slurmStep.isEmpty() ? QJsonValue() : QJsonValue(w.slurmStep)}});
        }
        pools.append(QJsonObject{{QStringLiteral("name"), pool->name().section(QStringLiteral(" · "), 0, 0)},
                                 {QStringLiteral("state"), QString::fromLatin1(lifecycleName(pool->lifecycle()))},
                                 {QStringLiteral("processes"), pool->processes()},
                                 {QStringLiteral("liveWorkers"), pool->liveWorkers()},
                                 {QStringLiteral("runningCommands"), pool->runningCommands()},
                                 {QStringLiteral("cancelled"), pool->cancelledTasks()},
                                 {QStringLiteral("busyWorkers"), pool->busyWorkers()},
                                 {QStringLiteral("queued"), pool->queuedTasks()},
                                 {QStringLiteral("running"), pool->runningTasks()},
                                 {QStringLiteral("finished"), pool->finishedTasks()},
                                 {QStringLiteral("failed"), pool->failedTasks()},
                                 {QStringLiteral("stuck"), pool->stuckCount()},
                                 {QStringLiteral("throughputPerSecond"),
                                  throughputOf(*pool) < 0 ? QJsonValue() : QJsonValue(throughputOf(*pool))},
                                 {QStringLiteral("p95Ms"), double(pool->p95Ns()) / 1e6},
                                 {QStringLiteral("slurm"), slurmJson(*pool)},
                                 {QStringLiteral("workers"), workers}});
    }
    return {{QStringLiteral("pid"), program.client->pid()},
            {QStringLiteral("program"), program.client->program().isEmpty() ? program.endpoint.program
                                                                             : program.client->program()},
            {QStringLiteral("uid"), qint64(program.endpoint.uid)},
            {QStringLiteral("control"), program.client->controlAllowed()},
            {QStringLiteral("connected"), program.client->isConnected()},
            {QStringLiteral("pools"), pools},
            {QStringLiteral("queues"), queuesJson(program, hub)}};
}

void printText(const std::vector<Attached> &programs, const MonitorHub &hub, QTextStream &out)
{
    const auto row = [](const QString &pid, const QString &name, const QString &state, const QStringList &numbers) {
        return TextColumns::left(pid, kPidWidth) + QStringLiteral("  ") + TextColumns::left(name, kNameWidth)
            + QStringLiteral("  ") + TextColumns::left(state, kStateWidth) + QStringLiteral("  ")
            + TextColumns::right(numbers.at(0), 7) + QStringLiteral("  ") + TextColumns::right(numbers.at(1), 4)
            + QStringLiteral("  ") + TextColumns::right(numbers.at(2), 7) + QStringLiteral("  ")
            + TextColumns::right(numbers.at(3), 8) + QStringLiteral("  ") + TextColumns::right(numbers.at(4), 6)
            + QStringLiteral("  ") + TextColumns::right(numbers.at(5), 8);
    };
    out << row(PsSubcommand::tr("PID"), PsSubcommand::tr("PROGRAM / POOL"), PsSubcommand::tr("STATE"),
               {PsSubcommand::tr("WORKERS"), PsSubcommand::tr("BUSY"), PsSubcommand::tr("QUEUED"), PsSubcommand::tr("DONE"), PsSubcommand::tr("FAILED"), PsSubcommand::tr("TASKS/S")})
        << '\n';
    for (const Attached &program : programs) {
        const QString name = program.client->program().isEmpty() ? program.endpoint.program : program.client->program();
        QString flags;
        if (!program.client->isConnected())
            flags = QLatin1Char(' ') + PsSubcommand::tr("(disconnected)");
        else if (program.client->controlAllowed())
            flags = QLatin1Char(' ') + PsSubcommand::tr("(controls allowed)");
        out << TextColumns::left(QString::number(program.endpoint.pid), kPidWidth) << QStringLiteral("  ") << name
            << flags << '\n';
        for (int id : program.client->poolIds()) {
            const PoolState *pool = hub.pool(id);
            if (!pool)
                continue;
            // The mirrored pool's name carries the program; show the pool's own name.
            const QString poolName = TextColumns::elided(pool->name().section(QStringLiteral(" · "), 0, 0), kNameWidth - 2);
            out << row(QString(), QStringLiteral("  ") + poolName, lifecycleText(*pool),
                       {workersText(*pool), QString::number(pool->busyWorkers()), QString::number(pool->queuedTasks()),
                        QString::number(pool->finishedTasks()), QString::number(pool->failedTasks()),
                        throughputOf(*pool) < 0 ? QStringLiteral("-") : QString::number(throughputOf(*pool), 'f', 1)})
                << '\n';
            if (pool->isOnSlurm()) {
                const PoolState::SlurmJob &job = pool->slurmJob();
                QString line = TextColumns::left(QString(), kPidWidth) + QStringLiteral("      ")
                    + PsSubcommand::tr("slurm job %1  %2").arg(job.jobId).arg(job.state);
                if (!job.reason.isEmpty())
                    line += QStringLiteral("  (") + job.reason + QLatin1Char(')');
                out << line << '\n';
            }
            for (const WorkerState &w : pool->workers()) {
                if (w.state == WorkerState::State::Exited)
                    continue;
                QString line = TextColumns::left(QString(), kPidWidth) + QStringLiteral("      ")
                    + TextColumns::left(w.isCommand ? PsSubcommand::tr("command") : PsSubcommand::tr("worker"), 8) + QLatin1Char(' ')
                    + TextColumns::left(QString::number(w.pid), 8) + TextColumns::left(workerStateText(w.state), 6)
                    + PsSubcommand::tr("cpu") + QLatin1Char(' ')
                    + TextColumns::right(w.cpuPercent < 0 ? QStringLiteral("-") : QStringLiteral("%1%").arg(w.cpuPercent, 0, 'f', 1), 6)
                    + QStringLiteral("  ") + PsSubcommand::tr("rss") + QLatin1Char(' ') + TextColumns::left(bytesText(w.rssBytes), 9);
                if (w.state == WorkerState::State::Busy && !w.taskName.isEmpty())
                    line += QStringLiteral("  ") + TextColumns::elided(w.taskName, 60);
                if (!w.host.isEmpty())
                    line += QStringLiteral("  ") + PsSubcommand::tr("on %1, step %2").arg(w.host, w.slurmStep);
                if (w.stuck.isStuck())
                    line += QStringLiteral("  [") + PsSubcommand::tr("stuck") + QLatin1Char(']');
                out << line << '\n';
            }
        }
        printQueues(program, hub, out);
    }
    out.flush();
}

// Runs the event loop until every client is ready or disconnected, or the deadline passes.
void waitForSnapshots(const std::vector<Attached> &programs, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    auto pending = [&] {
        return std::any_of(programs.begin(), programs.end(), [](const Attached &a) {
            return a.client->isConnected() && !a.client->isReady();
        });
    };
    while (pending() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

} // namespace

QString PsSubcommand::summary() const
{
    return PsSubcommand::tr("list running libqmp programs (QMP_MONITOR=1) with their pools, workers and queues");
}

int PsSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    bool json = false;
    bool watch = false;
    double interval = 2.0;
    QList<qint64> pids;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QStringLiteral("-h") || arg == QStringLiteral("--help")) {
            out << usageText();
            return 0;
        }
        if (arg == QStringLiteral("--json")) {
            json = true;
        } else if (arg == QStringLiteral("--watch")) {
            watch = true;
        } else if (arg == QStringLiteral("--interval") || arg == QStringLiteral("-n")) {
            bool ok = false;
            interval = i + 1 < arguments.size() ? arguments.at(i + 1).toDouble(&ok) : 0;
            if (!ok || !(interval >= 0.1 && interval <= 86400)) {
                err << "qmp ps: " << PsSubcommand::tr("--interval needs a number of seconds from 0.1 to 86400") << '\n';
                return 2;
            }
            watch = true;
            ++i;
        } else {
            bool ok = false;
            const qint64 pid = arg.toLongLong(&ok);
            if (!ok || pid <= 0) {
                err << "qmp ps: " << PsSubcommand::tr("unknown argument '%1'").arg(arg) << '\n' << usageText();
                return 2;
            }
            pids.append(pid);
        }
    }

    QList<MonitorEndpoint> endpoints = MonitorProtocol::discover();
    const qint64 self = QCoreApplication::applicationPid();
    endpoints.erase(std::remove_if(endpoints.begin(), endpoints.end(),
                                   [&](const MonitorEndpoint &e) {
                                       return e.pid == self || (!pids.isEmpty() && !pids.contains(e.pid));
                                   }),
                    endpoints.end());
    int status = 0;
    for (qint64 pid : std::as_const(pids)) {
        if (std::none_of(endpoints.begin(), endpoints.end(), [pid](const MonitorEndpoint &e) { return e.pid == pid; })) {
            err << "qmp ps: "
                << (::kill(pid_t(pid), 0) != 0 && errno == ESRCH
                        ? PsSubcommand::tr("there is no process %1").arg(pid)
                        : PsSubcommand::tr("process %1 does not serve a monitor socket (is it a libqmp program started with QMP_MONITOR=1?)").arg(pid))
                << '\n';
            status = 1;
        }
    }
    if (!pids.isEmpty() && endpoints.isEmpty() && !watch)
        return status; // asked about programs that serve nothing: that is all there is to say

    MonitorOptions options;
    options.coalesceMs = 50;
    MonitorHub hub(options);
    std::vector<Attached> programs;
    for (const MonitorEndpoint &endpoint : std::as_const(endpoints)) {
        Attached attached;
        attached.endpoint = endpoint;
        attached.client = std::make_unique<MonitorClient>(&hub);
        if (!attached.client->attach(endpoint)) {
            err << "qmp ps: " << attached.client->errorString() << '\n';
            continue;
        }
        programs.push_back(std::move(attached));
    }
    waitForSnapshots(programs, 3000);
    // A program that closed before its snapshot did not admit us (another user's): not listed.
    programs.erase(std::remove_if(programs.begin(), programs.end(),
                                  [&](const Attached &a) {
                                      if (a.client->isReady() || a.client->isConnected())
                                          return false;
                                      if (pids.contains(a.endpoint.pid)) {
                                          err << "qmp ps: " << a.client->errorString() << '\n';
                                          status = 1;
                                      }
                                      return true;
                                  }),
                   programs.end());
    hub.flush();

    auto print = [&] {
        if (json) {
            QJsonArray array;
            for (const Attached &program : std::as_const(programs))
                array.append(toJson(program, hub));
            out << QJsonDocument(array).toJson(watch ? QJsonDocument::Compact : QJsonDocument::Indented);
            if (watch)
                out << '\n';
            out.flush();
            return;
        }
        if (programs.empty()) {
            out << PsSubcommand::tr("No running program serves a monitor socket. Start a libqmp program with QMP_MONITOR=1 "
                      "(qmp-studio always serves one).")
                << '\n';
            out.flush();
            return;
        }
        printText(programs, hub, out);
    };
    if (!watch) {
        print();
        return status;
    }
    const bool terminal = ::isatty(STDOUT_FILENO);
    QTimer timer;
    timer.setInterval(int(interval * 1000));
    QObject::connect(&timer, &QTimer::timeout, [&] {
        hub.flush();
        if (terminal && !json)
            out << "\x1b[H\x1b[2J"; // home + clear: a refreshing table like top
        else if (!json)
            out << '\n';
        print();
    });
    print();
    timer.start();
    return QCoreApplication::exec() == 0 ? status : 1;
}

} // namespace qmp
