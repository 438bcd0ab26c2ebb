#include "managerserver.h"

#include "authenticator.h"
#include "builtinobjects.h"
#include "framesocket.h"
#include "managedtyperegistry.h"
#include "managerwire.h"
#include "proxytoken.h"
#include "queue.h"
#include "shareablelist.h"
#include "sharedmemory.h"
#include "shmchannel.h"
#include "taskregistry.h"

#include <QCborMap>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

struct ManagerServer::Connection
{
    qint64 id = 0;
    std::shared_ptr<FrameSocket> socket;
    std::thread thread;
    std::atomic<bool> done{false};
};

namespace {

// The name a failure travels under; the client re-raises the same type for these names.
// RemoteError keeps its own type after "RemoteError:".
QString errorTypeName(const std::exception &e)
{
    if (auto *r = dynamic_cast<const RemoteError *>(&e))
        return QStringLiteral("RemoteError:") + r->type();
#define QMP_NAME(Type) \
    if (dynamic_cast<const Type *>(&e)) \
        return QStringLiteral(#Type);
    QMP_NAME(KeyError)
    QMP_NAME(IndexError)
    QMP_NAME(AttributeError)
    QMP_NAME(TimeoutError)
    QMP_NAME(ValueError)
    QMP_NAME(TypeError)
    QMP_NAME(Empty)
    QMP_NAME(Full)
    QMP_NAME(BrokenBarrierError)
    QMP_NAME(AssertionError)
    QMP_NAME(FileNotFoundError)
    QMP_NAME(FileExistsError)
    QMP_NAME(OSError)
#undef QMP_NAME
    if (dynamic_cast<const Error *>(&e))
        return QStringLiteral("RemoteError:Error");
    return QStringLiteral("RemoteError:std::exception");
}

// The wake pipe of the server this process runs, for the SIGTERM handler.
int terminateFd = -1;
volatile std::sig_atomic_t terminated = 0;

void onTerminate(int)
{
    terminated = 1;
    if (terminateFd >= 0) {
        const char c = 2;
        [[maybe_unused]] const ssize_t n = ::write(terminateFd, &c, 1);
    }
}

QCborValue serveTask(const QCborArray &args)
{
    if (args.size() != 3)
        throw TypeError(QStringLiteral("%1 takes [address, authkey, report queue]").arg(ManagerServer::serveTaskName()));
    ManagerServer server(args.at(1).toByteArray());
    QString error;
    try {
        server.listen(ManagerAddress::parse(args.at(0).toString()), &error);
    } catch (const Error &e) {
        error = e.message();
    }
    {
        // Detached before serving: a manager killed later leaves no queue segment behind.
        Queue report = CborConvert<Queue>::fromCbor(args.at(2));
        report.put(error.isEmpty() ? QCborMap{{QStringLiteral("address"), server.address()}}
                                   : QCborMap{{QStringLiteral("error"), error}});
    }
    if (error.isEmpty()) {
        // Like Python's manager process: Ctrl-C in the terminal is for the program, which shuts
        // the manager down; SIGTERM (terminate(), the owner's exit) stops it cleanly, so
        // shared memory it made is still unlinked.
        std::signal(SIGINT, SIG_IGN);
        terminateFd = server.wakeFd();
        struct sigaction action = {};
        action.sa_handler = onTerminate;
        ::sigaction(SIGTERM, &action, nullptr);
        server.serve();
        terminateFd = -1;
    }
    return {};
}

const bool serveTaskRegistered = registerTask(ManagerServer::serveTaskName(), TaskFunction(serveTask));

} // namespace

QString ManagerServer::serveTaskName()
{
    Q_UNUSED(serveTaskRegistered);
    return QStringLiteral("qmp.manager.serve");
}

ManagerServer::ManagerServer(const QByteArray &authkey) : m_authkey(authkey)
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
}

ManagerServer::~ManagerServer()
{
    stop();
    reapFinished(true);
    releaseSharedMemory();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool ManagerServer::listen(const ManagerAddress &address, QString *error)
{
    m_listenFd = address.listen(&m_address, error);
    return m_listenFd >= 0;
}

void ManagerServer::stop()
{
    if (m_stopping.exchange(true))
        return;
    if (m_wake[1] >= 0) {
        const char c = 1;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

void ManagerServer::serve()
{
    while (!m_stopping) {
        pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        const int n = ::poll(fds, 2, 1000);
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0 && (fds[1].revents & POLLIN)) {
            char drain[64];
            while (::read(m_wake[0], drain, sizeof(drain)) > 0) {
            }
            if (terminated)
                m_stopping = true;
        }
        reapFinished(false);
        if (n <= 0 || !(fds[0].revents & POLLIN))
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        if (m_address.isTcp()) {
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        }
        auto connection = std::make_shared<Connection>();
        connection->socket = std::make_shared<FrameSocket>(fd);
        std::lock_guard guard(m_connectionsMutex);
        connection->id = m_nextConnection++;
        connection->thread = std::thread([this, connection] { serveConnection(connection); });
        m_connections.push_back(connection);
    }
    m_stopping = true;
    reapFinished(true);
    releaseSharedMemory();
    std::lock_guard guard(m_objectsMutex);
    m_objects.clear();
    m_published.clear();
}

void ManagerServer::reapFinished(bool all)
{
    std::list<std::shared_ptr<Connection>> finished;
    {
        std::lock_guard guard(m_connectionsMutex);
        for (auto it = m_connections.begin(); it != m_connections.end();) {
            if (all)
                (*it)->socket->shutdown();
            if (all || (*it)->done) {
                finished.push_back(*it);
                it = m_connections.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto &c : finished) {
        if (c->thread.joinable())
            c->thread.join();
    }
}

void ManagerServer::serveConnection(const std::shared_ptr<Connection> &connection)
{
    FrameSocket &socket = *connection->socket;
    QString error;
    if (Authenticator::serve(socket, m_authkey, &error)) {
        CallContext context(connection->id, [this, &socket] { return m_stopping.load() || socket.peerGone(); });
        std::unique_ptr<ShmChannel> channel; // once the client moved to shared memory
        const auto send = [&](const QByteArray &frame) { return channel ? channel->sendFrame(frame) : socket.sendFrame(frame); };
        while (!m_stopping) {
            const std::optional<QByteArray> payload = channel ? channel->receive() : socket.receive();
            if (!payload)
                break;
            ManagerWire::Request request;
            QString parseError;
            if (!ManagerWire::parseRequest(*payload, &request, &parseError)) {
                send(ManagerWire::errorFrame(QStringLiteral("OSError"), parseError));
                break;
            }
            if (request.objectId == 0 && request.method == QLatin1String("channel") && !channel) {
                if (m_address.isTcp()) { // another machine: no shared memory
                    if (!socket.sendFrame(ManagerWire::errorFrame(QStringLiteral("ValueError"), QStringLiteral("no shared memory channel over TCP"))))
                        break;
                    continue;
                }
                if (!socket.sendFrame(ManagerWire::okFrame(true)))
                    break;
                const int memfd = socket.receiveDescriptor(10000);
                if (memfd < 0)
                    break;
                QString channelError;
                channel = ShmChannel::attach(socket, memfd, &channelError);
                if (!socket.sendFrame(channel ? ManagerWire::okFrame(true) : ManagerWire::errorFrame(QStringLiteral("OSError"), channelError)))
                    break;
                if (channel)
                    channel->closeMemfd();
                continue;
            }
            QByteArray reply;
            try {
                reply = ManagerWire::okFrame(dispatch(request.objectId, request.method, request.args, context));
            } catch (const CallAbandoned &) {
                break;
            } catch (const std::exception &e) {
                reply = ManagerWire::errorFrame(errorTypeName(e), QString::fromUtf8(e.what()));
            }
            if (!send(reply))
                break;
            if (request.objectId == 0 && request.method == QLatin1String("shutdown"))
                stop();
        }
    }
    QList<std::shared_ptr<ServerObject>> objects;
    {
        std::lock_guard guard(m_objectsMutex);
        objects = m_objects.values();
    }
    for (const auto &object : objects)
        object->connectionClosed(connection->id);
    connection->done = true;
    if (m_wake[1] >= 0) { // let serve() reap this thread soon
        const char c = 0;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

QCborValue ManagerServer::dispatch(qint64 objectId, const QString &method, const QCborArray &args, CallContext &context)
{
    if (objectId == 0)
        return callManager(method, args);
    std::shared_ptr<ServerObject> object;
    {
        std::lock_guard guard(m_objectsMutex);
        object = m_objects.value(objectId);
    }
    if (!object)
        throw KeyError(QStringLiteral("the manager holds no object with id %1 (released or from another manager)").arg(objectId));
    return object->call(method, args, context);
}

QCborValue ManagerServer::callManager(const QString &method, const QCborArray &args)
{
    if (method == QLatin1String("create")) {
        const QString typeId = args.at(0).toString();
        const QCborArray createArgs = args.at(1).toArray();
        std::shared_ptr<ServerObject> object = BuiltinObjects::create(typeId, createArgs);
        if (!object) {
            const ManagedTypeRegistry::Entry *entry = ManagedTypeRegistry::instance().lookup(typeId);
            if (!entry) {
                QStringList known = BuiltinObjects::typeIds() + ManagedTypeRegistry::instance().typeIds();
                throw ValueError(QStringLiteral("the manager knows no type '%1' (known: %2); register custom types at "
                                                "static-initialisation time so the manager process has them too")
                                     .arg(typeId, known.join(QLatin1String(", "))));
            }
            object = ManagedTypeRegistry::create(*entry, createArgs);
        }
        ProxyToken token;
        token.typeId = typeId;
        token.address = m_address.toString();
        token.authkey = m_authkey;
        std::lock_guard guard(m_objectsMutex);
        token.id = m_nextId++;
        m_objects.insert(token.id, object);
        return token.toCbor();
    }
    if (method == QLatin1String("release")) {
        std::lock_guard guard(m_objectsMutex);
        return m_objects.remove(args.at(0).toInteger()) > 0;
    }
    if (method == QLatin1String("publish")) {
        if (!args.at(0).isString() || !ProxyToken::isToken(args.at(1)))
            throw TypeError(QStringLiteral("publish takes a name and a proxy"));
        std::lock_guard guard(m_objectsMutex);
        m_published.insert(args.at(0).toString(), args.at(1));
        return {};
    }
    if (method == QLatin1String("lookup")) {
        std::lock_guard guard(m_objectsMutex);
        const auto it = m_published.constFind(args.at(0).toString());
        if (it == m_published.constEnd())
            throw KeyError(QStringLiteral("the manager has published nothing as '%1'").arg(args.at(0).toString()));
        return it.value();
    }
    if (method == QLatin1String("count")) {
        std::lock_guard guard(m_objectsMutex);
        return qint64(m_objects.size());
    }
    if (method == QLatin1String("typeids"))
        return QCborArray::fromStringList(BuiltinObjects::typeIds() + ManagedTypeRegistry::instance().typeIds());
    if (method == QLatin1String("shutdown") || method == QLatin1String("ping"))
        return QCborValue(nullptr);
    if (method == QLatin1String("pid"))
        return qint64(::getpid());
    if (method == QLatin1String("shm_create")) {
        const qint64 size = args.at(0).toInteger(-1);
        auto shm = std::make_shared<SharedMemory>(QString(), true, qsizetype(size));
        std::lock_guard guard(m_segmentsMutex);
        m_segments.append(shm);
        return toCbor(*shm);
    }
    if (method == QLatin1String("shl_create")) {
        if (!args.at(0).isArray())
            throw TypeError(QStringLiteral("ShareableList needs a list, not %1").arg(cborTypeName(args.at(0))));
        const ShareableList list(args.at(0).toArray());
        auto shm = std::make_shared<SharedMemory>(list.shm());
        std::lock_guard guard(m_segmentsMutex);
        m_segments.append(shm);
        return toCbor(list);
    }
    if (method == QLatin1String("segments")) {
        QCborArray names;
        std::lock_guard guard(m_segmentsMutex);
        for (const auto &shm : m_segments)
            names.append(shm->name());
        return names;
    }
    throw AttributeError(QStringLiteral("the manager has no method '%1'").arg(method));
}

void ManagerServer::releaseSharedMemory()
{
    QList<std::shared_ptr<SharedMemory>> segments;
    {
        std::lock_guard guard(m_segmentsMutex);
        segments.swap(m_segments);
    }
    for (const auto &shm : segments) {
        try {
            shm->unlink();
        } catch (const Error &) {
            // Already unlinked by a client: nothing left to free.
        }
        shm->close();
    }
}

} // namespace qmp
