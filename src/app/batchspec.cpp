#include "batchspec.h"

#include "commandtemplate.h"
#include "errors.h"

namespace qmp {

BatchSpec BatchSpec::fromTemplate(const QString &text, const QStringList &inputs)
{
    const CommandTemplate job(text, 1);
    if (job.usesSlot())
        throw ValueError(QStringLiteral("{%} (the job slot) is only known when a job starts: the studio expands a "
                                        "batch before it runs, so use {#} (the job number), or qmp run"));
    BatchSpec spec;
    spec.kind = Kind::Commands;
    spec.title = text.trimmed();
    spec.commandTemplate = text;
    spec.shell = job.needsShell();
    spec.commands.reserve(inputs.size());
    spec.lines.reserve(inputs.size());
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QString line = job.expand({inputs.at(i)}, i + 1, 1);
        spec.lines.append(line);
        spec.commands.append(job.toCommand(line));
    }
    return spec;
}

} // namespace qmp
