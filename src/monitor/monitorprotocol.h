#pragma once
// MonitorProtocol: the monitor socket's names and messages. A program serving its hub listens on
// the abstract Unix socket "qmp-monitor.<uid>.<pid>" (no file: nothing to clean up after a crash),
// or, when another process has bound that name first, "qmp-monitor.<uid>.<pid>.<random>";
// `qmp ps` and the studio find every such socket in /proc/net/unix.
//
// Abstract names are not protected: anyone may connect, and anyone may bind a name first. So the
// server admits a peer only by its SO_PEERCRED uid (MonitorServer), and the client checks the
// server's SO_PEERCRED uid and pid against the endpoint before it reads anything (MonitorClient);
// discover() drops sockets that /proc shows are not the named process's.
//
// Messages are CBOR maps in length-prefixed frames (FrameChannel), field "t" says which:
//   server -> client: hello {v, pid, program, control, history}, pool {id, name, processes, lifecycle,
//                     timeoutMs, retries, held}, events {id, ev: [event...], x: {index: extras}},
//                     sample {pid, cpu, rss, threads, processes},
//                     lifecycle {id, lifecycle}, title {id, batch, title} (batch: the submission's
//                     PoolEvent::batchId, not the program's own batch number), removed {id},
//                     queue {id, name, key, maxsize, order, joinable} (a queue appeared),
//                     queueState {id, lifecycle, depth, unfinished, puts} (its counters now; the
//                     counters only once the program has read them), queueRemoved {id},
//                     ready {} (the snapshot is complete; live updates follow),
//                     reply {seq, ok, error}, stuck {id, task, why: [kind, running, limit, factor,
//                     idle]} (the program's hub flagged a task), processes {id, processes} (resized),
//                     held {id, held} (tasks the program holds back before its pool: queued too)
//   client -> server: command {seq, op, id, pid, task, stop, processes}  (op: pause resume close
//                     terminate terminateWorker cancelTask resize retryTask)
// An event is a 14-element array; what later versions added to events (why a task failed, the
// call's arguments and result, whether it was a single call, whether its batch fails as a whole)
// travels beside them in "x", which older clients do not read.
// Events travel as they left the pool (times are CLOCK_MONOTONIC, the same clock on one machine).
// Both ends ignore message kinds they do not know, so a newer program can serve an older client
// (an older `qmp ps` simply does not list queues) and the other way round.
// Stateless; any thread.

#include "qmpmonitor_export.h"
#include "poolevent.h"
#include "stuckreason.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QString>

#include <optional>

namespace qmp {

struct QMP_MONITOR_EXPORT MonitorEndpoint
{
    qint64 pid = 0;
    uint uid = 0;    // the user the name claims (the client checks it)
    QString program; // /proc/<pid>/comm
    QByteArray name; // the abstract socket name
};

class QMP_MONITOR_EXPORT MonitorProtocol
{
public:
    static constexpr int kVersion = 1;

    // The socket name for a program's pid (this user's).
    static QByteArray endpointName(qint64 pid);
    // A name for when endpointName(pid) is taken: endpointName(pid) + "." + random hex.
    static QByteArray fallbackName(qint64 pid);
    // Every listening monitor socket on this machine (any user's), by pid; live programs only.
    // A socket that /proc shows belongs to another process than the name says (a squatter) is
    // left out; where this user cannot see the process's descriptors it stays (the client checks).
    // procNetUnix: the file to read (tests give a fake one; then nothing is checked in /proc).
    static QList<MonitorEndpoint> discover(const QString &procNetUnix = QStringLiteral("/proc/net/unix"));

    static QCborValue encode(const PoolEvent &event);
    static QCborArray encode(const QList<PoolEvent> &events);
    // nullopt for a value that is not an event (a malformed frame from a bad peer).
    static std::optional<PoolEvent> decodeEvent(const QCborValue &value);
    // The events' later fields, by index (only events that have some); and back onto events.
    static QCborMap encodeExtras(const QList<PoolEvent> &events);
    static void applyExtras(const QCborMap &extras, QList<PoolEvent> *events);
    static QCborArray encode(const StuckReason &reason);
    static std::optional<StuckReason> decodeStuck(const QCborValue &value);

    // What a program's monitor socket says about itself (its hello), read and closed at once.
    struct Hello
    {
        qint64 pid = 0;
        QString program;
        bool control = false; // it accepts controls from us (QMP_MONITOR=control, same user)
    };
    // nullopt when it cannot be reached or does not answer within timeoutMs.
    static std::optional<Hello> probe(const MonitorEndpoint &endpoint, int timeoutMs = 500);

    // Connects a blocking-mode stream socket to name's abstract address; -1 and error set on failure.
    static int connectTo(const QByteArray &name, QString *error);
    // Creates, binds and listens on name's abstract address (non-blocking); -1 and error on failure.
    static int listenOn(const QByteArray &name, QString *error);
    struct Credentials
    {
        qint64 pid = 0;
        qint64 uid = -1;
        qint64 gid = -1;
    };
    // The process on the other end of a connected Unix socket (SO_PEERCRED: for a client, the
    // process that called listen()); nullopt when unknown.
    static std::optional<Credentials> peerCredentials(int fd);
    // True when user uid (primary group gid) is a member of group (primary or supplementary).
    static bool inGroup(qint64 uid, qint64 gid, qint64 group);
};

} // namespace qmp
