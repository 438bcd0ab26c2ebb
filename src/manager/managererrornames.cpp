#include "managererrornames.h"

#include "errors.h"
#include "ipcerrors.h"
#include "managererrors.h"

#include <array>

namespace qmp {

namespace {

struct Entry
{
    const char *name;
    bool (*matches)(const std::exception &e);
    void (*raise)(const QString &message); // throws the type's error
};

template <typename E>
constexpr Entry entry(const char *name)
{
    return {name, [](const std::exception &e) { return dynamic_cast<const E *>(&e) != nullptr; },
            [](const QString &message) { throw E(message); }};
}

#define QMP_ENTRY(Type) entry<Type>(#Type)
// A derived type before its base (FileNotFoundError before OSError): nameOf() takes the first match.
constexpr std::array entries{
    QMP_ENTRY(KeyError),
    QMP_ENTRY(IndexError),
    QMP_ENTRY(AttributeError),
    QMP_ENTRY(TimeoutError),
    QMP_ENTRY(ValueError),
    QMP_ENTRY(TypeError),
    QMP_ENTRY(Empty),
    QMP_ENTRY(Full),
    QMP_ENTRY(BrokenBarrierError),
    QMP_ENTRY(AssertionError),
    QMP_ENTRY(FileNotFoundError),
    QMP_ENTRY(FileExistsError),
    QMP_ENTRY(OSError),
};
#undef QMP_ENTRY

const QLatin1String remotePrefix("RemoteError:");

} // namespace

QString ManagerErrorNames::nameOf(const std::exception &e)
{
    if (auto *remote = dynamic_cast<const RemoteError *>(&e))
        return remotePrefix + remote->type();
    for (const Entry &entry : entries) {
        if (entry.matches(e))
            return QLatin1String(entry.name);
    }
    if (dynamic_cast<const Error *>(&e))
        return remotePrefix + QLatin1String("Error");
    return remotePrefix + QLatin1String("std::exception");
}

void ManagerErrorNames::raise(const QString &name, const QString &message, const QString &where)
{
    for (const Entry &entry : entries) {
        if (name == QLatin1String(entry.name))
            entry.raise(message);
    }
    const QString remoteType = name.startsWith(remotePrefix) ? name.mid(remotePrefix.size()) : name;
    throw RemoteError(remoteType, message, where);
}

QStringList ManagerErrorNames::names()
{
    QStringList out;
    for (const Entry &entry : entries)
        out.append(QLatin1String(entry.name));
    return out;
}

} // namespace qmp
