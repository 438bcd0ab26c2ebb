#include "taskrecord.h"

#include "commandtemplate.h"

namespace qmp {

void TaskRecord::setCommand(const Command &command)
{
    if (const std::optional<QString> line = CommandTemplate::shellLineOf(command)) {
        shell = true;
        argv = QStringList{*line};
        return;
    }
    shell = false;
    argv = QStringList{command.program} + command.arguments;
}

std::optional<Command> TaskRecord::command() const
{
    if (kind != Kind::Command || argv.isEmpty() || (shell && argv.size() != 1))
        return std::nullopt;
    if (shell)
        return CommandTemplate::shellCommand(argv.first());
    Command c;
    c.program = argv.first();
    c.arguments = argv.mid(1);
    return c;
}

} // namespace qmp
