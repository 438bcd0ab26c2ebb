#pragma once
// PackedTask: how a worker runs a chunk of calls of a task whose arguments and result are all
// PackedMapValues (packable.h: Packable, QByteArray, QString) straight on a chunk's bytes
// (ChunkValues): each call's arguments one item in (argumentSize bytes, its arguments' bytes one
// after another, when they are all Packable; else kVariableSize: an arena of `arity` values per
// call), each result one item out (resultSize bytes, or kVariableSize), no CBOR per call.
// QMP_TASK / registerTask make one for every such task (TaskRegistry::Entry::packed); map and
// starmap send such chunks (PoolBase).

#include "chunkvalues.h"
#include "packable.h"
#include "qmpcore_export.h"

#include <QtGlobal>

#include <array>
#include <exception>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace qmp {

namespace detail {
// A task R(P...) of at least one argument whose calls can run packed.
template <typename R, typename... P>
concept PackableTask = sizeof...(P) >= 1 && PackedMapValue<std::remove_cvref_t<R>>
                       && (PackedMapValue<std::remove_cvref_t<P>> && ...);

// Bytes per call of arguments A... in a packed chunk: their sizes added up when they are all
// Packable (a fixed-size record), else ChunkValues::kVariableSize (an arena, one value each).
template <PackedMapValue... A>
constexpr qsizetype packedCallSize()
{
    if constexpr ((Packable<A> && ...))
        return (qsizetype(sizeof(A)) + ...);
    else
        return ChunkValues::kVariableSize;
}

// Where each of A... starts in a fixed-size record of them.
template <Packable... A>
constexpr std::array<qsizetype, sizeof...(A)> packedFieldOffsets()
{
    std::array<qsizetype, sizeof...(A)> offsets{};
    qsizetype at = 0;
    std::size_t k = 0;
    ((offsets[k++] = at, at += qsizetype(sizeof(A))), ...);
    return offsets;
}

// The arguments of call i of a chunk of calls taking A... (packedCallSize<A...>()'s layout).
template <PackedMapValue... A>
std::tuple<A...> loadPackedCall(const ChunkValues &in, qsizetype i)
{
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
        if constexpr ((Packable<A> && ...)) {
            constexpr auto offsets = packedFieldOffsets<A...>();
            const char *record = in.value(i).data();
            return std::tuple<A...>{loadPacked<A>(record + offsets[K])...};
        } else {
            return std::tuple<A...>{loadPackedValue<A>(in.value(i, qsizetype(K)))...};
        }
    }(std::index_sequence_for<A...>{});
}

// Puts the arguments of call i (values) into a chunk being built with packedCallSize<A...>()
// and, for an arena, sizeof...(A) values per item.
template <PackedMapValue... A, typename Builder>
void putPackedCall(Builder &builder, qsizetype i, const A &...values)
{
    if constexpr (sizeof...(A) == 1) {
        (putPackedValue<A>(builder, i, values), ...);
    } else if constexpr ((Packable<A> && ...)) {
        constexpr auto offsets = packedFieldOffsets<A...>();
        std::array<char, std::size_t(packedCallSize<A...>())> record;
        std::size_t k = 0;
        ((storePacked<A>(record.data() + offsets[k++], values)), ...);
        builder.put(i, record.data(), qsizetype(record.size()));
    } else {
        (putPackedValue<A>(builder, i, values), ...); // one value each, in order
    }
}
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
    // Every item of in is one call's arguments; each call's result goes to out at its index.
    using Run = std::function<void(const ChunkValues &in, ChunkValues::Builder &out, Hooks &hooks)>;

    qsizetype argumentSize = 0; // bytes per call, or kVariableSize: an arena of `arity` values per call
    qsizetype resultSize = 0;
    qsizetype arity = 1;        // arguments per call
    Run run;

    // The PackedTask of fn.
    template <typename R, typename... P>
        requires detail::PackableTask<R, P...>
    static PackedTask of(R (*fn)(P...))
    {
        using Result = std::remove_cvref_t<R>;
        return {detail::packedCallSize<std::remove_cvref_t<P>...>(), detail::packedSizeOf<Result>(),
                qsizetype(sizeof...(P)), [fn](const ChunkValues &in, ChunkValues::Builder &out, Hooks &hooks) {
                    for (qsizetype i = 0; i < in.size(); ++i) {
                        hooks.beginCall(i);
                        try {
                            detail::putPackedValue<Result>(
                                out, i, std::apply(fn, detail::loadPackedCall<std::remove_cvref_t<P>...>(in, i)));
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
