#include "studiooptions.h"

#include "languagemanager.h"

#include <QCommandLineParser>

namespace qmp {

std::optional<StudioOptions> StudioOptions::parse(const QStringList &args, QString *error, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("QMP Studio: launch batches into process pools and watch them run."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption history(QStringLiteral("history"), tr("Keep the task history in FILE."), tr("FILE"));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), tr("Do not start the demo pool."));
    const QCommandLineOption language(QStringLiteral("language"),
                                      tr("Use this language (%1) for this run.").arg(LanguageManager::available().join(QStringLiteral(", "))),
                                      tr("CODE"));
    const QCommandLineOption historyTab(QStringLiteral("history-tab"), tr("Open on the History tab."));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    tr("Attach to the running program PID (started with QMP_MONITOR=1) and show its "
                                       "pools and queues; may be repeated."),
                                    tr("PID"));
    parser.addOptions({history, noDemo, language, historyTab, attach});
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        *helpText = parser.helpText();
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        *helpText = QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("Unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first());
        return std::nullopt;
    }
    StudioOptions options;
    options.historyPath = parser.value(history);
    options.demo = !parser.isSet(noDemo);
    options.language = parser.value(language);
    options.showHistory = parser.isSet(historyTab);
    if (!options.language.isEmpty() && !LanguageManager::available().contains(options.language)) {
        *error = tr("Unknown language '%1'; choose one of %2")
                     .arg(options.language, LanguageManager::available().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    for (const QString &value : parser.values(attach)) {
        bool pidOk = false;
        const qint64 pid = value.toLongLong(&pidOk);
        if (!pidOk || pid <= 0) {
            *error = tr("--attach wants a process id (a whole number > 0), not '%1'").arg(value);
            return std::nullopt;
        }
        options.attach.append(pid);
    }
    return options;
}

} // namespace qmp
