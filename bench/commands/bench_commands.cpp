// The commands suite: N `true` jobs through Pool(2).runAll; prints per_job_ms=<x>.

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
    const QList<qmp::Command> jobs(n, qmp::Command{QStringLiteral("true"), {}, {}, {}});
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
