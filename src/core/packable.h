#pragma once
// qmp::Packable<T>: a value a map may send between processes as its bytes, with no CBOR per
// item. Pool::map / mapAsync of a one-argument task whose argument and result are Packable, and
// starmap / starmapAsync of a task whose arguments and result all are, send each chunk as one
// block of bytes and store its results in one step (see README, Pool).
//
// Packable: trivially copyable, not a pointer, and either arithmetic or an enum, or a type that
// opts in, because copying its bytes to another process must keep its meaning (a struct holding
// a pointer or a handle must not opt in):
//
//     struct Point { double x, y; static constexpr bool qmpPackable = true; };
//     // or, for a type you cannot change, at global scope:
//     template <> inline constexpr bool qmp::enablePacking<Vec3> = true;
//
// An opted-in class type without a CborConvert of its own travels as its bytes on the CBOR paths
// too (apply, imap, chunks of one call): see CborConvert in cborconvert.h.
//
// qmp::PackedMapValue<T>: what a packed map or starmap carries — a Packable, or a QByteArray or
// QString (in an arena: each value's length and its bytes / UTF-16 code units, see chunkvalues.h).

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <array>
#include <bit>
#include <concepts>
#include <cstring>
#include <type_traits>

namespace qmp {

template <typename T>
inline constexpr bool enablePacking = std::is_arithmetic_v<T> || std::is_enum_v<T>;

namespace detail {
template <typename T>
concept OptsIntoPacking = requires {
    requires bool(T::qmpPackable);
};
} // namespace detail

template <typename T>
concept Packable = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T> && !std::is_member_pointer_v<T>
                   && !std::is_reference_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T>
                   && (enablePacking<T> || detail::OptsIntoPacking<T>);

namespace detail {
// The T whose bytes start at bytes (any alignment).
template <Packable T>
T loadPacked(const char *bytes)
{
    std::array<char, sizeof(T)> raw;
    std::memcpy(raw.data(), bytes, sizeof(T));
    return std::bit_cast<T>(raw);
}
// Writes value's bytes at bytes (any alignment).
template <Packable T>
void storePacked(char *bytes, const T &value)
{
    std::memcpy(bytes, static_cast<const void *>(&value), sizeof(T));
}
} // namespace detail

template <typename T>
concept PackedMapValue = Packable<T> || std::same_as<T, QByteArray> || std::same_as<T, QString>;

namespace detail {
// Bytes per value of T in a packed chunk; 0 (ChunkValues::kVariableSize): any length.
template <PackedMapValue T>
constexpr qsizetype packedSizeOf()
{
    if constexpr (Packable<T>)
        return qsizetype(sizeof(T));
    else
        return 0;
}
// The T whose packed bytes are bytes.
template <PackedMapValue T>
T loadPackedValue(QByteArrayView bytes)
{
    if constexpr (Packable<T>) {
        return loadPacked<T>(bytes.data());
    } else if constexpr (std::same_as<T, QByteArray>) {
        return bytes.toByteArray();
    } else {
        QString text(bytes.size() / qsizetype(sizeof(char16_t)), Qt::Uninitialized);
        if (!text.isEmpty())
            std::memcpy(static_cast<void *>(text.data()), bytes.data(), size_t(text.size()) * sizeof(char16_t));
        return text;
    }
}
// How many bytes value takes in a packed chunk.
template <PackedMapValue T>
qsizetype packedBytesOf(const T &value)
{
    if constexpr (Packable<T>)
        return qsizetype(sizeof(T));
    else if constexpr (std::same_as<T, QByteArray>)
        return value.size();
    else
        return value.size() * qsizetype(sizeof(char16_t));
}
// Puts value as value i of a chunk being built (ChunkValues::Builder, or anything with its put()).
template <PackedMapValue T, typename Builder>
void putPackedValue(Builder &builder, qsizetype i, const T &value)
{
    if constexpr (Packable<T>)
        builder.put(i, static_cast<const void *>(&value), qsizetype(sizeof(T)));
    else if constexpr (std::same_as<T, QByteArray>)
        builder.put(i, value.constData(), value.size());
    else
        builder.put(i, value.constData(), value.size() * qsizetype(sizeof(char16_t)));
}
} // namespace detail

} // namespace qmp
