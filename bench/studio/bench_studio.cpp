// The studio suite: the real main window (pool list, dashboard with workers and task tables,
// the four charts) shows a pool receiving a synthetic event stream — TASKS tasks queued, started
// and finished every 10 ms (default 40: 12 000 events/s) — while a 5 ms probe timer measures how
// late the GUI thread's event loop runs. Prints key=value lines for bench/run:
//   events_per_s   events the hub and the window absorbed per second
//   loop_p95_ms    95th percentile lateness of the probe
// usage: bench_studio SECONDS [TASKS]  (runs offscreen unless a display is given)

#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
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

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("QMP"));
    QCoreApplication::setApplicationName(QStringLiteral("qmp-studio-bench"));
    QApplication app(argc, argv);
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
