#include "runsession.h"

#include "errors.h"
#include "finishedjob.h"
#include "historystore.h"
#include "hubsampler.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "pool.h"
#include "pooloptions.h"
#include "procsampler.h"
#include "rawoutput.h"
#include "remotecommand.h"
#include "runtime.h"
#include "slurmallocation.h"
#include "slurmstep.h"
#include "socketaddress.h"
#include "surrogateescape.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cmath>
#include <cstring>
#include <unistd.h>

namespace qmp {

struct RunSession::Job
{
    qint64 seq = 0;
    int slot = 1;         // {%}; tracked only when the template uses it
    qint64 startedMs = 0; // when it was handed to the pool
    int attempts = 0;     // with --slurm: tries handed to the pool so far (--retries)
    bool queuedWhenStopped = false; // still queued in the pool when the run was stopped: never started
    QString line;
    Command command; // what line runs: its words, or /bin/sh -c line
    std::unique_ptr<QFutureWatcher<CommandResult>> watcher;
};

struct RunSession::Output
{
    enum class Kind { Ran, Skipped, Killed };
    Kind kind = Kind::Ran;
    QString line;
    CommandResult result;
};

namespace {
int exitValueOf(const CommandResult &r)
{
    if (r.timedOut)
        return -1; // what parallel writes for a killed job
    return r.exitCode >= 0 ? r.exitCode : 0;
}

int signalOf(const CommandResult &r)
{
    return r.exitCode < 0 ? -r.exitCode : 0;
}
} // namespace

RunSession::RunSession(RunOptions options, JobInputs inputs, CommandTemplate commandTemplate, HistoryStore *history,
                       QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_inputs(std::move(inputs))
    , m_template(std::move(commandTemplate))
    , m_history(history)
    , m_bar(m_options.bar || (::isatty(2) && !::isatty(1)))
{
}

RunSession::~RunSession()
{
    if (m_slurmListener >= 0)
        ::close(m_slurmListener);
}

void RunSession::streamInput(int fd)
{
    m_inputFd = fd;
    m_inputEnded = false;
}

void RunSession::readInput()
{
    char buffer[65536];
    ssize_t n;
    do {
        n = ::read(m_inputFd, buffer, sizeof buffer);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n > 0) {
        m_partialLine.append(buffer, n);
        qsizetype start = 0;
        for (qsizetype end = m_partialLine.indexOf('\n'); end >= 0; end = m_partialLine.indexOf('\n', start)) {
            m_inputs.append(SurrogateEscape::decode(QByteArrayView(m_partialLine).sliced(start, end - start)));
            start = end + 1;
        }
        m_partialLine.remove(0, start);
    } else {
        // End of input (or an error reading it: what was read still runs).
        if (n < 0)
            message(tr("stopped reading the input: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        if (!m_partialLine.isEmpty())
            m_inputs.append(SurrogateEscape::decode(std::exchange(m_partialLine, QByteArray())));
        m_inputEnded = true;
        m_inputNotifier->setEnabled(false);
    }
    m_total = m_inputs.count();
    startMore();
    finishIfDone();
}

void RunSession::message(const QString &text)
{
    m_bar.clear();
    RawOutput::writeAll(2, (QStringLiteral("qmp: ") + text + QLatin1Char('\n')).toUtf8());
}

int RunSession::exec()
{
    m_total = m_inputs.count();
    if (m_options.jobs == RunOptions::kAsManyAsPossible) // -j 0: every job at once (stdin: up to 1024)
        m_slots = int(m_inputEnded ? std::clamp<qint64>(m_total, 1, 100000) : 1024);
    else
        m_slots = m_options.jobs > 0 ? m_options.jobs : processCpuCount();
    m_slotBusy = QList<bool>(m_slots, false);
    // The pool starts the next queued job the moment one ends, with no round trip through this
    // thread. Not with {%} (a job's slot is known only when it starts) nor --halt (no job may
    // start after it is reached).
    if (!m_template.usesSlot() && m_options.halt.when == HaltPolicy::When::Never)
        m_queueAhead = m_slots;

    if (m_options.resume || m_options.resumeFailed) {
        QString error;
        const auto entries = JobLog::read(m_options.joblog, &error);
        if (!entries) {
            message(error);
            return 255;
        }
        for (const JobLog::Entry &e : *entries) {
            if (m_options.resume || e.succeeded())
                m_skip.insert(e.seq);
        }
    }

    if (m_options.dryRun) {
        for (qint64 seq = 1; seq <= m_total; ++seq) {
            if (m_skip.contains(seq))
                continue;
            const QString line = m_template.expand(m_inputs.argumentsOf(seq), seq, 1);
            if (m_options.json) {
                const QJsonObject o{{QStringLiteral("seq"), seq}, {QStringLiteral("command"), line}};
                RawOutput::writeAll(1, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
            } else {
                RawOutput::writeAll(1, SurrogateEscape::encode(line) + '\n');
            }
        }
        return 0;
    }

    if (!m_options.joblog.isEmpty() && !m_joblog.open(m_options.joblog, m_options.resume || m_options.resumeFailed)) {
        message(m_joblog.errorString());
        return 255;
    }

    m_createdMs = QDateTime::currentMSecsSinceEpoch();
    if (m_history) {
        m_batchId = m_history->newBatchId();
        recordBatch(false);
        // On disk before the first job starts: qmp history and the studio see a run as soon as its
        // jobs run, not a writer round (200 ms) later. A failure is reported at the end.
        m_history->flush();
    }

    if (m_options.slurm && (!listenForSlurmWorkers() || !acquireSlurmAllocation())) {
        if (m_slurm)
            m_slurm->release();
        if (m_slurmListener >= 0) {
            ::close(m_slurmListener);
            m_slurmListener = -1;
        }
        if (m_history) {
            recordBatch(true);
            m_history->flush();
        }
        m_joblog.close();
        return m_signal != 0 ? 128 + m_signal : 255;
    }

    PoolOptions poolOptions;
    poolOptions.name = QStringLiteral("qmp-run");
    if (m_slurm) {
        // One worker per slot, each a step of the allocation for the whole run, running the jobs'
        // commands on its node (RemoteCommand): no srun, no slurmctld RPC, no slurmstepd per job.
        SlurmWorkers workers;
        workers.allocation = m_slurm->jobId();
        workers.srunArguments = m_options.slurmStepArguments;
        workers.address = m_options.slurmAddress;
        workers.port = m_options.slurmPort;
        workers.listeningSocket = m_slurmListener; // the one checked: the port stays ours
        poolOptions.slurm = workers;
    } else {
        poolOptions.commandsOnly = true;
    }
    m_pool = std::make_unique<Pool>(m_slots, poolOptions);
    if (m_slurmListener >= 0) { // the pool holds its own duplicate now
        ::close(m_slurmListener);
        m_slurmListener = -1;
    }
    if (m_slurm) {
        // Slurm ended the allocation (its time limit, a node failure, an scancel from elsewhere):
        // no worker can start in it any more. The pool fails the jobs it holds and every later
        // one at once, with this reason; the running ones end with their workers.
        const auto ended = [this](const QString &why) {
            m_slurmEnded = true;
            message(tr("%1: the jobs not finished fail (--resume-failed runs them again)").arg(why));
            m_pool->slurmAllocationEnded(why);
        };
        connect(m_slurm.get(), &SlurmAllocation::ending, this, [this] { m_pool->slurmAllocationEnding(); });
        connect(m_slurm.get(), &SlurmAllocation::ended, this, ended);
        if (m_slurm->state() == SlurmAllocation::State::Ended) { // already, before the pool was there
            m_pool->slurmAllocationEnding();
            if (!m_slurm->errorString().isEmpty())
                ended(m_slurm->errorString());
        }
    }
    serveMonitor();

    m_bar.update(0, 0, m_total, true);
    if (!m_inputEnded) {
        m_inputNotifier = new QSocketNotifier(m_inputFd, QSocketNotifier::Read, this);
        connect(m_inputNotifier, &QSocketNotifier::activated, this, &RunSession::readInput);
    }
    QTimer::singleShot(0, this, [this] {
        startMore();
        finishIfDone();
    });
    m_loop.exec();
    if (m_inputNotifier)
        m_inputNotifier->setEnabled(false);
    if (m_inputFd >= 0 && m_total == 0 && m_signal == 0)
        message(tr("no input: nothing to run"));

    // Everything has ended: no job is running.
    for (auto &[seq, output] : m_held) {
        if (output.kind == Output::Kind::Ran)
            report(seq, output);
    }
    m_held.clear();
    m_bar.clear();
    m_pool->close();
    m_pool->join();
    m_hubSampler.reset();
    m_sampler.reset();
    m_server.reset();
    m_hub.reset();
    m_pool.reset();
    if (m_slurm)
        m_slurm->release(); // and with it any step still running there
    if (m_history) {
        recordBatch(true);
        if (!m_history->flush())
            message(tr("the history could not be written: %1").arg(m_history->errorString()));
    }
    m_joblog.close();

    if (m_signal != 0)
        return 128 + m_signal;
    if (m_joblogFailed)
        return 255;
    if (m_haltExit >= 0)
        return m_haltExit;
    if (m_options.halt.when != HaltPolicy::When::Never && m_options.halt.percent)
        return int(std::ceil(double(m_failed) * 100.0 / double(std::max<qint64>(m_succeeded + m_failed, 1))));
    return int(std::min<qint64>(m_failed, 101));
}

void RunSession::startMore()
{
    while (!m_noMoreStarts && qsizetype(m_running.size()) < qsizetype(m_slots) + m_queueAhead && m_nextSeq <= m_total) {
        const qint64 seq = m_nextSeq++;
        if (m_skip.contains(seq)) {
            ++m_skipped;
            if (m_options.keepOrder) {
                m_held[seq] = Output{Output::Kind::Skipped, {}, {}};
                flushOrdered();
            }
            continue;
        }
        auto job = std::make_unique<Job>();
        job->seq = seq;
        if (m_queueAhead == 0) {
            job->slot = int(m_slotBusy.indexOf(false)) + 1;
            m_slotBusy[job->slot - 1] = true;
        }
        job->startedMs = QDateTime::currentMSecsSinceEpoch();
        if (m_startedMs == 0)
            m_startedMs = job->startedMs;
        job->line = m_template.expand(m_inputs.argumentsOf(seq), seq, job->slot);
        job->command = m_template.toCommand(job->line);
        try {
            handOver(*job);
        } catch (const Error &e) {
            // A job that cannot even be submitted (it expands to no program): a failed job.
            if (m_queueAhead == 0)
                m_slotBusy[job->slot - 1] = false;
            Output out{Output::Kind::Ran, job->line, {}};
            out.result.error = e.message();
            out.result.exitCode = 127;
            out.result.startTimeMs = QDateTime::currentMSecsSinceEpoch();
            ++m_failed;
            if (m_options.keepOrder) {
                m_held[seq] = out;
                flushOrdered();
            } else {
                report(seq, out);
            }
            continue;
        }
        m_running.emplace(seq, std::move(job));
    }
}

void RunSession::handOver(Job &job)
{
    const std::chrono::milliseconds timeout(qint64(std::ceil(m_options.timeoutSeconds * 1000.0)));
    QFuture<CommandResult> future;
    if (m_slurm) {
        ++job.attempts; // --retries: counted here, a worker lost with its node included
        future = m_pool->applyAsync(RemoteCommand::call(job.command, timeout)).future().then(
            [command = job.command](const QCborValue &value) { return RemoteCommand::result(value, command); });
    } else {
        CommandOptions options;
        options.timeout = timeout;
        options.retries = m_options.retries;
        future = m_pool->run(job.command, options).future();
    }
    job.watcher = std::make_unique<QFutureWatcher<CommandResult>>();
    const qint64 seq = job.seq;
    connect(job.watcher.get(), &QFutureWatcherBase::finished, this, [this, seq] { onFinished(seq); });
    job.watcher->setFuture(future);
}

void RunSession::onFinished(qint64 seq)
{
    const auto it = m_running.find(seq);
    if (it == m_running.end())
        return;
    std::unique_ptr<Job> job = std::move(it->second);
    m_running.erase(it);
    if (m_queueAhead == 0)
        m_slotBusy[job->slot - 1] = false;

    Output out{Output::Kind::Ran, job->line, {}};
    QFuture<CommandResult> future = job->watcher->future();
    try {
        future.waitForFinished();
        if (future.resultCount() < 1)
            throw ProcessError(QStringLiteral("no result"));
        out.result = future.result();
        if (m_slurm)
            out.result.attempts = job->attempts;
    } catch (const Error &e) {
        if (m_slurm && !m_terminating) {
            // Its worker was lost (its step cancelled, its node failed, its time limit) or none
            // could be started: the job failed, for the reason the pool gives (Slurm's verdict).
            out.result.program = job->command.program;
            out.result.arguments = job->command.arguments;
            out.result.started = true;
            out.result.exitCode = -SIGKILL; // it ended with its worker
            out.result.error = e.message();
            out.result.host = SlurmStep::nodeOf(e.message()); // where Slurm says it ended
            out.result.attempts = job->attempts;
            out.result.startTimeMs = job->startedMs;
            out.result.durationNs = (QDateTime::currentMSecsSinceEpoch() - job->startedMs) * 1'000'000;
        } else {
            out.kind = Output::Kind::Killed;
        }
    } catch (...) {
        out.kind = Output::Kind::Killed;
    }
    if (out.kind == Output::Kind::Killed) { // the pool was terminated (halt now, a signal)
        // Data for the history, in English like the engine's messages (the reason is translated).
        if (!job->queuedWhenStopped)
            recordKilled(*job, m_signal ? QStringLiteral("killed: qmp run was stopped by signal %1").arg(m_signal)
                                        : QStringLiteral("killed by --halt now"));
    }
    job->watcher->disconnect(this);
    job->watcher.release()->deleteLater();

    if (m_slurm && out.kind == Output::Kind::Ran && !out.result.ok() && job->attempts <= m_options.retries
        && !m_terminating && !m_slurmEnded) {
        // --retries on Slurm: another try on whichever worker is free (the local pool retries itself).
        try {
            handOver(*job);
            m_running.emplace(seq, std::move(job));
            return;
        } catch (const Error &) {
            // the pool takes no more: this try's result stands
        }
    }

    if (out.kind == Output::Kind::Ran) {
        const CommandResult &r = out.result;
        const bool ok = r.ok();
        ok ? ++m_succeeded : ++m_failed;
        if (m_joblog.isOpen()) {
            JobLog::Entry e;
            e.seq = seq;
            if (!r.host.isEmpty())
                e.host = r.host; // parallel's sshlogin column; ":" for this machine
            e.startMs = r.startTimeMs;
            e.runtimeMs = r.durationNs / 1000000;
            e.receive = r.standardOutput.size();
            e.exitValue = exitValueOf(r);
            e.signal = signalOf(r);
            e.command = job->line;
            if (!m_joblog.write(e)) {
                // The log --resume relies on is broken: start nothing more, exit 255.
                message(tr("%1; no more jobs are started").arg(m_joblog.errorString()));
                m_joblog.close();
                m_joblogFailed = true;
                m_noMoreStarts = true;
            }
        }
        if (m_history) {
            FinishedJob finished = FinishedJob::fromResult(
                r, std::chrono::milliseconds(qint64(std::ceil(m_options.timeoutSeconds * 1000.0))));
            finished.batchId = m_batchId;
            finished.seq = seq;
            finished.command = job->command;
            finished.name = job->line; // as the joblog writes it (parallel's Command column)
            finished.queuedMs = job->startedMs;
            finished.endMs = QDateTime::currentMSecsSinceEpoch();
            const TaskRecord t = finished.toRecord();
            m_history->record(t);
            if (t.endMs - m_batchRecordedMs >= 500)
                recordBatch(false); // its progress, for qmp history --batch while it runs
        }
    }

    if (m_options.keepOrder) {
        m_held[seq] = out;
        flushOrdered();
    } else if (out.kind == Output::Kind::Ran) {
        report(seq, out);
    }

    if (out.kind == Output::Kind::Ran && !m_halted && m_options.halt.reached(m_failed, m_succeeded, m_total)) {
        const bool ok = out.result.ok();
        const HaltPolicy &halt = m_options.halt;
        const bool relevant = halt.why == HaltPolicy::Why::Done || (halt.why == HaltPolicy::Why::Fail) != ok;
        if (relevant) {
            m_halted = true;
            m_noMoreStarts = true;
            if (halt.why == HaltPolicy::Why::Success) {
                m_haltExit = 0;
            } else if (halt.percent) {
                m_haltExit = int(std::ceil(double(m_failed) * 100.0 / double(std::max<qint64>(m_total, 1))));
            } else if (halt.threshold == 1) {
                // parallel's --halt ...,fail=1: the failing job's status (128 + signal, like bash)
                const int value = exitValueOf(out.result);
                const int signal = signalOf(out.result);
                m_haltExit = value > 0 ? value : signal > 0 ? 128 + signal : 0;
            } else {
                m_haltExit = int(std::min<qint64>(m_failed, 101));
            }
            message((halt.why == HaltPolicy::Why::Done ? tr("this job finished: %1")
                     : ok                              ? tr("this job succeeded: %1")
                                                       : tr("this job failed: %1"))
                        .arg(out.line));
            if (halt.when == HaltPolicy::When::Now)
                haltNow();
            else if (!m_running.empty())
                message(tr("--halt: waiting for %n running job(s) to finish", nullptr, int(m_running.size())));
        }
    }
    m_bar.update(m_succeeded + m_failed + m_skipped, m_failed, m_total);
    startMore();
    finishIfDone();
}

bool RunSession::listenForSlurmWorkers()
{
    // Tried before anything is asked of Slurm: a port in use or an address that is not this
    // machine's is an error now, not a failure of every job once the workers are started.
    const QString host = m_options.slurmAddress.isEmpty() ? QStringLiteral("0.0.0.0") : m_options.slurmAddress;
    const QString address = (host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
                                .arg(host)
                                .arg(m_options.slurmPort);
    QString error;
    int fd = -1;
    try {
        SocketAddress bound;
        fd = SocketAddress::parse(address).listen(&bound, &error);
    } catch (const Error &e) {
        error = e.message();
    }
    if (fd < 0) {
        message(tr("cannot run on Slurm: the workers could not connect back to %1 (--slurm-address, --slurm-port): %2")
                    .arg(address, error));
        return false;
    }
    m_slurmListener = fd; // handed to the pool (SlurmWorkers::listeningSocket): never free in between
    return true;
}

bool RunSession::acquireSlurmAllocation()
{
    m_slurm = std::make_unique<SlurmAllocation>();
    SlurmAllocation::Request request;
    request.tasks = m_slots;
    request.partition = m_options.slurmPartition;
    request.timeLimit = m_options.slurmTime;
    request.extraArguments = m_options.slurmArguments;
    request.name = QStringLiteral("qmp-run");
    bool waited = false;
    connect(m_slurm.get(), &SlurmAllocation::pending, this, [this, &waited](const QString &reason) {
        waited = true;
        message(tr("waiting for Slurm to allocate %n CPU(s) (job %1): %2", nullptr, m_slots)
                    .arg(m_slurm->jobId())
                    .arg(reason));
    });
    connect(m_slurm.get(), &SlurmAllocation::granted, this, [this, &waited] {
        if (waited)
            message(tr("Slurm job %1 is running: starting the jobs").arg(m_slurm->jobId()));
        m_loop.quit();
    });
    connect(m_slurm.get(), &SlurmAllocation::failed, this, [this](const QString &why) {
        message(tr("cannot run on Slurm: %1").arg(why));
        m_loop.quit();
    });
    m_slurm->request(request);
    m_loop.exec(); // until granted, failed, or stop() (a signal)
    m_slurm->disconnect(this);
    return m_signal == 0 && m_slurm->state() == SlurmAllocation::State::Granted;
}

void RunSession::recordBatch(bool finished)
{
    if (!m_history)
        return;
    BatchRecord batch{m_batchId, QStringLiteral("qmp run"), m_template.text(), m_createdMs,
                      finished ? QDateTime::currentMSecsSinceEpoch() : 0, m_total, m_succeeded + m_skipped, m_failed};
    batch.startedMs = m_startedMs;
    batch.cancelled = m_cancelled;
    batch.commandTemplate = m_template.text();
    batch.shell = m_template.needsShell();
    batch.setOwnerToThisProcess();
    m_history->record(batch);
    m_batchRecordedMs = QDateTime::currentMSecsSinceEpoch();
}

void RunSession::recordKilled(const Job &job, const QString &why)
{
    ++m_cancelled;
    if (!m_history)
        return;
    FinishedJob killed;
    killed.batchId = m_batchId;
    killed.seq = job.seq;
    killed.command = job.command;
    killed.name = job.line;
    killed.end = FinishedJob::End::Cancelled;
    killed.exitCode = -SIGKILL; // its process group was killed
    killed.queuedMs = job.startedMs;
    killed.startMs = job.startedMs;
    killed.endMs = QDateTime::currentMSecsSinceEpoch();
    killed.durationNs = (killed.endMs - job.startedMs) * 1'000'000;
    killed.message = why;
    killed.reason = PoolEvent::Reason::Cancelled;
    const TaskRecord t = killed.toRecord();
    m_history->record(t);
}

int RunSession::markQueuedJobs()
{
    // The pool runs its commands in the order they were handed over, at most m_slots at once:
    // of the jobs without a result, the first m_slots may have started, the others are queued.
    int mayRun = 0;
    for (auto &[seq, job] : m_running) {
        if (job->watcher->future().isFinished())
            continue;
        if (mayRun < m_slots)
            ++mayRun;
        else
            job->queuedWhenStopped = true;
    }
    return mayRun;
}

void RunSession::serveMonitor()
{
    // Like any QMP program: qmp ps and the studio can watch this run (controls only when
    // QMP_MONITOR=control asks for them).
    m_hub = std::make_unique<MonitorHub>();
    m_hub->watch(m_pool.get(), QStringLiteral("qmp run"));
    m_server = std::make_unique<MonitorServer>(m_hub.get());
    m_server->setControlAllowed(qgetenv("QMP_MONITOR").trimmed().toLower() == "control");
    if (m_history)
        m_server->setHistoryPath(m_history->path());
    if (!m_server->listen()) {
        message(tr("qmp ps will not see this run: %1").arg(m_server->errorString()));
        m_server.reset();
    }
    m_sampler = std::make_unique<ProcSampler>();
    m_hubSampler = std::make_unique<HubSampler>(m_hub.get(), m_sampler.get());
    if (m_server)
        m_hubSampler->followClients(m_server.get());
}

void RunSession::report(qint64 seq, const Output &output)
{
    const CommandResult &r = output.result;
    m_bar.clear();
    if (m_options.json) {
        const QJsonObject o{{QStringLiteral("seq"), seq},
                            {QStringLiteral("command"), output.line},
                            {QStringLiteral("exitCode"), exitValueOf(r)},
                            {QStringLiteral("signal"), signalOf(r)},
                            {QStringLiteral("timedOut"), r.timedOut},
                            {QStringLiteral("started"), r.started},
                            {QStringLiteral("error"), r.error},
                            {QStringLiteral("attempts"), r.attempts},
                            {QStringLiteral("start"), double(r.startTimeMs) / 1000.0},
                            {QStringLiteral("runtime"), double(r.durationNs) / 1e9},
                            {QStringLiteral("stdout"), QString::fromUtf8(r.standardOutput)},
                            {QStringLiteral("stderr"), QString::fromUtf8(r.standardError)}};
        RawOutput::writeAll(1, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    } else {
        RawOutput::writeAll(1, r.standardOutput);
        RawOutput::writeAll(2, r.standardError);
    }
    if (!r.started)
        message(tr("job %1: %2").arg(seq).arg(r.error.isEmpty() ? tr("could not run: %1").arg(output.line) : r.error));
    else if (m_slurm && !r.timedOut && !r.ok() && !r.error.isEmpty())
        message(tr("job %1: %2").arg(seq).arg(r.error)); // its Slurm worker was lost
    else if (r.timedOut)
        message(tr("job %1 was killed because it timed out after %2 s: %3").arg(seq).arg(m_options.timeoutSeconds).arg(output.line));
}

void RunSession::flushOrdered()
{
    for (auto it = m_held.find(m_nextToPrint); it != m_held.end(); it = m_held.find(m_nextToPrint)) {
        if (it->second.kind == Output::Kind::Ran)
            report(it->first, it->second);
        m_held.erase(it);
        ++m_nextToPrint;
    }
}

void RunSession::haltNow()
{
    m_noMoreStarts = true;
    if (m_pool && !m_running.empty()) {
        m_terminating = true;
        m_pool->terminate(); // kills the running jobs' process groups (on Slurm: their workers); their results fail
    }
}

void RunSession::finishIfDone()
{
    if (m_running.empty() && (m_noMoreStarts || (m_inputEnded && m_nextSeq > m_total)))
        m_loop.quit();
}

void RunSession::stop(int signal)
{
    if (m_signal == 0)
        message(tr("stopped by signal %1: killing %n running job(s)", nullptr, markQueuedJobs()).arg(signal));
    m_signal = signal;
    haltNow();
    finishIfDone();
}

} // namespace qmp
