#include "taskregistry.h"

#include <QReadLocker>
#include <QWriteLocker>

namespace qmp {

QString cborTypeName(const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::Integer: return QStringLiteral("integer");
    case QCborValue::Double: return QStringLiteral("double");
    case QCborValue::String: return QStringLiteral("string");
    case QCborValue::ByteArray: return QStringLiteral("bytes");
    case QCborValue::Array: return QStringLiteral("list");
    case QCborValue::Map: return QStringLiteral("map");
    case QCborValue::False:
    case QCborValue::True: return QStringLiteral("bool");
    case QCborValue::Null: return QStringLiteral("null");
    case QCborValue::Undefined: return QStringLiteral("nothing");
    default: return QStringLiteral("CBOR type %1").arg(int(value.type()));
    }
}

namespace detail {

void throwConversionError(const char *expected, const QCborValue &got)
{
    throw TypeError(QStringLiteral("expected %1, got %2").arg(QLatin1String(expected), cborTypeName(got)));
}

QString argumentContext(const QString &task, int index)
{
    return QStringLiteral("task '%1', argument %2: ").arg(task).arg(index + 1);
}

} // namespace detail

TaskRegistry &TaskRegistry::instance()
{
    static TaskRegistry registry;
    return registry;
}

void TaskRegistry::add(Entry entry, const void *functionAddress)
{
    if (entry.name.isEmpty())
        throw ValueError(QStringLiteral("qmp::registerTask: a task needs a non-empty name"));
    if (!entry.function)
        throw ValueError(QStringLiteral("qmp::registerTask: task '%1' has no function").arg(entry.name));
    QWriteLocker locker(&m_lock);
    if (m_tasks.contains(entry.name))
        throw ValueError(QStringLiteral("qmp::registerTask: a task named '%1' is registered already").arg(entry.name));
    if (functionAddress)
        m_names.insert(functionAddress, entry.name);
    const QString name = entry.name;
    m_tasks.insert(name, std::make_shared<const Entry>(std::move(entry)));
}

const TaskRegistry::Entry *TaskRegistry::lookup(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_tasks.constFind(name);
    return it == m_tasks.cend() ? nullptr : it->get();
}

QString TaskRegistry::nameOf(const void *functionAddress) const
{
    QReadLocker locker(&m_lock);
    return m_names.value(functionAddress);
}

QStringList TaskRegistry::names() const
{
    QReadLocker locker(&m_lock);
    QStringList out = m_tasks.keys();
    out.sort();
    return out;
}

const TaskRegistry::Entry &TaskRegistry::checkCall(const QString &name, const QCborArray &args) const
{
    const Entry *entry = lookup(name);
    if (!entry) {
        throw ValueError(QStringLiteral("unknown task '%1': register it with QMP_TASK(%1) or qmp::registerTask() "
                                        "before starting processes")
                             .arg(name));
    }
    if (entry->arity >= 0 && args.size() != entry->arity) {
        throw TypeError(QStringLiteral("task '%1' takes %2 argument(s), %3 given")
                            .arg(name)
                            .arg(entry->arity)
                            .arg(args.size()));
    }
    return *entry;
}

QCborValue TaskRegistry::call(const QString &name, const QCborArray &args) const
{
    return checkCall(name, args).function(args);
}

bool registerTask(const QString &name, TaskFunction fn)
{
    TaskRegistry::instance().add({name, std::move(fn), -1, nullptr});
    return true;
}

} // namespace qmp
