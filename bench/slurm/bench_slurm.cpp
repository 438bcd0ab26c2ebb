// The slurm suite's pool figure: prints key=value lines for bench/run.
//   apply_rtt_us  Pool on Slurm (one worker, a step of a local cluster's allocation, connected
//                 back over TCP): apply(identity, i) round trips, one at a time       µs
//   ready_ms      the pool constructed until its worker served a first call (salloc, srun,
//                 the worker's start, the TCP handshake)                               ms
// Usage: bench_slurm [ROUNDS] — needs SLURM_CONF (bench/run starts a cluster and sets it).

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>

namespace {
int identity(int x)
{
    return x;
}
QMP_TASK(identity);
} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 5000;
    qmp::PoolOptions options;
    qmp::SlurmWorkers slurm;
    slurm.address = QStringLiteral("127.0.0.1");
    slurm.jobName = QStringLiteral("qmp-bench");
    options.slurm = slurm;
    QElapsedTimer clock;
    clock.start();
    qmp::Pool pool(1, options);
    pool.apply(&identity, 0);
    const double readyMs = double(clock.nsecsElapsed()) / 1e6;
    for (int i = 0; i < 200; ++i) // warm-up
        pool.apply(&identity, i);
    clock.restart();
    for (int i = 0; i < rounds; ++i) {
        if (pool.apply(&identity, i) != i) {
            std::fprintf(stderr, "bench_slurm: a wrong result\n");
            return 1;
        }
    }
    const double rttUs = double(clock.nsecsElapsed()) / 1e3 / rounds;
    pool.close();
    pool.join();
    std::printf("apply_rtt_us=%.2f\nready_ms=%.1f\n", rttUs, readyMs);
    return 0;
}
