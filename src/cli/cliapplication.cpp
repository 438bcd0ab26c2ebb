#include "cliapplication.h"

#include <QCoreApplication>

#include <cstdio>

namespace qmp {

void CliApplication::add(std::unique_ptr<CliSubcommand> subcommand)
{
    m_subcommands.push_back(std::move(subcommand));
}

void CliApplication::printUsage(QTextStream &stream) const
{
    stream << QCoreApplication::translate("CliApplication", "usage: qmp <command> [arguments]    (qmp --version: the version)")
           << QStringLiteral("\n\n") << QCoreApplication::translate("CliApplication", "commands:") << '\n';
    for (const auto &s : m_subcommands)
        stream << "  " << s->name().leftJustified(10) << s->summary() << '\n';
}

int CliApplication::exec(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("--version")) {
        out << "qmp " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    if (arguments.isEmpty() || arguments.first() == QLatin1String("-h") || arguments.first() == QLatin1String("--help")) {
        printUsage(arguments.isEmpty() ? err : out);
        return arguments.isEmpty() ? 2 : 0;
    }
    for (const auto &s : m_subcommands) {
        if (s->name() == arguments.first())
            return s->run(arguments.mid(1), out, err);
    }
    err << "qmp: " << QCoreApplication::translate("CliApplication", "unknown command '%1'").arg(arguments.first()) << '\n';
    printUsage(err);
    return 2;
}

} // namespace qmp
