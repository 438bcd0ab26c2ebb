#include "objecttable.h"

#include "cborconvert.h"
#include "proxytoken.h"

#include <QDateTime>

namespace qmp {

namespace {

constexpr qint64 replyGraceMs = 2000;
constexpr qint64 longestLendGraceMs = 600000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

KeyError noObject(qint64 id)
{
    return KeyError(QStringLiteral("the manager holds no object with id %1 (released or from another manager)").arg(id));
}

} // namespace

// Each method below that may drop objects declares `dropped` before its lock guard, so they
// are destroyed after the mutex is released (a destructor may be slow or call back).

qint64 ObjectTable::add(std::shared_ptr<ServerObject> object, const QCborArray &createArgs, std::optional<quint64> client,
                        qint64 connectionId)
{
    QList<qint64> passed;
    ownTokenIds(createArgs, passed);
    std::lock_guard guard(m_mutex);
    const qint64 id = m_nextId++;
    Entry &entry = m_objects[id];
    entry.object = std::move(object);
    if (client) { // the creating client holds the first reference
        joinClient(connectionId, *client);
        entry.refs = 1;
        ++m_clientRefs[*client][id];
    } else {
        entry.counted = false;
    }
    notePassed(id, entry, passed);
    return id;
}

std::shared_ptr<ServerObject> ObjectTable::objectFor(qint64 id, const QCborArray &args)
{
    QList<qint64> passed; // proxies handed to the object: it may keep them
    for (const QCborValue &arg : args)
        ownTokenIds(arg, passed);
    std::lock_guard guard(m_mutex);
    const auto entry = m_objects.find(id);
    if (entry == m_objects.end())
        throw noObject(id);
    notePassed(id, *entry, passed);
    return entry->object;
}

void ObjectTable::keepSent(const QCborValue &result)
{
    QList<qint64> sent;
    ownTokenIds(result, sent);
    if (sent.isEmpty())
        return;
    const qint64 until = nowMs() + replyGraceMs;
    std::lock_guard guard(m_mutex);
    for (const qint64 id : std::as_const(sent))
        keepUntil(id, until);
}

void ObjectTable::incref(quint64 client, qint64 connectionId, const QList<qint64> &ids)
{
    std::lock_guard guard(m_mutex);
    joinClient(connectionId, client);
    for (const qint64 id : ids) {
        if (!m_objects.contains(id))
            throw noObject(id);
    }
    for (const qint64 id : ids) {
        ++m_objects[id].refs;
        ++m_clientRefs[client][id];
        m_unreferenced.remove(id);
    }
}

void ObjectTable::decref(quint64 client, qint64 connectionId, const QCborArray &items)
{
    Dropped dropped;
    std::lock_guard guard(m_mutex);
    joinClient(connectionId, client);
    const qint64 now = nowMs();
    for (const QCborValue &item : items) {
        const qint64 id = item.isArray() ? cborInteger(item.toArray().at(0)) : cborInteger(item);
        dropReference(client, id, 1);
        const qint64 keepMs = item.isArray() ? qBound(qint64(0), cborInteger(item.toArray().at(1)), longestLendGraceMs) : 0;
        if (keepMs > 0 && m_objects.contains(id))
            keepUntil(id, qMax(m_objects.value(id).graceUntil, now + keepMs));
    }
    dropped = collect();
}

bool ObjectTable::release(qint64 id)
{
    std::shared_ptr<ServerObject> object;
    std::lock_guard guard(m_mutex);
    object = m_objects.take(id).object;
    m_unreferenced.remove(id);
    m_containers.remove(id);
    m_graced.remove(id);
    if (m_publishedIds.contains(id)) {
        m_published.removeIf([id](const auto &it) { return it.value().ids.contains(id); });
        notePublishedIds();
    }
    return object != nullptr;
}

void ObjectTable::notePublishedIds()
{
    m_publishedIds.clear();
    for (const Published &published : std::as_const(m_published))
        m_publishedIds.unite(QSet<qint64>(published.ids.cbegin(), published.ids.cend()));
}

void ObjectTable::publish(const QString &name, const QCborValue &token)
{
    QList<qint64> ids;
    ownTokenIds(token, ids);
    std::lock_guard guard(m_mutex);
    m_published.insert(name, Published{token, std::move(ids)});
    notePublishedIds(); // a name published again no longer keeps its old object
}

QCborValue ObjectTable::lookup(const QString &name) const
{
    std::lock_guard guard(m_mutex);
    const auto it = m_published.constFind(name);
    if (it == m_published.constEnd())
        throw KeyError(QStringLiteral("the manager has published nothing as '%1'").arg(name));
    return it.value().token;
}

qint64 ObjectTable::count()
{
    Dropped dropped;
    std::lock_guard guard(m_mutex);
    dropped = collect();
    return qint64(m_objects.size());
}

QCborMap ObjectTable::debugInfo()
{
    Dropped dropped;
    std::lock_guard guard(m_mutex);
    dropped = collect();
    QCborMap out;
    for (auto it = m_objects.constBegin(); it != m_objects.constEnd(); ++it) {
        out.insert(it.key(), QCborMap{{QStringLiteral("typeid"), it->object->typeId()},
                                      {QStringLiteral("refs"), it->counted ? QCborValue(it->refs) : QCborValue(nullptr)},
                                      {QStringLiteral("held"), it->refs == 0 && it->counted}});
    }
    return out;
}

void ObjectTable::expireGraces()
{
    Dropped dropped;
    std::lock_guard guard(m_mutex);
    if (m_graced.isEmpty())
        return;
    const qint64 now = nowMs();
    for (auto it = m_graced.begin(); it != m_graced.end();) {
        const auto entry = m_objects.constFind(*it);
        if (entry == m_objects.constEnd() || entry->graceUntil <= now)
            it = m_graced.erase(it);
        else
            ++it;
    }
    dropped = collect();
}

void ObjectTable::connectionEnded(qint64 connectionId)
{
    Dropped objects; // every object, to hear connectionClosed outside the lock
    Dropped dropped;
    {
        std::lock_guard guard(m_mutex);
        objects.reserve(m_objects.size());
        for (const Entry &entry : std::as_const(m_objects))
            objects.append(entry.object);
        for (const quint64 client : m_connectionClients.take(connectionId)) {
            auto count = m_clientConnections.find(client);
            if (count == m_clientConnections.end() || --*count > 0)
                continue;
            m_clientConnections.erase(count);
            const QHash<qint64, qint64> held = m_clientRefs.value(client);
            for (auto it = held.constBegin(); it != held.constEnd(); ++it)
                dropReference(client, it.key(), it.value());
        }
        dropped = collect();
    }
    for (const auto &object : std::as_const(objects))
        object->connectionClosed(connectionId);
}

void ObjectTable::clear()
{
    QHash<qint64, Entry> objects;
    std::lock_guard guard(m_mutex);
    objects.swap(m_objects);
    m_published.clear();
    m_publishedIds.clear();
    m_unreferenced.clear();
    m_containers.clear();
    m_graced.clear();
    m_clientRefs.clear();
    m_clientConnections.clear();
    m_connectionClients.clear();
}

void ObjectTable::ownTokenIds(const QCborValue &v, QList<qint64> &out) const
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

void ObjectTable::joinClient(qint64 connectionId, quint64 client)
{
    QSet<quint64> &clients = m_connectionClients[connectionId];
    if (clients.contains(client))
        return;
    clients.insert(client);
    ++m_clientConnections[client];
}

void ObjectTable::notePassed(qint64 id, Entry &entry, const QList<qint64> &passed)
{
    if (passed.isEmpty())
        return;
    entry.container = true;
    m_containers.insert(id);
    if (entry.object->listsValues())
        return;
    for (const qint64 held : passed) {
        if (!entry.passedIds.contains(held))
            entry.passedIds.append(held);
    }
}

void ObjectTable::dropReference(quint64 client, qint64 id, qint64 count)
{
    const auto ledger = m_clientRefs.find(client);
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

void ObjectTable::keepUntil(qint64 id, qint64 untilMs)
{
    const auto entry = m_objects.find(id);
    if (entry == m_objects.end())
        return;
    entry->graceUntil = untilMs;
    m_graced.insert(id);
}

ObjectTable::Dropped ObjectTable::collect()
{
    Dropped dropped;
    if (m_unreferenced.isEmpty())
        return dropped;
    const qint64 now = nowMs();
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

} // namespace qmp
