#include "appmonitor.h"

#include "hubsampler.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "pool.h"
#include "procsampler.h"

#include <QPointer>
#include <QThread>

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
    m_hub = std::make_unique<MonitorHub>();
    m_server = std::make_unique<MonitorServer>(m_hub.get());
    m_server->setControlAllowed(allowControl);
    if (!m_server->listen()) {
        m_error = m_server->errorString();
        m_server.reset();
        m_hub.reset();
        return false;
    }
    m_sampler = std::make_unique<ProcSampler>();
    m_hubSampler = std::make_unique<HubSampler>(m_hub.get(), m_sampler.get());
    QPointer<MonitorHub> hub = m_hub.get();
    Pool::setCreationObserver([hub](Pool *pool) {
        if (!hub)
            return;
        if (QThread::currentThread() == hub->thread()) {
            hub->watch(pool);
            return;
        }
        QPointer<Pool> guarded = pool;
        QMetaObject::invokeMethod(hub, [hub, guarded] {
            if (hub && guarded)
                hub->watch(guarded);
        }, Qt::QueuedConnection);
    });
    return true;
}

void AppMonitor::disable()
{
    if (!m_hub)
        return;
    Pool::setCreationObserver({});
    m_server.reset();
    m_hubSampler.reset();
    m_sampler.reset();
    m_hub.reset();
}

} // namespace qmp
