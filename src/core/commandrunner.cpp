#include "commandrunner.h"

#include "monotonicclock.h"
#include "processinfo.h"
#include "programsearch.h"
#include "slurmstep.h"
#include "surrogateescape.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <vector>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

namespace qmp {

namespace {

// The exec of a command whose program, arguments, working directory or environment hold bytes
// that are not UTF-8 (SurrogateEscape text): QProcess would pass them on as U+FFFD, so the child
// changes directory and execs these bytes itself, from QProcess's child modifier (QProcess is not
// given the directory). Everything is prepared before the fork: the child only calls chdir,
// execve, write and _exit.
class ByteExec
{
public:
    // Nothing to do (nullptr) when the command is plain text.
    static std::shared_ptr<ByteExec> prepare(const Command &command)
    {
        bool bytes = SurrogateEscape::holdsBytes(command.program) || SurrogateEscape::holdsBytes(command.workingDirectory);
        for (const QString &argument : command.arguments)
            bytes = bytes || SurrogateEscape::holdsBytes(argument);
        const QStringList environment = command.environment.toStringList();
        for (const QString &variable : environment)
            bytes = bytes || SurrogateEscape::holdsBytes(variable);
        if (!bytes)
            return nullptr;
        auto exec = std::make_shared<ByteExec>();
        exec->m_args.append(SurrogateEscape::encode(command.program));
        for (const QString &argument : command.arguments)
            exec->m_args.append(SurrogateEscape::encode(argument));
        for (const QString &variable : environment)
            exec->m_env.append(SurrogateEscape::encode(variable));
        exec->m_directory = SurrogateEscape::encode(command.workingDirectory);
        exec->m_path = exec->resolve(command);
        for (QByteArray &arg : exec->m_args)
            exec->m_argv.push_back(arg.data());
        exec->m_argv.push_back(nullptr);
        for (QByteArray &variable : exec->m_env)
            exec->m_envp.push_back(variable.data());
        exec->m_envp.push_back(nullptr);
        return exec;
    }

    // Why it cannot run (the program was not found); empty when it can.
    QString error() const { return m_error; }

    // In the child: never returns.
    [[noreturn]] void run() const noexcept
    {
        if (!m_directory.isEmpty() && ::chdir(m_directory.constData()) != 0)
            fail(errno);
        ::execve(m_path.constData(), m_argv.data(), m_env.isEmpty() ? environ : m_envp.data());
        fail(errno);
    }

private:
    // The program's path: as given when it has a slash, else the first executable file of that
    // name on PATH (the command's own PATH when it has an environment).
    QByteArray resolve(const Command &command)
    {
        const QByteArray &program = m_args.first();
        const QByteArray found = ProgramSearch::find(program, command);
        if (!found.isEmpty())
            return found;
        m_error = QStringLiteral("cannot run '%1': no such program on PATH").arg(command.program);
        return program;
    }

    // Reports errno on the child's stderr the way a shell would, and exits 126 or 127.
    [[noreturn]] void fail(int error) const noexcept
    {
        static const char prefix[] = "qmp: cannot run '";
        [[maybe_unused]] ssize_t n = ::write(2, prefix, sizeof(prefix) - 1);
        n = ::write(2, m_args.first().constData(), size_t(m_args.first().size()));
        const char *why = ::strerrordesc_np(error); // async-signal-safe (a table lookup)
        n = ::write(2, "': ", 3);
        if (why)
            n = ::write(2, why, std::strlen(why));
        n = ::write(2, "\n", 1);
        ::_exit(error == ENOENT ? 127 : 126);
    }

    QList<QByteArray> m_args;
    QList<QByteArray> m_env;
    QByteArray m_directory;
    QByteArray m_path;
    std::vector<char *> m_argv;
    std::vector<char *> m_envp;
    QString m_error;
};

// One output stream of a command appended to its file, the file made (mode 0600) when the first
// bytes come (CommandOptions::outputFilesOnDemand). Once the file cannot be made or written, the
// rest of the stream is kept instead (its last kKeptBytes), and error() says which file and why.
class OnDemandFile
{
public:
    static constexpr qsizetype kKeptBytes = 1 << 20;

    explicit OnDemandFile(const QString &path) : m_path(path), m_name(QFile::encodeName(path)) {}
    OnDemandFile(const OnDemandFile &) = delete;
    OnDemandFile &operator=(const OnDemandFile &) = delete;
    ~OnDemandFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    // Why the command cannot start with this file: its folder is not one it can write to
    // (checked before the start, so a broken folder fails the command at once). Empty: it can.
    QString folderError() const
    {
        const qsizetype slash = m_name.lastIndexOf('/');
        const QByteArray probe = (slash < 0 ? QByteArray(".") : m_name.left(slash + 1)) + ".";
        return ::access(probe.constData(), W_OK) == 0 ? QString() : describe("create", errno);
    }

    void append(const QByteArray &bytes, QByteArray &kept)
    {
        qsizetype done = 0;
        if (m_error.isEmpty() && !bytes.isEmpty() && m_fd < 0) {
            m_fd = ::open(m_name.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (m_fd < 0)
                m_error = describe("create", errno);
        }
        while (m_error.isEmpty() && done < bytes.size()) {
            const ssize_t n = ::write(m_fd, bytes.constData() + done, size_t(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                m_error = describe("write", n < 0 ? errno : ENOSPC);
                break;
            }
            done += n;
        }
        if (done < bytes.size()) {
            kept += QByteArrayView(bytes).sliced(done);
            if (kept.size() > kKeptBytes)
                kept.remove(0, kept.size() - kKeptBytes);
        }
    }

    QString error() const { return m_error; }

private:
    QString describe(const char *what, int error) const
    {
        return QStringLiteral("cannot %1 its output file %2: %3")
            .arg(QLatin1StringView(what), m_path, QString::fromLocal8Bit(std::strerror(error)));
    }

    QString m_path;
    QByteArray m_name;
    int m_fd = -1;
    QString m_error;
};

} // namespace

struct CommandRunner::Running
{
    CommandJob job;
    QProcess *process = nullptr;
    QTimer *timer = nullptr;
    qint64 pid = 0;
    qint64 startedNs = 0;
    qint64 startTimeMs = 0;
    bool timedOut = false;
    QString cancelled;      // why the user ended it, when they did
    PoolEvent::Reason cancelReason = PoolEvent::Reason::None;
    int timeoutLeftMs = -1; // while stopped
    QTimer *graceTimer = nullptr; // SIGTERM was sent; SIGKILL follows when it fires
    QByteArray output[2];   // captured so far: stdout, stderr
    bool slurmStep = false; // runs as a Slurm step: its stderr holds srun's lines until interpret() reads them
    std::unique_ptr<OnDemandFile> file[2]; // outputFilesOnDemand: where stdout, stderr go

    void killGroup() const
    {
        if (pid > 0)
            ::kill(-pid_t(pid), SIGKILL); // the whole tree: it leads its own process group
    }

    // Ends the command as its options say: SIGKILL at once, or SIGTERM and SIGKILL after
    // CommandOptions::killGrace (a program such as srun needs the SIGTERM to end what it started
    // elsewhere). Safe to call again while the grace runs: the first call's deadline stays.
    void stop()
    {
        const auto grace = job.options.killGrace;
        if (grace.count() <= 0 || pid <= 0) {
            killGroup();
            return;
        }
        if (graceTimer)
            return;
        ::kill(-pid_t(pid), SIGTERM);
        graceTimer = new QTimer(process);
        graceTimer->setSingleShot(true);
        graceTimer->setTimerType(Qt::PreciseTimer);
        QObject::connect(graceTimer, &QTimer::timeout, process, [group = pid] { ::kill(-pid_t(group), SIGKILL); });
        graceTimer->start(grace);
    }
};

CommandRunner::CommandRunner(int limit, QObject *parent)
    : QObject(parent), m_limit(limit)
{
}

CommandRunner::~CommandRunner()
{
    for (auto &run : m_active) {
        run->killGroup();
        disconnect(run->process, nullptr, this, nullptr);
        run->process->waitForFinished(5000);
        delete run->process;
    }
}

void CommandRunner::submit(std::deque<CommandJob> jobs)
{
    for (CommandJob &job : jobs) {
        record(PoolEvent::Kind::TaskQueued, job);
        m_pending.push_back(std::move(job));
    }
    startNext();
}

void CommandRunner::record(PoolEvent::Kind kind, const CommandJob &job, qint64 pid, qint64 durationNs,
                           const QString &message, int exitCode, int channel, PoolEvent::Reason reason,
                           QCborArray reasonArgs, const QString &host)
{
    if (!m_recorder)
        return;
    PoolEvent event;
    event.kind = kind;
    event.timeNs = monotonicNs();
    event.taskId = job.id;
    event.batchId = job.batch ? job.batch->id : 0;
    event.index = job.index;
    event.isCommand = true;
    event.task = job.command.displayLine();
    event.items = 1;
    event.attempt = std::max(job.attempts, 1);
    event.workerPid = pid;
    event.durationNs = durationNs;
    event.exitCode = exitCode;
    event.channel = channel;
    event.message = message;
    event.single = job.batch && job.batch->single;
    if (kind == PoolEvent::Kind::TaskQueued) { // enough to run it again (a retry from a monitor)
        event.arguments = QCborArray{job.command.program, QCborArray::fromStringList(job.command.arguments),
                                     job.command.workingDirectory, qint64(job.options.timeout.count()),
                                     job.options.retries};
    }
    event.reason = reason;
    event.reasonArgs = std::move(reasonArgs);
    event.host = host;
    m_recorder(std::move(event));
}

void CommandRunner::startNext()
{
    if (m_starting || m_paused || m_held)
        return; // finish() during start(): the loop below goes on
    m_starting = true;
    while (m_running < m_limit && !m_pending.empty()) {
        CommandJob job = std::move(m_pending.front());
        m_pending.pop_front();
        if (job.batch->hasEnded())
            continue;
        ++job.attempts;
        auto run = std::make_unique<Running>();
        Running *raw = run.get();
        run->job = std::move(job);
        Command command = raw->job.command; // as it runs: the events and the result keep job.command
        if (m_slurmJobId > 0) {
            SlurmStep::runInAllocation(command, raw->job.options, m_slurmJobId, m_srunArguments);
            raw->slurmStep = true;
        }
        raw->process = new QProcess(this);
        raw->process->setStandardInputFile(QProcess::nullDevice());
        const CommandOptions &options = raw->job.options;
        const QString files[2] = {options.standardOutputFile, options.standardErrorFile};
        QString cannotStart;
        if (options.captureOutput && options.outputFilesOnDemand) {
            for (int channel : {0, 1}) {
                if (files[channel].isEmpty())
                    continue;
                raw->file[channel] = std::make_unique<OnDemandFile>(files[channel]);
                if (cannotStart.isEmpty())
                    cannotStart = raw->file[channel]->folderError();
            }
        }
        raw->process->setProcessChannelMode(options.captureOutput ? QProcess::SeparateChannels : QProcess::ForwardedChannels);
        const std::shared_ptr<ByteExec> byteExec = ByteExec::prepare(command);
        if (byteExec && cannotStart.isEmpty())
            cannotStart = byteExec->error();
        if (!command.workingDirectory.isEmpty() && !byteExec)
            raw->process->setWorkingDirectory(command.workingDirectory);
        if (!command.environment.isEmpty())
            raw->process->setProcessEnvironment(command.environment);
        const pid_t parentPid = ::getpid();
        raw->process->setChildProcessModifier([parentPid, byteExec] {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parentPid)
                ::_exit(127);
            if (byteExec)
                byteExec->run();
        });
        if (options.captureOutput) {
            // Read as it comes (a monitor follows it live); kept for the result, or written to
            // its on-demand file. A file the pool opens itself takes the stream from QProcess.
            for (int channel : {0, 1}) {
                if (!files[channel].isEmpty() && !raw->file[channel]) {
                    if (channel == 0)
                        raw->process->setStandardOutputFile(files[channel], QIODevice::Append);
                    else
                        raw->process->setStandardErrorFile(files[channel], QIODevice::Append);
                    continue;
                }
                connect(raw->process, channel == 0 ? &QProcess::readyReadStandardOutput : &QProcess::readyReadStandardError,
                        this, [this, raw, channel] {
                            raw->process->setReadChannel(QProcess::ProcessChannel(channel));
                            const QByteArray chunk = raw->process->readAll();
                            if (raw->file[channel]) { // its file is what the QMP service reads and relays
                                raw->file[channel]->append(chunk, raw->output[channel]);
                                return;
                            }
                            raw->output[channel] += chunk;
                            // A Slurm step's stderr reaches monitors once srun's own lines are out of it.
                            if (m_recorder && !chunk.isEmpty() && !(raw->slurmStep && channel == 1))
                                record(PoolEvent::Kind::TaskOutput, raw->job, raw->pid, 0, QString::fromLocal8Bit(chunk), 0,
                                       channel + 1);
                        });
            }
        }
        connect(raw->process, &QProcess::finished, this, [this, raw](int code, QProcess::ExitStatus status) {
            CommandResult result;
            result.started = true;
            result.exitCode = status == QProcess::CrashExit ? -code : code;
            if (raw->job.options.captureOutput) {
                QStringList fileErrors;
                for (int channel : {0, 1}) {
                    const QByteArray rest = channel == 0 ? raw->process->readAllStandardOutput() : raw->process->readAllStandardError();
                    if (!raw->file[channel]) {
                        raw->output[channel] += rest;
                        continue;
                    }
                    raw->file[channel]->append(rest, raw->output[channel]);
                    if (!raw->file[channel]->error().isEmpty())
                        fileErrors.append(raw->file[channel]->error());
                }
                result.standardOutput = raw->output[0];
                result.standardError = raw->output[1];
                result.error = fileErrors.join(QStringLiteral("; "));
            }
            finish(raw, std::move(result));
        });
        connect(raw->process, &QProcess::errorOccurred, this, [this, raw](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return;
            CommandResult result;
            result.error = QStringLiteral("cannot run '%1': %2").arg(raw->job.command.program, raw->process->errorString());
            result.exitCode = 127; // what a shell reports for a command it cannot run
            finish(raw, std::move(result));
        });
        raw->startTimeMs = QDateTime::currentMSecsSinceEpoch();
        raw->startedNs = monotonicNs();
        ++m_running;
        m_active.push_back(std::move(run));
        if (!cannotStart.isEmpty()) {
            CommandResult result;
            result.error = cannotStart;
            result.exitCode = 127; // what a shell reports for a command it cannot run
            finish(raw, std::move(result));
            continue;
        }
        raw->process->start(command.program, command.arguments, QIODevice::ReadOnly);
        if (std::none_of(m_active.begin(), m_active.end(), [raw](const auto &r) { return r.get() == raw; }))
            continue; // it could not start and has finished already
        raw->pid = raw->process->processId();
        record(PoolEvent::Kind::TaskStarted, raw->job, raw->pid);
        if (raw->job.options.timeout.count() > 0 && raw->pid > 0) {
            raw->timer = new QTimer(raw->process);
            raw->timer->setSingleShot(true);
            raw->timer->setTimerType(Qt::PreciseTimer); // a coarse timer fires up to 5 % early
            connect(raw->timer, &QTimer::timeout, this, [raw] {
                raw->timedOut = true;
                raw->stop();
            });
            raw->timer->start(raw->job.options.timeout);
        }
    }
    m_starting = false;
    if (isIdle())
        Q_EMIT idle();
}

void CommandRunner::finish(Running *run, CommandResult result)
{
    const auto it = std::find_if(m_active.begin(), m_active.end(), [run](const auto &r) { return r.get() == run; });
    if (it == m_active.end())
        return; // already finished (errorOccurred and finished both fired)
    std::unique_ptr<Running> done = std::move(*it);
    m_active.erase(it);
    --m_running;
    done->process->disconnect(this);
    if (done->graceTimer)
        done->graceTimer->stop(); // it has ended: no SIGKILL for a process group id that may be reused
    done->process->deleteLater();

    CommandJob &job = done->job;
    result.program = job.command.program;
    result.arguments = job.command.arguments;
    result.pid = done->pid;
    result.timedOut = done->timedOut;
    result.attempts = job.attempts;
    result.startTimeMs = done->startTimeMs;
    result.durationNs = monotonicNs() - done->startedNs;
    if (!done->cancelled.isEmpty())
        result.error = done->cancelled;
    if (job.options.interpret)
        job.options.interpret(result);
    if (done->slurmStep && m_recorder && !result.standardError.isEmpty())
        record(PoolEvent::Kind::TaskOutput, job, done->pid, 0, QString::fromLocal8Bit(result.standardError), 0, 2);
    if (result.ok()) {
        record(PoolEvent::Kind::TaskFinished, job, result.pid, result.durationNs, {}, 0, 0, PoolEvent::Reason::None, {},
               result.host);
    } else {
        QString why = result.error;
        PoolEvent::Reason reason = done->cancelReason;
        QCborArray reasonArgs;
        if (reason == PoolEvent::Reason::None && !result.started) {
            reason = PoolEvent::Reason::CannotStart;
            reasonArgs = {job.command.program, done->process->errorString()};
        } else if (reason == PoolEvent::Reason::None) {
            reason = result.timedOut ? PoolEvent::Reason::TimedOut : PoolEvent::Reason::CommandFailed;
            reasonArgs = {result.timedOut ? qint64(job.options.timeout.count()) : qint64(result.exitCode)};
        }
        if (why.isEmpty()) {
            why = result.timedOut ? QStringLiteral("timed out after %1 ms").arg(job.options.timeout.count())
                                  : describeExit(result.exitCode);
        }
        record(PoolEvent::Kind::TaskFailed, job, result.pid, result.durationNs, why, result.exitCode, 0, reason,
               reasonArgs, result.host);
    }
    if (!result.ok() && done->cancelled.isEmpty() && job.attempts <= job.options.retries && !job.batch->hasEnded())
        m_pending.push_front(std::move(job));
    else
        deliver(job, result);
    startNext();
}

void CommandRunner::deliver(CommandJob &job, const CommandResult &result)
{
    if (!job.batch->hasEnded())
        job.batch->deliver(job.index, CborConvert<CommandResult>::toCbor(result));
}

void CommandRunner::failQueued(std::exception_ptr error, const QString &why)
{
    while (!m_pending.empty()) {
        record(PoolEvent::Kind::TaskFailed, m_pending.front(), 0, 0, why, 0, 0, PoolEvent::Reason::PoolBroken, {why});
        m_pending.front().batch->fail(error);
        m_pending.pop_front();
    }
    if (isIdle())
        Q_EMIT idle();
}

void CommandRunner::setHeld(bool held)
{
    m_held = held;
    if (!held)
        startNext();
}

void CommandRunner::runInSlurmAllocation(qint64 jobId, const QStringList &extraArguments)
{
    m_slurmJobId = jobId;
    m_srunArguments = extraArguments;
}

bool CommandRunner::cancel(quint64 id, const QString &reason)
{
    return cancelWith(id, reason, PoolEvent::Reason::Cancelled);
}

bool CommandRunner::cancelWith(quint64 id, const QString &reason, PoolEvent::Reason why)
{
    for (auto &run : m_active) {
        if (run->job.id == id) {
            run->cancelled = reason;
            run->cancelReason = why;
            run->stop(); // finish() follows when QProcess sees the exit
            if (m_stoppedRunning && run->pid > 0)
                ::kill(-pid_t(run->pid), SIGCONT);
            return true;
        }
    }
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const CommandJob &j) { return j.id == id; });
    if (it == m_pending.end())
        return false;
    CommandJob job = std::move(*it);
    m_pending.erase(it);
    CommandResult result;
    result.program = job.command.program;
    result.arguments = job.command.arguments;
    result.error = reason;
    result.attempts = job.attempts;
    record(PoolEvent::Kind::TaskFailed, job, 0, 0, reason, result.exitCode, 0,
           why == PoolEvent::Reason::Cancelled ? PoolEvent::Reason::CancelledQueued : why);
    deliver(job, result);
    if (isIdle())
        Q_EMIT idle();
    return true;
}

CommandRunner::Cancelled CommandRunner::cancelBatch(quint64 batchId, const QString &reason)
{
    const auto ofBatch = [batchId](const CommandJob &job) { return job.batch && job.batch->id == batchId; };
    QList<quint64> running;
    QList<quint64> queued;
    for (const auto &run : m_active) {
        if (ofBatch(run->job) && run->cancelled.isEmpty())
            running.append(run->job.id);
    }
    for (const CommandJob &job : m_pending) {
        if (ofBatch(job))
            queued.append(job.id);
    }
    Cancelled cancelled;
    for (quint64 id : std::as_const(queued)) // first: ending a running one starts the next queued
        cancelled.queued += cancel(id, reason) ? 1 : 0;
    for (quint64 id : std::as_const(running))
        cancelled.running += cancel(id, reason) ? 1 : 0;
    return cancelled;
}

bool CommandRunner::cancelPid(qint64 pid, const QString &reason)
{
    for (auto &run : m_active) {
        if (pid > 0 && run->pid == pid)
            return cancelWith(run->job.id, reason, PoolEvent::Reason::WorkerTerminated);
    }
    return false;
}

void CommandRunner::setLimit(int limit)
{
    m_limit = std::max(limit, 1);
    startNext();
}

void CommandRunner::setPaused(bool paused, bool stopRunning)
{
    m_paused = paused;
    if (paused && stopRunning) {
        m_stoppedRunning = true;
        for (auto &run : m_active) {
            if (run->timer && run->timer->isActive()) {
                run->timeoutLeftMs = run->timer->remainingTime();
                run->timer->stop();
            }
            if (run->pid > 0)
                ::kill(-pid_t(run->pid), SIGSTOP);
        }
    } else if (!paused) {
        if (m_stoppedRunning) {
            for (auto &run : m_active) {
                if (run->pid > 0)
                    ::kill(-pid_t(run->pid), SIGCONT);
                if (run->timer && run->timeoutLeftMs >= 0) {
                    run->timer->start(run->timeoutLeftMs);
                    run->timeoutLeftMs = -1;
                }
            }
        }
        m_stoppedRunning = false;
        startNext();
    }
}

void CommandRunner::terminate(std::exception_ptr error)
{
    m_paused = false;
    while (!m_pending.empty()) {
        record(PoolEvent::Kind::TaskFailed, m_pending.front(), 0, 0, QStringLiteral("the pool was terminated"), 0, 0,
               PoolEvent::Reason::PoolTerminated);
        m_pending.front().batch->fail(error);
        m_pending.pop_front();
    }
    for (auto &run : m_active) {
        run->job.batch->fail(error);
        run->cancelled = QStringLiteral("the pool was terminated");
        run->cancelReason = PoolEvent::Reason::PoolTerminated;
        run->stop(); // finish() follows when QProcess sees the exit
        if (m_stoppedRunning && run->pid > 0)
            ::kill(-pid_t(run->pid), SIGCONT); // a stopped process gets SIGKILL anyway; be explicit
    }
    if (isIdle())
        Q_EMIT idle();
}

} // namespace qmp
