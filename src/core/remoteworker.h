#pragma once
// RemoteWorker: the worker's side of a pool worker started on another machine (a Slurm task,
// SlurmWorkers). The program runs with `--qmp-remote-worker=host:port` and finds in its
// environment the pool's authkey (QMP_AUTHKEY, hex; never in argv, which ps shows) and its own
// token (QMP_WORKER_TOKEN). It connects to the pool, proves it knows the authkey and checks that
// the pool does (Authenticator), then says who it is (Hello). From then on the socket is its
// frame channel, as an inherited socket is for a local worker. Used by Runtime. Stateless.

#include "qmpcore_export.h"

#include <QByteArray>
#include <QCborValue>
#include <QMetaType>
#include <QString>

#include <optional>

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT RemoteWorker
{
public:
    static constexpr char flag[] = "--qmp-remote-worker=";
    static constexpr char authkeyVariable[] = "QMP_AUTHKEY";
    static constexpr char tokenVariable[] = "QMP_WORKER_TOKEN";

    // What a worker says after the handshake: which launch it answers (token), and where it runs.
    struct Hello
    {
        QByteArray token;
        qint64 pid = 0;
        QString host; // Slurm's node name (SLURMD_NODENAME), else the host name
        QString step; // Slurm's "job.step", empty outside Slurm
        QCborValue toCbor() const;
        static std::optional<Hello> fromCbor(const QCborValue &value);
    };

    // Connects to address ("host:port"), authenticates with the key in the environment and sends
    // the Hello; the variables are removed from the environment. The connected socket (blocking,
    // close-on-exec, TCP keep-alive on), or -1 with *error set.
    static int connectBack(const QString &address, QString *error);

    // Keep-alive probes on a TCP socket, so a peer whose machine died is noticed within about
    // half a minute instead of hours.
    static void enableKeepAlive(int fd);
};

} // namespace qmp
Q_DECLARE_METATYPE(qmp::RemoteWorker::Hello)
