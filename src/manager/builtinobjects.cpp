#include "builtinobjects.h"

#include "arrayobject.h"
#include "barrierobject.h"
#include "conditionobject.h"
#include "dictobject.h"
#include "eventobject.h"
#include "listobject.h"
#include "lockobject.h"
#include "namespaceobject.h"
#include "queueobject.h"
#include "semaphoreobject.h"
#include "valueobject.h"

namespace qmp {

namespace {

struct BuiltinType
{
    QString typeId;
    std::shared_ptr<ServerObject> (*create)(const QCborArray &args);
    const QList<MethodSignature> &(*methods)();
};

template <typename Object>
const QList<MethodSignature> &signaturesOf()
{
    return Object::table().signatures();
}

// In Python's SyncManager order.
const QList<BuiltinType> &types()
{
    static const QList<BuiltinType> table{
        {QStringLiteral("dict"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<DictObject>(a); },
         &signaturesOf<DictObject>},
        {QStringLiteral("list"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<ListObject>(a); },
         &signaturesOf<ListObject>},
        {QueueObject::typeIdOf(false),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<QueueObject>(a, false); },
         []() -> const QList<MethodSignature> & { return QueueObject::table(false).signatures(); }},
        {QueueObject::typeIdOf(true),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<QueueObject>(a, true); },
         []() -> const QList<MethodSignature> & { return QueueObject::table(true).signatures(); }},
        {LockObject::typeIdOf(false),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<LockObject>(a, false); },
         &signaturesOf<LockObject>},
        {LockObject::typeIdOf(true),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<LockObject>(a, true); },
         &signaturesOf<LockObject>},
        {SemaphoreObject::typeIdOf(false),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<SemaphoreObject>(a, false); },
         &signaturesOf<SemaphoreObject>},
        {SemaphoreObject::typeIdOf(true),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<SemaphoreObject>(a, true); },
         &signaturesOf<SemaphoreObject>},
        {QStringLiteral("Event"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<EventObject>(a); },
         &signaturesOf<EventObject>},
        {QStringLiteral("Condition"),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<ConditionObject>(a); },
         &signaturesOf<ConditionObject>},
        {QStringLiteral("Barrier"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<BarrierObject>(a); },
         &signaturesOf<BarrierObject>},
        {QStringLiteral("Value"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<ValueObject>(a); },
         &signaturesOf<ValueObject>},
        {QStringLiteral("Array"), [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<ArrayObject>(a); },
         &signaturesOf<ArrayObject>},
        {QStringLiteral("Namespace"),
         [](const QCborArray &a) -> std::shared_ptr<ServerObject> { return std::make_shared<NamespaceObject>(a); },
         &signaturesOf<NamespaceObject>},
    };
    return table;
}

const BuiltinType *find(const QString &typeId)
{
    for (const BuiltinType &type : types()) {
        if (type.typeId == typeId)
            return &type;
    }
    return nullptr;
}

} // namespace

QStringList BuiltinObjects::typeIds()
{
    QStringList out;
    for (const BuiltinType &type : types())
        out.append(type.typeId);
    return out;
}

bool BuiltinObjects::has(const QString &typeId)
{
    return find(typeId) != nullptr;
}

std::shared_ptr<ServerObject> BuiltinObjects::create(const QString &typeId, const QCborArray &args)
{
    const BuiltinType *type = find(typeId);
    return type ? type->create(args) : nullptr;
}

QList<MethodSignature> BuiltinObjects::methods(const QString &typeId)
{
    const BuiltinType *type = find(typeId);
    return type ? type->methods() : QList<MethodSignature>();
}

} // namespace qmp
