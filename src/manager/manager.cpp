#include "manager.h"

namespace qmp {

Manager::Manager()
{
    start();
}

Manager::Manager(const TaskCall &initializer)
{
    start(initializer);
}

Manager::Manager(const QString &address, const QByteArray &authkey, const std::optional<TaskCall> &initializer)
    : BaseManager(address, authkey)
{
    start(initializer);
}

Manager::Manager(ConnectTag, const QString &address, const QByteArray &authkey) : BaseManager(address, authkey)
{
    BaseManager::connect();
}

Manager Manager::connect(const QString &address, const QByteArray &authkey)
{
    return Manager(ConnectTag{}, address, authkey);
}

DictProxy Manager::dict(const QCborMap &initial) const
{
    return DictProxy(create(QStringLiteral("dict"), {initial}));
}

ListProxy Manager::list(const QCborArray &initial) const
{
    return ListProxy(create(QStringLiteral("list"), {QCborValue(initial)}));
}

QueueProxy Manager::queue(qint64 maxsize) const
{
    return QueueProxy(create(QStringLiteral("Queue"), {maxsize}));
}

QueueProxy Manager::joinableQueue(qint64 maxsize) const
{
    return QueueProxy(create(QStringLiteral("JoinableQueue"), {maxsize}));
}

LockProxy Manager::lock() const
{
    return LockProxy(create(QStringLiteral("Lock")));
}

LockProxy Manager::rlock() const
{
    return LockProxy(create(QStringLiteral("RLock")));
}

SemaphoreProxy Manager::semaphore(qint64 value) const
{
    return SemaphoreProxy(create(QStringLiteral("Semaphore"), {value}));
}

SemaphoreProxy Manager::boundedSemaphore(qint64 value) const
{
    return SemaphoreProxy(create(QStringLiteral("BoundedSemaphore"), {value}));
}

EventProxy Manager::event() const
{
    return EventProxy(create(QStringLiteral("Event")));
}

ConditionProxy Manager::condition() const
{
    return ConditionProxy(create(QStringLiteral("Condition")));
}

BarrierProxy Manager::barrier(qint64 parties) const
{
    return BarrierProxy(create(QStringLiteral("Barrier"), {parties}));
}

ValueProxy Manager::value(char typecode, const QCborValue &initial) const
{
    return ValueProxy(create(QStringLiteral("Value"), {QString(QLatin1Char(typecode)), initial}));
}

ArrayProxy Manager::array(char typecode, const QCborArray &items) const
{
    return ArrayProxy(create(QStringLiteral("Array"), {QString(QLatin1Char(typecode)), items}));
}

ArrayProxy Manager::array(char typecode, qsizetype size) const
{
    return ArrayProxy(create(QStringLiteral("Array"), {QString(QLatin1Char(typecode)), qint64(size)}));
}

NamespaceProxy Manager::namespaceObject(const QCborMap &attributes) const
{
    return NamespaceProxy(create(QStringLiteral("Namespace"), {attributes}));
}

} // namespace qmp
