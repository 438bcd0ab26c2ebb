// A producer / consumer pipeline that `qmp ps` and qmp-studio can watch, queue depths included:
// the main process puts work items into a bounded JoinableQueue, three pool workers take them,
// work on each for a while, put the result into a second queue and mark the item done. The
// producer is faster than the consumers, so the work queue fills up to its maxsize (put() then
// waits) and drains at the end. One qmp::AppMonitor line in main() is all the monitoring costs:
// with QMP_MONITOR=1 every queue and pool the program creates is listed, e.g.
//     QMP_MONITOR=1 ./monitored_queue 400 200 &
//     qmp ps --watch            or: qmp-studio --attach <pid>
//
// usage: monitored_queue [ITEMS] [MS]   (default 200 items of up to 150 ms each)

#include "appmonitor.h"
#include "joinablequeue.h"
#include "pool.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace {
// A consumer: takes items until it gets a null (the producer's "no more work"), squares each
// after a while of work, and reports how many it handled.
int consume(qmp::JoinableQueue work, qmp::Queue results, int ms)
{
    int handled = 0;
    for (;;) {
        const QCborValue item = work.get();
        if (item.isNull()) {
            work.taskDone();
            return handled;
        }
        const qint64 n = item.toInteger();
        QThread::msleep(ulong(ms / 3 + (n * 37) % (2 * ms / 3 + 1)));
        results.put(n * n);
        work.taskDone();
        ++handled;
    }
}
QMP_TASK(consume);
} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::AppMonitor monitor; // serves the queues and the pool below when QMP_MONITOR is set

    const int items = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    const int ms = argc > 2 ? QByteArray(argv[2]).toInt() : 150;
    if (monitor.isEnabled())
        std::printf("monitor socket: serving (try: qmp ps %lld)\n", QCoreApplication::applicationPid());
    else
        std::printf("monitor socket: off (start with QMP_MONITOR=1 to let qmp ps and the studio see this)\n");
    std::fflush(stdout);

    constexpr int consumers = 3;
    qmp::JoinableQueue work(50);
    qmp::Queue results;
    qmp::PoolOptions options;
    options.name = QStringLiteral("consumers");
    qmp::Pool pool(consumers, options);
    QList<qmp::AsyncResult<int>> running;
    for (int i = 0; i < consumers; ++i)
        running.append(pool.applyAsync(&consume, work, results, ms));
    for (int n = 1; n <= items; ++n)
        work.put(n); // waits while 50 items are queued
    for (int i = 0; i < consumers; ++i)
        work.put(QCborValue(nullptr));
    work.join(); // every item taken and done
    int handled = 0;
    for (auto &result : running)
        handled += result.get();
    long long sum = 0;
    for (int i = 0; i < items; ++i)
        sum += results.get().toInteger();
    pool.close();
    pool.join();
    std::printf("%d items handled by %d consumers, checksum %lld\n", handled, consumers, sum);
    return 0;
}
