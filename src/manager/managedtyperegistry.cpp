#include "managedtyperegistry.h"

#include "builtinobjects.h"

#include <mutex>

namespace qmp {

namespace {

class CustomObject : public ServerObject
{
public:
    bool listsValues() const override { return false; } // a user type's state is opaque
    CustomObject(const ManagedTypeRegistry::Entry &entry, std::shared_ptr<void> object)
        : m_entry(entry), m_object(std::move(object))
    {
    }
    QString typeId() const override { return m_entry.typeId; }
    QCborValue call(const QString &method, const QCborArray &args, CallContext &) override
    {
        const auto it = m_entry.methods.constFind(method);
        if (it == m_entry.methods.constEnd()) {
            throw RemoteError(QStringLiteral("AttributeError"),
                              QStringLiteral("method '%1' is not exposed by '%2' (exposed: %3)")
                                  .arg(method, m_entry.typeId, m_entry.exposed.join(QLatin1String(", "))),
                              QString());
        }
        std::lock_guard guard(m_mutex);
        return it.value()(m_object.get(), args);
    }

private:
    const ManagedTypeRegistry::Entry &m_entry;
    std::shared_ptr<void> m_object;
    std::mutex m_mutex;
};

} // namespace

ManagedTypeRegistry &ManagedTypeRegistry::instance()
{
    static ManagedTypeRegistry registry;
    return registry;
}

ManagedTypeRegistry::Entry *ManagedTypeRegistry::add(const QString &typeId,
                                                     std::function<std::shared_ptr<void>(const QCborArray &)> create)
{
    if (typeId.isEmpty() || BuiltinObjects::has(typeId))
        throw ValueError(QStringLiteral("cannot register a managed type as '%1': the name is empty or a builtin typeid").arg(typeId));
    QWriteLocker locker(&m_lock);
    if (m_types.contains(typeId))
        throw ValueError(QStringLiteral("the managed type '%1' is registered twice").arg(typeId));
    auto entry = std::make_shared<Entry>();
    entry->typeId = typeId;
    entry->create = std::move(create);
    m_types.insert(typeId, entry);
    return entry.get();
}

void ManagedTypeRegistry::expose(const QString &typeId, const QString &method, Method fn)
{
    QWriteLocker locker(&m_lock);
    const auto it = m_types.constFind(typeId);
    if (it == m_types.constEnd())
        throw ValueError(QStringLiteral("cannot expose '%1': the managed type '%2' is not registered").arg(method, typeId));
    Entry &entry = *it.value();
    if (entry.methods.contains(method))
        throw ValueError(QStringLiteral("the method '%1' of '%2' is exposed twice").arg(method, typeId));
    entry.methods.insert(method, std::move(fn));
    entry.exposed.append(method);
}

const ManagedTypeRegistry::Entry *ManagedTypeRegistry::lookup(const QString &typeId) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_types.constFind(typeId);
    return it == m_types.constEnd() ? nullptr : it.value().get();
}

QStringList ManagedTypeRegistry::typeIds() const
{
    QReadLocker locker(&m_lock);
    QStringList out = m_types.keys();
    out.sort();
    return out;
}

std::shared_ptr<ServerObject> ManagedTypeRegistry::create(const Entry &entry, const QCborArray &args)
{
    return std::make_shared<CustomObject>(entry, entry.create(args));
}

} // namespace qmp
