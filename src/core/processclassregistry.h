#pragma once
// Process subclasses that override run() (seed 001, method 2) must be re-created in the child,
// which is a fresh run of the same binary. QMP_PROCESS(Class) registers a factory under the
// class's name; Process::start() sends that name, and the worker builds the object with its
// default constructor, restores name, daemon and restoreState(saveState()), then calls run().

#include "qmpcore_export.h"
#include <QHash>
#include <QReadWriteLock>
#include <QString>

#include <functional>
#include <memory>
#include <typeindex>
#include <unordered_map>
#include <typeinfo>

namespace qmp {

class Process;

class QMP_CORE_EXPORT ProcessClassRegistry
{
public:
    using Factory = std::function<std::unique_ptr<Process>()>;

    static ProcessClassRegistry &instance();

    void add(const std::type_info &type, const QString &name, Factory factory);
    // The registered name of a dynamic type, or empty.
    QString nameOf(const std::type_info &type) const;
    // A new object of the class registered as name, or nullptr.
    std::unique_ptr<Process> create(const QString &name) const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, Factory> m_factories;
    std::unordered_map<std::type_index, QString> m_names;
};

template <typename T>
bool registerProcessClass(const QString &name)
{
    ProcessClassRegistry::instance().add(typeid(T), name, [] { return std::unique_ptr<Process>(new T()); });
    return true;
}

} // namespace qmp

// QMP_PROCESS(Class): makes a Process subclass startable. Class needs a default constructor.
#define QMP_PROCESS(Class) \
    [[maybe_unused]] static const bool qmp_process_registered_##Class = \
        ::qmp::registerProcessClass<Class>(QStringLiteral(#Class))
