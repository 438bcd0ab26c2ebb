#pragma once
// The process-wide table of tasks: C++ functions callable by name in another process.
// Registration happens at static-initialisation time (QMP_TASK) or early in main(), before any
// Process or Pool starts; lookups are thread-safe. Every process of a program holds the same
// table because workers re-execute the same binary.

#include "qmpcore_export.h"
#include "cborconvert.h"
#include "packedtask.h"

#include <QCborArray>
#include <QCborValue>
#include <QHash>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <tuple>
#include <utility>

namespace qmp {

using TaskFunction = std::function<QCborValue(const QCborArray &args)>;

class QMP_CORE_EXPORT TaskRegistry
{
public:
    struct Entry
    {
        QString name;
        TaskFunction function;
        int arity = -1; // -1: any number of arguments
        // Set for a task whose arguments and result are all PackedMapValues (packable.h): a
        // map's or starmap's chunk of its calls runs on bytes (no CBOR per call).
        std::shared_ptr<const PackedTask> packed;
    };

    static TaskRegistry &instance();

    // Adds a task. Registering a name twice throws ValueError (two functions would race for it).
    void add(Entry entry, const void *functionAddress = nullptr);

    // The entry itself, or nullptr. Entries are never removed, so the pointer stays valid.
    const Entry *lookup(const QString &name) const;
    // The name a function pointer was registered under, or empty.
    QString nameOf(const void *functionAddress) const;
    QStringList names() const;

    // Calls a task here, in this process. Throws ValueError for an unknown name, TypeError for
    // wrong arguments, and whatever the task throws.
    QCborValue call(const QString &name, const QCborArray &args) const;

    // Throws ValueError / TypeError now, in the caller, when a call could not even start.
    // Returns the entry to call.
    const Entry &checkCall(const QString &name, const QCborArray &args) const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, std::shared_ptr<const Entry>> m_tasks; // shared_ptr: stable addresses
    QHash<const void *, QString> m_names;
};

namespace detail {

template <typename F>
struct FunctionTraits;

template <typename R, typename... P>
struct FunctionTraits<R (*)(P...)>
{
    using Result = R;
    using Args = std::tuple<std::remove_cvref_t<P>...>;
    static constexpr int arity = sizeof...(P);
};

template <typename R, typename... P>
struct FunctionTraits<R (*)(P...) noexcept> : FunctionTraits<R (*)(P...)>
{
};

QMP_CORE_EXPORT QString argumentContext(const QString &task, int index);

template <typename Args, std::size_t... I>
Args convertArguments(const QString &task, const QCborArray &args, std::index_sequence<I...>)
{
    return Args{[&] {
        try {
            return CborConvert<std::tuple_element_t<I, Args>>::fromCbor(args.at(qsizetype(I)));
        } catch (const TypeError &e) {
            throw TypeError(argumentContext(task, int(I)) + e.message());
        }
    }()...};
}

template <typename F>
TaskFunction wrapFunction(const QString &name, F fn)
{
    using Traits = FunctionTraits<F>;
    return [name, fn](const QCborArray &args) -> QCborValue {
        auto converted = convertArguments<typename Traits::Args>(
            name, args, std::make_index_sequence<Traits::arity>{});
        if constexpr (std::is_void_v<typename Traits::Result>) {
            std::apply(fn, std::move(converted));
            return QCborValue(nullptr);
        } else {
            return toCbor(std::apply(fn, std::move(converted)));
        }
    };
}

inline const void *functionAddress(auto *fn)
{
    return reinterpret_cast<const void *>(fn);
}

} // namespace detail

// Registers a typed function: arguments and result convert through CborConvert, so
// `int square(int)` registers as it is. Returns true (usable in a static initialiser).
// A task whose arguments and result are all PackedMapValues also runs packed (PackedTask).
template <typename R, typename... P>
bool registerTask(const QString &name, R (*fn)(P...))
{
    std::shared_ptr<const PackedTask> packed;
    if constexpr (detail::PackableTask<R, P...>)
        packed = std::make_shared<const PackedTask>(PackedTask::of(fn));
    TaskRegistry::instance().add({name, detail::wrapFunction(name, fn), int(sizeof...(P)), std::move(packed)},
                                 detail::functionAddress(fn));
    return true;
}

// Registers an untyped function that takes the raw argument array.
QMP_CORE_EXPORT bool registerTask(const QString &name, TaskFunction fn);

} // namespace qmp

// QMP_TASK(fn): registers the function fn under its own name, at static-initialisation time.
// Put it at namespace scope in the .cpp that defines fn.
#define QMP_TASK(fn) \
    [[maybe_unused]] static const bool qmp_task_registered_##fn = ::qmp::registerTask(QStringLiteral(#fn), &fn)
