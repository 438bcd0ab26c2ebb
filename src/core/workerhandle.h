#pragma once
// WorkerHandle: the parent's end of one worker process running this binary's worker code — its
// frame channel plus the child itself, forked by the forkserver or spawned with QProcess.
// Used by Process (one-shot workers) and Pool (persistent workers). Lives in its creator's
// thread; not thread-safe.
//
// frameReceived() fires per frame from the worker, in order, and framesDelivered() after each
// burst of them (one read). finished() fires exactly once,
// after the worker has exited and every frame it sent before exiting has been delivered.

#include "qmpcore_export.h"
#include "process.h"
#include "startmethod.h"

#include <QCborValue>
#include <QDeadlineTimer>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>
#include <optional>

class QProcess;

namespace qmp {

class FrameChannel;
class ChannelReadGate;
class ForkedChild;
class SlurmStepSignals;

class QMP_CORE_AUTOTEST_EXPORT WorkerHandle : public QObject
{
    Q_OBJECT
public:
    WorkerHandle(StartMethod method, Process::OutputMode outputMode, QObject *parent = nullptr);
    ~WorkerHandle() override;

    // Starts the worker and hands it its first message; laneFd (a pool worker's WorkerLane, or
    // -1) is passed on, not taken. Returns once it runs and has the message (or has died reading
    // it). Throws ProcessError when no worker could be started.
    void start(const QCborValue &runMessage, int laneFd = -1);
    // A worker on another machine (SlurmWorkers): `program arguments` (srun) runs here and stands
    // for it: its pid is pid(), its end is the worker's end. The worker's channel comes later,
    // when it connects back (attachChannel()); frames sent before are queued. Signals reach it
    // through `scancel --signal` (in order) once its step is known. Throws ProcessError when srun cannot start.
    // With OutputMode::Inherit, srun's and slurmstepd's own lines are taken out of its stderr and
    // read when it ends: a step Slurm ended (scancel, time limit, node failure, no step created)
    // gives lostReason() Slurm's verdict ("Slurm: NODE_FAIL: the node node3 failed").
    void startRemote(const QCborValue &runMessage, const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment);
    // The remote worker's connected socket (taken), the node it runs on and its Slurm step
    // ("job.step", may be empty); placed() follows when it is taken.
    void attachChannel(int fd, const QString &host, const QString &step, const QString &where);
    // Gives up a remote worker (it never connected, say): kills it; lostReason() says why.
    void abandon(const QString &why);
    bool isRemote() const { return m_remote; }
    // A remote worker that connected (and may have been sent calls), even if it is gone now.
    bool isConnected() const { return m_channel != nullptr; }
    // Why a remote worker was given up or lost, empty otherwise.
    QString lostReason() const { return m_lostReason; }
    // Where a remote worker runs ("pid 123 on node7, step 45.2"), empty until it connected.
    QString where() const { return m_where; }
    // A remote worker's node and Slurm step ("job.step"), empty until it connected.
    QString host() const { return m_host; }
    QString step() const { return m_step; }
    // Queues a frame to the worker (ValueError above the frame size limit).
    void send(const QCborValue &frame);
    void send(const QList<QCborValue> &frames);
    // Frames encoded already (FrameDecoder's framing), written like send(frames).
    void sendEncoded(QByteArray frames);
    // Closes our end of the channel: the worker reads end-of-stream. A remote worker that has
    // not connected yet is ended instead (its srun gets SIGTERM).
    void closeChannel();
    // A dup() of the channel's socket (close-on-exec; the caller owns it), -1 without a channel.
    int duplicateChannel() const;
    // Another thread reads the channel too, through gate (FrameChannel::setReadGate).
    void setChannelReadGate(std::shared_ptr<ChannelReadGate> gate);
    // With a read gate: whether this side polls the channel (FrameChannel::setReading).
    void setChannelReading(bool reading);
    // Bytes queued to the worker and not yet written.
    qsizetype bytesToWrite() const;

    qint64 pid() const { return m_pid; }
    bool isRunning() const { return m_pid != 0 && !m_exitCode.has_value(); }
    // nullopt while running; the exit code, or -N for signal N.
    std::optional<int> exitCode() const { return m_exitCode; }
    void sendSignal(int sig);
    // Handles an exit that has happened, without blocking.
    void poll();
    // Blocks without an event loop until the worker has exited (its frames are dropped).
    bool waitForExit(QDeadlineTimer deadline);

    QByteArray readAllStandardOutput();
    QByteArray readAllStandardError();

Q_SIGNALS:
    void frameReceived(const QCborValue &frame);
    void framesDelivered();
    void finished(int exitCode);
    void standardOutputReady();
    void standardErrorReady();
    // A remote worker connected: host() and step() say where it runs. At most once.
    void placed();

private:
    void onExit(int exitCode);
    void onRemoteChannelClosed();
    void killRemoteLater();
    // A remote worker's srun stderr (OutputMode::Inherit): Slurm's lines are kept for
    // noteSlurmVerdict(), the others written to our stderr. atEnd: a last line without newline too.
    void readSlurmLines(bool atEnd);
    // Why Slurm ended the worker's step (cancelled, time limit, node failure, no step), from its
    // lines, becomes lostReason() unless one is set already.
    void noteSlurmVerdict(int srunExitCode);

    StartMethod m_method;
    Process::OutputMode m_outputMode;
    FrameChannel *m_channel = nullptr;
    ForkedChild *m_forked = nullptr;
    QProcess *m_process = nullptr;
    qint64 m_pid = 0;
    std::optional<int> m_exitCode;
    bool m_remote = false;
    QByteArray m_queued; // a remote worker's frames (encoded) before it connected, in order
    QString m_host;
    QString m_step;
    QString m_where;
    QString m_lostReason;
    QByteArray m_stderrPartial; // a remote worker's srun stderr: a line not ended yet
    QByteArray m_slurmLines;    // ... and Slurm's lines so far
    bool m_killScheduled = false;
    SlurmStepSignals *m_stepSignals = nullptr; // a remote worker's signals, through scancel
};

// Prepares a QProcess for a QMP child: stdin from /dev/null, output per mode, death with the
// parent (PR_SET_PDEATHSIG), and of this process's descriptors only keepFd and keepFd2 (when
// >= 0) left open across exec.
QMP_CORE_AUTOTEST_EXPORT void prepareChildProcess(QProcess *process, Process::OutputMode mode, int keepFd, int keepFd2 = -1);

} // namespace qmp
