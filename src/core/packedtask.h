#pragma once
// PackedTask: how a worker runs a chunk of calls of a one-argument task whose argument and
// result are Packable (packable.h) straight on bytes: count arguments of argumentSize bytes each
// in, count results of resultSize bytes each out, no CBOR per call. QMP_TASK / registerTask make
// one for every such task (TaskRegistry::Entry::packed).

#include "packable.h"
#include "qmpcore_export.h"

#include <QtGlobal>

#include <exception>
#include <functional>
#include <type_traits>

namespace qmp {

namespace detail {
// A one-argument task R(P) whose calls can run packed.
template <typename R, typename P>
concept PackableTask = Packable<std::remove_cvref_t<R>> && Packable<std::remove_cvref_t<P>>;
} // namespace detail

class QMP_CORE_EXPORT PackedTask
{
public:
    // What the worker does around each call of a chunk.
    class Hooks
    {
    public:
        virtual ~Hooks() = default;
        // Before call i begins (the worker counts it: from here it may have run).
        virtual void beginCall(qsizetype i) = 0;
        // Call i threw error (its result's bytes stay zero). False: stop the chunk here (the task
        // called qmp::exit()).
        virtual bool callFailed(qsizetype i, std::exception_ptr error) = 0;
    };
    // in: count * argumentSize bytes; out: room for count * resultSize bytes.
    using Run = std::function<void(const char *in, char *out, qsizetype count, Hooks &hooks)>;

    qsizetype argumentSize = 0;
    qsizetype resultSize = 0;
    Run run;

    // The PackedTask of fn.
    template <typename R, typename P>
        requires detail::PackableTask<R, P>
    static PackedTask of(R (*fn)(P))
    {
        using Argument = std::remove_cvref_t<P>;
        using Result = std::remove_cvref_t<R>;
        constexpr qsizetype argumentBytes = sizeof(Argument);
        constexpr qsizetype resultBytes = sizeof(Result);
        return {argumentBytes, resultBytes, [fn](const char *in, char *out, qsizetype count, Hooks &hooks) {
                    for (qsizetype i = 0; i < count; ++i) {
                        hooks.beginCall(i);
                        try {
                            detail::storePacked<Result>(out + i * resultBytes, fn(detail::loadPacked<Argument>(in + i * argumentBytes)));
                        } catch (...) {
                            if (!hooks.callFailed(i, std::current_exception()))
                                return;
                        }
                    }
                }};
    }
};

} // namespace qmp
