// HubSampler: a real pool's workers are sampled from /proc and their CPU, memory and threads reach
// the hub's worker states; workers that leave are no longer watched.
#include "hubsampler.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "monitorserver.h"
#include "pool.h"
#include "procsampler.h"
#include "qmptest.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

using qmp::HubSampler;
using qmp::MonitorClient;
using qmp::MonitorHub;
using qmp::MonitorServer;
using qmp::Pool;
using qmp::ProcSampler;

namespace {
int spin(int ms)
{
    QElapsedTimer t;
    t.start();
    volatile quint64 x = 0;
    while (t.elapsed() < ms)
        x = x + 1;
    return int(x % 2);
}
QMP_TASK(spin);

qmp::MonitorEndpoint endpointOf(const MonitorServer &server)
{
    qmp::MonitorEndpoint endpoint;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.uid = uint(::geteuid());
    endpoint.name = server.name();
    return endpoint;
}
} // namespace

class TestHubSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>()); }

    void workersGetSamples()
    {
        qmp::MonitorOptions options;
        options.tickMs = 100;
        options.coalesceMs = 20;
        MonitorHub hub(options);
        ProcSampler sampler;
        HubSampler hubSampler(&hub, &sampler);
        QVERIFY(sampler.isActive());
        QCOMPARE(sampler.interval(), std::chrono::milliseconds(100));
        auto pool = std::make_unique<Pool>(2);
        Pool *raw = pool.get();
        const int id = hub.adopt(std::move(pool));
        // They spin until the pool is removed: however slow the machine, they are busy while the
        // samples are checked.
        auto result = raw->mapAsync(&spin, QList<int>{600000, 600000}, 1);
        QTRY_COMPARE(hub.pool(id)->liveWorkers(), 2);
        QTRY_COMPARE(sampler.watched().size(), 2);
        for (qint64 pid : hub.watchedPids())
            QVERIFY(sampler.isWatching(pid));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const qmp::WorkerState &w : hub.pool(id)->workers()) {
                    if (w.rssBytes <= 0 || w.threads < 1 || w.cpuPercent < 0)
                        return false;
                }
                return true;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const qmp::WorkerState &w : hub.pool(id)->workers()) {
                    if (w.cpuPercent > 0) // how much depends on the machine's load
                        return true;
                }
                return false;
            }(),
            10000);
        hub.remove(id); // terminates the adopted pool
        QVERIFY(result.wait());
        QVERIFY(!result.successful());
        QTRY_COMPARE(sampler.watched().size(), 0);
    }

    // A program nobody watches reads /proc only every kIdleInterval; the first viewer gets a
    // sample at once and one per tick until the last viewer leaves.
    void samplesEveryTickOnlyWhileSomeoneWatches()
    {
        qmp::MonitorOptions options;
        options.tickMs = 100;
        options.coalesceMs = 20;
        MonitorHub hub(options);
        MonitorServer server(&hub);
        const QByteArray name = "qmp-hubsampler-test." + QByteArray::number(QCoreApplication::applicationPid());
        QVERIFY2(server.listen(name), qPrintable(server.errorString()));
        ProcSampler sampler;
        HubSampler hubSampler(&hub, &sampler);
        QCOMPARE(sampler.interval(), std::chrono::milliseconds(100));
        hubSampler.followClients(&server);
        QCOMPARE(sampler.interval(), HubSampler::kIdleInterval);
        QVERIFY(sampler.isActive());
        auto pool = std::make_unique<Pool>(1);
        Pool *raw = pool.get();
        const int id = hub.adopt(std::move(pool));
        auto result = raw->applyAsync(&spin, 600000);
        QTRY_COMPARE(hub.pool(id)->liveWorkers(), 1);
        QTRY_COMPARE(sampler.watched().size(), 1);
        QSignalSpy sampled(&sampler, &ProcSampler::sampled);

        MonitorHub viewerHub(options);
        auto viewer = std::make_unique<MonitorClient>(&viewerHub);
        QVERIFY2(viewer->attach(endpointOf(server)), qPrintable(viewer->errorString()));
        QTRY_VERIFY(viewer->isReady());
        QTRY_COMPARE(sampler.interval(), std::chrono::milliseconds(100));
        QTRY_VERIFY(sampled.count() >= 1);
        const qint64 pid = hub.watchedPids().value(0);
        QVERIFY(pid > 0);
        QTRY_VERIFY(hub.pool(id)->worker(pid) && hub.pool(id)->worker(pid)->rssBytes > 0);

        viewer->detach();
        QTRY_COMPARE(server.clientCount(), 0);
        QTRY_COMPARE(sampler.interval(), HubSampler::kIdleInterval);
        QVERIFY(sampler.isActive());

        hub.remove(id);
        QVERIFY(result.wait());
    }
};

QMP_TEST_MAIN(TestHubSampler)
#include "tst_hubsampler.moc"
