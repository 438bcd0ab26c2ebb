#pragma once
// qmp::Process — Python's multiprocessing.Process on a QProcess.
//
// The target is a registered task (spawn semantics: the child is this binary re-executed, with
// the task's name and CBOR arguments sent over a socketpair), an external Command, or, for a
// subclass registered with QMP_PROCESS, its own run(). Lives in the thread that created it;
// call it from that thread only. start() needs a QCoreApplication; task targets need a
// qmp::Runtime constructed first in main().
//
// Task workers start by the forkserver (default) or by spawn (see startmethod.h).
//
// Lifetime: a child dies with its parent, even when the parent is SIGKILLed (PR_SET_PDEATHSIG,
// which Linux ties to the thread that called start(): start processes from a thread that
// outlives them). Destroying a running Process joins it, or terminates it when it is a daemon.

#include "qmpcore_export.h"
#include "command.h"
#include "errors.h"
#include "processclassregistry.h"
#include "startmethod.h"
#include "taskcall.h"

#include <QByteArray>
#include <QCborValue>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

namespace qmp {

class WorkerHandle;

class QMP_CORE_EXPORT Process : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Running, Finished, Closed };
    Q_ENUM(State)

    // Where the child's stdout and stderr go. Inherit shares the parent's (Python's behaviour);
    // Capture keeps them for readAllStandardOutput() / readAllStandardError(); Discard drops them.
    enum class OutputMode { Inherit, Capture, Discard };
    Q_ENUM(OutputMode)

    // A process with no target yet: for subclasses that override run(), or setTarget() later.
    explicit Process(QObject *parent = nullptr);
    explicit Process(TaskCall call, QObject *parent = nullptr);
    explicit Process(Command command, QObject *parent = nullptr);
    // Process(&fn, args...): fn must be registered (QMP_TASK); args convert through CborConvert.
    template <typename R, typename... P, typename... A>
    explicit Process(R (*fn)(P...), A &&...args) : Process(TaskCall::of(fn, std::forward<A>(args)...))
    {
    }
    ~Process() override;

    // --- configuration: before start() ---
    QString name() const { return m_name; }
    void setName(const QString &name);
    // Defaults to the daemon flag of the creating process. A daemon may not start children.
    bool daemon() const { return m_daemon; }
    void setDaemon(bool daemon);
    OutputMode outputMode() const { return m_outputMode; }
    void setOutputMode(OutputMode mode);
    // For task targets; defaults to defaultStartMethod() at construction.
    StartMethod startMethod() const { return m_startMethod; }
    void setStartMethod(StartMethod method);
    // Python's authkey: the child's currentProcess().authkey(). Defaults to the creating
    // process's at construction.
    QByteArray authkey() const { return m_authkey; }
    void setAuthkey(const QByteArray &authkey);
    void setTarget(TaskCall call);
    void setTarget(Command command);
    bool hasTarget() const { return !std::holds_alternative<std::monostate>(m_target); }

    // --- Python's API ---
    // Starts the child and returns once it runs. Throws ProcessError when started twice, when a
    // daemon starts a child, or when the program cannot run; ValueError / TypeError for an
    // unknown task or wrong arguments; ValueError after close().
    void start();
    // Waits for the child to end, running this thread's event loop (user input excluded) so
    // output and results keep flowing. Returns true when it has ended; join(0) only checks.
    bool join(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));
    // Milliseconds, Qt style: a negative value waits forever.
    bool join(int msecs) { return join(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs)); }
    bool isAlive();
    // SIGTERM (exit code -15) and SIGKILL (-9). No-ops once the child has exited.
    void terminate();
    void kill();
    // SIGINT (Python 3.14's interrupt()). A task child ends with exit code 1, as Python's does
    // with its KeyboardInterrupt (C++ cannot raise into running code: the child prints
    // "KeyboardInterrupt" and exits at once, without unwinding); -2 when the task restored
    // SIG_DFL, whatever its own handler does when it installed one. A command gets the signal.
    void interrupt();
    // Releases the QProcess and the channel. ValueError while the child runs; twice is fine.
    void close();
    // What the child does; runs in the child. The default calls the target task here and keeps
    // its value for result(). Subclasses override it and register with QMP_PROCESS(Class).
    // The child re-creates the object with Class's default constructor, not the one the parent
    // used: name, daemon and target travel; any other member must travel through
    // saveState() / restoreState(), or run() sees its default value.
    virtual void run();

    State state() const { return m_state; }
    // The child's pid once started (kept after it exits); 0 before start().
    qint64 pid() const;
    // nullopt until the child has ended; 0 on a normal return, 1 when the task threw,
    // n for qmp::exit(n), -N when killed by signal N.
    std::optional<int> exitCode() const;

    // --- beyond Python ---
    // The task's return value once finished (null before, and for command targets).
    QCborValue result() const;
    // What the task threw, with its C++ type, message and where; nullopt when it did not throw.
    std::optional<RemoteError> error() const;
    // Captured output (OutputMode::Capture), drained as read.
    QByteArray readAllStandardOutput();
    QByteArray readAllStandardError();

    // For subclasses with state beyond name and daemon: saveState() runs in the parent at
    // start(), restoreState() in the child before run().
    virtual QCborValue saveState() const { return {}; }
    virtual void restoreState(const QCborValue &state) { Q_UNUSED(state); }

Q_SIGNALS:
    void started();
    // Exactly once per started process, after it has exited and its result or error is in.
    void finished();
    void standardOutputReady();
    void standardErrorReady();

private:
    void ensureNotClosed(const char *operation) const;
    void ensureConfigurable(const char *what) const;
    void startTask();
    void startCommand(const Command &command);
    void onFrame(const QCborValue &frame);
    void onChildFinished(int exitCode);
    bool waitUntilFinished(QDeadlineTimer deadline);
    void pollChild();
    void stop(int sig);
    void signalStarted(int sig, const char *operation);

    std::variant<std::monostate, TaskCall, Command> m_target;
    // The in-flight loans of the target's arguments (InFlightRegistry): kept until the child has
    // ended or start() failed, so what they lend (a pipe end) stays open for the child until
    // it attaches, and no longer once it cannot.
    std::shared_ptr<const void> m_inFlight;
    QString m_name;
    QList<int> m_identity;
    bool m_daemon = false;
    OutputMode m_outputMode = OutputMode::Inherit;
    StartMethod m_startMethod = StartMethod::ForkServer;
    QByteArray m_authkey;
    State m_state = State::NotStarted;
    QProcess *m_process = nullptr;    // command targets
    WorkerHandle *m_worker = nullptr; // task targets
    qint64 m_pid = 0;
    std::optional<int> m_exitCode;
    QCborValue m_result;
    std::optional<RemoteError> m_error;
};

// Live children started by this process from the calling thread; reaps the ones that ended.
QMP_CORE_EXPORT QList<Process *> activeChildren();

} // namespace qmp
