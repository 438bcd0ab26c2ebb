#pragma once
// IpcHandle: what an IPC object is across processes — its kind, its segment's native key and
// the parameters a child needs to re-attach — as a small CBOR value. Passing a Queue or a Lock
// as a task argument sends this; the child's CborConvert re-attaches (C++'s answer to
// pickling a Queue). QMP_IPC_CBOR(Class) declares that conversion for a class with
// handle() / fromHandle() / segmentKind; a class template's CborConvert derives from
// HandleCborConvert<Class<T>>.

#include "qmpipc_export.h"
#include "cborconvert.h"
#include "sharedsegment.h"

#include <QCborMap>
#include <QCborValue>
#include <QDeadlineTimer>
#include <QString>

namespace qmp {

struct QMP_IPC_EXPORT IpcHandle
{
    SharedSegment::Kind kind = SharedSegment::Kind::Lock;
    QString key;
    QCborMap params;

    QCborValue toCbor() const
    {
        QCborMap map = params;
        map.insert(QStringLiteral("qmp-ipc"), SharedSegment::kindName(kind));
        map.insert(QStringLiteral("key"), key);
        return map;
    }
    // Throws TypeError when v is not a handle of `expected` kind.
    static IpcHandle fromCbor(const QCborValue &v, SharedSegment::Kind expected)
    {
        const QString kind = SharedSegment::kindName(expected);
        if (!v.isMap() || v.toMap().value(QStringLiteral("qmp-ipc")).toString() != kind)
            detail::throwConversionError(qPrintable(QStringLiteral("a %1 handle").arg(kind)), v);
        IpcHandle h;
        h.kind = expected;
        h.params = v.toMap();
        h.key = h.params.value(QStringLiteral("key")).toString();
        return h;
    }
};

// Python's (block, timeout) pair as a deadline: block=false ignores the timeout (no wait);
// a negative timeout waits forever.
inline QDeadlineTimer deadlineFor(bool block, int timeoutMs)
{
    if (!block)
        return QDeadlineTimer(0);
    return timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs, Qt::PreciseTimer);
}

// CborConvert for a class with handle() / fromHandle() / segmentKind: it travels as its handle.
template <typename C>
struct HandleCborConvert
{
    static QCborValue toCbor(const C &v) { return v.handle().toCbor(); }
    static C fromCbor(const QCborValue &v) { return C::fromHandle(IpcHandle::fromCbor(v, C::segmentKind)); }
};

} // namespace qmp

#define QMP_IPC_CBOR(Class) \
    template <> \
    struct qmp::CborConvert<qmp::Class> \
    { \
        static QCborValue toCbor(const qmp::Class &v) { return v.handle().toCbor(); } \
        static qmp::Class fromCbor(const QCborValue &v) \
        { \
            return qmp::Class::fromHandle(qmp::IpcHandle::fromCbor(v, qmp::Class::segmentKind)); \
        } \
    };
