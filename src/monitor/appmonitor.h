#pragma once
// AppMonitor: one line in main() that lets `qmp ps` and qmp-studio see this program's pools.
//
//     qmp::Runtime runtime(argc, argv);
//     QCoreApplication app(argc, argv);
//     qmp::AppMonitor monitor;            // serves when QMP_MONITOR is set, else costs nothing
//
// With QMP_MONITOR=1 (or true / on / yes) in the environment, or after enable(), it creates a
// MonitorHub that watches every qmp::Pool the program constructs (Pool::setCreationObserver),
// samples its workers from /proc, and serves it read-only on the monitor socket. QMP_MONITOR=control
// (or enable(true)) also lets clients of the same user pause, resume, close and terminate pools,
// terminate workers and cancel tasks. Pools constructed on other threads are watched through a
// queued call, so their very first events may be missed.
// Construct it after the QCoreApplication, on the main thread; one per program.

#include <QObject>
#include <QString>

#include <memory>

namespace qmp {

class HubSampler;
class MonitorHub;
class MonitorServer;
class ProcSampler;

class AppMonitor : public QObject
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

    MonitorHub *hub() const { return m_hub.get(); }       // null until enabled
    MonitorServer *server() const { return m_server.get(); }

private:
    std::unique_ptr<MonitorHub> m_hub;
    std::unique_ptr<ProcSampler> m_sampler;
    std::unique_ptr<HubSampler> m_hubSampler;
    std::unique_ptr<MonitorServer> m_server;
    QString m_error;
};

} // namespace qmp
