// The pool suite: prints key=value lines for bench/run.
//   map_chunk1   Pool(2).map over N tiny tasks, chunksize 1            tasks/s
//   map_default  the same with the default chunksize                  tasks/s
//   map_text     Pool(2).map of QString upper(const QString &) over N 20-character texts,
//                default chunksize                                     tasks/s
//   starmap_default  Pool(2).starmap of double scaled(int, double) over N argument lists,
//                default chunksize (the lists are built before the clock starts)  tasks/s
//   apply_rtt    applyAsync(...).get() round trip, one at a time      µs
//   ready        Pool(4) constructed until each worker served a task   ms (includes the forkserver's start)
// (bench/run measures the limits with bench/limits: apply_rtt's is `limit_pipe_pool rtt`.)
// Usage: bench_pool [N] [PART...]   PART: ready, map_chunk1, map_default, map_text, starmap_default, apply_rtt
// (default: all).
// Naming parts, each may repeat (e.g. "map_default map_default map_default"), is for profiling.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QStringList>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace {
int identity(int x)
{
    return x;
}
QMP_TASK(identity);

QString upper(const QString &text)
{
    return text.toUpper();
}
QMP_TASK(upper);

double scaled(int n, double factor)
{
    return n * factor;
}
QMP_TASK(scaled);

qint64 pidAfterAMillisecond(int)
{
    QThread::usleep(1000);
    return qint64(::getpid());
}
QMP_TASK(pidAfterAMillisecond);
} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QList<QByteArray> parts;
    for (int i = 2; i < argc; ++i)
        parts.append(argv[i]);
    if (parts.isEmpty())
        parts = {"ready", "map_chunk1", "map_default", "map_text", "starmap_default", "apply_rtt"};

    if (parts.contains("ready")) {
        QElapsedTimer timer;
        timer.start();
        qmp::Pool pool(4);
        const QList<qint64> pids = pool.map(&pidAfterAMillisecond, QList<int>{0, 1, 2, 3}, 1);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (QSet<qint64>(pids.begin(), pids.end()).size() != 4)
            std::fprintf(stderr, "bench_pool: warning: not every worker served a task\n");
        std::printf("ready=%.2f\n", ms);
    }

    qmp::Pool pool(2);
    QList<int> inputs(n);
    for (int i = 0; i < n; ++i)
        inputs[i] = i;
    pool.map(&identity, QList<int>{1, 2, 3}); // warm up

    for (const QByteArray &part : parts) {
        if (part != "map_chunk1" && part != "map_default")
            continue;
        const int chunksize = part == "map_chunk1" ? 1 : 0;
        QElapsedTimer timer;
        timer.start();
        const QList<int> out = pool.map(&identity, inputs, chunksize);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (out != inputs) {
            std::fprintf(stderr, "bench_pool: wrong results\n");
            return 1;
        }
        std::printf("%s=%.0f\n", part.constData(), n / seconds);
    }
    if (parts.contains("map_text")) {
        QStringList texts;
        QStringList expected;
        texts.reserve(n);
        for (int i = 0; i < n; ++i) {
            texts.append(QStringLiteral("qmp text item %1").arg(i % 1000000, 6, 10, QLatin1Char('0'))); // 20 characters
            expected.append(texts.last().toUpper());
        }
        pool.map(&upper, QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}); // warm up
        const quint64 packedBefore = pool.packedCalls();
        for (const QByteArray &part : parts) {
            if (part != "map_text")
                continue;
            QElapsedTimer timer;
            timer.start();
            const QStringList out = pool.map(&upper, texts);
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            if (out != expected) {
                std::fprintf(stderr, "bench_pool: wrong results (map_text)\n");
                return 1;
            }
            std::printf("map_text=%.0f\n", n / seconds);
        }
        std::fprintf(stderr, "bench_pool: %llu text calls went packed\n", pool.packedCalls() - packedBefore);
    }
    if (parts.contains("starmap_default")) {
        QList<QCborArray> lists;
        QList<double> expected;
        lists.reserve(n);
        for (int i = 0; i < n; ++i) {
            lists.append(QCborArray{i, 0.5});
            expected.append(i * 0.5);
        }
        pool.starmap(&scaled, QList<QCborArray>{{1, 2.0}, {3, 4.0}}); // warm up
        const quint64 packedBefore = pool.packedCalls();
        for (const QByteArray &part : parts) {
            if (part != "starmap_default")
                continue;
            QElapsedTimer timer;
            timer.start();
            const QList<double> out = pool.starmap(&scaled, lists);
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            if (out != expected) {
                std::fprintf(stderr, "bench_pool: wrong results (starmap_default)\n");
                return 1;
            }
            std::printf("starmap_default=%.0f\n", n / seconds);
        }
        std::fprintf(stderr, "bench_pool: %llu starmap calls went packed\n", pool.packedCalls() - packedBefore);
    }
    const int rounds = 3000;
    if (parts.contains("apply_rtt")) {
        for (int i = 0; i < 100; ++i)
            pool.applyAsync(&identity, i).get();
        const quint64 directBefore = pool.directCalls();
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < rounds; ++i)
            pool.applyAsync(&identity, i).get();
        std::printf("apply_rtt=%.2f\n", double(timer.nsecsElapsed()) / 1e3 / rounds);
        std::fprintf(stderr, "bench_pool: %llu of %d calls went direct\n", pool.directCalls() - directBefore, rounds);
    }
    return 0;
}
