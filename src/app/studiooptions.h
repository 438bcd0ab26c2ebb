#pragma once
// StudioOptions: the studio's command line — --history FILE, --no-demo, --language CODE,
// --history-tab, --attach PID (repeatable). (The README's screenshots are made by a tool of their
// own, tools/qmp-studio-screenshots, not by the studio.)

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

struct StudioOptions
{
    Q_DECLARE_TR_FUNCTIONS(qmp::StudioOptions)
public:
    QString historyPath;       // empty: $QMP_HISTORY, else HistoryStore::defaultPath() (shared with qmp run)
    bool demo = true;
    QString language;          // empty: the remembered one, else the system's
    bool showHistory = false;  // open on the History tab
    QList<qint64> attach;      // programs to attach to at start (their monitor sockets)

    // args as QCoreApplication::arguments(); nullopt with *error (or *helpText for --help /
    // --version) when the program should stop and print it.
    static std::optional<StudioOptions> parse(const QStringList &args, QString *error, QString *helpText);
};

} // namespace qmp
