// bench_manager N — manager.dict: a child process does N rounds of d[i] = i; d[i] through a
// dict proxy (one set and one get per round) and reports the time per round in µs, measured
// in the child after a warm-up. Prints `dict_us=<µs>`. Peer: peer_manager.py.

#include "manager.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

double setGet(qmp::DictProxy d, int rounds)
{
    for (int i = 0; i < 200; ++i) { // warm-up: connection, caches
        d.set(i % 100, i);
        d.at(i % 100);
    }
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < rounds; ++i) {
        d.set(i % 100, i);
        if (d.at(i % 100).toInteger() != i)
            throw qmp::ValueError(QStringLiteral("read back a wrong value"));
    }
    return double(clock.nsecsElapsed()) / 1000.0 / rounds;
}
QMP_TASK(setGet);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 20000;
    if (rounds <= 0) {
        std::fprintf(stderr, "usage: bench_manager [ROUNDS > 0]\n");
        return 2;
    }
    qmp::Manager manager;
    qmp::DictProxy d = manager.dict();
    qmp::Process p(&setGet, d, rounds);
    p.start();
    p.join();
    if (p.exitCode() != 0) {
        std::fprintf(stderr, "bench_manager: the child failed: %s\n", p.error() ? qPrintable(p.error()->message()) : "?");
        return 1;
    }
    std::printf("dict_us=%.2f\n", p.result().toDouble());
    return 0;
}
