// qmp — the command line. Each subcommand is a CliSubcommand; add new ones here.

#include "cliapplication.h"
#include "historysubcommand.h"
#include "ipcsubcommand.h"
#include "pssubcommand.h"
#include "runsubcommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qmp"));
    qmp::CliApplication cli;
    cli.add(std::make_unique<qmp::RunSubcommand>());
    cli.add(std::make_unique<qmp::HistorySubcommand>());
    cli.add(std::make_unique<qmp::PsSubcommand>());
    cli.add(std::make_unique<qmp::IpcSubcommand>());
    return cli.exec(QCoreApplication::arguments().mid(1));
}
