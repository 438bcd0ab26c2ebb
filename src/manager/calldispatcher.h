#pragma once
// CallDispatcher: routes one request to what answers it. Object 0 is the manager itself, whose
// requests are a table name → handler: create, incref, decref, release, publish, lookup,
// count, debug_info, typeids, ping, pid, shutdown, and for SharedMemoryManager shm_create,
// shl_create, segments (segments this dispatcher made, unlinked by releaseSharedMemory()
// whatever happened to the clients). Any other id is an object in the ObjectTable, whose own
// call() runs the method. An unknown request name is AttributeError.
//
// Thread-safe: dispatch() runs on every connection's thread at once.

#include "qmpmanager_export.h"
#include "managerwire.h"
#include "objecttable.h"

#include <QHash>
#include <QStringList>

#include <memory>
#include <mutex>

namespace qmp {

class SharedMemory;

class QMP_MANAGER_EXPORT CallDispatcher
{
public:
    CallDispatcher(ObjectTable &objects, const QByteArray &authkey);
    // The address that names this server in the tokens it makes (before the first dispatch).
    void setAddressText(const QString &address) { m_addressText = address; }

    // The request's result; throws what the handler or object threw (CallAbandoned when the
    // caller is gone during a blocking call).
    QCborValue dispatch(const ManagerWire::Request &request, CallContext &context);
    // The manager's own requests, in table order.
    static QStringList managerRequests();
    // True for the request that asks the manager to shut down (answered before it stops).
    static bool isShutdown(const ManagerWire::Request &request);

    // Unlinks and closes every segment shm_create / shl_create made.
    void releaseSharedMemory();

private:
    using Handler = QCborValue (CallDispatcher::*)(const QCborArray &args, qint64 connectionId);
    static const QHash<QString, Handler> &managerTable();

    QCborValue create(const QCborArray &args, qint64 connectionId);
    QCborValue incref(const QCborArray &args, qint64 connectionId);
    QCborValue decref(const QCborArray &args, qint64 connectionId);
    QCborValue release(const QCborArray &args, qint64 connectionId);
    QCborValue publish(const QCborArray &args, qint64 connectionId);
    QCborValue lookup(const QCborArray &args, qint64 connectionId);
    QCborValue count(const QCborArray &args, qint64 connectionId);
    QCborValue debugInfo(const QCborArray &args, qint64 connectionId);
    QCborValue typeIds(const QCborArray &args, qint64 connectionId);
    QCborValue nothing(const QCborArray &args, qint64 connectionId);
    QCborValue pid(const QCborArray &args, qint64 connectionId);
    QCborValue shmCreate(const QCborArray &args, qint64 connectionId);
    QCborValue shlCreate(const QCborArray &args, qint64 connectionId);
    QCborValue segments(const QCborArray &args, qint64 connectionId);
    // incref / decref: [client id, ...]; TypeError naming method otherwise.
    static quint64 clientOf(const QString &method, const QCborArray &args);

    ObjectTable &m_objects;
    const QByteArray m_authkey;
    QString m_addressText;
    std::mutex m_segmentsMutex;
    QList<std::shared_ptr<SharedMemory>> m_segments;
};

} // namespace qmp
