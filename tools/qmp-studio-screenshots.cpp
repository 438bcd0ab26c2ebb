// qmp-studio-screenshots: makes the README's pictures of the studio (docs/screenshots/*.png). It
// builds the studio's MainWindow with the demo pool, as qmp-studio does, waits, selects the demo
// pool (else the pool that is selected, e.g. an attached program's with --no-demo) and follows its
// newest running command as a user would (--service-group: the QMP service's group), grabs the window (and, with --launcher, the job launcher with a
// typed list of inputs) and quits. A developer tool, not part of the product: it is not installed,
// and the studio itself has no screenshot option. Its settings live in a temporary directory, so
// each run starts at the first-start layout (1360 x 860) whatever the user's studio remembers, and
// the user's settings are left alone. Workers are this program started again (qmp::Runtime).
//
//   xvfb-run -a -s "-screen 0 1400x900x24" qmp-studio-screenshots --language zh_CN studio-zh_CN.png
//   QT_QPA_PLATFORM=offscreen qmp-studio-screenshots --launcher launcher.png studio.png
//   qmp-studio-screenshots --slurm debug studio-slurm.png   # SLURM_CONF set: a pool on Slurm shown
#include "historyview.h"
#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "monitorhub.h"
#include "pooldashboard.h"
#include "runtime.h"
#include "serviceconnection.h"
#include "studiosession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

struct ScreenshotOptions
{
    QString window;   // the window's picture
    QString launcher; // empty: none
    QString language = QStringLiteral("en");
    QString historyPath; // empty: a new history in the temporary directory
    bool demo = true;
    bool showHistory = false;
    QList<qint64> attach;
    QString slurmPartition; // empty: no pool on Slurm
    QString serviceGroup; // non-empty: attach to the QMP service and show this group
    int afterMs = 8000;
};

bool parse(const QStringList &args, ScreenshotOptions *options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Saves pictures of qmp-studio (the main window, and optionally the job launcher) for the README."));
    parser.addHelpOption();
    const QCommandLineOption launcher(QStringLiteral("launcher"), QStringLiteral("Also save a picture of the job launcher to FILE."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("Wait MS milliseconds before the pictures (default 8000)."),
                                   QStringLiteral("MS"), QStringLiteral("8000"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("The studio's language (%1; default en).")
                                          .arg(qmp::LanguageManager::available().join(QStringLiteral(", "))),
                                      QStringLiteral("CODE"), QStringLiteral("en"));
    const QCommandLineOption history(QStringLiteral("history"),
                                     QStringLiteral("Show the task history in FILE (default: a new, empty one)."), QStringLiteral("FILE"));
    const QCommandLineOption historyTab(QStringLiteral("history-tab"), QStringLiteral("Show the History tab."));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), QStringLiteral("Do not start the demo pool."));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    QStringLiteral("Attach to the running program PID (started with QMP_MONITOR=1); may be repeated."),
                                    QStringLiteral("PID"));
    const QCommandLineOption slurm(QStringLiteral("slurm"),
                                   QStringLiteral("Also run a batch of demo tasks on a pool on the Slurm partition P, and "
                                                  "show that pool."),
                                   QStringLiteral("P"));
    const QCommandLineOption service(QStringLiteral("service-group"),
                                     QStringLiteral("Attach to the running QMP service and show its group GROUP."), QStringLiteral("GROUP"));
    parser.addOptions({launcher, after, language, history, historyTab, noDemo, attach, slurm, service});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Where to save the picture of the window (PNG)."));
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        std::exit(0);
    }
    if (parser.positionalArguments().size() != 1) {
        *error = QStringLiteral("one FILE, the window's picture, is wanted (see --help)");
        return false;
    }
    options->window = parser.positionalArguments().first();
    options->launcher = parser.value(launcher);
    options->language = parser.value(language);
    if (!qmp::LanguageManager::available().contains(options->language)) {
        *error = QStringLiteral("unknown language '%1'").arg(options->language);
        return false;
    }
    options->historyPath = parser.value(history);
    options->showHistory = parser.isSet(historyTab);
    options->demo = !parser.isSet(noDemo);
    options->slurmPartition = parser.value(slurm);
    options->serviceGroup = parser.value(service);
    bool ok = false;
    options->afterMs = parser.value(after).toInt(&ok);
    if (!ok || options->afterMs < 0) {
        *error = QStringLiteral("--after wants milliseconds (a whole number >= 0), not '%1'").arg(parser.value(after));
        return false;
    }
    for (const QString &value : parser.values(attach)) {
        const qint64 pid = value.toLongLong(&ok);
        if (!ok || pid <= 0) {
            *error = QStringLiteral("--attach wants a process id, not '%1'").arg(value);
            return false;
        }
        options->attach.append(pid);
    }
    return true;
}

// Selects the newest command that runs in the selected pool, so its output shows.
void followARunningCommand(qmp::MainWindow &window, qmp::StudioSession &session)
{
    const qmp::PoolState *pool = session.hub()->pool(window.selectedPoolId());
    if (!pool)
        return;
    for (auto it = pool->taskOrder().rbegin(); it != pool->taskOrder().rend(); ++it) {
        const qmp::TaskState *task = pool->task(*it);
        if (task && task->isCommand && task->state == qmp::TaskState::State::Running) {
            window.dashboard()->selectTask(task->id);
            return;
        }
    }
    for (auto it = pool->taskOrder().rbegin(); it != pool->taskOrder().rend(); ++it) { // no command: a task
        const qmp::TaskState *task = pool->task(*it);
        if (task && task->state == qmp::TaskState::State::Running) {
            window.dashboard()->selectTask(task->id);
            return;
        }
    }
}

bool save(QWidget *widget, const QString &path)
{
    if (widget->grab().save(path))
        return true;
    std::fprintf(stderr, "qmp-studio-screenshots: cannot save %s\n", qPrintable(path));
    return false;
}

// Opens the job launcher filled in as in the README and saves its picture.
bool saveLauncher(qmp::MainWindow &window, const QString &path)
{
    window.openLauncher();
    qmp::JobLauncherDialog *dialog = window.launcherDialog();
    dialog->setCommandTemplate(QStringLiteral("convert {} -resize 50% {.}-small.png"));
    dialog->setFiles({QStringLiteral("photos/beach.jpg"), QStringLiteral("photos/city night.jpg"),
                      QStringLiteral("photos/forest.jpg")});
    dialog->setTarget(qmp::LaunchTarget::Kind::Service); // the default, whatever pool is selected
    dialog->setPoolName(QStringLiteral("photos"));
    QApplication::processEvents();
    const bool saved = save(dialog, path);
    dialog->reject();
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a worker: runs its task and exits here
    QCoreApplication::setOrganizationName(QStringLiteral("QMP"));
    QCoreApplication::setApplicationName(QStringLiteral("qmp-studio"));
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("QMP Studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/qmp-studio.png")));

    ScreenshotOptions options;
    QString error;
    if (!parse(QApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "qmp-studio-screenshots: %s\n", qPrintable(error));
        return 2;
    }
    const QTemporaryDir scratch;
    if (!scratch.isValid()) {
        std::fprintf(stderr, "qmp-studio-screenshots: no temporary directory: %s\n", qPrintable(scratch.errorString()));
        return 1;
    }
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch.path());

    qmp::LanguageManager languages;
    if (!languages.setLanguage(options.language, false))
        std::fprintf(stderr, "qmp-studio-screenshots: %s\n", qPrintable(languages.errorString()));
    qmp::StudioSession session(options.historyPath.isEmpty() ? scratch.filePath(QStringLiteral("history.sqlite"))
                                                             : options.historyPath);
    qmp::MainWindow window(&session, &languages);
    int demoPoolId = 0;
    if (options.demo) {
        const qmp::StudioSession::Launch demo = session.startDemo();
        if (!demo.ok())
            std::fprintf(stderr, "qmp-studio-screenshots: the demo could not start: %s\n", qPrintable(demo.error));
        demoPoolId = demo.poolId;
    }
    if (!options.slurmPartition.isEmpty()) {
        qmp::BatchSpec primes;
        primes.kind = qmp::BatchSpec::Kind::Task;
        primes.task = QStringLiteral("demo.primeCount");
        primes.title = QStringLiteral("demo.primeCount");
        primes.poolName = QStringLiteral("primes on Slurm");
        primes.processes = 4;
        primes.target = qmp::LaunchTarget::slurm(options.slurmPartition);
        for (int i = 0; i < 400; ++i)
            primes.inputs.append(QString::number(200'000 + (i % 9) * 150'000));
        const qmp::StudioSession::Launch launch = session.launch(primes);
        if (!launch.ok())
            std::fprintf(stderr, "qmp-studio-screenshots: the Slurm batch could not start: %s\n", qPrintable(launch.error));
        else
            demoPoolId = launch.poolId; // shown instead of the demo
    }
    for (qint64 pid : options.attach) {
        if (!session.attachToProcess(pid, &error))
            std::fprintf(stderr, "qmp-studio-screenshots: %s\n", qPrintable(error));
    }
    if (!options.serviceGroup.isEmpty())
        session.service();
    if (options.showHistory)
        window.tabs()->setCurrentWidget(window.historyView());
    window.show();

    // Shortly before: show the demo (an attached program took the selection when it came) and
    // follow a running command's output, as a user would.
    QTimer::singleShot(qMax(0, options.afterMs - 400), &window, [&] {
        if (demoPoolId != 0)
            window.selectPool(demoPoolId);
        if (!options.serviceGroup.isEmpty() && session.service()->poolOfGroup(options.serviceGroup) != 0)
            window.selectPool(session.service()->poolOfGroup(options.serviceGroup));
        followARunningCommand(window, session);
    });
    QTimer::singleShot(options.afterMs, &window, [&] {
        bool ok = save(&window, options.window);
        if (!options.launcher.isEmpty())
            ok = saveLauncher(window, options.launcher) && ok;
        QApplication::exit(ok ? 0 : 1);
    });
    return QApplication::exec();
}
