#pragma once
// ManagerWire: the frames between a proxy and its manager. Compact CBOR, one frame each way:
//   request  [objectId, method, arg0, arg1, ...]
//   reply    [0, value]  |  [1, errorType, message]
// Frames are built whole, 4-byte length included, so each is one send(). Stateless.

#include "qmpmanager_export.h"
#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QString>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ManagerWire
{
public:
    struct Request
    {
        qint64 objectId = 0;
        QString method;
        QCborArray args;
    };
    struct Reply
    {
        bool ok = true;
        QCborValue value;
        QString errorType;
        QString message;
    };

    static QByteArray requestFrame(qint64 objectId, const QString &method, const QCborArray &args);
    static QByteArray okFrame(const QCborValue &value);
    static QByteArray errorFrame(const QString &type, const QString &message);

    // From a frame's payload; false with *error on malformed input.
    static bool parseRequest(const QByteArray &payload, Request *out, QString *error);
    static bool parseReply(const QByteArray &payload, Reply *out, QString *error);
};

} // namespace qmp
