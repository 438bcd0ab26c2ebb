#include "managerwire.h"

#include "cborconvert.h"
#include "fastcbor.h"

#include <QCborParserError>
#include <QtEndian>

namespace qmp {

namespace {

// CBOR major type 4 (array) header for n items.
void appendArrayHeader(QByteArray &out, quint64 n)
{
    if (n < 24) {
        out.append(char(0x80 | n));
    } else if (n < 256) {
        out.append(char(0x98));
        out.append(char(n));
    } else if (n < 65536) {
        out.append(char(0x99));
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    } else {
        out.append(char(0x9a));
        char b[4];
        qToBigEndian<quint32>(quint32(n), b);
        out.append(b, 4);
    }
}

QByteArray startFrame()
{
    QByteArray out;
    out.reserve(64);
    out.append(4, '\0');
    return out;
}

QByteArray finishFrame(QByteArray &&frame)
{
    qToBigEndian<quint32>(quint32(frame.size() - 4), frame.data());
    return std::move(frame);
}

QCborArray parseArray(const QByteArray &payload, QString *error)
{
    QCborParserError parse;
    const QCborValue v = QCborValue::fromCbor(payload, &parse);
    if (parse.error != QCborError::NoError) {
        *error = QStringLiteral("malformed CBOR frame: %1").arg(parse.errorString());
        return {};
    }
    if (!v.isArray()) {
        *error = QStringLiteral("a frame must be a CBOR array");
        return {};
    }
    return v.toArray();
}

} // namespace

QByteArray ManagerWire::requestFrame(qint64 objectId, const QString &method, const QCborArray &args)
{
    QByteArray out = startFrame();
    appendArrayHeader(out, quint64(args.size()) + 2);
    out.append(FastCbor::encode(QCborValue(objectId)));
    out.append(FastCbor::encode(QCborValue(method)));
    for (const QCborValue &arg : args)
        out.append(FastCbor::encode(arg));
    return finishFrame(std::move(out));
}

QByteArray ManagerWire::okFrame(const QCborValue &value)
{
    QByteArray out = startFrame();
    out.append(char(0x82));
    out.append(char(0x00));
    out.append(FastCbor::encode(value));
    return finishFrame(std::move(out));
}

QByteArray ManagerWire::errorFrame(const QString &type, const QString &message)
{
    QByteArray out = startFrame();
    out.append(char(0x83));
    out.append(char(0x01));
    out.append(FastCbor::encode(QCborValue(type)));
    out.append(FastCbor::encode(QCborValue(message)));
    return finishFrame(std::move(out));
}

bool ManagerWire::parseRequest(const QByteArray &payload, Request *out, QString *error)
{
    QCborArray a = parseArray(payload, error);
    if (!error->isEmpty())
        return false;
    if (a.size() < 2 || !a.at(0).isInteger() || !a.at(1).isString()) {
        *error = QStringLiteral("a request must be [objectId, method, args...]");
        return false;
    }
    out->objectId = cborInteger(a.at(0));
    out->method = a.at(1).toString();
    a.removeFirst();
    a.removeFirst();
    out->args = std::move(a);
    return true;
}

bool ManagerWire::parseReply(const QByteArray &payload, Reply *out, QString *error)
{
    const QCborArray a = parseArray(payload, error);
    if (!error->isEmpty())
        return false;
    if (a.size() == 2 && cborInteger(a.at(0), -1) == 0) {
        out->ok = true;
        out->value = a.at(1);
        return true;
    }
    if (a.size() == 3 && cborInteger(a.at(0), -1) == 1) {
        out->ok = false;
        out->errorType = a.at(1).toString();
        out->message = a.at(2).toString();
        return true;
    }
    *error = QStringLiteral("a reply must be [0, value] or [1, type, message]");
    return false;
}

} // namespace qmp
