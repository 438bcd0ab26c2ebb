// Fuzz target: FastCbor::decode, which every queue and pipe item and every worker message goes
// through, against Qt's own decoder. Checked: when Qt decodes the bytes as exactly one value,
// FastCbor gives the same value; when Qt reports an error, so does FastCbor; and FastCbor's
// encoding of a decoded value is the bytes Qt writes for it (its promise) and decodes back.
// byteStringHeadSize (Queue::getBytes reads items with it) finds a head exactly when the bytes are
// one byte string, and the bytes after it are that string's.

#include "fastcbor.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

using qmp::FastCbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QCborParserError fastError;
    const QCborValue fast = FastCbor::decode(bytes, &fastError);
    QCborParserError qtError;
    const QCborValue qt = QCborValue::fromCbor(bytes, &qtError);

    if (const std::optional<qsizetype> head = FastCbor::byteStringHeadSize(bytes)) {
        QMP_FUZZ_CHECK(qtError.error == QCborError::NoError && qtError.offset == qint64(size) && qt.isByteArray());
        QMP_FUZZ_CHECK(qt.toByteArray() == bytes.mid(*head));
    }

    if (qtError.error != QCborError::NoError) {
        QMP_FUZZ_CHECK(fastError.error != QCborError::NoError);
        return 0;
    }
    if (qtError.offset == qint64(size)) { // exactly one value: both agree
        QMP_FUZZ_CHECK(fastError.error == QCborError::NoError);
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(fast, qt));
    }
    if (fastError.error != QCborError::NoError)
        return 0;
    const QByteArray encoded = FastCbor::encode(fast);
    QMP_FUZZ_CHECK(encoded == fast.toCbor());
    QCborParserError again;
    QMP_FUZZ_CHECK(qmpfuzz::sameCbor(FastCbor::decode(encoded, &again), fast));
    QMP_FUZZ_CHECK(again.error == QCborError::NoError);
    if (fast.isByteArray())
        QMP_FUZZ_CHECK(FastCbor::encodeBytes(fast.toByteArray()) == encoded);
    return 0;
}
