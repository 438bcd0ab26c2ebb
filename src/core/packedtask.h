#pragma once
// PackedTask: how a worker runs a chunk of calls of a one-argument task whose argument and
// result are PackedMapValues (packable.h: Packable, QByteArray, QString) straight on a chunk's
// bytes (ChunkValues): arguments of argumentSize bytes each in (kVariableSize: any length), results
// of resultSize bytes each out, no CBOR per call. QMP_TASK / registerTask make one for every
// such task (TaskRegistry::Entry::packed).

#include "chunkvalues.h"
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
concept PackableTask = PackedMapValue<std::remove_cvref_t<R>> && PackedMapValue<std::remove_cvref_t<P>>;
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
        // Call i threw error (its result is empty: zero bytes). False: stop the chunk here (the
        // task called qmp::exit()).
        virtual bool callFailed(qsizetype i, std::exception_ptr error) = 0;
    };
    // Every value of in is one call's argument; each call's result goes to out at its index.
    using Run = std::function<void(const ChunkValues &in, ChunkValues::Builder &out, Hooks &hooks)>;

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
        return {detail::packedSizeOf<Argument>(), detail::packedSizeOf<Result>(),
                [fn](const ChunkValues &in, ChunkValues::Builder &out, Hooks &hooks) {
                    for (qsizetype i = 0; i < in.size(); ++i) {
                        hooks.beginCall(i);
                        try {
                            detail::putPackedValue<Result>(out, i, fn(detail::loadPackedValue<Argument>(in.value(i))));
                        } catch (...) {
                            out.putEmpty(i);
                            if (!hooks.callFailed(i, std::current_exception()))
                                return;
                        }
                    }
                }};
    }
};

} // namespace qmp
