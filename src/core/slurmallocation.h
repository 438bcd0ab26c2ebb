#pragma once
// SlurmAllocation: CPUs on a Slurm cluster held for a batch of steps (SlurmStep), requested with
// salloc, which runs for as long as the allocation is held, and given back by ending salloc
// (SIGTERM; `scancel` when it does not end). salloc gets SIGTERM when this process ends without
// releasing it — killed, crashed —, so Slurm gets the CPUs back at once, not at the job's time
// limit; in a program with a qmp::Runtime, salloc runs under a SallocGuard, so that nothing of it
// outlives this process (see sallocguard.h).
// Asynchronous: request() returns at once; granted() or failed() follows, and pending() each
// time Slurm gives a new reason for the wait (as squeue shows it). Once granted, ended() says
// when Slurm ends the allocation itself (its time limit, a node failure, an scancel from
// elsewhere: salloc exits), with Slurm's verdict for the job. Works with any Slurm version through
// its command line (salloc, squeue, scontrol, scancel), found in PATH; SLURM_CONF and the other
// SLURM_* variables reach them unchanged.

#include "qmpcore_export.h"
#include <QObject>
#include <QString>
#include <QStringList>

class QProcess;
class QTimer;

namespace qmp {

class QMP_CORE_EXPORT SlurmAllocation : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        int tasks = 1;             // CPUs, one per step running at once
        QString partition;         // empty: the cluster's default
        QString timeLimit;         // Slurm's --time format ("30", "2:00:00", "1-0"); empty: the default
        QString name = QStringLiteral("qmp");
        QStringList extraArguments; // more salloc options, as given
    };
    // Ended: granted, then ended by Slurm (not by release()).
    enum class State { Idle, Requested, Pending, Granted, Failed, Released, Ended };

    explicit SlurmAllocation(QObject *parent = nullptr);
    ~SlurmAllocation() override; // releases it

    void request(const Request &request);
    // Gives the CPUs back: cancels the job (and so every step still running in it), or the
    // pending request. Blocks at most a few seconds for scancel. Safe to call in any state; once
    // Slurm ended it (Ended) there is nothing to give back: its verdict stays, and an ended()
    // still to come never comes.
    void release();

    State state() const { return m_state; }
    qint64 jobId() const { return m_jobId; } // 0 until Slurm gave one
    QString errorString() const { return m_error; }
    QString pendingReason() const { return m_reason; }
    // The state as squeue names it: PENDING, RUNNING (granted), FAILED, CANCELLED (released),
    // once ended Slurm's verdict (TIMEOUT, NODE_FAIL, CANCELLED...; COMPLETING until it is
    // known); empty before Slurm gave a job id.
    QString stateName() const;

    // salloc's command line for request (for messages and tests).
    static QStringList sallocArguments(const Request &request);

Q_SIGNALS:
    void pending(const QString &reason);
    void granted();
    void failed(const QString &message);
    // salloc exited while granted: Slurm is ending the allocation; ended() follows (within about
    // a second, or 10 s when the controller does not answer) once its verdict is known.
    void ending();
    // Slurm ended the granted allocation: "the Slurm allocation 812 ended (NODE_FAIL)" (also
    // errorString(); the verdict is stateName()). Its steps end with it; no new one can start.
    void ended(const QString &message);

private:
    void readSalloc();
    void onSallocFinished(int exitCode);
    void pollReason();
    void fail(const QString &message);
    // After salloc exited on its own while granted: asks scontrol for the job's final state
    // (retried while the job is still completing), then ended().
    void queryVerdict();
    void onVerdict(const QString &jobState);
    // scancel of the job, waiting for it at most about 10 s.
    void cancelJob();

    // scontrol queries for the verdict of a job still COMPLETING: 10 at 100 ms, then at 0.5 s
    // (about 66 s in all, more than Slurm's default KillWait of 30 s).
    static constexpr int kCompletingTries = 10 + 130;

    QProcess *m_salloc = nullptr; // salloc, under a SallocGuard (or GNU timeout)
    QProcess *m_squeue = nullptr;
    QProcess *m_scontrol = nullptr;
    QTimer *m_poll = nullptr;
    State m_state = State::Idle;
    qint64 m_jobId = 0;
    QString m_error;
    QString m_reason;
    QString m_verdict;       // Ended: the job's final state, once known
    QString m_sallocVerdict; // what salloc's last words say of the end (NODE_FAIL, TIMEOUT, REVOKED)
    int m_verdictTries = 0;
    int m_sallocExit = 0;
    QStringList m_sallocErrors;
    QByteArray m_partial;
};

} // namespace qmp
