#pragma once
// CborConvert<T>: how a C++ type travels as a task argument or result. Specialise it for your
// own types (toCbor / fromCbor); fromCbor throws qmp::TypeError naming what it expected.

#include "qmpcore_export.h"
#include "errors.h"
#include "packable.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cmath>
#include <concepts>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace qmp {

// A short English name of a CBOR value's type, for error messages.
QMP_CORE_EXPORT QString cborTypeName(const QCborValue &value);

template <typename T, typename Enable = void>
struct CborConvert; // no default: an unsupported type fails to compile, naming T

namespace detail {
[[noreturn]] QMP_CORE_EXPORT void throwConversionError(const char *expected, const QCborValue &got);
} // namespace detail

template <>
struct CborConvert<QCborValue>
{
    static QCborValue toCbor(const QCborValue &v) { return v; }
    static QCborValue fromCbor(const QCborValue &v) { return v; }
};

template <>
struct CborConvert<bool>
{
    static QCborValue toCbor(bool v) { return QCborValue(v); }
    static bool fromCbor(const QCborValue &v)
    {
        if (!v.isBool())
            detail::throwConversionError("a bool", v);
        return v.toBool();
    }
};

template <std::integral T>
    requires(!std::same_as<T, bool>)
struct CborConvert<T>
{
    static QCborValue toCbor(T v) { return QCborValue(static_cast<qint64>(v)); }
    static T fromCbor(const QCborValue &v)
    {
        if (!v.isInteger())
            detail::throwConversionError("an integer", v);
        const qint64 i = v.toInteger();
        if (!std::in_range<T>(i))
            detail::throwConversionError("an integer in range", v);
        return static_cast<T>(i);
    }
};

template <std::floating_point T>
struct CborConvert<T>
{
    static QCborValue toCbor(T v) { return QCborValue(static_cast<double>(v)); }
    static T fromCbor(const QCborValue &v)
    {
        if (v.isDouble()) {
            const double d = v.toDouble();
            // A finite double beyond T's range has no T (converting it is undefined behaviour).
            if constexpr (sizeof(T) < sizeof(double)) {
                if (std::isfinite(d) && (d > double(std::numeric_limits<T>::max()) || d < double(std::numeric_limits<T>::lowest())))
                    detail::throwConversionError("a number in range", v);
            }
            return static_cast<T>(d);
        }
        if (v.isInteger())
            return static_cast<T>(v.toInteger());
        detail::throwConversionError("a number", v);
    }
};

template <>
struct CborConvert<QString>
{
    static QCborValue toCbor(const QString &v) { return QCborValue(v); }
    static QString fromCbor(const QCborValue &v)
    {
        if (!v.isString())
            detail::throwConversionError("a string", v);
        return v.toString();
    }
};

template <>
struct CborConvert<std::string>
{
    static QCborValue toCbor(const std::string &v) { return QCborValue(QString::fromStdString(v)); }
    static std::string fromCbor(const QCborValue &v) { return CborConvert<QString>::fromCbor(v).toStdString(); }
};

template <>
struct CborConvert<const char *>
{
    static QCborValue toCbor(const char *v) { return QCborValue(QString::fromUtf8(v)); }
};

template <std::size_t N>
struct CborConvert<char[N]>
{
    static QCborValue toCbor(const char *v) { return QCborValue(QString::fromUtf8(v)); }
};

template <>
struct CborConvert<QByteArray>
{
    static QCborValue toCbor(const QByteArray &v) { return QCborValue(v); }
    static QByteArray fromCbor(const QCborValue &v)
    {
        if (!v.isByteArray())
            detail::throwConversionError("bytes", v);
        return v.toByteArray();
    }
};

template <>
struct CborConvert<QCborArray>
{
    static QCborValue toCbor(const QCborArray &v) { return QCborValue(v); }
    static QCborArray fromCbor(const QCborValue &v)
    {
        if (!v.isArray())
            detail::throwConversionError("a list", v);
        return v.toArray();
    }
};

template <>
struct CborConvert<QCborMap>
{
    static QCborValue toCbor(const QCborMap &v) { return QCborValue(v); }
    static QCborMap fromCbor(const QCborValue &v)
    {
        if (!v.isMap())
            detail::throwConversionError("a map", v);
        return v.toMap();
    }
};

template <>
struct CborConvert<QVariant>
{
    static QCborValue toCbor(const QVariant &v) { return QCborValue::fromVariant(v); }
    static QVariant fromCbor(const QCborValue &v) { return v.toVariant(); }
};

template <>
struct CborConvert<QStringList>
{
    static QCborValue toCbor(const QStringList &v) { return QCborValue(QCborArray::fromStringList(v)); }
    static QStringList fromCbor(const QCborValue &v)
    {
        QStringList out;
        for (const QCborValue &item : CborConvert<QCborArray>::fromCbor(v))
            out.append(CborConvert<QString>::fromCbor(item));
        return out;
    }
};

namespace detail {
template <typename Container>
struct SequenceConvert
{
    using Item = typename Container::value_type;
    static QCborValue toCbor(const Container &v)
    {
        QCborArray out;
        for (const auto &item : v)
            out.append(CborConvert<Item>::toCbor(item));
        return QCborValue(out);
    }
    static Container fromCbor(const QCborValue &v)
    {
        Container out;
        for (const QCborValue &item : CborConvert<QCborArray>::fromCbor(v))
            out.push_back(CborConvert<Item>::fromCbor(item));
        return out;
    }
};
} // namespace detail

template <typename T>
struct CborConvert<std::vector<T>> : detail::SequenceConvert<std::vector<T>>
{
};

template <typename T>
    requires(!std::same_as<T, QString>)
struct CborConvert<QList<T>> : detail::SequenceConvert<QList<T>>
{
};

// A class type that opts into packing (packable.h) and has no CborConvert of its own: its bytes,
// as a CBOR byte string of sizeof(T) bytes (the same bytes a packed map sends).
template <typename T>
    requires(std::is_class_v<T> && Packable<T>)
struct CborConvert<T>
{
    static QCborValue toCbor(const T &v) { return QCborValue(QByteArray(reinterpret_cast<const char *>(&v), sizeof(T))); }
    static T fromCbor(const QCborValue &v)
    {
        const QByteArray bytes = v.toByteArray();
        if (!v.isByteArray() || bytes.size() != qsizetype(sizeof(T)))
            detail::throwConversionError("the bytes of a packable value", v);
        return detail::loadPacked<T>(bytes.constData());
    }
};

// v's integer, or fallback when v is not an integer. QCborValue::toInteger() also converts a
// double, with a plain cast: undefined behaviour beyond qint64's range (1e300 from a peer, found
// by fuzz_managerwire). Read what another process sent with this.
inline qint64 cborInteger(const QCborValue &v, qint64 fallback = 0)
{
    return v.isInteger() ? v.toInteger() : fallback;
}

// Any value as CBOR, by its CborConvert.
template <typename T>
QCborValue toCbor(T &&value)
{
    return CborConvert<std::remove_cvref_t<T>>::toCbor(std::forward<T>(value));
}

// Several values as a CBOR array (task arguments).
template <typename... T>
QCborArray toCborArray(T &&...values)
{
    QCborArray out;
    (out.append(toCbor(std::forward<T>(values))), ...);
    return out;
}

} // namespace qmp
