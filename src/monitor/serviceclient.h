#pragma once
// ServiceClient: a connection to the user's QMP service (ServiceDaemon), blocking, for the `qmp`
// subcommands and the studio (its requests are quick; `follow` and `wait` are the qmp
// commands'). It lives in the monitor layer so both can use it (the service itself, ServiceDaemon,
// is the command line's). connect() can start the service when none runs: `qmp service run` detached
// (double fork, setsid, its messages to service.log in the state directory), then waits until
// it says it is ready — or why it could not start. The service's lock makes sure two clients
// starting at once get one service.

#include "qmpmonitor_export.h"
#include "servicepaths.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace qmp {

class FrameSocket;

class QMP_MONITOR_EXPORT ServiceClient
{
    Q_DECLARE_TR_FUNCTIONS(qmp::ServiceClient)

public:
    explicit ServiceClient(ServicePaths paths = ServicePaths::fromEnvironment());
    ~ServiceClient();

    // The qmp executable connect() starts the service with; default: this program (which is qmp).
    void setProgram(const QString &qmpExecutable) { m_program = qmpExecutable; }

    // False with a sentence in *error: no service runs (and startIfNeeded is false, or it could
    // not start: why), the socket is another user's, ...
    bool connect(bool startIfNeeded, QString *error);
    // Sends request and returns the reply map (nullopt with *error when the connection failed).
    std::optional<QCborMap> request(const QCborMap &request, QString *error);
    // Sends request without waiting for its reply (receive() it later: replies come in order).
    bool send(const QCborMap &request, QString *error);
    // The next frame the service sends (follow); timeoutMs < 0 waits forever.
    std::optional<QCborMap> receive(QString *error, int timeoutMs = -1);

private:
    enum class Attempt { Connected, NotRunning, Failed };
    Attempt tryConnect(QString *error);
    bool startService(QString *error);

    ServicePaths m_paths;
    QString m_program;
    std::unique_ptr<FrameSocket> m_socket;
};

} // namespace qmp
