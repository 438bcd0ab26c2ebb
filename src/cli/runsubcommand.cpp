#include "runsubcommand.h"

#include "commandtemplate.h"
#include "errors.h"
#include "historystore.h"
#include "jobinputs.h"
#include "runoptions.h"
#include "runsession.h"
#include "signalwatcher.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace qmp {

QString RunSubcommand::summary() const
{
    return QCoreApplication::translate("RunSubcommand", "run a command for each input, like GNU parallel");
}

QString RunSubcommand::historyPath(const QString &option)
{
    return option.isEmpty() ? HistoryStore::pathFromEnvironment() : option;
}

int RunSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    constexpr int usageError = 255; // GNU parallel's status for bad usage
    QString error;
    const std::optional<RunOptions> options = RunOptions::parse(arguments, &error);
    if (!options) {
        err << "qmp run: " << error << '\n';
        return usageError;
    }
    if (options->help) {
        out << RunOptions::usage();
        return 0;
    }
    const int sources = options->inputs.isEmpty() ? 1 : int(options->inputs.size());
    std::optional<CommandTemplate> commandTemplate;
    try {
        commandTemplate.emplace(options->commandTemplate, sources);
    } catch (const Error &e) {
        err << "qmp run: " << e.message() << '\n';
        return usageError;
    }
    if (const QString notice = JobInputs::terminalNotice(options->inputs, stdin); !notice.isEmpty()) {
        err << "qmp run: " << notice << '\n';
        err.flush(); // before the wait for typing
    }
    // Only stdin: read it while the jobs run, as parallel does (a dry run reads it all first).
    const bool streaming = options->inputs.isEmpty() && !options->dryRun;
    std::optional<JobInputs> inputs = streaming ? JobInputs(QList<QStringList>{QStringList{}})
                                                : JobInputs::read(options->inputs, stdin, &error);
    if (!inputs) {
        err << "qmp run: " << error << '\n';
        return usageError;
    }
    if (!streaming && inputs->count() == 0) {
        err << "qmp run: " << QCoreApplication::translate("RunSubcommand", "no input: nothing to run") << '\n';
        return 0;
    }
    err.flush();
    out.flush();

    std::unique_ptr<HistoryStore> history;
    if (!options->noHistory && !options->dryRun) {
        history = std::make_unique<HistoryStore>(historyPath(options->history));
        if (!history->isOpen()) {
            // Nothing has run yet: refuse rather than run unrecorded (or record somewhere else).
            err << "qmp run: " << history->errorString() << '\n'
                << "qmp run: "
                << QCoreApplication::translate("RunSubcommand", "use --history FILE for another history file, or "
                                                                "--no-history to run without recording")
                << '\n';
            return usageError;
        }
        if (!history->errorString().isEmpty()) // a damaged file was moved aside: say so, loudly
            err << "qmp run: " << history->errorString() << '\n';
        err.flush();
    }

    RunSession session(*options, std::move(*inputs), std::move(*commandTemplate), history.get());
    if (streaming)
        session.streamInput(0);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalled, &session, &RunSession::stop);
    return session.exec();
}

} // namespace qmp
