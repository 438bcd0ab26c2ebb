// The commands suite: N jobs `true 1` ... `true N` through Pool(2).runAll (the same jobs bench/run
// gives parallel, xargs and qmp run); prints per_job_ms=<x>.

#include "pool.h"
#include "runtime.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    qmp::Pool pool(2);
    QList<qmp::Command> jobs;
    for (int i = 1; i <= n; ++i)
        jobs.append(qmp::Command{QStringLiteral("true"), {QString::number(i)}, {}, {}});
    pool.runAll(jobs.mid(0, 10)).get(); // warm up
    QElapsedTimer timer;
    timer.start();
    const QList<qmp::CommandResult> results = pool.runAll(jobs).get();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    for (const qmp::CommandResult &r : results) {
        if (!r.ok()) {
            std::fprintf(stderr, "bench_commands: a job failed: %s\n", qPrintable(r.error));
            return 1;
        }
    }
    std::printf("per_job_ms=%.3f\n", ms / n);
    return 0;
}
