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
    // Decodes exactly one value; on malformed input error->error is set.
    static QCborValue decode(const QByteArray &bytes, QCborParserError *error);
    // The same from bytes the value does not keep (a reused buffer): integers, strings and byte
    // strings are decoded without copying the buffer first.
    static QCborValue decode(QByteArrayView bytes, QCborParserError *error);

private:
    // The common single values; false for anything else (then Qt's decoder decides).
    static bool decodeSimple(QByteArrayView bytes, QCborValue *out);
};

} // namespace qmp
