#pragma once
// Command: an external program to run as a process, the way GNU parallel runs a job.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace qmp {

struct Command
{
    QString program;       // a path, or a name looked up in PATH
    QStringList arguments;
    QString workingDirectory;           // empty: the parent's
    QProcessEnvironment environment{};  // empty: the parent's
};

} // namespace qmp
