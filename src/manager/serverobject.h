#pragma once
// ServerObject: one object a manager holds (a dict, a queue, a registered type's instance...).
// call() runs on the thread of the connection that asked, possibly on several threads at once:
// implementations guard their own state. A blocking call waits through CallContext::wait(),
// which gives up when the caller's connection is gone or the manager shuts down.

#include "qmpmanager_export.h"
#include "managererrors.h"

#include <QCborArray>
#include <QCborValue>
#include <QDeadlineTimer>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace qmp {

// Thrown by CallContext::wait() when the call can never be answered (the client hung up, the
// manager is stopping); the server then drops the request without a reply.
class QMP_MANAGER_EXPORT CallAbandoned
{
};

class QMP_MANAGER_EXPORT CallContext
{
public:
    CallContext(qint64 connectionId, std::function<bool()> abandoned)
        : m_connectionId(connectionId), m_abandoned(std::move(abandoned))
    {
    }
    // Identifies the calling connection (an owner for locks).
    qint64 connectionId() const { return m_connectionId; }
    bool abandoned() const { return m_abandoned && m_abandoned(); }

    // Waits on cv until done() or the deadline; false on timeout. Wakes every 50 ms to notice a
    // caller that hung up or a manager that stops (throws CallAbandoned), so a dead client
    // never takes an item or a lock it can no longer use.
    template <typename Done>
    bool wait(std::unique_lock<std::mutex> &lock, std::condition_variable &cv, QDeadlineTimer deadline, Done done)
    {
        while (!done()) {
            if (abandoned())
                throw CallAbandoned();
            if (deadline.hasExpired())
                return false;
            const qint64 slice = deadline.isForever() ? 50 : qBound(qint64(0), deadline.remainingTime(), qint64(50));
            cv.wait_for(lock, std::chrono::milliseconds(slice));
        }
        return true;
    }

private:
    qint64 m_connectionId;
    std::function<bool()> m_abandoned;
};

class QMP_MANAGER_EXPORT ServerObject
{
public:
    virtual ~ServerObject() = default;
    // The typeid it was created under ("dict", "Queue", a registered name).
    virtual QString typeId() const = 0;
    // Runs method; throws a qmp::Error (KeyError, ValueError, RemoteError...) on failure, which
    // travels to the caller as its type name and message.
    virtual QCborValue call(const QString &method, const QCborArray &args, CallContext &context) = 0;
    // A connection ended: release what it held (locks). Default: nothing.
    virtual void connectionClosed(qint64 connectionId) { Q_UNUSED(connectionId); }
    // For the manager's reference tracing (a proxy stored inside keeps its object alive):
    // whether this type can list the values it holds, and a call of visit for each of them.
    // Default: it holds none. A type that cannot list them keeps alive every object whose
    // proxy was ever passed to it, until the manager shuts down.
    virtual bool listsValues() const { return true; }
    virtual void visitValues(const std::function<void(const QCborValue &)> &visit) { Q_UNUSED(visit); }
};

} // namespace qmp
