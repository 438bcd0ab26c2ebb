// Fuzz target: the pool's worker protocol (workerprotocol.h) on arbitrary frames — what a worker
// decodes from its parent (PoolCall::decode) and the engine from a worker (decodePoolReply).
// Input: one CBOR value, the frame. Checked: a frame either decodes or fails with a ValueError
// that says it is a malformed pool message; what decodes encodes to a frame that decodes to the
// same message (compared through its encoding, where NaN equals NaN).

#include "chunkvalues.h"
#include "errors.h"
#include "fuzzcheck.h"
#include "workerprotocol.h"

#include <cstddef>
#include <cstdint>
#include <variant>

using namespace qmp::wire;

namespace {

// Packed values that decoded are whole: every value lies inside the bytes, and an arena's values
// (fields per item each) fill its data exactly.
void checkPacked(const QByteArray &bytes, qsizetype itemSize, qsizetype calls, qsizetype fields = 1)
{
    QMP_FUZZ_CHECK(itemSize >= 0 && fields >= 1 && qmp::ChunkValues::wellFormed(bytes, itemSize, fields));
    const qmp::ChunkValues values(bytes, itemSize, fields);
    QMP_FUZZ_CHECK(values.size() == calls);
    if (itemSize > 0)
        QMP_FUZZ_CHECK(calls * itemSize == bytes.size());
    qsizetype total = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        for (qsizetype k = 0; k < values.fieldsPerItem(); ++k) {
            const QByteArrayView value = values.value(i, k);
            QMP_FUZZ_CHECK(value.size() >= 0 && value.data() >= bytes.constData()
                           && value.data() + value.size() <= bytes.constData() + bytes.size());
            total += value.size();
        }
    }
    if (itemSize == 0)
        QMP_FUZZ_CHECK(total + qsizetype(sizeof(quint32)) * (1 + calls * fields) == bytes.size());
    QMP_FUZZ_CHECK(values.bytes() == bytes);
    if (calls > 1) // a part of them is a well-formed chunk of its own
        QMP_FUZZ_CHECK(qmp::ChunkValues(values.mid(1, calls - 1).bytes(), itemSize, fields).size() == calls - 1);
}

void checkMalformed(const qmp::ValueError &e)
{
    QMP_FUZZ_CHECK(QString::fromUtf8(e.what()).startsWith(QLatin1String("malformed pool message")));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QCborValue> frame = qmpfuzz::cborOf(data, size);
    if (!frame)
        return 0;

    try {
        const PoolCall call = PoolCall::decode(*frame);
        QMP_FUZZ_CHECK(call.callCount() >= 0);
        if (call.shape == PoolCall::Shape::Flat)
            QMP_FUZZ_CHECK(call.arity >= 1 && call.callCount() * call.arity == call.arguments.size());
        if (call.shape == PoolCall::Shape::Packed)
            checkPacked(call.packed, call.itemSize, call.callCount(), call.itemSize == 0 ? call.packedArity() : 1);
        const QCborValue encoded = call.encode();
        const PoolCall again = PoolCall::decode(encoded);
        QMP_FUZZ_CHECK(again.shape == call.shape && again.id == call.id && again.task == call.task);
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(again.encode(), encoded));
    } catch (const qmp::ValueError &e) {
        checkMalformed(e);
    }

    try {
        const PoolReply reply = decodePoolReply(*frame);
        const QCborValue encoded = std::visit([](const auto &message) { return message.encode(); }, reply);
        const PoolReply again = decodePoolReply(encoded);
        QMP_FUZZ_CHECK(again.index() == reply.index());
        QMP_FUZZ_CHECK(answeredCall(again) == answeredCall(reply));
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(std::visit([](const auto &message) { return message.encode(); }, again),
                                         encoded));
        if (const auto *chunk = std::get_if<PoolChunkResult>(&reply)) {
            for (auto it = chunk->errors.constBegin(); it != chunk->errors.constEnd(); ++it)
                QMP_FUZZ_CHECK(it.key() >= 0 && it.key() < chunk->values.size());
        }
        if (const auto *packed = std::get_if<PoolPackedResult>(&reply)) {
            checkPacked(packed->bytes, packed->itemSize, packed->callCount());
            for (auto it = packed->errors.constBegin(); it != packed->errors.constEnd(); ++it)
                QMP_FUZZ_CHECK(it.key() >= 0 && it.key() < packed->callCount());
        }
    } catch (const qmp::ValueError &e) {
        checkMalformed(e);
    }
    return 0;
}
