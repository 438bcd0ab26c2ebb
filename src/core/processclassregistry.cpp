#include "processclassregistry.h"

#include "errors.h"
#include "process.h"

#include <QReadLocker>
#include <QWriteLocker>

namespace qmp {

ProcessClassRegistry &ProcessClassRegistry::instance()
{
    static ProcessClassRegistry registry;
    return registry;
}

void ProcessClassRegistry::add(const std::type_info &type, const QString &name, Factory factory)
{
    QWriteLocker locker(&m_lock);
    if (m_factories.contains(name))
        throw ValueError(QStringLiteral("QMP_PROCESS: a process class named '%1' is registered already").arg(name));
    m_factories.insert(name, std::move(factory));
    m_names.emplace(std::type_index(type), name);
}

QString ProcessClassRegistry::nameOf(const std::type_info &type) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_names.find(std::type_index(type));
    return it == m_names.end() ? QString() : it->second;
}

std::unique_ptr<Process> ProcessClassRegistry::create(const QString &name) const
{
    Factory factory;
    {
        QReadLocker locker(&m_lock);
        factory = m_factories.value(name);
    }
    return factory ? factory() : nullptr;
}

} // namespace qmp
