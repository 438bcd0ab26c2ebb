#include "servicesubcommand.h"

#include "historystore.h"
#include "serviceclient.h"
#include "servicedaemon.h"
#include "signalwatcher.h"

#include <QEventLoop>

#include <unistd.h>

namespace qmp {

namespace {
void tell(int fd, const QByteArray &text)
{
    if (fd < 0)
        return;
    [[maybe_unused]] const ssize_t n = ::write(fd, text.constData(), size_t(text.size()));
    ::close(fd);
}
} // namespace

QString ServiceSubcommand::summary() const
{
    return tr("the per-user service that keeps jobs running (run | start | stop)");
}

int ServiceSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString verb = arguments.value(0);
    if (verb == QLatin1String("run")) {
        if (arguments.size() == 1)
            return runService(-1, err);
        if (arguments.size() == 3 && arguments.at(1) == QLatin1String("--ready-fd"))
            return runService(arguments.at(2).toInt(), err);
    } else if (verb == QLatin1String("start") && arguments.size() == 1) {
        ServiceClient client;
        QString error;
        if (!client.connect(true, &error)) {
            err << "qmp service: " << error << '\n';
            return 1;
        }
        out << tr("the QMP service is running: %1").arg(ServicePaths::fromEnvironment().socketPath()) << '\n';
        return 0;
    } else if (verb == QLatin1String("stop") && arguments.size() == 1) {
        ServiceClient client;
        QString error;
        std::optional<QCborMap> answer;
        if (client.connect(false, &error))
            answer = client.request(QCborMap{{QStringLiteral("op"), QStringLiteral("stop")}}, &error);
        if (!answer || !answer->value(QStringLiteral("ok")).toBool()) {
            err << "qmp service: " << (answer ? answer->value(QStringLiteral("error")).toString() : error) << '\n';
            return 1;
        }
        // Stopped once its socket is gone (it closes our connection then).
        client.receive(&error);
        out << tr("the QMP service stopped; queued jobs wait for its next start") << '\n';
        return 0;
    }
    err << tr("usage: qmp service run | start | stop") << '\n';
    return 2;
}

int ServiceSubcommand::runService(int readyFd, QTextStream &err)
{
    ServiceDaemon daemon(ServicePaths::fromEnvironment(), HistoryStore::pathFromEnvironment());
    if (!daemon.start()) {
        tell(readyFd, daemon.alreadyRunning() ? QByteArray("running") : daemon.errorString().toUtf8());
        err << "qmp service: " << daemon.errorString() << '\n';
        return 1;
    }
    // The log names this process before the starter is told it is ready: once `qmp service start`
    // returns, the log says which pid serves.
    err << "qmp service: " << tr("listening on %1 (pid %2)").arg(ServicePaths::fromEnvironment().socketPath()).arg(::getpid())
        << '\n';
    err.flush();
    tell(readyFd, "ready");
    QEventLoop loop;
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalled, &loop, &QEventLoop::quit);
    QObject::connect(&daemon, &ServiceDaemon::stopRequested, &loop, &QEventLoop::quit);
    loop.exec();
    daemon.stop();
    err << "qmp service: " << tr("stopped") << '\n';
    return 0;
}

} // namespace qmp
