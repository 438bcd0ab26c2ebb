#pragma once
// ManagedTypeRegistry: user classes a manager can hold (Python's BaseManager.register). A
// class is registered under a typeid with the methods it exposes; a proxy can call those and
// nothing else (another name gets a RemoteError naming the method). Register at
// static-initialisation time, so the manager process — this binary re-executed — has the same
// table:
//
//     class MathsClass { public: int add(int x, int y) const; int mul(int x, int y) const; };
//     static const bool mathsRegistered = qmp::registerManagedType<MathsClass>(QStringLiteral("Maths"))
//         .expose(QStringLiteral("add"), &MathsClass::add)
//         .expose(QStringLiteral("mul"), &MathsClass::mul);
//
// The class needs a default constructor, or one taking the creation arguments as a
// `const QCborArray &`. Arguments and results convert through CborConvert. Calls to one
// instance are serialised (one at a time); thread-safe lookups.

#include "qmpmanager_export.h"
#include "serverobject.h"
#include "taskregistry.h"

#include <QCborArray>
#include <QHash>
#include <QReadWriteLock>
#include <QStringList>

#include <functional>
#include <memory>

namespace qmp {

class QMP_MANAGER_EXPORT ManagedTypeRegistry
{
public:
    using Method = std::function<QCborValue(void *object, const QCborArray &args)>;
    struct Entry
    {
        QString typeId;
        std::function<std::shared_ptr<void>(const QCborArray &args)> create;
        QHash<QString, Method> methods;
        QStringList exposed; // in registration order, for messages
    };

    static ManagedTypeRegistry &instance();

    // Adds typeId; ValueError when taken (by a builtin or another registration).
    Entry *add(const QString &typeId, std::function<std::shared_ptr<void>(const QCborArray &)> create);
    // Adds an exposed method to a registered type; ValueError when the name is taken.
    void expose(const QString &typeId, const QString &method, Method fn);
    // The entry, or nullptr. Entries are never removed.
    const Entry *lookup(const QString &typeId) const;
    QStringList typeIds() const;

    // The server-side object for an instance of a registered type.
    static std::shared_ptr<ServerObject> create(const Entry &entry, const QCborArray &args);

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, std::shared_ptr<Entry>> m_types;
};

namespace detail {

template <typename T, typename F, typename R, typename... P>
ManagedTypeRegistry::Method wrapMemberImpl(const QString &name, F fn)
{
    return [name, fn](void *object, const QCborArray &args) -> QCborValue {
        if (args.size() != qsizetype(sizeof...(P)))
            throw TypeError(QStringLiteral("%1() takes %2 argument(s), %3 given").arg(name).arg(sizeof...(P)).arg(args.size()));
        auto converted = convertArguments<std::tuple<std::remove_cvref_t<P>...>>(name, args, std::index_sequence_for<P...>{});
        T *self = static_cast<T *>(object);
        auto invoke = [&](auto &&...a) -> decltype(auto) { return (self->*fn)(std::forward<decltype(a)>(a)...); };
        if constexpr (std::is_void_v<R>) {
            std::apply(invoke, std::move(converted));
            return QCborValue(nullptr);
        } else {
            return toCbor(std::apply(invoke, std::move(converted)));
        }
    };
}

template <typename T, typename R, typename... P>
ManagedTypeRegistry::Method wrapMember(const QString &name, R (T::*fn)(P...))
{
    return wrapMemberImpl<T, decltype(fn), R, P...>(name, fn);
}

template <typename T, typename R, typename... P>
ManagedTypeRegistry::Method wrapMember(const QString &name, R (T::*fn)(P...) const)
{
    return wrapMemberImpl<T, decltype(fn), R, P...>(name, fn);
}

} // namespace detail

// The builder registerManagedType<T>(typeId) returns; converts to true for static initialisers.
template <typename T>
class ManagedTypeBuilder
{
public:
    explicit ManagedTypeBuilder(QString typeId) : m_typeId(std::move(typeId)) {}
    template <typename M>
    ManagedTypeBuilder &expose(const QString &method, M fn)
    {
        ManagedTypeRegistry::instance().expose(m_typeId, method, detail::wrapMember<T>(method, fn));
        return *this;
    }
    operator bool() const { return true; }

private:
    QString m_typeId;
};

template <typename T>
ManagedTypeBuilder<T> registerManagedType(const QString &typeId)
{
    ManagedTypeRegistry::instance().add(typeId, [](const QCborArray &args) -> std::shared_ptr<void> {
        if constexpr (std::is_constructible_v<T, const QCborArray &>) {
            return std::make_shared<T>(args);
        } else {
            if (!args.isEmpty())
                throw TypeError(QStringLiteral("this type takes no creation arguments, %1 given").arg(args.size()));
            return std::make_shared<T>();
        }
    });
    return ManagedTypeBuilder<T>(typeId);
}

} // namespace qmp
