#pragma once
// FastCbor: CBOR encoding without QCborValue::toCbor()'s QBuffer + QCborStreamWriter (a QObject
// per call) — integers, doubles, bools, null, undefined, simple values, strings, byte strings,
// tags, arrays and maps, nested — and decoding of the common single values without a
// QCborStreamReader. The rare extended types (date-time, URL, regular expression, UUID) go
// through Qt. Same bytes as Qt produces, so either side decodes the other's. Used by every wire
// of QMP (worker channels, queues, pipes, manager). Stateless and thread-safe.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QCborValue>

#include <optional>

namespace qmp {

class QMP_CORE_EXPORT FastCbor
{
public:
    static QByteArray encode(const QCborValue &value);
    // Appends the encoding of value to out.
    static void encodeInto(QByteArray &out, const QCborValue &value);
    // The encoding of QCborValue(bytes), without building the QCborValue.
    static QByteArray encodeBytes(const QByteArray &bytes);
    // The head of a byte string of `size` bytes (what encodeBytes puts before them), written to
    // out (room for 9 bytes); returns its length.
    static int byteStringHead(qsizetype size, char *out);
    // When encoded is exactly one byte string of definite length, the length of its head (the
    // bytes follow it); nullopt for anything else (another value, trailing bytes, a truncated or
    // indefinite-length string).
    static std::optional<qsizetype> byteStringHeadSize(QByteArrayView encoded);
    // Writers for a message built without QCborValues, the same bytes as encodeInto() writes:
    // the head of an array of `size` items (the items follow), an integer, a text string given
    // in UTF-8.
    static void appendArrayHead(QByteArray &out, qsizetype size);
    static void appendInteger(QByteArray &out, qint64 value);
    static void appendText(QByteArray &out, QByteArrayView utf8);
    // Decodes exactly one value; on malformed input error->error is set.
    static QCborValue decode(const QByteArray &bytes, QCborParserError *error);
    // The same from bytes the value does not keep (a reused buffer): decodeCommon()'s values are
    // decoded without copying the buffer first.
    static QCborValue decode(QByteArrayView bytes, QCborParserError *error);
    // Decodes the `size` bytes at data as exactly one value, without a QCborStreamReader, when
    // it is made only of what the wires carry most: integers, doubles, byte and text strings,
    // false / true / null / undefined, arrays, empty maps (definite lengths, at most 64 deep).
    // nullopt for anything else — other values, trailing bytes, malformed or truncated input —
    // which the caller hands to Qt (it decodes the rest and says what is malformed). The value
    // owns its data (nothing points into data).
    static std::optional<QCborValue> decodeCommon(const char *data, qsizetype size);
};

} // namespace qmp
