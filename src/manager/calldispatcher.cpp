#include "calldispatcher.h"

#include "builtinobjects.h"
#include "cborconvert.h"
#include "managedtyperegistry.h"
#include "proxytoken.h"
#include "shareablelist.h"
#include "sharedmemory.h"

#include <unistd.h>

namespace qmp {

CallDispatcher::CallDispatcher(ObjectTable &objects, const QByteArray &authkey) : m_objects(objects), m_authkey(authkey)
{
}

const QHash<QString, CallDispatcher::Handler> &CallDispatcher::managerTable()
{
    static const QHash<QString, Handler> table{
        {QStringLiteral("create"), &CallDispatcher::create},
        {QStringLiteral("incref"), &CallDispatcher::incref},
        {QStringLiteral("decref"), &CallDispatcher::decref},
        {QStringLiteral("release"), &CallDispatcher::release},
        {QStringLiteral("publish"), &CallDispatcher::publish},
        {QStringLiteral("lookup"), &CallDispatcher::lookup},
        {QStringLiteral("count"), &CallDispatcher::count},
        {QStringLiteral("debug_info"), &CallDispatcher::debugInfo},
        {QStringLiteral("typeids"), &CallDispatcher::typeIds},
        {QStringLiteral("ping"), &CallDispatcher::nothing},
        {QStringLiteral("shutdown"), &CallDispatcher::nothing}, // the session stops the server after the reply
        {QStringLiteral("pid"), &CallDispatcher::pid},
        {QStringLiteral("shm_create"), &CallDispatcher::shmCreate},
        {QStringLiteral("shl_create"), &CallDispatcher::shlCreate},
        {QStringLiteral("segments"), &CallDispatcher::segments},
    };
    return table;
}

QStringList CallDispatcher::managerRequests()
{
    return managerTable().keys();
}

bool CallDispatcher::isShutdown(const ManagerWire::Request &request)
{
    return request.objectId == 0 && request.method == QLatin1String("shutdown");
}

QCborValue CallDispatcher::dispatch(const ManagerWire::Request &request, CallContext &context)
{
    if (request.objectId == 0) {
        const auto handler = managerTable().constFind(request.method);
        if (handler == managerTable().constEnd())
            throw AttributeError(QStringLiteral("the manager has no method '%1'").arg(request.method));
        return (this->**handler)(request.args, context.connectionId());
    }
    const std::shared_ptr<ServerObject> object = m_objects.objectFor(request.objectId, request.args);
    QCborValue result = object->call(request.method, request.args, context);
    m_objects.keepSent(result); // proxies leaving in the reply: kept a moment for the receiver's incref
    return result;
}

// [typeid, creation args, client id or absent]
QCborValue CallDispatcher::create(const QCborArray &args, qint64 connectionId)
{
    const QString typeId = args.at(0).toString();
    const QCborArray createArgs = args.at(1).toArray();
    std::shared_ptr<ServerObject> object = BuiltinObjects::create(typeId, createArgs);
    if (!object) {
        const ManagedTypeRegistry::Entry *entry = ManagedTypeRegistry::instance().lookup(typeId);
        if (!entry) {
            const QStringList known = BuiltinObjects::typeIds() + ManagedTypeRegistry::instance().typeIds();
            throw ValueError(QStringLiteral("the manager knows no type '%1' (known: %2); register custom types at "
                                            "static-initialisation time so the manager process has them too")
                                 .arg(typeId, known.join(QLatin1String(", "))));
        }
        object = ManagedTypeRegistry::create(*entry, createArgs);
    }
    std::optional<quint64> client;
    if (args.size() > 2 && args.at(2).isInteger())
        client = quint64(cborInteger(args.at(2)));
    ProxyToken token;
    token.typeId = typeId;
    token.address = m_addressText;
    token.authkey = m_authkey;
    token.id = m_objects.add(std::move(object), createArgs, client, connectionId);
    return token.toCbor();
}

quint64 CallDispatcher::clientOf(const QString &method, const QCborArray &args)
{
    if (args.isEmpty() || !args.at(0).isInteger())
        throw TypeError(QStringLiteral("%1 takes a client id and object ids").arg(method));
    return quint64(cborInteger(args.at(0)));
}

// [client id, object id...]
QCborValue CallDispatcher::incref(const QCborArray &args, qint64 connectionId)
{
    const quint64 client = clientOf(QStringLiteral("incref"), args);
    QList<qint64> ids;
    for (qsizetype i = 1; i < args.size(); ++i)
        ids.append(cborInteger(args.at(i)));
    m_objects.incref(client, connectionId, ids);
    return {};
}

// [client id, object id or [object id, keep ms]...]
QCborValue CallDispatcher::decref(const QCborArray &args, qint64 connectionId)
{
    const quint64 client = clientOf(QStringLiteral("decref"), args);
    QCborArray items;
    for (qsizetype i = 1; i < args.size(); ++i)
        items.append(args.at(i));
    m_objects.decref(client, connectionId, items);
    return {};
}

// [object id]
QCborValue CallDispatcher::release(const QCborArray &args, qint64)
{
    return m_objects.release(cborInteger(args.at(0)));
}

// [name, proxy token]
QCborValue CallDispatcher::publish(const QCborArray &args, qint64)
{
    if (!args.at(0).isString() || !ProxyToken::isToken(args.at(1)))
        throw TypeError(QStringLiteral("publish takes a name and a proxy"));
    m_objects.publish(args.at(0).toString(), args.at(1));
    return {};
}

// [name]
QCborValue CallDispatcher::lookup(const QCborArray &args, qint64)
{
    return m_objects.lookup(args.at(0).toString());
}

QCborValue CallDispatcher::count(const QCborArray &, qint64)
{
    return m_objects.count();
}

// {id: {"typeid", "refs", "held": held by a live object or published}} (Python's
// _debug_info, as data).
QCborValue CallDispatcher::debugInfo(const QCborArray &, qint64)
{
    return m_objects.debugInfo();
}

QCborValue CallDispatcher::typeIds(const QCborArray &, qint64)
{
    return QCborArray::fromStringList(BuiltinObjects::typeIds() + ManagedTypeRegistry::instance().typeIds());
}

QCborValue CallDispatcher::nothing(const QCborArray &, qint64)
{
    return QCborValue(nullptr);
}

QCborValue CallDispatcher::pid(const QCborArray &, qint64)
{
    return qint64(::getpid());
}

// [size]
QCborValue CallDispatcher::shmCreate(const QCborArray &args, qint64)
{
    const qint64 size = cborInteger(args.at(0), -1);
    auto shm = std::make_shared<SharedMemory>(QString(), true, qsizetype(size));
    std::lock_guard guard(m_segmentsMutex);
    m_segments.append(shm);
    return toCbor(*shm);
}

// [list of values]
QCborValue CallDispatcher::shlCreate(const QCborArray &args, qint64)
{
    if (!args.at(0).isArray())
        throw TypeError(QStringLiteral("ShareableList needs a list, not %1").arg(cborTypeName(args.at(0))));
    const ShareableList list(args.at(0).toArray());
    auto shm = std::make_shared<SharedMemory>(list.shm());
    std::lock_guard guard(m_segmentsMutex);
    m_segments.append(shm);
    return toCbor(list);
}

QCborValue CallDispatcher::segments(const QCborArray &, qint64)
{
    QCborArray names;
    std::lock_guard guard(m_segmentsMutex);
    for (const auto &shm : std::as_const(m_segments))
        names.append(shm->name());
    return names;
}

void CallDispatcher::releaseSharedMemory()
{
    QList<std::shared_ptr<SharedMemory>> segments;
    {
        std::lock_guard guard(m_segmentsMutex);
        segments.swap(m_segments);
    }
    for (const auto &shm : std::as_const(segments)) {
        try {
            shm->unlink();
        } catch (const Error &) {
            // Already unlinked by a client: nothing left to free.
        }
        shm->close();
    }
}

} // namespace qmp
