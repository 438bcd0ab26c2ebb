#pragma once
// qmp::Manager — Python's multiprocessing.Manager() (a started SyncManager): constructing it
// starts the manager process, destroying it shuts it down (Python's `with Manager() as m`).
//
//     qmp::Manager manager;
//     qmp::DictProxy d = manager.dict();
//     qmp::ListProxy l = manager.list(QCborArray{0, 1, 2, 3, 4});
//     qmp::Process p(&work, d, l);          // proxies are task arguments
//
// For other programs: Manager("127.0.0.1:0", key) listens on TCP; Manager::connect(address,
// key) in the other program gives a client with the same factory methods.

#include "qmpmanager_export.h"
#include "arrayproxy.h"
#include "barrierproxy.h"
#include "basemanager.h"
#include "conditionproxy.h"
#include "dictproxy.h"
#include "eventproxy.h"
#include "listproxy.h"
#include "lockproxy.h"
#include "namespaceproxy.h"
#include "queueproxy.h"
#include "semaphoreproxy.h"
#include "valueproxy.h"

#include <QCborMap>

namespace qmp {

class QMP_MANAGER_EXPORT Manager : public BaseManager
{
public:
    // Starts a private manager now (local socket, random authkey). initializer: as
    // BaseManager::start(initializer) — it runs in the manager process before it serves, and
    // when it throws, so does the constructor.
    Manager();
    explicit Manager(const TaskCall &initializer);
    // Starts a manager listening on address ("host:port" or "@name") with authkey.
    Manager(const QString &address, const QByteArray &authkey, const std::optional<TaskCall> &initializer = std::nullopt);
    // A client of the manager at address, started by another program.
    static Manager connect(const QString &address, const QByteArray &authkey);

    DictProxy dict(const QCborMap &initial = {}) const;
    ListProxy list(const QCborArray &initial = {}) const;
    QueueProxy queue(qint64 maxsize = 0) const;
    QueueProxy joinableQueue(qint64 maxsize = 0) const;
    LockProxy lock() const;
    LockProxy rlock() const;
    SemaphoreProxy semaphore(qint64 value = 1) const;
    SemaphoreProxy boundedSemaphore(qint64 value = 1) const;
    EventProxy event() const;
    ConditionProxy condition() const;
    BarrierProxy barrier(qint64 parties) const;
    // Value(typecode, value): typecode as in ctypes ('i', 'd', 'q'...). Python's lock= is not
    // taken: Python ignores it here too (each call is atomic in the manager; guard
    // read-modify-write with a lock() proxy).
    ValueProxy value(char typecode, const QCborValue &initial = QCborValue(0)) const;
    // Array(typecode, items), and Array(typecode, size) zero-filled as qmp::Array(size).
    ArrayProxy array(char typecode, const QCborArray &items) const;
    ArrayProxy array(char typecode, qsizetype size) const;
    NamespaceProxy namespaceObject(const QCborMap &attributes = {}) const;

private:
    struct ConnectTag
    {
    };
    Manager(ConnectTag, const QString &address, const QByteArray &authkey);
};

} // namespace qmp
