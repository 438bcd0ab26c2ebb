// The studio suite.
// bench_studio SECONDS [TASKS]: the real main window (pool list, dashboard with workers and task
// tables, the four charts) shows a pool receiving a synthetic event stream — TASKS tasks queued,
// started and finished every 10 ms (default 40: 12 000 events/s) — while a 5 ms probe timer
// measures how late the GUI thread's event loop runs. Prints key=value lines for bench/run:
//   events_per_s   events the hub and the window absorbed per second
//   loop_p95_ms    95th percentile lateness of the probe
// bench_studio idle SECONDS [POOLS]: the window with POOLS (default 7) real pools whose batches have
// finished (their workers alive and idle, as after a launch), one of them shown; then the studio's
// CPU over SECONDS (default 10) with nothing happening:
//   idle_cpu_percent   % of one core (user + system, every thread of the studio)
// Runs offscreen unless a display is given.

#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "runtime.h"
#include "monitorhub.h"
#include "studiosession.h"
#include "syntheticpool.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/resource.h>

namespace {

double cpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int idle(int seconds, int pools)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    qmp::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"), false);
    qmp::StudioSession session(dir.filePath(QStringLiteral("history.sqlite")));
    qmp::MainWindow window(&session, &languages);
    window.resize(1360, 860);
    window.show();
    for (int i = 0; i < pools; ++i) {
        qmp::BatchSpec spec;
        spec.kind = qmp::BatchSpec::Kind::Task;
        spec.task = QStringLiteral("demo.sleep");
        spec.inputs = {QStringLiteral("50"), QStringLiteral("80"), QStringLiteral("20"), QStringLiteral("60")};
        spec.poolName = QStringLiteral("launched %1").arg(i + 1);
        spec.processes = 2;
        const qmp::StudioSession::Launch launch = session.launch(spec);
        if (!launch.ok()) {
            std::fprintf(stderr, "bench_studio: %s\n", qPrintable(launch.error));
            return 1;
        }
    }
    window.selectPool(session.hub()->poolIds().first());
    // Until every batch has finished, then a few seconds for what follows an end to settle.
    QElapsedTimer waited;
    waited.start();
    const auto finished = [&] {
        for (int id : session.hub()->poolIds()) {
            if (session.hub()->pool(id)->finishedTasks() < 4)
                return false;
        }
        return true;
    };
    while (!finished() && waited.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!finished()) {
        std::fprintf(stderr, "bench_studio: the pools did not finish\n");
        return 1;
    }
    QTimer::singleShot(3000, &QCoreApplication::quit);
    QApplication::exec();
    const double before = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(seconds * 1000, &QCoreApplication::quit);
    QApplication::exec();
    const double used = cpuSeconds() - before;
    std::printf("idle_cpu_percent=%.2f\n", used / (double(wall.nsecsElapsed()) / 1e9) * 100.0);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // the pools' workers are this program again
    QCoreApplication::setOrganizationName(QStringLiteral("QMP"));
    QCoreApplication::setApplicationName(QStringLiteral("qmp-studio-bench"));
    QApplication app(argc, argv);
    if (argc > 1 && QByteArray(argv[1]) == "idle")
        return idle(argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 10, argc > 3 ? std::max(1, QByteArray(argv[3]).toInt()) : 7);
    const int seconds = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 5;
    const int tasksPerTick = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 40;
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    qmp::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"), false);
    qmp::StudioSession session(dir.filePath(QStringLiteral("history.sqlite")));
    qmp::MainWindow window(&session, &languages);
    window.resize(1360, 860);
    window.show();
    const int id = session.hub()->addPool(QStringLiteral("bench"), 8);
    window.selectPool(id);
    SyntheticPool source(session.hub(), id);
    qint64 fed = 0;
    QTimer feeder;
    feeder.setInterval(10);
    QObject::connect(&feeder, &QTimer::timeout, [&] { fed += source.feed(tasksPerTick); });
    LoopProbe probe;
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    feeder.start();
    probe.start();
    QApplication::exec();
    const double elapsed = double(source.elapsedNs()) / 1e9;
    const double p95 = probe.p95Ms();
    session.hub()->flush();
    if (session.hub()->pool(id)->finishedTasks() != qint64(source.tasksFed())) {
        std::fprintf(stderr, "bench_studio: the hub saw %lld of %llu tasks\n",
                     qlonglong(session.hub()->pool(id)->finishedTasks()), qulonglong(source.tasksFed()));
        return 1;
    }
    std::printf("events_per_s=%.0f\nloop_p95_ms=%.2f\n", double(fed) / elapsed, p95);
    return 0;
}
