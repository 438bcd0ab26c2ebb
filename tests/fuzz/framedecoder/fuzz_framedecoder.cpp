// libFuzzer target for qmp::FrameDecoder: arbitrary bytes, split at fuzzed points, under a fuzzed
// frame size cap. Any violated invariant traps, so libFuzzer reports it as a crash.
//
// Input layout (see also ../make_corpus.py, which writes the seed corpus):
//   byte 0      the size cap: 0..254 gives byte * 4 bytes (0..1016), 255 the default cap
//   byte 1      bits 0-3: k, the number of chunk-size bytes that follow (0: feed all at once)
//               bit 4: drain next() only after the last feed (otherwise after every feed)
//               bit 5: feed through the QByteArray overload (otherwise pointer + size)
//   k bytes     chunk sizes, used in turn; 0 means an empty feed() and then a 1-byte feed
//   the rest    the stream
//
// Checked: every value returned re-encodes (FrameDecoder::encode) and decodes again to an equal
// value (NaNs aside: see sameCbor); framesDecoded() counts the values returned; bufferedBytes()
// is what was fed minus the frames returned, and 0 once failed; a failed decoder stays failed,
// with the same message, and returns nothing more, whatever is fed; next() does not hold back a
// complete frame; finish() agrees with what is buffered; and the chunking changes nothing: the
// same stream fed in one go gives the same values and the same error message.

#include "errors.h"
#include "framedecoder.h"
#include "fuzzcheck.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QString>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

using qmp::FrameDecoder;

using qmpfuzz::sameCbor;

namespace {

struct Outcome
{
    std::vector<QCborValue> values;
    bool failed = false;
    QString error;
    bool finished = false;
};

// Feeds `stream` to a decoder as `chunks` says and checks the decoder against a model of the
// frame format as it goes.
class Run
{
public:
    Run(qsizetype maxFrameSize, const QByteArray &stream)
        : m_decoder(maxFrameSize), m_stream(stream)
    {
    }

    void feed(qsizetype size, bool viaByteArray)
    {
        if (viaByteArray)
            m_decoder.feed(m_stream.mid(m_fed, size));
        else
            m_decoder.feed(m_stream.constData() + m_fed, size);
        m_fed += size;
        checkState();
    }

    void drain()
    {
        for (;;) {
            const qsizetype before = m_decoder.bufferedBytes();
            std::optional<QCborValue> value = m_decoder.next();
            if (!value) {
                checkStalled();
                break;
            }
            // A value: it was the complete, acceptable frame at m_consumed.
            QMP_FUZZ_CHECK(!m_decoder.hasError());
            QMP_FUZZ_CHECK(m_fed - m_consumed >= FrameDecoder::headerSize);
            const quint32 length = declaredLength();
            QMP_FUZZ_CHECK(length > 0 && qsizetype(length) <= m_decoder.maxFrameSize());
            QMP_FUZZ_CHECK(before - m_decoder.bufferedBytes() == FrameDecoder::headerSize + qsizetype(length));
            m_consumed += FrameDecoder::headerSize + qsizetype(length);
            checkRoundTrip(*value);
            m_outcome.values.push_back(std::move(*value));
            checkState();
        }
    }

    void finish()
    {
        const bool hadError = m_decoder.hasError();
        const qsizetype buffered = m_decoder.bufferedBytes();
        const bool clean = m_decoder.finish();
        QMP_FUZZ_CHECK(clean == (!hadError && buffered == 0));
        QMP_FUZZ_CHECK(clean == !m_decoder.hasError());
        QMP_FUZZ_CHECK(m_decoder.bufferedBytes() == 0);
        if (clean)
            QMP_FUZZ_CHECK(m_consumed == m_fed);
        checkState();
        // finish() again says the same and changes nothing.
        QMP_FUZZ_CHECK(m_decoder.finish() == clean);
        checkState();

        m_outcome.failed = m_decoder.hasError();
        m_outcome.error = m_decoder.errorString();
        m_outcome.finished = clean;

        // A failed decoder ignores whatever comes after.
        if (m_decoder.hasError()) {
            m_decoder.feed(m_stream);
            m_decoder.feed(m_stream.constData(), m_stream.size());
            QMP_FUZZ_CHECK(m_decoder.bufferedBytes() == 0);
            QMP_FUZZ_CHECK(!m_decoder.next());
            QMP_FUZZ_CHECK(!m_decoder.finish());
            checkState();
        }
    }

    qsizetype fed() const { return m_fed; }
    const Outcome &outcome() const { return m_outcome; }

private:
    quint32 declaredLength() const
    {
        return qFromBigEndian<quint32>(m_stream.constData() + m_consumed);
    }

    void checkState()
    {
        QMP_FUZZ_CHECK(m_decoder.framesDecoded() == quint64(m_outcome.values.size()));
        if (m_decoder.hasError()) {
            QMP_FUZZ_CHECK(m_decoder.bufferedBytes() == 0);
            QMP_FUZZ_CHECK(!m_decoder.errorString().isEmpty());
            if (m_firstError.isEmpty())
                m_firstError = m_decoder.errorString();
            QMP_FUZZ_CHECK(m_decoder.errorString() == m_firstError); // stays failed, same message
            QMP_FUZZ_CHECK(!m_decoder.next());
        } else {
            QMP_FUZZ_CHECK(m_firstError.isEmpty());
            QMP_FUZZ_CHECK(m_decoder.bufferedBytes() == m_fed - m_consumed);
        }
    }

    // next() gave nothing: either the decoder failed, or the frame at m_consumed is incomplete
    // and acceptable so far.
    void checkStalled()
    {
        if (m_decoder.hasError()) {
            checkState();
            return;
        }
        const qsizetype available = m_fed - m_consumed;
        if (available < FrameDecoder::headerSize)
            return;
        const quint32 length = declaredLength();
        QMP_FUZZ_CHECK(length > 0); // an empty frame is an error
        QMP_FUZZ_CHECK(qsizetype(length) <= m_decoder.maxFrameSize()); // so is an oversized one
        QMP_FUZZ_CHECK(available < FrameDecoder::headerSize + qsizetype(length)); // not complete
    }

    static void checkRoundTrip(const QCborValue &value)
    {
        QByteArray frame;
        try {
            frame = FrameDecoder::encode(value);
        } catch (const qmp::Error &e) {
            std::fprintf(stderr, "fuzz_framedecoder: encode threw: %s\n", e.what());
            __builtin_trap();
        }
        FrameDecoder again;
        again.feed(frame);
        const std::optional<QCborValue> decoded = again.next();
        if (!decoded)
            std::fprintf(stderr, "fuzz_framedecoder: re-encoded frame rejected: %s\n",
                         qPrintable(again.errorString()));
        QMP_FUZZ_CHECK(decoded.has_value());
        QMP_FUZZ_CHECK(sameCbor(*decoded, value));
        QMP_FUZZ_CHECK(!again.next());
        QMP_FUZZ_CHECK(again.finish());
        QMP_FUZZ_CHECK(again.framesDecoded() == 1);
    }

    FrameDecoder m_decoder;
    const QByteArray m_stream;
    qsizetype m_fed = 0;      // stream bytes fed so far
    qsizetype m_consumed = 0; // stream bytes returned as values so far
    QString m_firstError;
    Outcome m_outcome;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype maxFrameSize = data[0] == 255 ? FrameDecoder::defaultMaxFrameSize : qsizetype(data[0]) * 4;
    const size_t chunkCount = data[1] & 0x0f;
    const bool drainAtEndOnly = data[1] & 0x10;
    const bool viaByteArray = data[1] & 0x20;
    if (size < 2 + chunkCount)
        return 0;
    const uint8_t *chunkSizes = data + 2;
    const auto *streamData = reinterpret_cast<const char *>(data + 2 + chunkCount);
    const QByteArray stream(streamData, qsizetype(size - 2 - chunkCount));

    // Chunked, as the fuzzer says.
    Run chunked(maxFrameSize, stream);
    for (size_t i = 0; chunked.fed() < stream.size(); ++i) {
        qsizetype chunk = chunkCount == 0 ? stream.size() : qsizetype(chunkSizes[i % chunkCount]);
        if (chunk == 0) {
            chunked.feed(0, viaByteArray);
            chunk = 1;
        }
        chunked.feed(std::min(chunk, stream.size() - chunked.fed()), viaByteArray);
        if (!drainAtEndOnly)
            chunked.drain();
    }
    chunked.drain();
    chunked.finish();

    // In one go.
    Run whole(maxFrameSize, stream);
    whole.feed(stream.size(), false);
    whole.drain();
    whole.finish();

    const Outcome &a = chunked.outcome();
    const Outcome &b = whole.outcome();
    QMP_FUZZ_CHECK(a.values == b.values);
    QMP_FUZZ_CHECK(a.failed == b.failed);
    QMP_FUZZ_CHECK(a.error == b.error);
    QMP_FUZZ_CHECK(a.finished == b.finished);
    return 0;
}
