#include "programsearch.h"

#include "command.h"
#include "surrogateescape.h"

#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

QByteArray ProgramSearch::find(const QByteArray &program, QByteArray path)
{
    if (program.contains('/'))
        return program;
    if (path.isEmpty())
        path = "/usr/bin:/bin";
    for (const QByteArray &dir : path.split(':')) {
        const QByteArray candidate = (dir.isEmpty() ? QByteArray(".") : dir) + '/' + program;
        struct stat info = {};
        if (::stat(candidate.constData(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.constData(), X_OK) == 0)
            return candidate;
    }
    return {};
}

QByteArray ProgramSearch::find(const QByteArray &program, const Command &command)
{
    return find(program, command.environment.isEmpty() ? qgetenv("PATH")
                                                       : SurrogateEscape::encode(command.environment.value(QStringLiteral("PATH"))));
}

} // namespace qmp
