#pragma once
// FastCbor: CBOR encoding and decoding of the common single values (integers, doubles, bools,
// null, strings, byte strings) without QCborValue::toCbor()'s QBuffer + QCborStreamWriter
// (a QObject per call); anything else goes through Qt. Same bytes as Qt produces, so either
// side can decode the other's. Internal to qmp::ipc; stateless and thread-safe.

#include <QByteArray>
#include <QCborValue>

namespace qmp {

class FastCbor
{
public:
    static QByteArray encode(const QCborValue &value);
    // The encoding of QCborValue(bytes), without building the QCborValue.
    static QByteArray encodeBytes(const QByteArray &bytes);
    // Decodes exactly one value; on malformed input error->error is set.
    static QCborValue decode(const QByteArray &bytes, QCborParserError *error);
};

} // namespace qmp
