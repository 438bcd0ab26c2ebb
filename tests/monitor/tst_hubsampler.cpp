// HubSampler: a real pool's workers are sampled from /proc and their CPU, memory and threads reach
// the hub's worker states; workers that leave are no longer watched.
#include "hubsampler.h"
#include "monitorhub.h"
#include "pool.h"
#include "procsampler.h"
#include "qmptest.h"

#include <QTest>

using qmp::HubSampler;
using qmp::MonitorHub;
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
};

QMP_TEST_MAIN(TestHubSampler)
#include "tst_hubsampler.moc"
