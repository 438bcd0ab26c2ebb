#include "cliapplication.h"

#include <cstdio>

namespace qmp {

void CliApplication::add(std::unique_ptr<CliSubcommand> subcommand)
{
    m_subcommands.push_back(std::move(subcommand));
}

void CliApplication::printUsage(QTextStream &stream) const
{
    stream << "usage: qmp <command> [arguments]\n\ncommands:\n";
    for (const auto &s : m_subcommands)
        stream << "  " << s->name().leftJustified(10) << s->summary() << '\n';
}

int CliApplication::exec(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.first() == QLatin1String("-h") || arguments.first() == QLatin1String("--help")) {
        printUsage(arguments.isEmpty() ? err : out);
        return arguments.isEmpty() ? 2 : 0;
    }
    for (const auto &s : m_subcommands) {
        if (s->name() == arguments.first())
            return s->run(arguments.mid(1), out, err);
    }
    err << "qmp: unknown command '" << arguments.first() << "'\n";
    printUsage(err);
    return 2;
}

} // namespace qmp
