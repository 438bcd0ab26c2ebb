// A program that `qmp ps` and qmp-studio can attach to: one qmp::AppMonitor line in main(), then
// an ordinary Pool. Run it with QMP_MONITOR=1 (watch only) or QMP_MONITOR=control (the studio may
// pause it, terminate a worker, cancel a task), and in another terminal:
//     qmp ps --watch            or: qmp-studio, File > Attach to program…
//
// usage: monitored_batch [TASKS] [MS]   (default 60 tasks of up to 300 ms in a Pool(3))

#include "appmonitor.h"
#include "errors.h"
#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace {
// A stand-in for real work (resizing a photo, say): takes a while, returns something.
int makeThumbnail(int photo, int ms)
{
    QThread::msleep(ulong(ms / 3 + (photo * 37) % (2 * ms / 3 + 1)));
    return photo * 2;
}
QMP_TASK(makeThumbnail);
} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::AppMonitor monitor; // serves the pools below when QMP_MONITOR is set

    const int tasks = argc > 1 ? QByteArray(argv[1]).toInt() : 60;
    const int ms = argc > 2 ? QByteArray(argv[2]).toInt() : 300;
    if (monitor.isEnabled())
        std::printf("monitor socket: serving (try: qmp ps %lld)\n", QCoreApplication::applicationPid());
    else
        std::printf("monitor socket: off (start with QMP_MONITOR=1 to let qmp ps and the studio see this)\n");
    std::fflush(stdout);

    qmp::PoolOptions options;
    options.name = QStringLiteral("thumbnailer");
    // A worker that dies (or that someone terminates from qmp-studio) takes its task with it:
    // the pool runs that task again on a new worker, up to twice.
    options.retries = 2;
    qmp::Pool pool(3, options);
    int done = 0;
    long long sum = 0;
    QList<int> photos;
    for (int i = 1; i <= tasks; ++i)
        photos.append(i);
    QList<qmp::AsyncResult<int>> results;
    for (int photo : photos)
        results.append(pool.applyAsync(&makeThumbnail, photo, ms));
    int failed = 0;
    for (qsizetype i = 0; i < results.size(); ++i) {
        // One photo that fails for good (its worker lost three times, a task that throws) is
        // reported, and the others still count: catch what get() throws.
        try {
            sum += results[i].get();
            ++done;
        } catch (const qmp::Error &error) {
            ++failed;
            std::printf("photo %d failed: %s\n", photos.at(i), qPrintable(error.message()));
        }
    }
    pool.close();
    pool.join();
    std::printf("%d thumbnails made, checksum %lld\n", done, sum);
    return failed == 0 ? 0 : 1;
}
