// qmp-studio: the desktop dashboard. Workers are this program started again (qmp::Runtime).
#include "historystore.h"
#include "historyview.h"
#include "joblauncherdialog.h" // MainWindow holds a QPointer to it
#include "languagemanager.h"
#include "mainwindow.h"
#include "monitorserver.h"
#include "runtime.h"
#include "studiooptions.h"
#include "studiosession.h"

#include <QApplication>
#include <QTabWidget>
#include <QIcon>

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
    session.service(); // shows the QMP service's groups when it runs, and when it starts later
    if (options->demo) {
        const qmp::StudioSession::Launch demo = session.startDemo();
        if (!demo.ok())
            std::fprintf(stderr, "qmp-studio: the demo could not start: %s\n", qPrintable(demo.error));
    }
    for (qint64 pid : options->attach) {
        QString attachError;
        if (!session.attachToProcess(pid, &attachError))
            std::fprintf(stderr, "qmp-studio: %s\n", qPrintable(attachError));
    }
    if (options->showHistory)
        window.tabs()->setCurrentWidget(window.historyView());
    window.show();
    return QApplication::exec();
}
