#pragma once
// Shared by the fuzz targets (tests/fuzz/<name>/fuzz_<name>.cpp).
//
// QMP_FUZZ_CHECK(cond): an invariant; when it does not hold, the target names it on stderr and
// traps, which libFuzzer (and the replay driver, replaymain.cpp) report as a crash.
// sameCbor(a, b): QCborValue equality where any NaN equals any NaN (QCborValue compares doubles
// bit for bit, and Qt's encoder writes every NaN as the canonical quiet NaN).
// cborOf(data, size): the CBOR value the input starts with, or nullopt when it is not CBOR.

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>

#define QMP_FUZZ_CHECK(cond)                                                                    \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
            __builtin_trap();                                                                   \
        }                                                                                       \
    } while (false)

namespace qmpfuzz {

inline bool sameCbor(const QCborValue &a, const QCborValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QCborValue::Double:
        return a == b || (std::isnan(a.toDouble()) && std::isnan(b.toDouble()));
    case QCborValue::Array: {
        const QCborArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameCbor(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QCborValue::Map: {
        const QCborMap x = a.toMap(), y = b.toMap();
        if (x.size() != y.size())
            return false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
            if (!sameCbor(i.key(), j.key()) || !sameCbor(i.value(), j.value()))
                return false;
        }
        return true;
    }
    case QCborValue::Tag:
        return a.tag() == b.tag() && sameCbor(a.taggedValue(), b.taggedValue());
    default:
        return a == b;
    }
}

inline std::optional<QCborValue> cborOf(const uint8_t *data, size_t size)
{
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (error.error != QCborError::NoError)
        return std::nullopt;
    return value;
}

} // namespace qmpfuzz
