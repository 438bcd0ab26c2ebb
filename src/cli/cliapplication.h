#pragma once
// CliApplication: the `qmp` command line — a table of subcommands (`qmp run`, `qmp history`,
// `qmp ps`, `qmp ipc`), each a class with a name, a one-line summary and run().
// main() builds the table and calls exec(); a new subcommand is one add() there.

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace qmp {

// One `qmp <name> ...` subcommand. run() gets the arguments after the name and returns the
// process exit code (0 success, 1 failure, 2 bad usage; `qmp run` keeps GNU parallel's codes,
// 255 for bad usage); out / err are stdout / stderr.
class CliSubcommand
{
public:
    virtual ~CliSubcommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual int run(const QStringList &arguments, QTextStream &out, QTextStream &err) = 0;
};

class CliApplication
{
public:
    void add(std::unique_ptr<CliSubcommand> subcommand);
    // arguments: argv without the program name. Prints usage for none, -h or --help.
    int exec(const QStringList &arguments);

private:
    void printUsage(QTextStream &stream) const;
    std::vector<std::unique_ptr<CliSubcommand>> m_subcommands;
};

} // namespace qmp
