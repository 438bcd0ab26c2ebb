#include "managerserver.h"

#include "authenticator.h"
#include "builtinobjects.h"
#include "cborconvert.h"
#include "exceptioninfo.h"
#include "framesocket.h"
#include "managedtyperegistry.h"
#include "managererrornames.h"
#include "managerwire.h"
#include "proxytoken.h"
#include "queue.h"
#include "shareablelist.h"
#include "sharedmemory.h"
#include "shmchannel.h"
#include "taskregistry.h"

#include <QCborMap>
#include <QDateTime>

#include <algorithm>

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
    QSet<quint64> clients; // client ids it speaks for (guarded by m_objectsMutex)
};

namespace {

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
    if (args.size() != 4)
        throw TypeError(QStringLiteral("%1 takes [address, authkey, report queue, initializer or null]").arg(ManagerServer::serveTaskName()));
    // Like Python's manager process: Ctrl-C in the terminal is for the program, which shuts the
    // manager down (from before the initializer runs, as Python's bpo-36368).
    std::signal(SIGINT, SIG_IGN);
    ManagerServer server(args.at(1).toByteArray());
    QString error;
    {
        // Detached before serving: a manager killed later leaves no queue segment behind.
        Queue report = CborConvert<Queue>::fromCbor(args.at(2));
        const QCborMap initializer = args.at(3).toMap();
        if (!initializer.isEmpty()) { // Python's start(initializer): before the server exists
            report.put(QCborMap{{QStringLiteral("initializing"), true}});
            const QString name = initializer.value(QStringLiteral("name")).toString();
            try {
                TaskRegistry::instance().call(name, initializer.value(QStringLiteral("args")).toArray());
            } catch (const SystemExit &) {
                throw; // qmp::exit(n): the process ends with n, start() says so
            } catch (...) {
                const detail::ExceptionInfo info = detail::describeCurrentException();
                report.put(QCborMap{{QStringLiteral("initializerError"), QCborArray{info.type, info.message}}});
                // The process ends as a failed task does (code 1, the error on its stderr).
                throw RemoteError(info.type, info.message, QStringLiteral("initializer '%1'").arg(name));
            }
        }
        try {
            server.listen(SocketAddress::parse(args.at(0).toString()), &error);
        } catch (const Error &e) {
            error = e.message();
        }
        report.put(error.isEmpty() ? QCborMap{{QStringLiteral("address"), server.address()}}
                                   : QCborMap{{QStringLiteral("error"), error}});
    }
    if (error.isEmpty()) {
        // SIGTERM (terminate(), the owner's exit) stops it cleanly, so shared memory it made is
        // still unlinked.
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
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
        m_address.unlinkPath(); // a socket file address: ours to remove, as Python's Listener does
    }
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool ManagerServer::listen(const SocketAddress &address, QString *error)
{
    m_listenFd = address.listen(&m_address, error);
    m_addressText = m_address.toString();
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
    int backoffMs = 0;        // after accept() ran out of resources: how long to leave it alone
    qint64 acceptAgainMs = 0; // ... until then (ms since the epoch)
    while (!m_stopping) {
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const bool acceptNow = nowMs >= acceptAgainMs;
        pollfd fds[2] = {{m_wake[0], POLLIN, 0}, {acceptNow ? m_listenFd : -1, POLLIN, 0}};
        const int n = ::poll(fds, 2, acceptNow ? 1000 : int(std::min<qint64>(1000, acceptAgainMs - nowMs)));
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0 && (fds[0].revents & POLLIN)) {
            char drain[64];
            while (::read(m_wake[0], drain, sizeof(drain)) > 0) {
            }
            if (terminated)
                m_stopping = true;
        }
        reapFinished(false);
        QList<std::shared_ptr<ServerObject>> dropped; // destroyed after the lock
        {
            std::lock_guard guard(m_objectsMutex);
            if (!m_graced.isEmpty()) { // graces run out: collect what they kept
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (auto it = m_graced.begin(); it != m_graced.end();) {
                    const auto entry = m_objects.constFind(*it);
                    if (entry == m_objects.constEnd() || entry->graceUntil <= now)
                        it = m_graced.erase(it);
                    else
                        ++it;
                }
                dropped = collect();
            }
        }
        dropped.clear();
        if (n <= 0 || !(fds[1].revents & POLLIN))
            continue;
        if (acceptOne()) {
            backoffMs = 0;
        } else {
            backoffMs = std::clamp(backoffMs * 2, 50, 1000);
            acceptAgainMs = QDateTime::currentMSecsSinceEpoch() + backoffMs;
        }
    }
    m_stopping = true;
    reapFinished(true);
    releaseSharedMemory();
    QHash<qint64, Entry> objects;
    {
        std::lock_guard guard(m_objectsMutex);
        objects.swap(m_objects);
        m_published.clear();
        m_publishedIds.clear();
        m_unreferenced.clear();
        m_containers.clear();
        m_graced.clear();
        m_clientRefs.clear();
        m_clientConnections.clear();
    }
}

bool ManagerServer::acceptOne()
{
    const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
        // Out of descriptors or memory: the connection stays in the backlog and the listening
        // socket stays readable; trying again at once would spin.
        return !(errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM);
    }
    std::lock_guard guard(m_connectionsMutex);
    const auto live = std::count_if(m_connections.begin(), m_connections.end(),
                                    [](const std::shared_ptr<Connection> &c) { return !c->done; });
    if (live >= m_limits.maxConnections) {
        ::close(fd); // the client sees the connection closed during the handshake
        return true;
    }
    if (m_address.isTcp()) {
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    auto connection = std::make_shared<Connection>();
    connection->socket = std::make_shared<FrameSocket>(fd);
    connection->id = m_nextConnection++;
    connection->thread = std::thread([this, connection] { serveConnection(connection); });
    m_connections.push_back(connection);
    return true;
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
    // Until the peer has proved it knows the key: handshake-sized messages (Authenticator's
    // cap), one deadline for the whole handshake.
    if (Authenticator::serve(socket, m_authkey, QDeadlineTimer(m_limits.handshakeTimeoutMs)).accepted()) {
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
                reply = ManagerWire::okFrame(dispatch(request.objectId, request.method, request.args, context, *connection));
            } catch (const CallAbandoned &) {
                break;
            } catch (const std::exception &e) {
                reply = ManagerWire::errorFrame(ManagerErrorNames::nameOf(e), QString::fromUtf8(e.what()));
            }
            if (!send(reply))
                break;
            if (request.objectId == 0 && request.method == QLatin1String("shutdown"))
                stop();
        }
    }
    QList<std::shared_ptr<ServerObject>> objects;
    QList<std::shared_ptr<ServerObject>> dropped;
    {
        std::lock_guard guard(m_objectsMutex);
        objects.reserve(m_objects.size());
        for (const Entry &entry : std::as_const(m_objects))
            objects.append(entry.object);
        // A client whose every connection ended (it exited or was killed) lets go of all
        // its references.
        for (const quint64 client : std::as_const(connection->clients)) {
            auto count = m_clientConnections.find(client);
            if (count == m_clientConnections.end() || --*count > 0)
                continue;
            m_clientConnections.erase(count);
            const QHash<qint64, qint64> held = m_clientRefs.value(client);
            for (auto it = held.constBegin(); it != held.constEnd(); ++it)
                dropReference(client, it.key(), it.value());
        }
        connection->clients.clear();
        dropped = collect();
    }
    for (const auto &object : objects)
        object->connectionClosed(connection->id);
    objects.clear();
    dropped.clear();
    connection->done = true;
    if (m_wake[1] >= 0) { // let serve() reap this thread soon
        const char c = 0;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

QCborValue ManagerServer::dispatch(qint64 objectId, const QString &method, const QCborArray &args, CallContext &context,
                                   Connection &connection)
{
    if (objectId == 0)
        return callManager(method, args, connection);
    QList<qint64> passed; // proxies handed to the object: it may keep them
    for (const QCborValue &arg : args)
        ownTokenIds(arg, passed);
    std::shared_ptr<ServerObject> object;
    {
        std::lock_guard guard(m_objectsMutex);
        const auto entry = m_objects.find(objectId);
        if (entry != m_objects.end()) {
            object = entry->object;
            if (!passed.isEmpty()) {
                entry->container = true;
                m_containers.insert(objectId);
                if (!object->listsValues()) {
                    for (qint64 id : std::as_const(passed)) {
                        if (!entry->passedIds.contains(id))
                            entry->passedIds.append(id);
                    }
                }
            }
        }
    }
    if (!object)
        throw KeyError(QStringLiteral("the manager holds no object with id %1 (released or from another manager)").arg(objectId));
    QCborValue result = object->call(method, args, context);
    QList<qint64> sent; // proxies leaving in the reply: kept a moment for the receiver's incref
    ownTokenIds(result, sent);
    if (!sent.isEmpty()) {
        const qint64 until = QDateTime::currentMSecsSinceEpoch() + 2000;
        std::lock_guard guard(m_objectsMutex);
        for (qint64 id : std::as_const(sent)) {
            const auto entry = m_objects.find(id);
            if (entry != m_objects.end()) {
                entry->graceUntil = until;
                m_graced.insert(id);
            }
        }
    }
    return result;
}

void ManagerServer::ownTokenIds(const QCborValue &v, QList<qint64> &out) const
{
    if (v.isArray()) {
        for (const QCborValue &item : v.toArray())
            ownTokenIds(item, out);
    } else if (v.isMap()) {
        const QCborMap map = v.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            ownTokenIds(it.key(), out);
            ownTokenIds(it.value(), out);
        }
    } else if (v.isTag()) {
        if (ProxyToken::isToken(v)) {
            const ProxyToken token = ProxyToken::fromCbor(v);
            // Matched by key, not address: a client may name this server by another address
            // (a host name, 127.0.0.1 for 0.0.0.0). Another manager with the same key could
            // only make an object here live longer, never shorter.
            if (!token.isNull() && token.authkey == m_authkey)
                out.append(token.id);
        } else {
            ownTokenIds(v.taggedValue(), out);
        }
    }
}

void ManagerServer::joinClient(Connection &connection, quint64 clientId)
{
    if (connection.clients.contains(clientId))
        return;
    connection.clients.insert(clientId);
    ++m_clientConnections[clientId];
}

void ManagerServer::dropReference(quint64 clientId, qint64 id, qint64 count)
{
    const auto ledger = m_clientRefs.find(clientId);
    if (ledger == m_clientRefs.end())
        return;
    const auto held = ledger->find(id);
    if (held == ledger->end())
        return;
    const qint64 n = qMin(count, held.value());
    if ((*held -= n) <= 0)
        ledger->erase(held);
    if (ledger->isEmpty())
        m_clientRefs.erase(ledger);
    const auto entry = m_objects.find(id);
    if (entry == m_objects.end() || !entry->counted)
        return;
    entry->refs -= n;
    if (entry->refs <= 0) {
        entry->refs = 0;
        m_unreferenced.insert(id);
    }
}

QList<std::shared_ptr<ServerObject>> ManagerServer::collect()
{
    QList<std::shared_ptr<ServerObject>> dropped;
    if (m_unreferenced.isEmpty())
        return dropped;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto rooted = [&](qint64 id, const Entry &e) {
        return e.refs > 0 || !e.counted || e.graceUntil > now || m_publishedIds.contains(id);
    };
    // Mark: what live containers hold, transitively (so cycles of garbage are not kept).
    QSet<qint64> reachable;
    QList<qint64> work;
    const auto reach = [&](qint64 id) {
        if (reachable.contains(id))
            return;
        const auto it = m_objects.constFind(id);
        if (it == m_objects.constEnd())
            return;
        reachable.insert(id);
        if (it->container)
            work.append(id);
    };
    for (const qint64 id : std::as_const(m_containers)) {
        const auto it = m_objects.constFind(id);
        if (it != m_objects.constEnd() && rooted(id, *it))
            reach(id);
    }
    while (!work.isEmpty()) {
        const Entry &e = m_objects[work.takeLast()];
        QList<qint64> held;
        if (e.object->listsValues())
            e.object->visitValues([&](const QCborValue &v) { ownTokenIds(v, held); });
        else
            held = e.passedIds;
        for (const qint64 id : std::as_const(held))
            reach(id);
    }
    // Sweep the unreferenced ones nothing live holds.
    for (auto it = m_unreferenced.begin(); it != m_unreferenced.end();) {
        const auto entry = m_objects.find(*it);
        if (entry != m_objects.end() && (reachable.contains(*it) || rooted(*it, *entry))) {
            ++it;
            continue;
        }
        if (entry != m_objects.end()) {
            dropped.append(entry->object);
            m_objects.erase(entry);
        }
        m_containers.remove(*it);
        m_graced.remove(*it);
        it = m_unreferenced.erase(it);
    }
    return dropped;
}

QCborValue ManagerServer::callManager(const QString &method, const QCborArray &args, Connection &connection)
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
        token.address = m_addressText;
        token.authkey = m_authkey;
        QList<qint64> passed;
        ownTokenIds(createArgs, passed);
        std::lock_guard guard(m_objectsMutex);
        token.id = m_nextId++;
        Entry entry;
        entry.object = object;
        // [typeid, args, client id]: the creating client holds the first reference.
        if (args.size() > 2 && args.at(2).isInteger()) {
            const quint64 client = quint64(cborInteger(args.at(2)));
            joinClient(connection, client);
            entry.refs = 1;
            ++m_clientRefs[client][token.id];
        } else {
            entry.counted = false;
        }
        if (!passed.isEmpty()) {
            entry.container = true;
            m_containers.insert(token.id);
            if (!object->listsValues())
                entry.passedIds = passed;
        }
        m_objects.insert(token.id, entry);
        return token.toCbor();
    }
    if (method == QLatin1String("incref") || method == QLatin1String("decref")) {
        // [client id, object id...]
        if (args.isEmpty() || !args.at(0).isInteger())
            throw TypeError(QStringLiteral("%1 takes a client id and object ids").arg(method));
        const quint64 client = quint64(cborInteger(args.at(0)));
        QList<std::shared_ptr<ServerObject>> dropped;
        std::lock_guard guard(m_objectsMutex);
        joinClient(connection, client);
        if (method == QLatin1String("incref")) {
            for (qsizetype i = 1; i < args.size(); ++i) {
                if (!m_objects.contains(cborInteger(args.at(i))))
                    throw KeyError(QStringLiteral("the manager holds no object with id %1 (released or from another manager)")
                                       .arg(cborInteger(args.at(i))));
            }
            for (qsizetype i = 1; i < args.size(); ++i) {
                const qint64 id = cborInteger(args.at(i));
                Entry &entry = m_objects[id];
                ++entry.refs;
                ++m_clientRefs[client][id];
                m_unreferenced.remove(id);
            }
            return {};
        }
        // Each is an id, or [id, keepMs]: a proxy its client lent out, kept a while longer
        // for the borrower to count its own reference.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QCborValue item = args.at(i);
            const qint64 id = item.isArray() ? cborInteger(item.toArray().at(0)) : cborInteger(item);
            dropReference(client, id, 1);
            const qint64 keepMs = item.isArray() ? qBound(qint64(0), cborInteger(item.toArray().at(1)), qint64(600000)) : 0;
            const auto entry = m_objects.find(id);
            if (keepMs > 0 && entry != m_objects.end()) {
                entry->graceUntil = qMax(entry->graceUntil, now + keepMs);
                m_graced.insert(id);
            }
        }
        dropped = collect();
        return {};
    }
    if (method == QLatin1String("release")) {
        std::shared_ptr<ServerObject> object;
        std::lock_guard guard(m_objectsMutex);
        const qint64 id = cborInteger(args.at(0));
        object = m_objects.take(id).object;
        m_unreferenced.remove(id);
        m_containers.remove(id);
        m_graced.remove(id);
        return object != nullptr;
    }
    if (method == QLatin1String("publish")) {
        if (!args.at(0).isString() || !ProxyToken::isToken(args.at(1)))
            throw TypeError(QStringLiteral("publish takes a name and a proxy"));
        std::lock_guard guard(m_objectsMutex);
        m_published.insert(args.at(0).toString(), args.at(1));
        QList<qint64> ids;
        ownTokenIds(args.at(1), ids);
        for (const qint64 id : std::as_const(ids))
            m_publishedIds.insert(id); // a published object lives until shutdown
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
        QList<std::shared_ptr<ServerObject>> dropped;
        std::lock_guard guard(m_objectsMutex);
        dropped = collect();
        return qint64(m_objects.size());
    }
    if (method == QLatin1String("debug_info")) {
        // {id: {"typeid", "refs", "held": held by a live object or published}} (Python's
        // _debug_info, as data).
        QList<std::shared_ptr<ServerObject>> dropped;
        std::lock_guard guard(m_objectsMutex);
        dropped = collect();
        QCborMap out;
        for (auto it = m_objects.constBegin(); it != m_objects.constEnd(); ++it) {
            out.insert(it.key(), QCborMap{{QStringLiteral("typeid"), it->object->typeId()},
                                          {QStringLiteral("refs"), it->counted ? QCborValue(it->refs) : QCborValue(nullptr)},
                                          {QStringLiteral("held"), it->refs == 0 && it->counted}});
        }
        return out;
    }
    if (method == QLatin1String("typeids"))
        return QCborArray::fromStringList(BuiltinObjects::typeIds() + ManagedTypeRegistry::instance().typeIds());
    if (method == QLatin1String("shutdown") || method == QLatin1String("ping"))
        return QCborValue(nullptr);
    if (method == QLatin1String("pid"))
        return qint64(::getpid());
    if (method == QLatin1String("shm_create")) {
        const qint64 size = cborInteger(args.at(0), -1);
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
