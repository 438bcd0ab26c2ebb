// The monitor suite: prints key=value lines for bench/run.
//   events_per_s   pool events absorbed per second by MonitorHub + the studio's models (pool,
//                  worker, task + filter proxy, series), fed in batches every 10 ms as a Pool
//                  delivers them, with the event loop turning
//   loop_p95_ms    95th percentile lateness of a 5 ms probe timer on that loop meanwhile
//   history_rss_mib  RSS after N finished tasks are in the SQLite history and browsed through
//                  HistoryModel (first pages, then a jump to the end)
//
// usage: bench_monitor events SECONDS | history N

#include "historymodel.h"
#include "historystore.h"
#include "monitorhub.h"
#include "poolmodel.h"
#include "poolseriesmodel.h"
#include "syntheticpool.h"
#include "taskfiltermodel.h"
#include "taskmodel.h"
#include "workermodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double rssMib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

int events(int seconds)
{
    qmp::MonitorOptions options; // the studio's defaults: 100 ms coalescing, 1 s ticks
    qmp::MonitorHub hub(options);
    const int workers = 8;
    const int id = hub.addPool(QStringLiteral("bench"), workers);
    qmp::PoolModel pools(&hub);
    qmp::WorkerModel workerModel(&hub);
    workerModel.setPoolId(id);
    qmp::TaskModel tasks(&hub);
    tasks.setPoolId(id);
    qmp::TaskFilterModel filter;
    filter.setSourceModel(&tasks);
    filter.sort(qmp::TaskModel::Duration, Qt::DescendingOrder);
    qmp::PoolSeriesModel series(&hub);
    series.setPoolId(id);

    SyntheticPool source(&hub, id, workers);
    qint64 fed = 0;
    // Each 10 ms: 200 tasks queued, started and finished (600 events), as 8 busy workers would report.
    QTimer feeder;
    feeder.setInterval(10);
    QObject::connect(&feeder, &QTimer::timeout, [&] { fed += source.feed(); });
    LoopProbe probe;
    QTimer::singleShot(seconds * 1000, qApp, &QCoreApplication::quit);
    feeder.start();
    probe.start();
    QCoreApplication::exec();
    const double elapsed = double(source.elapsedNs()) / 1e9;
    const double p95 = probe.p95Ms();
    // Every event must have reached the state: a bench that dropped events would lie.
    hub.flush();
    const qmp::PoolState *state = hub.pool(id);
    if (state->finishedTasks() != qint64(source.tasksFed())) {
        std::fprintf(stderr, "bench_monitor: the hub saw %lld of %llu tasks\n", qlonglong(state->finishedTasks()),
                     qulonglong(source.tasksFed()));
        return 1;
    }
    std::printf("events_per_s=%.0f\nloop_p95_ms=%.2f\nrows=%d\n", double(fed) / elapsed, p95, tasks.rowCount());
    return 0;
}

int history(qint64 n)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    qmp::HistoryStore store(dir.filePath(QStringLiteral("history.sqlite")));
    if (!store.errorString().isEmpty()) {
        std::fprintf(stderr, "bench_monitor: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    const qint64 perBatch = 10000;
    const qint64 t0 = 1'700'000'000'000;
    for (qint64 b = 0; b < n / perBatch; ++b) {
        qmp::BatchRecord batch;
        batch.id = store.newBatchId();
        batch.pool = QStringLiteral("bench");
        batch.title = QStringLiteral("convert {} {.}.jpg");
        batch.createdMs = t0 + b * 1000;
        batch.finishedMs = batch.createdMs + 999;
        batch.total = perBatch;
        batch.ok = perBatch;
        store.record(batch);
        for (qint64 i = 0; i < perBatch; ++i) {
            qmp::TaskRecord task;
            task.batchId = batch.id;
            task.seq = i + 1;
            task.kind = qmp::TaskRecord::Kind::Command;
            task.name = QStringLiteral("convert img%1.png img%1.jpg").arg(i);
            task.workerPid = 1000 + i % 8;
            task.startMs = batch.createdMs + i / 10;
            task.durationNs = 1'000'000 + i;
            task.stdoutBytes = 120;
            task.stdoutTail = QByteArrayLiteral("converted\n");
            store.record(task);
        }
        if (b % 10 == 9)
            store.flush(); // keeps the writer's queue (and so the RSS) bounded, as a real run would
    }
    if (!store.flush()) {
        std::fprintf(stderr, "bench_monitor: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    qmp::HistoryModel model(&store);
    model.showTasks({});
    for (int i = 0; i < 8 && model.canFetchMore(); ++i)
        model.fetchMore();
    volatile int touched = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        touched = touched + model.index(row, qmp::HistoryModel::NameColumn).data().toString().size();
    qmp::TaskQuery tail;
    tail.afterId = model.totalRows() - 300; // jump near the end, as a scroll to the bottom does
    model.showTasks(tail);
    for (int row = 0; row < model.rowCount(); ++row)
        touched = touched + model.index(row, qmp::HistoryModel::NameColumn).data().toString().size();
    std::printf("history_tasks=%lld\nhistory_rss_mib=%.1f\n", qlonglong(store.countTasks()), rssMib());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QByteArray what = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    const qint64 amount = argc > 2 ? QByteArray(argv[2]).toLongLong() : 0;
    if (what == "events")
        return events(amount > 0 ? int(amount) : 5);
    if (what == "history")
        return history(amount > 0 ? amount : 1'000'000);
    std::fprintf(stderr, "usage: bench_monitor events SECONDS | history N\n");
    return 2;
}
