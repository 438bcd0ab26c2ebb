#include "basemanager.h"

#include "authenticator.h"
#include "socketaddress.h"
#include "managerconnection.h"
#include "managerserver.h"
#include "process.h"
#include "queue.h"
#include "refreleaser.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QAtomicInteger>
#include <QCborMap>
#include <QDeadlineTimer>

namespace qmp {

struct BaseManager::Private
{
    QString address;
    QByteArray authkey;
    State state = State::Initial;
    int shutdownTimeout = 1000;
    std::unique_ptr<Process> process;
};

BaseManager::BaseManager(const QString &address, const QByteArray &authkey) : d(std::make_unique<Private>())
{
    if (!address.isEmpty())
        SocketAddress::parse(address); // ValueError now, not at start()
    d->address = address;
    d->authkey = authkey;
}

BaseManager::~BaseManager()
{
    if (!d)
        return;
    try {
        shutdown();
    } catch (const std::exception &e) {
        qWarning("qmp::BaseManager: shutdown at destruction failed: %s", e.what());
    }
}

BaseManager::BaseManager(BaseManager &&other) noexcept = default;
BaseManager &BaseManager::operator=(BaseManager &&other) noexcept
{
    if (this != &other) {
        try {
            shutdown();
        } catch (const std::exception &) {
        }
        d = std::move(other.d);
    }
    return *this;
}

void BaseManager::start()
{
    start(std::nullopt);
}

void BaseManager::start(const std::optional<TaskCall> &initializer)
{
    if (d->state != State::Initial)
        throw ProcessError(QStringLiteral("this manager was already started or connected (a manager starts once)"));
    if (!Runtime::instance())
        throw ProcessError(QStringLiteral("starting a manager needs a qmp::Runtime constructed first in main()"));
    if (initializer) // an unknown task or a wrong argument count: now, in the caller
        TaskRegistry::instance().checkCall(initializer->name, initializer->args);
    if (d->authkey.isEmpty())
        d->authkey = Authenticator::randomKey();
    const QString listenOn = d->address.isEmpty() ? SocketAddress::uniqueLocal(QStringLiteral("qmp-manager")).toString() : d->address;

    static QAtomicInteger<int> counter;
    Queue report(0, 64 * 1024);
    const QCborValue init = initializer ? QCborValue(QCborMap{{QStringLiteral("name"), initializer->name},
                                                              {QStringLiteral("args"), initializer->args}})
                                        : QCborValue(nullptr);
    d->process = std::make_unique<Process>(TaskCall{ManagerServer::serveTaskName(), {listenOn, d->authkey, toCbor(report), init}});
    d->process->setName(QStringLiteral("Manager-%1").arg(counter.fetchAndAddRelaxed(1) + 1));
    // A daemon: if this object is never destroyed (a leaked or static manager), the Runtime
    // terminates the server at exit instead of joining it forever; SIGTERM stops it cleanly.
    d->process->setDaemon(true);
    d->process->start();
    // Waits a moment for the server process to end, then kills it: no server outlives a failed start().
    const auto abandon = [this] {
        if (!d->process->join(5000)) {
            d->process->kill();
            d->process->join();
        }
        d->process.reset();
    };

    QCborMap answer;
    QDeadlineTimer deadline(30000); // to listen; not while the initializer runs (it takes what it takes)
    while (answer.isEmpty()) {
        try {
            answer = report.get(QDeadlineTimer(100)).toMap();
            if (answer.contains(QStringLiteral("initializing"))) {
                answer = {};
                deadline = QDeadlineTimer(QDeadlineTimer::Forever);
            }
        } catch (const Empty &) {
            if (!d->process->isAlive()) {
                const QString code = d->process->exitCode() ? QString::number(*d->process->exitCode()) : QStringLiteral("?");
                const QString why = d->process->error() ? d->process->error()->message() : QString();
                d->process.reset();
                throw ProcessError(QStringLiteral("the manager process exited (code %1) before it listened on %2 %3")
                                       .arg(code, listenOn, why).trimmed());
            }
            if (deadline.hasExpired()) {
                d->process->kill();
                abandon();
                throw ProcessError(QStringLiteral("the manager process did not listen on %1 within 30 s").arg(listenOn));
            }
        }
    }
    report.close();
    if (answer.contains(QStringLiteral("initializerError"))) {
        const QCborArray error = answer.value(QStringLiteral("initializerError")).toArray();
        const QString context = QStringLiteral("initializer '%1' of %2, pid %3")
                                    .arg(initializer->name, d->process->name())
                                    .arg(d->process->pid());
        abandon();
        throw RemoteError(error.at(0).toString(), error.at(1).toString(), context);
    }
    if (answer.contains(QStringLiteral("error"))) {
        abandon();
        throw ProcessError(QStringLiteral("the manager cannot listen on %1: %2")
                               .arg(listenOn, answer.value(QStringLiteral("error")).toString()));
    }
    d->address = answer.value(QStringLiteral("address")).toString();
    d->state = State::Started;
}

void BaseManager::connect()
{
    if (d->state != State::Initial)
        throw ProcessError(QStringLiteral("this manager was already started or connected"));
    if (d->address.isEmpty())
        throw ValueError(QStringLiteral("connect() needs the address of a running manager"));
    ManagerConnection::forThread(d->address, d->authkey).call(0, QStringLiteral("ping"));
    d->state = State::Connected;
}

void BaseManager::shutdown()
{
    if (d->state == State::Connected) {
        ManagerConnection::closeForThread(d->address);
        d->state = State::Shutdown;
        return;
    }
    if (d->state != State::Started)
        return;
    d->state = State::Shutdown;
    try {
        ManagerConnection::forThread(d->address, d->authkey).call(0, QStringLiteral("shutdown"));
    } catch (const Error &) {
        // Already gone: nothing to ask.
    }
    ManagerConnection::closeForThread(d->address);
    if (!d->process->join(d->shutdownTimeout)) {
        d->process->terminate();
        if (!d->process->join(1000)) {
            d->process->kill();
            d->process->join();
        }
    }
}

BaseManager::State BaseManager::state() const
{
    return d->state;
}

QString BaseManager::address() const
{
    return d->address;
}

QByteArray BaseManager::authkey() const
{
    return d->authkey;
}

qint64 BaseManager::pid() const
{
    return d->process ? d->process->pid() : 0;
}

int BaseManager::shutdownTimeout() const
{
    return d->shutdownTimeout;
}

void BaseManager::setShutdownTimeout(int msecs)
{
    d->shutdownTimeout = msecs;
}

QCborValue BaseManager::callManager(const QString &method, const QCborArray &args) const
{
    if (d->state == State::Initial)
        throw ValueError(QStringLiteral("the manager is not started: call start() or connect() first"));
    if (d->state == State::Shutdown)
        throw BrokenPipeError(QStringLiteral("the manager at %1 was shut down").arg(d->address));
    return ManagerConnection::forThread(d->address, d->authkey).call(0, method, args);
}

BaseProxy BaseManager::create(const QString &typeId, const QCborArray &args) const
{
    const QCborValue token = callManager(QStringLiteral("create"), {typeId, args, RefReleaser::clientId()});
    return BaseProxy(ProxyToken::fromCbor(token), BaseProxy::Reference::Adopt);
}

void BaseManager::publish(const QString &name, const BaseProxy &proxy) const
{
    callManager(QStringLiteral("publish"), {name, proxy.toCborToken()});
}

BaseProxy BaseManager::lookup(const QString &name) const
{
    return BaseProxy(ProxyToken::fromCbor(callManager(QStringLiteral("lookup"), {name})));
}

qint64 BaseManager::objectCount() const
{
    return callManager(QStringLiteral("count")).toInteger();
}

QCborMap BaseManager::debugInfo() const
{
    return callManager(QStringLiteral("debug_info")).toMap();
}

} // namespace qmp
