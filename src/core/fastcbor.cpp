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

QByteArray FastCbor::encodeBytes(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(9 + bytes.size());
    appendHead(out, 2, quint64(bytes.size()));
    out.append(bytes);
    return out;
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
    case QCborValue::Integer: {
        const qint64 i = value.toInteger();
        if (i >= 0)
            appendHead(out, 0, quint64(i));
        else
            appendHead(out, 1, quint64(-1 - i));
        return;
    }
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

bool FastCbor::decodeSimple(QByteArrayView bytes, QCborValue *out)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    if (size < 1)
        return false;
    const quint8 major = data[0] >> 5;
    quint64 n = 0;
    qsizetype head = 0;
    if ((major == 0 || major == 1) && readHead(data, size, &n, &head) && head == size && n <= quint64(INT64_MAX)) {
        *out = QCborValue(major == 0 ? qint64(n) : -1 - qint64(n));
        return true;
    }
    if ((major == 2 || major == 3) && readHead(data, size, &n, &head) && quint64(size - head) == n) {
        const QByteArrayView payload(bytes.data() + head, qsizetype(n));
        if (major == 2) {
            // QCborValue copies a byte array's bytes into its own container: no copy before that.
            *out = QCborValue(QByteArray::fromRawData(payload.data(), payload.size()));
            return true;
        }
        if (payload.isValidUtf8()) { // else Qt's decoder reports the error
            *out = QCborValue(QString::fromUtf8(payload));
            return true;
        }
        return false;
    }
    if (size == 1 && data[0] >= 0xf4 && data[0] <= 0xf6) {
        *out = data[0] == 0xf6 ? QCborValue(nullptr) : QCborValue(data[0] == 0xf5);
        return true;
    }
    if (size == 9 && data[0] == 0xfb) {
        quint64 bits = 0;
        for (int i = 1; i < 9; ++i)
            bits = (bits << 8) | data[i];
        double d;
        std::memcpy(&d, &bits, 8);
        *out = QCborValue(d);
        return true;
    }
    return false;
}

QCborValue FastCbor::decode(const QByteArray &bytes, QCborParserError *error)
{
    *error = QCborParserError{};
    QCborValue value;
    if (decodeSimple(bytes, &value))
        return value;
    return QCborValue::fromCbor(bytes, error);
}

QCborValue FastCbor::decode(QByteArrayView bytes, QCborParserError *error)
{
    *error = QCborParserError{};
    QCborValue value;
    if (decodeSimple(bytes, &value))
        return value;
    return QCborValue::fromCbor(bytes.toByteArray(), error);
}

} // namespace qmp
