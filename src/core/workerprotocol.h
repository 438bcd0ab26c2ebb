#pragma once
// The messages between a parent and a one-shot Process worker (version 1).
//
//   parent -> child  {t:"run", name, identity:[int], daemon, parent:{name,pid,daemon,identity},
//                     authkey:bytes, startMethod:"forkserver"|"spawn",
//                     task?:{name, args:[...]}, class?:string, state?:any}
//   child -> parent  {t:"result", value}  or  {t:"error", type, message, context}
//
// Then the child exits: 0 after a result, 1 after an error, n after qmp::exit(n).
//
// A Pool worker's run message carries pool:{init?:{name,args}, maxTasks}. Then, as arrays, each
// one a struct below with encode() / decode(), used by both ends (PoolEngine, the worker):
//   parent -> worker  PoolCall         ["c", id, task, args]                one call
//                                      ["d", id, task, args]                one direct call: written by the
//                                                                            caller's thread (DirectLanes); its
//                                                                            reply goes to the lane's direct area
//                                                                            when a caller waits there, else on
//                                                                            the channel as for "c"
//                                      ["C", id, task, [args, args, ...]]    a chunk: several calls of one task
//                                      ["F", id, task, k, [a, a, ...]]       a chunk whose calls all take k
//                                                                            arguments, flattened (decoding
//                                                                            nested lists costs ~1 µs per call)
//                                      ["P", id, task, size, bytes]          a packed chunk: calls of a task whose
//                                                                            arguments and result are
//                                                                            PackedMapValues, `size` bytes per
//                                                                            call or, size 0, an arena of
//                                                                            them (ChunkValues' layout)
//                                      ["P", id, task, size, bytes, k]       the same for calls of k arguments
//                                                                            (k >= 2): a call's arguments one
//                                                                            after another, or k arena values
//   worker -> parent  PoolResult       ["r", id, value, ns]                 a call's result
//                     PoolError        ["e", id, type, message, context, ns] what a call threw
//                     PoolChunkResult  ["R", id, [value, ...], {i: [type, message, context]}, ns]
//                                                                            a chunk's results; items that
//                                                                            threw are in the map, by position
//                     PoolPackedResult ["V", id, size, bytes, {i: [type, message, context]}, ns]
//                                                                            a packed chunk's results, `size`
//                                                                            bytes each or an arena (size 0);
//                                                                            empty / zero where it threw
//                     (ns: how long the call or chunk ran, in nanoseconds. Replies to tiny
//                     calls may be held back briefly to share one write.)
//                     PoolInitFailed   ["i", type, message]                 the initializer threw; then exit 1
//                     PoolReady        ["y"]                                initialised: calls run from now on
//                                                                            (task timeouts count from here)
// The worker serves calls in order until its channel closes or it has served maxTasks.
//
// decode() of a message that is not what it claims (not an array, unknown kind, wrong number of
// fields, a field of the wrong type) throws ValueError naming the message and what is wrong; it
// never crashes. Encoding and decoding share the containers (QCbor* are implicitly shared): no
// per-message deep copy.

#include "qmpcore_export.h"
#include "argumentlists.h"
#include "errors.h"
#include "framedecoder.h"
#include "processinfo.h"
#include "startmethod.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QLatin1StringView>
#include <QMap>

#include <optional>
#include <variant>

namespace qmp::wire {

inline const QString kType = QStringLiteral("t");
inline const QString kRun = QStringLiteral("run");
inline const QString kResult = QStringLiteral("result");
inline const QString kError = QStringLiteral("error");
inline const QString kPoolCall = QStringLiteral("c");
inline const QString kPoolDirectCall = QStringLiteral("d");
inline const QString kPoolChunk = QStringLiteral("C");
inline const QString kPoolFlatChunk = QStringLiteral("F");
inline const QString kPoolPackedChunk = QStringLiteral("P");
inline const QString kPoolPackedResult = QStringLiteral("V");
inline const QString kPoolResult = QStringLiteral("r");
inline const QString kPoolChunkResult = QStringLiteral("R");
inline const QString kPoolError = QStringLiteral("e");
inline const QString kPoolInitFailed = QStringLiteral("i");
inline const QString kPoolReady = QStringLiteral("y");

inline QCborArray identityToCbor(const QList<int> &identity)
{
    QCborArray out;
    for (int n : identity)
        out.append(n);
    return out;
}

inline QList<int> identityFromCbor(const QCborValue &value)
{
    QList<int> out;
    for (const QCborValue &n : value.toArray())
        out.append(int(n.toInteger()));
    return out;
}

inline QCborMap processInfoToCbor(const ProcessInfo &info)
{
    return QCborMap{{QStringLiteral("name"), info.name()},
                    {QStringLiteral("pid"), info.pid()},
                    {QStringLiteral("daemon"), info.daemon()},
                    {QStringLiteral("identity"), identityToCbor(info.identity())}};
}

inline ProcessInfo processInfoFromCbor(const QCborValue &value)
{
    return ProcessInfo(value[QStringLiteral("name")].toString(), value[QStringLiteral("pid")].toInteger(),
                       value[QStringLiteral("daemon")].toBool(), identityFromCbor(value[QStringLiteral("identity")]));
}

// The fields every run message has: who the child is, its parent, the authkey it inherits and
// the start method that started it (the child's default from then on).
inline QCborMap runMessage(const QString &name, const QList<int> &identity, bool daemon, const QByteArray &authkey,
                           StartMethod method)
{
    return QCborMap{{kType, kRun},
                    {QStringLiteral("name"), name},
                    {QStringLiteral("identity"), identityToCbor(identity)},
                    {QStringLiteral("daemon"), daemon},
                    {QStringLiteral("parent"), processInfoToCbor(currentProcess())},
                    {QStringLiteral("authkey"), authkey},
                    {QStringLiteral("startMethod"), startMethodName(method)}};
}

inline QCborMap errorToCbor(const QString &type, const QString &message, const QString &context)
{
    return QCborMap{{kType, kError},
                    {QStringLiteral("type"), type},
                    {QStringLiteral("message"), message},
                    {QStringLiteral("context"), context}};
}

inline RemoteError errorFromCbor(const QCborValue &value)
{
    return RemoteError(value[QStringLiteral("type")].toString(), value[QStringLiteral("message")].toString(),
                       value[QStringLiteral("context")].toString());
}

// --- the pool protocol ---

// What a call threw, as the worker describes it.
struct QMP_CORE_AUTOTEST_EXPORT TaskFailure
{
    QString type;    // the C++ type, e.g. "qmp::ValueError"
    QString message;
    QString context; // e.g. "task 'square' in Pool-1-Worker-1, pid 42"

    QCborArray encode() const { return QCborArray{type, message, context}; }
    // what: the message it is part of, for the error.
    static TaskFailure decode(const QCborValue &value, const char *what);
    RemoteError toError() const { return RemoteError(type, message, context); }
    bool operator==(const TaskFailure &) const = default;
};

// parent -> worker: one call, or a chunk of calls of one task.
struct QMP_CORE_AUTOTEST_EXPORT PoolCall
{
    enum class Shape {
        One,   // arguments: the call's argument list
        Lists, // arguments: one argument list per call
        Flat,  // arguments: arity arguments per call, one call after another
        Packed, // packed: one item of arguments per call in ChunkValues' layout (itemSize bytes each, or
                // an arena of packedArity() values per call)
    };
    Shape shape = Shape::One;
    qint64 id = 0;
    QString task;
    QCborArray arguments;
    qsizetype arity = 0; // Flat: at least 1 (arguments.size() is a multiple of it); Packed: 0 or 1 means 1
    QByteArray packed{};  // Packed only: the arguments, ChunkValues::wellFormed(packed, itemSize)
    qsizetype itemSize = 0; // Packed only (ChunkValues::kVariableSize: an arena)
    bool direct = false; // One only: a direct call ("d")

    qsizetype callCount() const;
    // Packed only: the arguments of each call, and how many a call takes.
    ChunkValues packedArguments() const;
    qsizetype packedArity() const { return arity > 1 ? arity : 1; }
    QCborValue encode() const;
    static PoolCall decode(const QCborValue &frame);
    bool operator==(const PoolCall &) const = default;
};

// worker -> parent: initialised, calls run from now on.
struct QMP_CORE_AUTOTEST_EXPORT PoolReady
{
    QCborValue encode() const;
    static PoolReady decode(const QCborValue &frame);
    bool operator==(const PoolReady &) const = default;
};

// worker -> parent: the initializer threw (no context: the parent names the initializer).
struct QMP_CORE_AUTOTEST_EXPORT PoolInitFailed
{
    QString type;
    QString message;

    QCborValue encode() const;
    static PoolInitFailed decode(const QCborValue &frame);
    bool operator==(const PoolInitFailed &) const = default;
};

// worker -> parent: call id returned value after running tookNs.
struct QMP_CORE_AUTOTEST_EXPORT PoolResult
{
    qint64 id = 0;
    QCborValue value;
    qint64 tookNs = 0;

    QCborValue encode() const;
    static PoolResult decode(const QCborValue &frame);
    bool operator==(const PoolResult &) const = default;
};

// worker -> parent: call id threw.
struct QMP_CORE_AUTOTEST_EXPORT PoolError
{
    qint64 id = 0;
    TaskFailure failure;
    qint64 tookNs = 0;

    QCborValue encode() const;
    static PoolError decode(const QCborValue &frame);
    bool operator==(const PoolError &) const = default;
};

// worker -> parent: the results of chunk id, one per call (null where it threw), and what the
// calls that threw threw, by position in the chunk.
struct QMP_CORE_AUTOTEST_EXPORT PoolChunkResult
{
    qint64 id = 0;
    QCborArray values;
    QMap<qsizetype, TaskFailure> errors;
    qint64 tookNs = 0;

    QCborValue encode() const;
    static PoolChunkResult decode(const QCborValue &frame);
    bool operator==(const PoolChunkResult &) const = default;
};

// worker -> parent: the results of packed chunk id in ChunkValues' layout (itemSize bytes each, or
// an arena with itemSize ChunkValues::kVariableSize), one per call (zero bytes / empty where it
// threw), and what the calls that threw threw, by position in the chunk.
struct QMP_CORE_AUTOTEST_EXPORT PoolPackedResult
{
    qint64 id = 0;
    qsizetype itemSize = 1;
    QByteArray bytes;
    QMap<qsizetype, TaskFailure> errors;
    qint64 tookNs = 0;

    qsizetype callCount() const;
    QCborValue encode() const;
    static PoolPackedResult decode(const QCborValue &frame);
    bool operator==(const PoolPackedResult &) const = default;
};

// Appends the frame of call i of items as one call ["c", id, task, args] to out (FrameDecoder's
// framing): the same bytes as FrameDecoder::encode(PoolCall{Shape::One, id, task,
// items.at(i)}.encode()), written without building the message (a map's one-call tasks, one
// after another into one write). taskUtf8: the task's name in UTF-8. Throws ValueError above
// maxFrameSize, leaving out as it was.
QMP_CORE_AUTOTEST_EXPORT void appendCallFrame(QByteArray &out, qint64 id, QByteArrayView taskUtf8, const ArgumentLists &items,
                                              qsizetype i, qsizetype maxFrameSize = FrameDecoder::defaultMaxFrameSize);

// Appends the frame of items' calls as one packed chunk ["P", id, task, size, bytes(, k)] to out:
// the same bytes as FrameDecoder::encode(PoolCall{Shape::Packed, ...}.encode()), with the
// arguments copied once, straight into out (items.isPacked()). Throws ValueError above
// maxFrameSize, leaving out as it was.
QMP_CORE_AUTOTEST_EXPORT void appendPackedCallFrame(QByteArray &out, qint64 id, QByteArrayView taskUtf8,
                                                    const ArgumentLists &items,
                                                    qsizetype maxFrameSize = FrameDecoder::defaultMaxFrameSize);

// Any message a pool worker sends.
using PoolReply = std::variant<PoolReady, PoolInitFailed, PoolResult, PoolError, PoolChunkResult, PoolPackedResult>;
// Decodes whichever reply frame is (ValueError when it is none of them, or malformed).
QMP_CORE_AUTOTEST_EXPORT PoolReply decodePoolReply(const QCborValue &frame);
// The call a reply answers; nullopt for PoolReady and PoolInitFailed.
QMP_CORE_AUTOTEST_EXPORT std::optional<qint64> answeredCall(const PoolReply &reply);

} // namespace qmp::wire
