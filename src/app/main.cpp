// qmp-studio: the desktop dashboard. Workers are this program started again (qmp::Runtime).
#include "historystore.h"
#include "historyview.h"
#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "monitorhub.h"
#include "monitorprotocol.h"
#include "monitorserver.h"
#include "pooldashboard.h"
#include "runtime.h"
#include "studiooptions.h"
#include "studiosession.h"

#include <QApplication>
#include <QTabWidget>
#include <QIcon>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a worker: runs its task and exits here
    QCoreApplication::setOrganizationName(QStringLiteral("QMP"));
    QCoreApplication::setApplicationName(QStringLiteral("qmp-studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QMP_VERSION));
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("QMP Studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/qmp-studio.png")));
    QApplication::setDesktopFileName(QStringLiteral("qmp-studio"));

    qmp::LanguageManager languages;
    QString error;
    QString help;
    const std::optional<qmp::StudioOptions> options = qmp::StudioOptions::parse(QApplication::arguments(), &error, &help);
    if (!options) {
        if (!help.isEmpty()) {
            std::fputs(qPrintable(help), stdout);
            return 0;
        }
        std::fprintf(stderr, "qmp-studio: %s\n", qPrintable(error));
        return 2;
    }
    const bool languageOk = options->language.isEmpty() ? languages.restore()
                                                        : languages.setLanguage(options->language, false);
    if (!languageOk)
        std::fprintf(stderr, "qmp-studio: %s\n", qPrintable(languages.errorString()));

    qmp::StudioSession session(options->historyPath.isEmpty() ? qmp::HistoryStore::pathFromEnvironment() : options->historyPath);
    // The studio serves its own pools on its monitor socket, so `qmp ps` and other studios see
    // them; read-only unless started with QMP_MONITOR=control.
    qmp::MonitorServer monitorServer(session.hub());
    monitorServer.setControlAllowed(qgetenv("QMP_MONITOR").trimmed().toLower() == "control");
    monitorServer.setHistoryPath(session.history()->path());
    if (!monitorServer.listen())
        std::fprintf(stderr, "qmp-studio: %s (qmp ps will not list this studio)\n", qPrintable(monitorServer.errorString()));
    qmp::MainWindow window(&session, &languages);
    if (options->demo) {
        const qmp::StudioSession::Launch demo = session.startDemo();
        if (!demo.ok())
            std::fprintf(stderr, "qmp-studio: the demo could not start: %s\n", qPrintable(demo.error));
    }
    for (qint64 pid : options->attach) {
        const QList<qmp::MonitorEndpoint> endpoints = qmp::MonitorProtocol::discover();
        const auto endpoint = std::find_if(endpoints.begin(), endpoints.end(),
                                           [pid](const qmp::MonitorEndpoint &e) { return e.pid == pid; });
        QString attachError;
        if (endpoint == endpoints.end())
            attachError = QCoreApplication::translate("main", "process %1 does not serve a monitor socket (start it with QMP_MONITOR=1)").arg(pid);
        else
            session.attach(*endpoint, &attachError);
        if (!attachError.isEmpty())
            std::fprintf(stderr, "qmp-studio: %s\n", qPrintable(attachError));
    }
    if (options->showHistory)
        window.tabs()->setCurrentWidget(window.historyView());
    window.show();

    if (!options->screenshot.isEmpty()) {
        // Shortly before: follow a running command's output, as a user would.
        QTimer::singleShot(qMax(0, options->screenshotAfterMs - 400), &window, [&] {
            const qmp::PoolState *pool = session.hub()->pool(window.selectedPoolId());
            if (!pool)
                return;
            for (auto it = pool->taskOrder().rbegin(); it != pool->taskOrder().rend(); ++it) {
                const qmp::TaskState *task = pool->task(*it);
                if (task && task->isCommand && task->state == qmp::TaskState::State::Running) {
                    window.dashboard()->selectTask(task->id);
                    break;
                }
            }
        });
        QTimer::singleShot(options->screenshotAfterMs, &window, [&] {
            int status = 0;
            if (!window.grab().save(options->screenshot)) {
                std::fprintf(stderr, "qmp-studio: cannot save %s\n", qPrintable(options->screenshot));
                status = 1;
            }
            if (!options->launcherScreenshot.isEmpty()) {
                window.openLauncher();
                qmp::JobLauncherDialog *dialog = window.launcherDialog();
                dialog->setCommandTemplate(QStringLiteral("convert {} -resize 50% {.}-small.png"));
                dialog->setFiles({QStringLiteral("photos/beach.jpg"), QStringLiteral("photos/city night.jpg"),
                                  QStringLiteral("photos/forest.jpg")});
                dialog->setTimeoutSeconds(60);
                dialog->setRetries(1);
                QApplication::processEvents();
                if (!dialog->grab().save(options->launcherScreenshot)) {
                    std::fprintf(stderr, "qmp-studio: cannot save %s\n", qPrintable(options->launcherScreenshot));
                    status = 1;
                }
                dialog->reject();
            }
            QApplication::exit(status);
        });
    }
    return QApplication::exec();
}
