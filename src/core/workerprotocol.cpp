#include "workerprotocol.h"

#include "chunkvalues.h"

#include "fastcbor.h"

#include <QtEndian>

namespace qmp::wire {

namespace {

// A CBOR value's kind, for an error message.
QString kindOf(const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::Integer:
        return QStringLiteral("an integer");
    case QCborValue::Double:
        return QStringLiteral("a double");
    case QCborValue::String:
        return QStringLiteral("a string");
    case QCborValue::ByteArray:
        return QStringLiteral("bytes");
    case QCborValue::Array:
        return QStringLiteral("an array");
    case QCborValue::Map:
        return QStringLiteral("a map");
    case QCborValue::Null:
        return QStringLiteral("null");
    case QCborValue::Undefined:
        return QStringLiteral("nothing");
    case QCborValue::False:
    case QCborValue::True:
        return QStringLiteral("a boolean");
    default:
        return QStringLiteral("a value of CBOR type %1").arg(int(value.type()));
    }
}

[[noreturn]] void malformed(const QString &what, const QString &problem)
{
    throw ValueError(what.isEmpty() ? QStringLiteral("malformed pool message: %1").arg(problem)
                                    : QStringLiteral("malformed pool message %1: %2").arg(what, problem));
}

// frame's fields, when it is an array whose first field is a string (the message's kind).
QCborArray fieldsOf(const QCborValue &frame, QString *kind)
{
    if (!frame.isArray())
        malformed(QString(), QStringLiteral("it is %1, not an array").arg(kindOf(frame)));
    QCborArray fields = frame.toArray();
    if (fields.isEmpty() || !fields.at(0).isString())
        malformed(QString(), QStringLiteral("it does not start with its kind (a string)"));
    *kind = fields.at(0).toString();
    return fields;
}

// The fields of a message that must be of kind `kind` (named what).
QCborArray fieldsOf(const QCborValue &frame, const QString &kind, const char *what)
{
    QString got;
    QCborArray fields = fieldsOf(frame, &got);
    if (got != kind)
        malformed(QLatin1String(what), QStringLiteral("its kind is '%1', not '%2'").arg(got, kind));
    return fields;
}

void checkSize(const QCborArray &fields, qsizetype size, const QString &kind)
{
    if (fields.size() != size) {
        malformed(QStringLiteral("'%1'").arg(kind),
                  QStringLiteral("it has %1 fields, not %2").arg(fields.size()).arg(size));
    }
}

// fields[i], which must be of type (kindOf() names it in the error); field names it.
QCborValue fieldAt(const QCborArray &fields, qsizetype i, const char *field, QCborValue::Type type)
{
    QCborValue value = fields.at(i);
    if (value.type() != type) {
        malformed(QStringLiteral("'%1'").arg(fields.at(0).toString()),
                  QStringLiteral("its %1 is %2, not %3").arg(QLatin1String(field), kindOf(value), kindOf(QCborValue(type))));
    }
    return value;
}

qint64 integerAt(const QCborArray &fields, qsizetype i, const char *field)
{
    return fieldAt(fields, i, field, QCborValue::Integer).toInteger();
}

QString stringAt(const QCborArray &fields, qsizetype i, const char *field)
{
    return fieldAt(fields, i, field, QCborValue::String).toString();
}

QCborArray arrayAt(const QCborArray &fields, qsizetype i, const char *field)
{
    return fieldAt(fields, i, field, QCborValue::Array).toArray();
}

// The decoders after the kind was read (decodePoolReply reads it once for all).
PoolInitFailed initFailedFrom(const QCborArray &fields)
{
    checkSize(fields, 3, kPoolInitFailed);
    return {stringAt(fields, 1, "type"), stringAt(fields, 2, "message")};
}

PoolResult resultFrom(const QCborArray &fields)
{
    checkSize(fields, 4, kPoolResult);
    return {integerAt(fields, 1, "id"), fields.at(2), integerAt(fields, 3, "duration")};
}

PoolError errorFrom(const QCborArray &fields)
{
    checkSize(fields, 6, kPoolError);
    return {integerAt(fields, 1, "id"),
            {stringAt(fields, 2, "type"), stringAt(fields, 3, "message"), stringAt(fields, 4, "context")},
            integerAt(fields, 5, "duration")};
}

// The errors of a chunk reply of kind `kind` with `calls` calls: {position: [type, message, context]}.
QMap<qsizetype, TaskFailure> errorsFrom(const QCborValue &errors, qsizetype calls, const QString &kind)
{
    const QString what = QStringLiteral("'%1'").arg(kind);
    if (!errors.isMap())
        malformed(what, QStringLiteral("its errors are %1, not a map").arg(kindOf(errors)));
    const QCborMap map = errors.toMap();
    const QByteArray errorOf = QStringLiteral("an error of '%1'").arg(kind).toUtf8();
    QMap<qsizetype, TaskFailure> out;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QCborValue key = it.key();
        if (!key.isInteger() || key.toInteger() < 0 || key.toInteger() >= calls) {
            malformed(what, QStringLiteral("an error's position (%1) is not one of its %2 calls")
                                .arg(key.toDiagnosticNotation())
                                .arg(calls));
        }
        out.insert(qsizetype(key.toInteger()), TaskFailure::decode(it.value(), errorOf.constData()));
    }
    return out;
}

QCborMap errorsToCbor(const QMap<qsizetype, TaskFailure> &errors)
{
    QCborMap failures;
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it)
        failures.insert(qint64(it.key()), it.value().encode());
    return failures;
}

PoolChunkResult chunkResultFrom(const QCborArray &fields)
{
    checkSize(fields, 5, kPoolChunkResult);
    PoolChunkResult out{integerAt(fields, 1, "id"), arrayAt(fields, 2, "values"), {}, integerAt(fields, 4, "duration")};
    out.errors = errorsFrom(fields.at(3), out.values.size(), kPoolChunkResult);
    return out;
}

// The size of a packed message's items (field i; ChunkValues::kVariableSize: an arena), and that
// bytes are whole items of it (of fieldsPerItem values each in an arena).
qsizetype itemSizeAt(const QCborArray &fields, qsizetype i, const QByteArray &bytes, qsizetype fieldsPerItem = 1)
{
    const QString what = QStringLiteral("'%1'").arg(fields.at(0).toString());
    const qint64 size = integerAt(fields, i, "item size");
    if (size < 0)
        malformed(what, QStringLiteral("its item size is %1, not at least 0").arg(size));
    QString why;
    if (!ChunkValues::wellFormed(bytes, qsizetype(size), fieldsPerItem, &why))
        malformed(what, why);
    return qsizetype(size);
}

PoolPackedResult packedResultFrom(const QCborArray &fields)
{
    checkSize(fields, 6, kPoolPackedResult);
    PoolPackedResult out;
    out.id = integerAt(fields, 1, "id");
    out.bytes = fieldAt(fields, 3, "values", QCborValue::ByteArray).toByteArray();
    out.itemSize = itemSizeAt(fields, 2, out.bytes);
    out.errors = errorsFrom(fields.at(4), out.callCount(), kPoolPackedResult);
    out.tookNs = integerAt(fields, 5, "duration");
    return out;
}

// Writes the length of the frame begun at start (its header reserved) now that its payload is in
// out; a payload past maxFrameSize is removed again and is a ValueError.
void finishFrame(QByteArray &out, qsizetype start, qsizetype maxFrameSize)
{
    const qsizetype payload = out.size() - start - FrameDecoder::headerSize;
    if (payload > maxFrameSize || payload > qsizetype(0xffffffffu)) {
        out.truncate(start);
        throw ValueError(QStringLiteral("cannot send a value of %1 bytes: the frame limit is %2 bytes")
                             .arg(payload)
                             .arg(maxFrameSize));
    }
    qToBigEndian<quint32>(quint32(payload), out.data() + start);
}

} // namespace

TaskFailure TaskFailure::decode(const QCborValue &value, const char *what)
{
    const QCborArray fields = value.toArray();
    if (!value.isArray() || fields.size() != 3 || !fields.at(0).isString() || !fields.at(1).isString()
        || !fields.at(2).isString()) {
        malformed(QLatin1String(what), QStringLiteral("it is %1, not [type, message, context]")
                                           .arg(value.toDiagnosticNotation()));
    }
    return {fields.at(0).toString(), fields.at(1).toString(), fields.at(2).toString()};
}

qsizetype PoolCall::callCount() const
{
    switch (shape) {
    case Shape::One:
        return 1;
    case Shape::Lists:
        return arguments.size();
    case Shape::Flat:
        return arity > 0 ? arguments.size() / arity : 0;
    case Shape::Packed:
        return ChunkValues::countIn(packed, itemSize, packedArity());
    }
    return 0;
}

ChunkValues PoolCall::packedArguments() const
{
    return ChunkValues(packed, itemSize, packedArity());
}

QCborValue PoolCall::encode() const
{
    switch (shape) {
    case Shape::One:
        return QCborArray{direct ? kPoolDirectCall : kPoolCall, id, task, arguments};
    case Shape::Lists:
        return QCborArray{kPoolChunk, id, task, arguments};
    case Shape::Flat:
        return QCborArray{kPoolFlatChunk, id, task, arity, arguments};
    case Shape::Packed:
        if (packedArity() > 1)
            return QCborArray{kPoolPackedChunk, id, task, itemSize, packed, arity};
        return QCborArray{kPoolPackedChunk, id, task, itemSize, packed};
    }
    return {};
}

PoolCall PoolCall::decode(const QCborValue &frame)
{
    QString kind;
    const QCborArray fields = fieldsOf(frame, &kind);
    PoolCall call;
    if (kind == kPoolCall || kind == kPoolDirectCall) {
        call.shape = Shape::One;
        call.direct = kind == kPoolDirectCall;
        checkSize(fields, 4, kind);
        call.arguments = arrayAt(fields, 3, "argument list");
    } else if (kind == kPoolChunk) {
        call.shape = Shape::Lists;
        checkSize(fields, 4, kind);
        call.arguments = arrayAt(fields, 3, "argument lists");
        for (qsizetype i = 0; i < call.arguments.size(); ++i) {
            if (!call.arguments.at(i).isArray()) {
                malformed(QStringLiteral("'C'"), QStringLiteral("call %1's argument list is %2, not an array")
                                                     .arg(i)
                                                     .arg(kindOf(call.arguments.at(i))));
            }
        }
    } else if (kind == kPoolFlatChunk) {
        call.shape = Shape::Flat;
        checkSize(fields, 5, kind);
        call.arity = integerAt(fields, 3, "arity");
        call.arguments = arrayAt(fields, 4, "arguments");
        if (call.arity < 1 || call.arguments.size() % call.arity != 0) {
            malformed(QStringLiteral("'F'"), QStringLiteral("%1 arguments do not make calls of %2")
                                                 .arg(call.arguments.size())
                                                 .arg(call.arity));
        }
    } else if (kind == kPoolPackedChunk) {
        call.shape = Shape::Packed;
        if (fields.size() != 6)
            checkSize(fields, 5, kind);
        call.packed = fieldAt(fields, 4, "arguments", QCborValue::ByteArray).toByteArray();
        if (fields.size() == 6) {
            call.arity = integerAt(fields, 5, "arity");
            if (call.arity < 2)
                malformed(QStringLiteral("'P'"), QStringLiteral("its arity is %1, not at least 2").arg(call.arity));
        }
        call.itemSize = itemSizeAt(fields, 3, call.packed, call.packedArity());
    } else {
        malformed(QStringLiteral("'%1'").arg(kind), QStringLiteral("no call has this kind"));
    }
    call.id = integerAt(fields, 1, "id");
    call.task = stringAt(fields, 2, "task");
    return call;
}

QCborValue PoolReady::encode() const
{
    return QCborArray{kPoolReady};
}

PoolReady PoolReady::decode(const QCborValue &frame)
{
    checkSize(fieldsOf(frame, kPoolReady, "ready ('y')"), 1, kPoolReady);
    return {};
}

QCborValue PoolInitFailed::encode() const
{
    return QCborArray{kPoolInitFailed, type, message};
}

PoolInitFailed PoolInitFailed::decode(const QCborValue &frame)
{
    return initFailedFrom(fieldsOf(frame, kPoolInitFailed, "initializer failure ('i')"));
}

QCborValue PoolResult::encode() const
{
    return QCborArray{kPoolResult, id, value, tookNs};
}

PoolResult PoolResult::decode(const QCborValue &frame)
{
    return resultFrom(fieldsOf(frame, kPoolResult, "result ('r')"));
}

QCborValue PoolError::encode() const
{
    return QCborArray{kPoolError, id, failure.type, failure.message, failure.context, tookNs};
}

PoolError PoolError::decode(const QCborValue &frame)
{
    return errorFrom(fieldsOf(frame, kPoolError, "error ('e')"));
}

QCborValue PoolChunkResult::encode() const
{
    return QCborArray{kPoolChunkResult, id, values, errorsToCbor(errors), tookNs};
}

PoolChunkResult PoolChunkResult::decode(const QCborValue &frame)
{
    return chunkResultFrom(fieldsOf(frame, kPoolChunkResult, "chunk result ('R')"));
}

qsizetype PoolPackedResult::callCount() const
{
    return ChunkValues::countIn(bytes, itemSize);
}

QCborValue PoolPackedResult::encode() const
{
    return QCborArray{kPoolPackedResult, id, itemSize, bytes, errorsToCbor(errors), tookNs};
}

PoolPackedResult PoolPackedResult::decode(const QCborValue &frame)
{
    return packedResultFrom(fieldsOf(frame, kPoolPackedResult, "packed chunk result ('V')"));
}

void appendCallFrame(QByteArray &out, qint64 id, QByteArrayView taskUtf8, const ArgumentLists &items, qsizetype i,
                     qsizetype maxFrameSize)
{
    const qsizetype start = out.size();
    out.resize(start + FrameDecoder::headerSize); // the length, once the payload is written
    FastCbor::appendArrayHead(out, 4);
    FastCbor::appendText(out, "c");
    FastCbor::appendInteger(out, id);
    FastCbor::appendText(out, taskUtf8);
    items.appendCbor(out, i);
    finishFrame(out, start, maxFrameSize);
}

void appendPackedCallFrame(QByteArray &out, qint64 id, QByteArrayView taskUtf8, const ArgumentLists &items,
                           qsizetype maxFrameSize)
{
    const ChunkValues values = items.packedValues();
    const qsizetype arity = items.packedArity();
    const qsizetype start = out.size();
    const qsizetype size = values.byteSize();
    if (size > maxFrameSize) { // before copying anything
        throw ValueError(QStringLiteral("cannot send a value of %1 bytes: the frame limit is %2 bytes")
                             .arg(size)
                             .arg(maxFrameSize));
    }
    out.reserve(start + FrameDecoder::headerSize + 64 + taskUtf8.size() + size);
    out.resize(start + FrameDecoder::headerSize); // the length, once the payload is written
    FastCbor::appendArrayHead(out, arity > 1 ? 6 : 5);
    FastCbor::appendText(out, "P");
    FastCbor::appendInteger(out, id);
    FastCbor::appendText(out, taskUtf8);
    FastCbor::appendInteger(out, values.itemSize());
    char head[9];
    out.append(head, FastCbor::byteStringHead(size, head));
    values.appendBytes(out);
    if (arity > 1)
        FastCbor::appendInteger(out, arity);
    finishFrame(out, start, maxFrameSize);
}

PoolReply decodePoolReply(const QCborValue &frame)
{
    QString kind;
    const QCborArray fields = fieldsOf(frame, &kind);
    if (kind == kPoolResult)
        return resultFrom(fields);
    if (kind == kPoolChunkResult)
        return chunkResultFrom(fields);
    if (kind == kPoolPackedResult)
        return packedResultFrom(fields);
    if (kind == kPoolError)
        return errorFrom(fields);
    if (kind == kPoolReady) {
        checkSize(fields, 1, kind);
        return PoolReady{};
    }
    if (kind == kPoolInitFailed)
        return initFailedFrom(fields);
    malformed(QStringLiteral("'%1'").arg(kind), QStringLiteral("no reply has this kind"));
}

std::optional<qint64> answeredCall(const PoolReply &reply)
{
    if (const auto *result = std::get_if<PoolResult>(&reply))
        return result->id;
    if (const auto *error = std::get_if<PoolError>(&reply))
        return error->id;
    if (const auto *chunk = std::get_if<PoolChunkResult>(&reply))
        return chunk->id;
    if (const auto *packed = std::get_if<PoolPackedResult>(&reply))
        return packed->id;
    return std::nullopt;
}

} // namespace qmp::wire
