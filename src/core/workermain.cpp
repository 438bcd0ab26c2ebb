#include "workermain.h"

#include "errors.h"
#include "finalize.h"
#include "exceptioninfo.h"
#include "framedecoder.h"
#include "framestream.h"
#include "monotonicclock.h"
#include "chunkvalues.h"
#include "packedtask.h"
#include "process.h"
#include "processclassregistry.h"
#include "processinfo.h"
#include "startmethod.h"
#include "replybatcher.h"
#include "taskregistry.h"
#include "workerlane.h"
#include "workerprotocol.h"

#include <QCoreApplication>
#include <QHash>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <csignal>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <memory>
#include <optional>
#include <unistd.h>

namespace qmp {

namespace {

struct Failure
{
    QString type;
    QString message;
};

// Runs fn, turning whatever it throws into a Failure; a SystemExit becomes exitCode.
template <typename Fn>
QCborValue capture(Fn &&fn, std::optional<Failure> &failure, std::optional<int> &exitCode)
{
    try {
        return fn();
    } catch (const SystemExit &e) {
        exitCode = e.code();
    } catch (...) {
        const detail::ExceptionInfo info = detail::describeCurrentException();
        failure = Failure{info.type, info.message};
    }
    return {};
}

void flushAll()
{
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
}

// SIGINT in a one-shot worker: what Python's KeyboardInterrupt amounts to (a message, exit 1).
extern "C" void keyboardInterrupt(int)
{
    static const char text[] = "KeyboardInterrupt\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, text, sizeof text - 1);
    ::_exit(1);
}

// Replies to tiny calls are held and written together while more calls have already arrived:
// one system call (and one wake-up of the parent) for many results. No reply waits longer than
// maxHoldNs (ReplyBatcher's flusher sees to it), and a call that may take long writes the held
// replies before it starts.
constexpr qint64 smallCallNs = 50000;
constexpr qint64 maxHoldNs = 1000000;
constexpr qsizetype maxHoldBytes = 8 * 1024; // a deep window's replies go in parts: the parent refills it meanwhile

// Around each call of a packed chunk: counts it in the lane before it begins, and keeps what a
// call threw by its position (a qmp::exit() stops the chunk).
class PackedChunkHooks final : public PackedTask::Hooks
{
public:
    PackedChunkHooks(WorkerLane &lane, QString context) : m_lane(lane), m_context(std::move(context)) {}
    void beginCall(qsizetype) override { m_lane.beginCall(); }
    bool callFailed(qsizetype i, std::exception_ptr error) override
    {
        try {
            std::rethrow_exception(error);
        } catch (const SystemExit &e) {
            exitCode = e.code();
            return false;
        } catch (...) {
            const detail::ExceptionInfo info = detail::describeCurrentException();
            errors.insert(i, wire::TaskFailure{info.type, info.message, m_context});
        }
        return true;
    }

    QMap<qsizetype, wire::TaskFailure> errors;
    std::optional<int> exitCode;

private:
    WorkerLane &m_lane;
    QString m_context;
};

// Runs packed chunk `call` (every call counted in the lane before it begins): the reply, or
// nullopt when a call called qmp::exit() (exitCode). A task that cannot run packed calls of
// this size and arity fails every call, saying why.
std::optional<wire::PoolPackedResult> runPackedChunk(const wire::PoolCall &call, WorkerLane &lane, const QString &context,
                                                     std::optional<int> &exitCode)
{
    const qsizetype calls = call.callCount();
    PackedChunkHooks hooks(lane, context);
    const TaskRegistry::Entry *entry = TaskRegistry::instance().lookup(call.task);
    wire::PoolPackedResult reply;
    reply.id = call.id;
    const qint64 startedNs = monotonicNs();
    if (entry && entry->packed && entry->packed->argumentSize == call.itemSize && entry->packed->arity == call.packedArity()) {
        reply.itemSize = entry->packed->resultSize;
        ChunkValues::Builder results(calls, reply.itemSize);
        entry->packed->run(call.packedArguments(), results, hooks);
        reply.bytes = results.takeBytes();
    } else {
        const QString size = (call.itemSize == ChunkValues::kVariableSize ? QStringLiteral("any length")
                                                                           : QStringLiteral("%1 bytes").arg(call.itemSize))
                             + QStringLiteral(", %1 per call").arg(call.packedArity());
        const std::exception_ptr why =
            !entry ? std::make_exception_ptr(ValueError(QStringLiteral("unknown task '%1'").arg(call.task)))
                   : std::make_exception_ptr(TypeError(QStringLiteral("task '%1' cannot take packed arguments of %2")
                                                           .arg(call.task, size)));
        reply.itemSize = 1;
        reply.bytes = QByteArray(calls, '\0');
        for (qsizetype i = 0; i < calls; ++i) {
            lane.beginCall();
            hooks.callFailed(i, why);
        }
    }
    reply.tookNs = monotonicNs() - startedNs;
    if (hooks.exitCode) {
        exitCode = hooks.exitCode;
        return std::nullopt;
    }
    reply.errors = std::move(hooks.errors);
    return reply;
}

// The persistent worker of a Pool: runs the initializer, then serves calls until the parent
// closes the channel, maxTasks calls are done, or a task calls qmp::exit(). See pool protocol
// in workerprotocol.h. remote: the lane is the worker's own (RemoteWorker), so a direct call's
// reply goes to the channel, where the parent's pool thread hands it to the caller.
int servePool(FrameStream &stream, WorkerLane &lane, const QCborValue &pool, bool remote)
{
    std::optional<Failure> failure;
    std::optional<int> exitCode;
    const QCborValue init = pool[QStringLiteral("init")];
    if (init.isMap()) {
        capture([&] {
            return TaskRegistry::instance().call(init[QStringLiteral("name")].toString(),
                                                 init[QStringLiteral("args")].toArray());
        }, failure, exitCode);
        if (failure) {
            stream.write(wire::PoolInitFailed{failure->type, failure->message}.encode());
            return 1;
        }
        if (exitCode)
            return *exitCode;
    }
    ReplyBatcher replies(stream, lane, maxHoldNs);
    replies.queue(wire::PoolReady{}.encode()); // written with the first replies, or before the first read
    // Every call builds and frees its message trees: keep up to 64 MiB of freed heap instead
    // of handing it back to the kernel and faulting it in again for the next chunk.
    ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
    ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
    const qint64 maxTasks = pool[QStringLiteral("maxTasks")].toInteger();
    const QString self = currentProcess().name();
    const qint64 pid = currentProcess().pid();
    const auto contextOf = [&](const QString &task) {
        return QStringLiteral("task '%1' in %2, pid %3").arg(task, self).arg(pid);
    };
    QHash<QString, qint64> callNs; // per task: how long its last call took
    // Queues the reply to call id (held briefly when the call was tiny and more calls wait);
    // false when the parent is gone.
    const auto sendReply = [&](const QCborValue &reply, qint64 id, const QString &task, qint64 tookNs, bool direct) {
        if (!replies.queue(reply)) { // too large to send: the caller hears why
            const wire::TaskFailure unsent{QStringLiteral("qmp::ValueError"),
                                           QStringLiteral("cannot send the result back: %1").arg(replies.errorString()),
                                           contextOf(task)};
            replies.queue(wire::PoolError{id, unsent, tookNs}.encode());
        }
        // A direct call's caller waits for this very reply: never held.
        const bool hold = !direct && stream.hasBufferedFrame() && tookNs < smallCallNs && replies.heldBytes() < maxHoldBytes;
        return replies.release(hold);
    };
    // maxTasks counts calls; the parent never sends a chunk that would cross it.
    for (qint64 done = 0; maxTasks <= 0 || done < maxTasks;) {
        if (!stream.hasBufferedFrame() && !replies.flush()) // read() may wait: nothing is held meanwhile
            return 0;                                        // the parent is gone
        const std::optional<QCborValue> frame = stream.read();
        if (!frame)
            return stream.atEnd() && stream.errorString().isEmpty() ? 0 : 2;
        wire::PoolCall call;
        try {
            call = wire::PoolCall::decode(*frame);
        } catch (const ValueError &e) { // the parent is not speaking this protocol: nothing to trust
            std::fprintf(stderr, "qmp pool worker (pid %d): %s\n", int(::getpid()), e.what());
            return 2;
        }
        const qint64 id = call.id;
        const QString &task = call.task;
        if (call.shape == wire::PoolCall::Shape::Packed) {
            const qsizetype calls = call.callCount();
            if (callNs.value(task, smallCallNs) * calls >= smallCallNs && !replies.flush())
                return 0; // the parent is gone
            const std::optional<wire::PoolPackedResult> packed = runPackedChunk(call, lane, contextOf(task), exitCode);
            if (!packed) {
                replies.flush(); // the calls before this one did finish
                flushAll();
                return *exitCode; // the parent reports the call as ended by qmp::exit
            }
            callNs.insert(task, packed->tookNs / std::max<qsizetype>(1, calls));
            if (!sendReply(packed->encode(), id, task, packed->tookNs, false))
                return 0; // the parent is gone
            done += calls;
            continue;
        }
        const bool flat = call.shape == wire::PoolCall::Shape::Flat;
        const bool chunk = call.shape != wire::PoolCall::Shape::One;
        // A flat chunk: `arity` arguments per call, one after another; otherwise argument lists.
        const qsizetype arity = flat ? call.arity : 0;
        const QCborArray &items = call.arguments;
        const qsizetype calls = call.callCount();
        QCborArray flatArgs; // reused for every call of a flat chunk: no allocation per call
        for (qsizetype j = 0; j < arity; ++j)
            flatArgs.append(QCborValue());
        if (callNs.value(task, smallCallNs) * calls >= smallCallNs && !replies.flush())
            return 0; // the parent is gone
        QCborArray values;
        QMap<qsizetype, wire::TaskFailure> errors;
        const TaskRegistry::Entry *entry = TaskRegistry::instance().lookup(task);
        const qint64 startedNs = monotonicNs();
        for (qsizetype i = 0; i < calls; ++i) {
            lane.beginCall(); // from here the parent knows this call may have run
            failure.reset();
            for (qsizetype j = 0; j < arity; ++j)
                flatArgs[j] = items.at(i * arity + j);
            const QCborValue value = capture(
                [&] {
                    const QCborArray args = flat ? flatArgs : chunk ? items.at(i).toArray() : items;
                    if (!entry || (entry->arity >= 0 && args.size() != entry->arity))
                        return TaskRegistry::instance().call(task, args); // throws the precise error
                    return entry->function(args);
                },
                failure, exitCode);
            if (exitCode) {
                replies.flush(); // the calls before this one did finish
                flushAll();
                return *exitCode; // the parent reports the call as ended by qmp::exit
            }
            values.append(value);
            if (failure)
                errors.insert(i, wire::TaskFailure{failure->type, failure->message, contextOf(task)});
        }
        const qint64 tookNs = monotonicNs() - startedNs;
        callNs.insert(task, tookNs / std::max<qsizetype>(1, calls));
        QCborValue reply;
        if (chunk)
            reply = wire::PoolChunkResult{id, std::move(values), std::move(errors), tookNs}.encode();
        else if (errors.isEmpty())
            reply = wire::PoolResult{id, values.at(0), tookNs}.encode();
        else
            reply = wire::PoolError{id, errors.first(), tookNs}.encode();
        if (call.direct && !remote) {
            // A caller's thread waits on the lane: the reply goes there, and to the channel
            // only when no caller waits for it (or it does not fit).
            QByteArray frame;
            try {
                frame = FrameDecoder::encode(reply);
            } catch (const Error &) {
                frame.clear(); // too large: the channel's path below says why
            }
            if (!frame.isEmpty() && lane.postDirectReply(quint64(id), frame.constData(), frame.size())) {
                done += calls;
                continue;
            }
        }
        if (!sendReply(reply, id, task, tookNs, call.direct))
            return 0; // the parent is gone
        done += calls;
    }
    if (!replies.flush())
        return 0;
    flushAll();
    return 0;
}

// Before the worker's QCoreApplication: its main thread is to run Qt's own event dispatcher.
// GLib's costs every worker's start about a millisecond (its main context, and the pages it
// writes first in a freshly forked process), and Qt's timers, sockets and processes run on
// either. QMP_WORKER_EVENT_LOOP=glib keeps GLib's (for a task that needs GLib's default context
// iterated); a QT_NO_GLIB the program set is left as it is. Returns whether QT_NO_GLIB was set
// here, to be unset again once the application exists (a task and its children do not see it).
bool preferQtEventLoop()
{
    if (qEnvironmentVariableIsSet("QT_NO_GLIB"))
        return false;
    const QByteArray asked = qgetenv("QMP_WORKER_EVENT_LOOP");
    if (asked == "glib")
        return false;
    if (!asked.isEmpty() && asked != "qt") {
        std::fprintf(stderr,
                     "qmp worker (pid %d): QMP_WORKER_EVENT_LOOP is '%s', neither 'qt' nor 'glib': Qt's own event "
                     "loop runs\n",
                     int(::getpid()), asked.constData());
    }
    qputenv("QT_NO_GLIB", "1");
    return true;
}

// Runs the target; returns its value, or throws.
QCborValue runTarget(const QCborValue &message)
{
    const QCborValue task = message[QStringLiteral("task")];
    const QString className = message[QStringLiteral("class")].toString();
    if (className.isEmpty()) {
        return TaskRegistry::instance().call(task[QStringLiteral("name")].toString(),
                                             task[QStringLiteral("args")].toArray());
    }
    std::unique_ptr<Process> self = ProcessClassRegistry::instance().create(className);
    if (!self)
        throw ProcessError(QStringLiteral("process class '%1' is not registered in this binary").arg(className));
    detail::resetChildNumbers(); // creating self took a child number
    self->setName(message[QStringLiteral("name")].toString());
    self->setDaemon(message[QStringLiteral("daemon")].toBool());
    if (task.isMap())
        self->setTarget(TaskCall{task[QStringLiteral("name")].toString(), task[QStringLiteral("args")].toArray()});
    self->restoreState(message[QStringLiteral("state")]);
    self->run();
    return self->result();
}

} // namespace

int WorkerMain::run(WorkerDescriptors fds, int &argc, char **argv, Exit exit)
{
    ::fcntl(fds.channel, F_SETFD, FD_CLOEXEC); // grandchildren must not hold our channel open
    if (fds.lane >= 0)
        ::fcntl(fds.lane, F_SETFD, FD_CLOEXEC);
    FrameStream stream(fds.channel);
    const std::optional<QCborValue> message = stream.read();
    if (!message || (*message)[wire::kType].toString() != wire::kRun) {
        std::fprintf(stderr, "qmp worker (pid %d): no run message from the parent%s%s\n", int(::getpid()),
                     stream.errorString().isEmpty() ? "" : ": ", qPrintable(stream.errorString()));
        return 2;
    }
    const QString name = (*message)[QStringLiteral("name")].toString();
    detail::setProcessIdentity(ProcessInfo(name, qint64(::getpid()), (*message)[QStringLiteral("daemon")].toBool(),
                                           wire::identityFromCbor((*message)[QStringLiteral("identity")])),
                               wire::processInfoFromCbor((*message)[QStringLiteral("parent")]));
    setCurrentProcessAuthkey((*message)[QStringLiteral("authkey")].toByteArray());
    if (const auto method = startMethodFromName((*message)[QStringLiteral("startMethod")].toString()))
        setDefaultStartMethod(*method); // children of this child start the way it was started

    // Line-buffered stdout even into a pipe, so a parent (or the studio) sees output live.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const bool unsetNoGlib = preferQtEventLoop();
    QCoreApplication app(argc, argv); // tasks may start processes, use timers, sockets...
    if (unsetNoGlib)
        qunsetenv("QT_NO_GLIB");

    // The end of every worker: exit hooks (qmp::Finalize, qmp::atExit) run while Qt still
    // does, then the exit.
    const auto finish = [exit](int code) {
        try {
            detail::runExitFinalizers();
        } catch (...) {
            const detail::ExceptionInfo info = detail::describeCurrentException();
            std::fprintf(stderr, "qmp worker (pid %d): an exit hook threw %s: %s\n", int(::getpid()),
                         qPrintable(info.type), qPrintable(info.message));
        }
        flushAll();
        if (exit == Exit::Fast)
            ::_exit(code);
        return code;
    };

    if ((*message)[QStringLiteral("pool")].isMap()) {
        QString laneError = QStringLiteral("no lane was passed");
        std::unique_ptr<WorkerLane> lane;
        if (fds.remote) {
            try {
                lane = WorkerLane::create(); // its own: calls counted, replies held, as anywhere
            } catch (const Error &e) {
                laneError = QString::fromUtf8(e.what());
            }
        } else if (fds.lane >= 0) {
            lane = WorkerLane::attach(fds.lane, &laneError);
        }
        if (!lane) {
            std::fprintf(stderr, "qmp pool worker (pid %d): %s\n", int(::getpid()), qPrintable(laneError));
            return 2;
        }
        return finish(servePool(stream, *lane, (*message)[QStringLiteral("pool")], fds.remote));
    }

    // Process::interrupt(): Python's child gets KeyboardInterrupt and exits with 1. Unless the
    // signal is ignored (a background job), as Python leaves it then.
    struct sigaction current {};
    if (::sigaction(SIGINT, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
        ::signal(SIGINT, keyboardInterrupt);

    std::optional<Failure> failure;
    std::optional<int> exitCode;
    const QCborValue value = capture([&] { return runTarget(*message); }, failure, exitCode);
    int code = exitCode.value_or(0);
    const QCborValue reply = QCborMap{{wire::kType, wire::kResult}, {QStringLiteral("value"), value}};

    const QCborValue task = (*message)[QStringLiteral("task")];
    const QString what = task.isMap() ? QStringLiteral("task '%1'").arg(task[QStringLiteral("name")].toString())
                                      : (*message)[QStringLiteral("class")].toString() + QStringLiteral("::run()");
    const QString context = QStringLiteral("%1 in %2, pid %3").arg(what, name).arg(::getpid());
    if (!failure && !stream.write(reply)) {
        if (stream.peerClosed()) // the parent no longer wants the result (it is exiting)
            return finish(code);
        failure = Failure{QStringLiteral("qmp::ValueError"), QStringLiteral("cannot send the result back: %1")
                                                                  .arg(stream.errorString())};
    }
    if (failure) {
        code = 1;
        std::fprintf(stderr, "Process %s (pid %d): %s raised %s: %s\n", qPrintable(name), int(::getpid()),
                     qPrintable(what), qPrintable(failure->type), qPrintable(failure->message));
        std::fflush(stderr);
        stream.write(wire::errorToCbor(failure->type, failure->message, context));
    }
    return finish(code);
}

} // namespace qmp
