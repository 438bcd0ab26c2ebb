#include "slurmallocation.h"

#include "runtime.h"
#include "sallocguard.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace qmp {

SlurmAllocation::SlurmAllocation(QObject *parent)
    : QObject(parent)
{
}

SlurmAllocation::~SlurmAllocation()
{
    release();
}

QStringList SlurmAllocation::sallocArguments(const Request &request)
{
    QStringList arguments{QStringLiteral("--ntasks=%1").arg(request.tasks),
                          QStringLiteral("--job-name=%1").arg(request.name)};
    if (!request.partition.isEmpty())
        arguments += QStringLiteral("--partition=%1").arg(request.partition);
    if (!request.timeLimit.isEmpty())
        arguments += QStringLiteral("--time=%1").arg(request.timeLimit);
    arguments += request.extraArguments;
    // salloc holds the allocation while its command runs: here one that waits for salloc itself
    // (so it never outlives it), and that salloc ends (SIGTERM) when the allocation is revoked.
    arguments += {QStringLiteral("--kill-command=TERM"), QStringLiteral("--"), QStringLiteral("/bin/sh"),
                  QStringLiteral("-c"), QStringLiteral("exec tail -f /dev/null --pid=\"$PPID\"")};
    return arguments;
}

QString SlurmAllocation::stateName() const
{
    switch (m_state) {
    case State::Idle:
    case State::Requested: return {};
    case State::Pending: return QStringLiteral("PENDING");
    case State::Granted: return QStringLiteral("RUNNING");
    case State::Failed: return QStringLiteral("FAILED");
    case State::Released: return m_jobId > 0 ? QStringLiteral("CANCELLED") : QString();
    case State::Ended: return m_verdict.isEmpty() ? QStringLiteral("COMPLETING") : m_verdict;
    }
    return {};
}

void SlurmAllocation::request(const Request &request)
{
    Q_ASSERT(m_state == State::Idle);
    const QString salloc = QStandardPaths::findExecutable(QStringLiteral("salloc"));
    if (salloc.isEmpty()) {
        // Later, so that a caller connecting after request() hears it.
        QTimer::singleShot(0, this, [this] {
            fail(QStringLiteral("Slurm is not installed here: salloc was not found in PATH"));
        });
        m_state = State::Requested;
        return;
    }
    m_state = State::Requested;
    m_salloc = new QProcess(this);
    m_salloc->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_salloc, &QProcess::readyRead, this, &SlurmAllocation::readSalloc);
    connect(m_salloc, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onSallocFinished(status == QProcess::NormalExit ? exitCode : -1);
    });
    connect(m_salloc, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("salloc could not start: %1").arg(m_salloc->errorString()));
    });
    const pid_t owner = ::getpid();
    m_salloc->setChildProcessModifier([owner] {
        // If this thread ends first (the process killed, crashed), salloc gets SIGTERM: it
        // withdraws a pending request, or has Slurm revoke the allocation, ends its command and
        // exits. Its own process group: a Ctrl-C at the terminal is this program's to handle
        // (RunSession stops the run first), and release() can kill all of it at once.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != owner) // gone already, before it could be told
            ::_exit(127);
        ::setpgid(0, 0);
    });
    // Between this program and salloc, something that makes sure nothing of salloc outlives it:
    // Slurm 22.05's salloc sometimes deadlocks in its own SIGTERM handling after giving the
    // allocation back, or leaves a forked copy of itself stuck before its command's exec. With a
    // qmp::Runtime, this program re-executed as a SallocGuard (kills salloc and everything it
    // left); without one, GNU timeout (kills salloc only, 3 s after the SIGTERM it passed on).
    const QString host = Runtime::instance() ? Runtime::instance()->hostExecutable() : QString();
    const QString timeout = QStandardPaths::findExecutable(QStringLiteral("timeout"));
    if (!host.isEmpty())
        m_salloc->start(host, QStringList{QLatin1String(SallocGuard::flag), salloc} + sallocArguments(request),
                        QIODevice::ReadOnly);
    else if (!timeout.isEmpty())
        m_salloc->start(timeout,
                        QStringList{QStringLiteral("--kill-after=%1").arg(SallocGuard::graceSeconds), QStringLiteral("0"),
                                    salloc}
                            + sallocArguments(request),
                        QIODevice::ReadOnly);
    else
        m_salloc->start(salloc, sallocArguments(request), QIODevice::ReadOnly);
}

void SlurmAllocation::readSalloc()
{
    static const QRegularExpression pendingLine(QStringLiteral("^salloc: Pending job allocation (\\d+)"));
    static const QRegularExpression grantedLine(QStringLiteral("^salloc: Granted job allocation (\\d+)"));
    m_partial += m_salloc->readAll();
    qsizetype end;
    while ((end = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(end)).trimmed();
        m_partial.remove(0, end + 1);
        if (const auto m = pendingLine.match(line); m.hasMatch()) {
            m_jobId = m.captured(1).toLongLong();
            m_state = State::Pending;
            m_reason = QStringLiteral("waiting for resources");
            Q_EMIT pending(m_reason);
            if (!m_poll) {
                m_poll = new QTimer(this);
                connect(m_poll, &QTimer::timeout, this, &SlurmAllocation::pollReason);
                m_poll->start(2000);
            }
        } else if (const auto g = grantedLine.match(line); g.hasMatch()) {
            m_jobId = g.captured(1).toLongLong();
            if (m_state == State::Requested || m_state == State::Pending) {
                if (m_poll)
                    m_poll->stop();
                m_state = State::Granted;
                Q_EMIT granted();
            }
        } else if (line.startsWith(QLatin1String("salloc: error: "))) {
            m_sallocErrors += line.mid(15);
            if (line.contains(QLatin1String("Node failure")))
                m_sallocVerdict = QStringLiteral("NODE_FAIL"); // "Node failure on node3", before the revocation
        } else if (line.contains(QLatin1String("exceeded its time limit"))) {
            m_sallocVerdict = QStringLiteral("TIMEOUT"); // "Job 4 has exceeded its time limit and its allocation has been revoked."
        } else if (line.contains(QLatin1String("has been revoked")) && m_sallocVerdict.isEmpty()) {
            m_sallocVerdict = QStringLiteral("REVOKED"); // "Job allocation 2 has been revoked." (an scancel, say)
        }
    }
}

void SlurmAllocation::onSallocFinished(int exitCode)
{
    readSalloc();
    if (m_poll)
        m_poll->stop();
    if (m_state == State::Granted) {
        // Slurm ended the allocation itself (its time limit, a node failure, an scancel from
        // elsewhere): its steps end with it. Which it was, scontrol says.
        m_state = State::Ended;
        m_sallocExit = exitCode;
        Q_EMIT ending();
        if (m_sallocVerdict == QLatin1String("NODE_FAIL") || m_sallocVerdict == QLatin1String("TIMEOUT"))
            onVerdict(m_sallocVerdict); // salloc said which: at once
        else
            queryVerdict();
        return;
    }
    if (m_state == State::Released || m_state == State::Failed || m_state == State::Ended)
        return;
    QString why = m_sallocErrors.isEmpty() ? QStringLiteral("salloc ended with status %1").arg(exitCode)
                                           : m_sallocErrors.join(QStringLiteral("; "));
    fail(QStringLiteral("Slurm refused the allocation: %1").arg(why));
}

void SlurmAllocation::pollReason()
{
    if (m_jobId <= 0 || m_state != State::Pending || (m_squeue && m_squeue->state() != QProcess::NotRunning))
        return;
    if (!m_squeue) {
        m_squeue = new QProcess(this);
        connect(m_squeue, &QProcess::finished, this, [this](int exitCode) {
            const QString reason = QString::fromUtf8(m_squeue->readAllStandardOutput()).trimmed();
            if (exitCode == 0 && !reason.isEmpty() && reason != m_reason && m_state == State::Pending) {
                m_reason = reason;
                Q_EMIT pending(reason);
            }
        });
    }
    m_squeue->start(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-j"), QString::number(m_jobId),
                                               QStringLiteral("-o"), QStringLiteral("%r")},
                    QIODevice::ReadOnly);
}

void SlurmAllocation::queryVerdict()
{
    if (m_state != State::Ended || !m_verdict.isEmpty())
        return;
    ++m_verdictTries;
    if (!m_scontrol) {
        m_scontrol = new QProcess(this);
        connect(m_scontrol, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
            static const QRegularExpression stateField(QStringLiteral("\\bJobState=(\\S+)"));
            const auto m = stateField.match(QString::fromUtf8(m_scontrol->readAllStandardOutput()));
            onVerdict(status == QProcess::NormalExit && exitCode == 0 && m.hasMatch() ? m.captured(1) : QString());
        });
        connect(m_scontrol, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                onVerdict({});
        });
    }
    m_scontrol->start(QStringLiteral("scontrol"),
                      {QStringLiteral("-o"), QStringLiteral("show"), QStringLiteral("job"), QString::number(m_jobId)},
                      QIODevice::ReadOnly);
    // A controller that does not answer: the verdict from salloc's words instead.
    QTimer::singleShot(10000, m_scontrol, [this, tries = m_verdictTries] {
        if (tries == m_verdictTries && m_scontrol->state() != QProcess::NotRunning)
            m_scontrol->kill();
    });
}

void SlurmAllocation::onVerdict(const QString &jobState)
{
    if (m_state != State::Ended || !m_verdict.isEmpty())
        return;
    // States of a job that has not ended (yet) as the controller sees it.
    static const QStringList live{QStringLiteral("RUNNING"),    QStringLiteral("COMPLETING"), QStringLiteral("CONFIGURING"),
                                  QStringLiteral("SUSPENDED"),  QStringLiteral("PENDING"),    QStringLiteral("REQUEUED"),
                                  QStringLiteral("RESIZING"),   QStringLiteral("SIGNALING"),  QStringLiteral("STAGE_OUT")};
    const bool alive = live.contains(jobState);
    const bool completing = jobState == QLatin1String("COMPLETING");
    if (alive && (m_verdictTries < 10 || (completing && m_verdictTries < kCompletingTries))) {
        // Still ending: its steps being killed (COMPLETING shows no verdict yet). That takes
        // 0.1-0.3 s on the test cluster: look again 100 ms later. A step that ignores SIGTERM
        // keeps it COMPLETING until Slurm kills it, KillWait later (30 s by default): then every
        // 0.5 s, for up to a minute. Any other live state: only 1 s (its salloc was killed).
        QTimer::singleShot(m_verdictTries < 10 ? 100 : 500, this, &SlurmAllocation::queryVerdict);
        return;
    }
    QString detail;
    QString verdict = jobState;
    if (jobState == QLatin1String("COMPLETING")) {
        verdict = m_sallocVerdict.isEmpty() ? QStringLiteral("REVOKED") : m_sallocVerdict; // ending still: salloc's word
    } else if (alive) {
        // Slurm keeps it, but its salloc is gone (killed from outside): nothing would give it
        // back at this program's end, so now.
        cancelJob();
        verdict = QStringLiteral("CANCELLED");
        detail = QStringLiteral(": its salloc ended (%1), so it was given back")
                     .arg(m_sallocExit < 0 ? QStringLiteral("killed") : QStringLiteral("status %1").arg(m_sallocExit));
    } else if (verdict.isEmpty()) { // scontrol knows nothing (no controller, or the job is long gone)
        verdict = m_sallocVerdict.isEmpty() ? QStringLiteral("REVOKED") : m_sallocVerdict;
    }
    m_verdict = verdict;
    m_error = QStringLiteral("the Slurm allocation %1 ended (%2)%3").arg(m_jobId).arg(verdict, detail);
    Q_EMIT ended(m_error);
}

void SlurmAllocation::cancelJob()
{
    QProcess scancel;
    scancel.start(QStringLiteral("scancel"), {QString::number(m_jobId)}, QIODevice::ReadOnly);
    if (!scancel.waitForFinished(10000)) {
        scancel.kill();
        scancel.waitForFinished(1000);
    }
}

void SlurmAllocation::fail(const QString &message)
{
    if (m_state == State::Failed || m_state == State::Released || m_state == State::Ended)
        return;
    m_state = State::Failed;
    m_error = message;
    Q_EMIT failed(message);
}

void SlurmAllocation::release()
{
    if (m_state == State::Ended) {
        // Slurm ended it; ended() told its verdict (kept for stateName()), or never will: the
        // caller is done with it.
        const bool known = !m_verdict.isEmpty();
        if (!known)
            m_verdict = m_sallocVerdict.isEmpty() ? QStringLiteral("REVOKED") : m_sallocVerdict; // (no ended() from here on)
        if (m_scontrol && m_scontrol->state() != QProcess::NotRunning) {
            m_scontrol->kill();
            m_scontrol->waitForFinished(1000);
        }
        if (!known) { // be sure nothing of it stays
            cancelJob();
        }
        return;
    }
    if (m_state == State::Released || m_state == State::Idle)
        return;
    const bool wasFailed = m_state == State::Failed;
    bool givenBack = false; // by salloc, which ended of itself on SIGTERM
    m_state = State::Released;
    if (m_poll)
        m_poll->stop();
    if (m_squeue && m_squeue->state() != QProcess::NotRunning) {
        m_squeue->kill();
        m_squeue->waitForFinished(1000);
    }
    if (m_salloc && m_salloc->state() != QProcess::NotRunning) {
        // salloc withdraws a pending request, or gives the allocation back, on SIGTERM.
        const pid_t pid = pid_t(m_salloc->processId()); // leads its own process group
        ::kill(pid, SIGTERM);
        // (Killed by the guard or timeout, 128 + SIGKILL: it may have died before giving the job
        // back; scancel makes sure.)
        givenBack = m_salloc->waitForFinished((SallocGuard::graceSeconds + 2) * 1000)
                    && m_salloc->exitStatus() == QProcess::NormalExit && m_salloc->exitCode() != 128 + SIGKILL;
        if (!givenBack) {
            ::kill(-pid, SIGKILL); // salloc too, not only the guard above it
            if (m_salloc->state() != QProcess::NotRunning)
                m_salloc->waitForFinished(1000);
        }
    }
    if (m_jobId > 0 && !wasFailed && !givenBack) {
        cancelJob();
    }
}

} // namespace qmp
