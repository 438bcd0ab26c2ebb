#pragma once
// ProgramSearch: where execve would find a program, as execvp does: a name with a '/' as it is,
// else the first regular, executable file of that name in a PATH list.

#include <QByteArray>

namespace qmp {

struct Command;

class ProgramSearch
{
public:
    // The path to run for program, looked up in path (":"-separated; empty entries are the
    // current directory; an empty path is "/usr/bin:/bin"); empty when no entry has it.
    static QByteArray find(const QByteArray &program, QByteArray path);
    // program looked up in the command's own PATH when it has an environment, else in ours.
    static QByteArray find(const QByteArray &program, const Command &command);
};

} // namespace qmp
