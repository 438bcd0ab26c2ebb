#include "fastcbor.h"

#include <QCborArray>
#include <QCborMap>

#include <cmath>
#include <cstring>

namespace qmp {

namespace {

void appendHead(QByteArray &out, quint8 major, quint64 n)
{
    const char m = char(major << 5);
    if (n < 24) {
        out.append(char(m | char(n)));
    } else if (n <= 0xff) {
        out.append(char(m | 24));
        out.append(char(n));
    } else if (n <= 0xffff) {
        out.append(char(m | 25));
        out.append(char(n >> 8));
        out.append(char(n));
    } else if (n <= 0xffffffffu) {
        out.append(char(m | 26));
        for (int s = 24; s >= 0; s -= 8)
            out.append(char(n >> s));
    } else {
        out.append(char(m | 27));
        for (int s = 56; s >= 0; s -= 8)
            out.append(char(n >> s));
    }
}

// The argument of the head at data[0]; its size in *headSize. False when truncated or indefinite.
bool readHead(const uchar *data, qsizetype size, quint64 *n, qsizetype *headSize)
{
    if (size < 1)
        return false;
    const quint8 info = data[0] & 0x1f;
    if (info < 24) {
        *n = info;
        *headSize = 1;
        return true;
    }
    const int bytes = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
    if (bytes == 0 || size < 1 + bytes)
        return false;
    quint64 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | data[1 + i];
    *n = v;
    *headSize = 1 + bytes;
    return true;
}

constexpr int maxCommonDepth = 64;

// One value of decodeCommon()'s kinds at *p (before end), into *out; *p moves past it. False
// for anything else.
bool decodeCommonAt(const uchar **p, const uchar *end, QCborValue *out, int depth)
{
    const uchar *at = *p;
    if (at >= end)
        return false;
    const quint8 major = at[0] >> 5;
    if (major == 7) {
        switch (at[0]) {
        case 0xf4:
        case 0xf5:
            *out = QCborValue(at[0] == 0xf5);
            break;
        case 0xf6:
            *out = QCborValue(nullptr);
            break;
        case 0xf7:
            *out = QCborValue();
            break;
        case 0xfb: {
            if (end - at < 9)
                return false;
            quint64 bits = 0;
            for (int i = 1; i < 9; ++i)
                bits = (bits << 8) | at[i];
            double d;
            std::memcpy(&d, &bits, 8);
            *out = QCborValue(d);
            *p = at + 9;
            return true;
        }
        default:
            return false; // other simple values, half and single floats: Qt's
        }
        *p = at + 1;
        return true;
    }
    quint64 n = 0;
    qsizetype head = 0;
    if (!readHead(at, end - at, &n, &head))
        return false;
    at += head;
    switch (major) {
    case 0:
    case 1:
        if (n > quint64(INT64_MAX))
            return false;
        *out = QCborValue(major == 0 ? qint64(n) : -1 - qint64(n));
        break;
    case 2:
    case 3: {
        if (n > quint64(end - at))
            return false;
        const QByteArrayView payload(reinterpret_cast<const char *>(at), qsizetype(n));
        if (major == 2) {
            // QCborValue copies a byte array's bytes into its own container: no copy before that.
            *out = QCborValue(QByteArray::fromRawData(payload.data(), payload.size()));
        } else {
            if (!payload.isValidUtf8())
                return false;
            *out = QCborValue(QString::fromUtf8(payload));
        }
        at += n;
        break;
    }
    case 4: {
        if (depth >= maxCommonDepth || n > quint64(end - at)) // every item takes a byte at least
            return false;
        QCborArray array;
        QCborValue item;
        for (quint64 i = 0; i < n; ++i) {
            if (!decodeCommonAt(&at, end, &item, depth + 1))
                return false;
            array.append(item);
        }
        *out = QCborValue(std::move(array));
        break;
    }
    case 5:
        if (n != 0)
            return false; // keys and their order: Qt's
        *out = QCborValue(QCborMap());
        break;
    default:
        return false; // tags: Qt's
    }
    *p = at;
    return true;
}

} // namespace

int FastCbor::byteStringHead(qsizetype size, char *out)
{
    const auto n = quint64(size);
    const char m = char(2 << 5);
    int bytes = 0; // of the argument after the first byte
    if (n < 24) {
        out[0] = char(m | char(n));
        return 1;
    }
    if (n <= 0xff) {
        out[0] = char(m | 24);
        bytes = 1;
    } else if (n <= 0xffff) {
        out[0] = char(m | 25);
        bytes = 2;
    } else if (n <= 0xffffffffu) {
        out[0] = char(m | 26);
        bytes = 4;
    } else {
        out[0] = char(m | 27);
        bytes = 8;
    }
    for (int i = 0; i < bytes; ++i)
        out[1 + i] = char(n >> (8 * (bytes - 1 - i)));
    return 1 + bytes;
}

std::optional<qsizetype> FastCbor::byteStringHeadSize(QByteArrayView encoded)
{
    if (encoded.isEmpty() || (uchar(encoded[0]) >> 5) != 2)
        return std::nullopt;
    const int info = uchar(encoded[0]) & 0x1f;
    quint64 length = quint64(info);
    qsizetype head = 1;
    if (info >= 24) {
        if (info > 27) // indefinite length, or reserved
            return std::nullopt;
        head += qsizetype(1) << (info - 24);
        if (encoded.size() < head)
            return std::nullopt;
        length = 0;
        for (qsizetype i = 1; i < head; ++i)
            length = (length << 8) | uchar(encoded[i]);
    }
    if (quint64(encoded.size() - head) != length)
        return std::nullopt;
    return head;
}

std::optional<QCborValue> FastCbor::decodeCommon(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *end = p + size;
    QCborValue value;
    if (size <= 0 || !decodeCommonAt(&p, end, &value, 0) || p != end)
        return std::nullopt;
    return value;
}

QByteArray FastCbor::encodeBytes(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(9 + bytes.size());
    appendHead(out, 2, quint64(bytes.size()));
    out.append(bytes);
    return out;
}

void FastCbor::appendArrayHead(QByteArray &out, qsizetype size)
{
    appendHead(out, 4, quint64(size));
}

void FastCbor::appendInteger(QByteArray &out, qint64 value)
{
    if (value >= 0)
        appendHead(out, 0, quint64(value));
    else
        appendHead(out, 1, quint64(-1 - value));
}

void FastCbor::appendText(QByteArray &out, QByteArrayView utf8)
{
    appendHead(out, 3, quint64(utf8.size()));
    out.append(utf8);
}

QByteArray FastCbor::encode(const QCborValue &value)
{
    QByteArray out;
    encodeInto(out, value);
    return out;
}

void FastCbor::encodeInto(QByteArray &out, const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::Integer:
        appendInteger(out, value.toInteger());
        return;
    case QCborValue::ByteArray: {
        const QByteArray bytes = value.toByteArray();
        appendHead(out, 2, quint64(bytes.size()));
        out.append(bytes);
        return;
    }
    case QCborValue::String: {
        const QByteArray s = value.toString().toUtf8();
        appendHead(out, 3, quint64(s.size()));
        out.append(s);
        return;
    }
    case QCborValue::Array: {
        const QCborArray array = value.toArray();
        appendHead(out, 4, quint64(array.size()));
        for (const QCborValue &item : array)
            encodeInto(out, item);
        return;
    }
    case QCborValue::Map: {
        const QCborMap map = value.toMap();
        appendHead(out, 5, quint64(map.size()));
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            encodeInto(out, it.key());
            encodeInto(out, it.value());
        }
        return;
    }
    case QCborValue::Tag:
        appendHead(out, 6, quint64(value.tag()));
        encodeInto(out, value.taggedValue());
        return;
    case QCborValue::False:
        out.append(char(0xf4));
        return;
    case QCborValue::True:
        out.append(char(0xf5));
        return;
    case QCborValue::Null:
        out.append(char(0xf6));
        return;
    case QCborValue::Undefined:
        out.append(char(0xf7));
        return;
    case QCborValue::Double: {
        const double d = value.toDouble();
        quint64 bits = 0x7ff8000000000000ULL; // every NaN as Qt writes it: the canonical quiet NaN
        if (!std::isnan(d))
            std::memcpy(&bits, &d, 8);
        out.append(char(0xfb));
        for (int s = 56; s >= 0; s -= 8)
            out.append(char(bits >> s));
        return;
    }
    default:
        if (value.isSimpleType()) {
            appendHead(out, 7, quint64(value.toSimpleType()));
            return;
        }
        out.append(value.toCbor()); // extended types (date-time, URL, ...) and invalid values
        return;
    }
}

QCborValue FastCbor::decode(const QByteArray &bytes, QCborParserError *error)
{
    *error = QCborParserError{};
    if (std::optional<QCborValue> value = decodeCommon(bytes.constData(), bytes.size()))
        return std::move(*value);
    return QCborValue::fromCbor(bytes, error);
}

QCborValue FastCbor::decode(QByteArrayView bytes, QCborParserError *error)
{
    *error = QCborParserError{};
    if (std::optional<QCborValue> value = decodeCommon(bytes.data(), bytes.size()))
        return std::move(*value);
    return QCborValue::fromCbor(bytes.toByteArray(), error);
}

} // namespace qmp
