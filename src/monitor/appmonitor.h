#pragma once
// AppMonitor: one line in main() that lets `qmp ps` and qmp-studio see this program's pools and queues.
//
//     qmp::Runtime runtime(argc, argv);
//     QCoreApplication app(argc, argv);
//     qmp::AppMonitor monitor;            // serves when QMP_MONITOR is set, else costs nothing
//
// With QMP_MONITOR=1 (or true / on / yes) in the environment, or after enable(), it starts a
// thread of its own with a MonitorHub that watches every qmp::Pool the program constructs
// (Pool::observeCreation) and every queue it creates (Queue::observeCreation; queues
// attached from a handle are another process's), samples its workers from /proc, and serves it read-only on the
// monitor socket — to this user only (MonitorServer checks every peer's uid); QMP_MONITOR_GROUP=NAME
// also lets the members of group NAME watch (read-only). QMP_MONITOR=control (or enable(true))
// also lets clients of the same user pause, resume, close and terminate pools, terminate
// workers and cancel tasks. Terminating a worker and cancelling a task act at once, also while
// main() blocks (in Pool::map(), AsyncResult::get(), ...): that is when a stuck task needs them;
// the controls that change a pool's state (pause, resume, close, terminate, resize) run on the
// thread that owns it, when its event loop turns (LocalPoolControl). Because it has its own
// thread, it keeps serving while main() blocks.
// Construct it after the QCoreApplication, on the main thread; one per program. Methods: main thread.

#include "qmpmonitor_export.h"
#include "observertoken.h"

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace qmp {

class HubSampler;
class MonitorHub;
class MonitorServer;
class ProcSampler;

class QMP_MONITOR_EXPORT AppMonitor : public QObject
{
    Q_OBJECT
public:
    // Enables itself when QMP_MONITOR asks for it (see above).
    explicit AppMonitor(QObject *parent = nullptr);
    ~AppMonitor() override;

    // Starts serving (again); false (see errorString()) when the socket cannot be made.
    bool enable(bool allowControl = false);
    void disable();
    bool isEnabled() const { return m_server != nullptr; }
    QString errorString() const { return m_error; }

    // The hub and server live on the monitor's thread: use them there (QMetaObject::invokeMethod),
    // or read them while no pool is running. Null until enabled.
    MonitorHub *hub() const { return m_hub; }
    MonitorServer *server() const { return m_server; }

private:
    void stopThread();

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives on m_thread
    MonitorHub *m_hub = nullptr;
    ProcSampler *m_sampler = nullptr;
    HubSampler *m_hubSampler = nullptr;
    MonitorServer *m_server = nullptr;
    ObserverToken m_poolObserver;  // registered while enabled
    ObserverToken m_queueObserver; // registered while enabled
    QString m_error;
};

} // namespace qmp
