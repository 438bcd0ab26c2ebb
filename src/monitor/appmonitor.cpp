#include "appmonitor.h"

#include "hubsampler.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "pool.h"
#include "procsampler.h"
#include "queue.h"

#include <QPointer>
#include <QThread>

#include <grp.h>

namespace qmp {

AppMonitor::AppMonitor(QObject *parent) : QObject(parent)
{
    const QByteArray wanted = qgetenv("QMP_MONITOR").trimmed().toLower();
    if (wanted == "control")
        enable(true);
    else if (wanted == "1" || wanted == "true" || wanted == "on" || wanted == "yes")
        enable(false);
    if (!m_error.isEmpty())
        qWarning("qmp: QMP_MONITOR is set but the monitor socket could not be served: %s", qPrintable(m_error));
}

AppMonitor::~AppMonitor()
{
    disable();
}

bool AppMonitor::enable(bool allowControl)
{
    disable();
    m_error.clear();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("qmp-monitor"));
    // (A QThread object belongs to the thread that made it: calls go through an object of the new thread.)
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();
    // Everything is made on the monitor's thread, so its timers and sockets run there.
    QMetaObject::invokeMethod(
        m_context,
        [this, allowControl] {
            m_hub = new MonitorHub;
            m_server = new MonitorServer(m_hub);
            m_server->setControlAllowed(allowControl);
            const QByteArray group = qgetenv("QMP_MONITOR_GROUP").trimmed();
            if (!group.isEmpty()) {
                const ::group *entry = ::getgrnam(group.constData());
                if (entry)
                    m_server->setAllowedGroup(qint64(entry->gr_gid));
                else
                    qWarning("qmp: QMP_MONITOR_GROUP=%s is not a group; only this user may attach", group.constData());
            }
            if (!m_server->listen()) {
                m_error = m_server->errorString();
                delete m_server;
                delete m_hub;
                m_server = nullptr;
                m_hub = nullptr;
                return;
            }
            m_sampler = new ProcSampler;
            m_hubSampler = new HubSampler(m_hub, m_sampler);
            m_hubSampler->followClients(m_server);
        },
        Qt::BlockingQueuedConnection);
    if (!m_hub) {
        stopThread();
        return false;
    }
    QPointer<MonitorHub> hub = m_hub;
    m_poolObserver = Pool::observeCreation([hub](Pool *pool) {
        if (!hub)
            return;
        // Before the pool's workers start, so the hub hears every event. The monitor's thread
        // never waits for the program's, so this cannot deadlock.
        QMetaObject::invokeMethod(hub, [hub, pool] { hub->watch(pool); },
                                  QThread::currentThread() == hub->thread() ? Qt::DirectConnection
                                                                            : Qt::BlockingQueuedConnection);
    });
    m_queueObserver = Queue::observeCreation([hub](const Queue &queue) {
        if (!hub)
            return;
        // Queued, with a copy of the handle: the program never waits for the monitor, and the
        // copy holds the queue until the hub has attached a handle of its own (which does not
        // keep it alive: once the program and its children let go, the hub lists it as gone).
        QMetaObject::invokeMethod(
            hub,
            [hub, queue] {
                try {
                    hub->watchQueue(queue);
                } catch (const std::exception &e) {
                    qWarning("qmp: the monitor cannot watch a queue: %s", e.what());
                }
            },
            Qt::QueuedConnection);
    });
    return true;
}

void AppMonitor::disable()
{
    if (!m_thread)
        return;
    m_poolObserver.reset();
    m_queueObserver.reset();
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_server;
            delete m_hubSampler;
            delete m_sampler;
            delete m_hub;
        },
        Qt::BlockingQueuedConnection);
    m_server = nullptr;
    m_hubSampler = nullptr;
    m_sampler = nullptr;
    m_hub = nullptr;
    stopThread();
}

void AppMonitor::stopThread()
{
    QMetaObject::invokeMethod(m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
    m_context = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace qmp
