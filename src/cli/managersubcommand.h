#pragma once
// `qmp manager serve --address ADDRESS --authkey-file FILE`: runs a manager server in the
// foreground (Python's BaseManager(...).get_server().serve_forever()) holding the built-in
// types (dict, list, Queue, Lock, Event, Value, Namespace...), until SIGINT / SIGTERM / SIGHUP.
// Clients in other programs reach it with qmp::Manager::connect(ADDRESS, key). ADDRESS is
// "host:port" (TCP; port 0 picks one) or "@name" (a local abstract socket). The key is the
// file's bytes (one trailing newline dropped); an empty or unreadable file is refused. Prints
// "serving on ADDRESS" (the port resolved) once it listens.

#include "cliapplication.h"

#include <QCoreApplication>

namespace qmp {

class ManagerSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::ManagerSubcommand)

public:
    QString name() const override { return QStringLiteral("manager"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

} // namespace qmp
