// qmp_demo — the README's first command runs this: a tour of qmp::Process in one screen.
// Parallel work with results, a task that throws, a crash, a stuck child terminated, and an
// external command with captured output — each with the exit code Python would report.

#include "qmp.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

namespace {

// Counts the primes below limit, the slow way: real CPU work for each child.
qint64 countPrimes(qint64 limit)
{
    qint64 count = 0;
    for (qint64 n = 2; n < limit; ++n) {
        bool prime = true;
        for (qint64 d = 2; d * d <= n; ++d) {
            if (n % d == 0) {
                prime = false;
                break;
            }
        }
        count += prime;
    }
    return count;
}
QMP_TASK(countPrimes);

void parseConfig(const QString &path)
{
    throw std::runtime_error("no such file: " + path.toStdString());
}
QMP_TASK(parseConfig);

void crash()
{
    std::signal(SIGSEGV, SIG_DFL); // no handler (sanitizers install one): die as a bad pointer would
    std::raise(SIGSEGV);           // the parent sees exit code -11, nothing hangs
}
QMP_TASK(crash);

void hang()
{
    for (;;)
        QThread::sleep(1);
}
QMP_TASK(hang);

void line(const char *text)
{
    std::printf("%s\n", text);
}

QString describe(qmp::Process &p)
{
    QString text = QStringLiteral("%1 (pid %2) exit code %3").arg(p.name()).arg(p.pid()).arg(p.exitCode().value_or(0));
    if (p.error())
        text += QStringLiteral(" — %1: %2").arg(p.error()->type(), p.error()->remoteMessage());
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a worker: runs its task and exits here
    QCoreApplication app(argc, argv);

    std::printf("QMP process demo — %d CPUs, main process pid %lld\n\n", qmp::cpuCount(),
                qmp::currentProcess().pid());

    line("1. Four processes count primes in parallel; results come back to the parent:");
    QElapsedTimer timer;
    timer.start();
    const std::vector<qint64> limits{1000000, 1500000, 2000000, 2500000};
    std::vector<std::unique_ptr<qmp::Process>> workers;
    for (qint64 limit : limits) {
        workers.push_back(std::make_unique<qmp::Process>(&countPrimes, limit));
        workers.back()->start();
    }
    for (std::size_t i = 0; i < workers.size(); ++i) {
        qmp::Process &p = *workers[i];
        p.join();
        std::printf("   %s (pid %lld): %lld primes below %lld\n", qPrintable(p.name()), p.pid(),
                    p.result().toInteger(), limits[i]);
    }
    std::printf("   all four in %lld ms\n\n", timer.elapsed());

    line("2. A task that throws: its C++ type and message reach the parent (exit code 1):");
    qmp::Process failing(&parseConfig, "/etc/qmp/missing.conf");
    failing.setOutputMode(qmp::Process::OutputMode::Discard); // its traceback-like line on stderr
    failing.start();
    failing.join();
    std::printf("   %s\n\n", qPrintable(describe(failing)));

    line("3. A child that crashes: reported as -SIGSEGV, the parent carries on:");
    qmp::Process crashing(&crash);
    crashing.start();
    crashing.join();
    std::printf("   %s\n\n", qPrintable(describe(crashing)));

    line("4. A stuck child: join(500 ms) times out, terminate() ends it (-SIGTERM):");
    qmp::Process stuck(&hang);
    stuck.start();
    const bool ended = stuck.join(500);
    std::printf("   joined within 500 ms: %s; alive: %s\n", ended ? "yes" : "no", stuck.isAlive() ? "yes" : "no");
    stuck.terminate();
    stuck.join();
    std::printf("   %s\n\n", qPrintable(describe(stuck)));

    line("5. An external command, its output captured:");
    qmp::Process command(qmp::Command{QStringLiteral("uname"), {QStringLiteral("-sr")}, {}, {}});
    command.setOutputMode(qmp::Process::OutputMode::Capture);
    command.start();
    command.join();
    std::printf("   %s: %s", qPrintable(describe(command)), command.readAllStandardOutput().constData());

    std::printf("\nSee README.md for the API; `bash scripts/test` runs every test.\n");
    return 0;
}
