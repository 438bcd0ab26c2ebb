// process.start_join: how many Process start() + join() pairs per second, one after another,
// for a task that does nothing. Prints "processes_per_second=<x> count=<n>".

#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

namespace {
void noop() {}
QMP_TASK(noop);
} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 300;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_process [COUNT > 0]\n");
        return 2;
    }
    for (int i = 0; i < 5; ++i) { // warm the page cache and the loader
        qmp::Process p(&noop);
        p.start();
        p.join();
    }
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        qmp::Process p(&noop);
        p.start();
        p.join();
        if (p.exitCode() != 0) {
            std::fprintf(stderr, "bench_process: a child failed with exit code %d\n", p.exitCode().value_or(-999));
            return 1;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("processes_per_second=%.1f count=%d\n", count / seconds, count);
    return 0;
}
