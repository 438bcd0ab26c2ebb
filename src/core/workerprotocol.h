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
// A Pool worker's run message carries pool:{init?:{name,args}, maxTasks}. Then, as arrays:
//   parent -> worker  ["c", id, task, args]                  one call
//                     ["C", id, task, [args, args, ...]]      a chunk: several calls of one task
//                     ["F", id, task, k, [a, a, ...]]         a chunk whose calls all take k
//                                                            arguments, flattened (decoding
//                                                            nested lists costs ~1 µs per call)
//   worker -> parent  ["r", id, value, ns]                   a call's result
//                     ["e", id, type, message, context, ns]  what a call threw
//                     ["R", id, [value, ...], {i: [type, message, context]}, ns]
//                                                            a chunk's results; items that
//                                                            threw are in the map, by position
//                     (ns: how long the call or chunk ran, in nanoseconds. Replies to tiny
//                     calls may be held back briefly to share one write.)
//                     ["i", type, message]                   the initializer threw; then exit 1
//                     ["y"]                                  initialised: calls run from now on
//                                                            (task timeouts count from here)
// The worker serves calls in order until its channel closes or it has served maxTasks.

#include "errors.h"
#include "processinfo.h"
#include "startmethod.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QLatin1StringView>

namespace qmp::wire {

inline const QString kType = QStringLiteral("t");
inline const QString kRun = QStringLiteral("run");
inline const QString kResult = QStringLiteral("result");
inline const QString kError = QStringLiteral("error");
inline const QString kPoolCall = QStringLiteral("c");
inline const QString kPoolChunk = QStringLiteral("C");
inline const QString kPoolFlatChunk = QStringLiteral("F");
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

} // namespace qmp::wire
